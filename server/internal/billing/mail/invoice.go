package mail

import (
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
)

// Sender is who invoices come from: a billing entity's SMTP settings'
// addresses and its company name.
type Sender struct {
	From, FromName, ReplyTo string
	// Bcc, when set, gets a copy of every invoice e-mail (the bookkeeping).
	Bcc string
	// Company signs the message, e.g. Leitstand Hosting GmbH.
	Company string
}

// Invoice is what the invoice e-mail says about an invoice.
type Invoice struct {
	// Number, e.g. RE-2027-000042; the attachment is named after it.
	Number string
	// Cancels is, for a cancellation invoice, the number of the invoice
	// it cancels; empty for an invoice.
	Cancels string
	// Organization is the customer's name, for the greeting.
	Organization string
	// TotalCents is the gross amount in the currency's cents; negative
	// on a cancellation invoice.
	TotalCents int64
	Currency   string
	IssueDate  calendar.Date
	// DueDate is when payment is due; zero on a cancellation invoice or
	// one that is not paid by transfer.
	DueDate calendar.Date
	// PDF is the invoice document: a ZUGFeRD e-invoice.
	PDF []byte
	// XRechnung, when set, is the e-invoice the organization takes
	// instead; the PDF goes with it as a copy to read.
	XRechnung *XRechnung
}

// XRechnung is an invoice as XRechnung XML.
type XRechnung struct {
	Syntax string // CII or UBL
	XML    []byte
}

// InvoiceMessage is the German e-mail that carries an invoice or a
// cancellation invoice to the organization's address to, with its PDF
// attached as <number>.pdf and, for an organization taking XRechnung, the
// XML as <number>.xml before it: the invoice it books.
func InvoiceMessage(s Sender, to string, inv Invoice) Message {
	var subject string
	var b strings.Builder
	fmt.Fprintf(&b, "Guten Tag %s,\n\n", inv.Organization)
	if inv.Cancels != "" {
		subject = fmt.Sprintf("Stornorechnung %s zur Rechnung %s", inv.Number, inv.Cancels)
		fmt.Fprintf(&b, "anbei erhalten Sie die Stornorechnung %s vom %s zur Rechnung %s.\n", inv.Number, date(inv.IssueDate), inv.Cancels)
		fmt.Fprintf(&b, "Betrag: %s\n", cents.Format(inv.TotalCents, inv.Currency))
		b.WriteString("\nDie Rechnung " + inv.Cancels + " ist damit aufgehoben. Einen bereits gezahlten Betrag erstatten wir Ihnen.\n")
	} else {
		subject = "Ihre Rechnung " + inv.Number
		fmt.Fprintf(&b, "anbei erhalten Sie Ihre Rechnung %s vom %s.\n", inv.Number, date(inv.IssueDate))
		fmt.Fprintf(&b, "Rechnungsbetrag: %s\n", cents.Format(inv.TotalCents, inv.Currency))
		if !inv.DueDate.IsZero() {
			fmt.Fprintf(&b, "Fällig am: %s\n", date(inv.DueDate))
		}
		b.WriteString("\nDie Zahlungsdetails finden Sie in der beigefügten Rechnung. Bitte geben Sie bei der Überweisung die Rechnungsnummer an.\n")
	}
	attachments := []Attachment{{Name: inv.Number + ".pdf", ContentType: "application/pdf", Bytes: inv.PDF}}
	if x := inv.XRechnung; x != nil {
		fmt.Fprintf(&b, "\nDie Rechnung liegt als XRechnung (%s) in der Datei %s.xml bei; das PDF ist eine Kopie zur Ansicht.\n", x.Syntax, inv.Number)
		attachments = append([]Attachment{{Name: inv.Number + ".xml", ContentType: "application/xml", Bytes: x.XML}}, attachments...)
	}
	b.WriteString("\nBei Fragen antworten Sie einfach auf diese E-Mail.\n\nMit freundlichen Grüßen\n")
	b.WriteString(s.Company)
	b.WriteString("\n")
	return Message{
		From: s.From, FromName: s.FromName, ReplyTo: s.ReplyTo, To: to, Bcc: s.Bcc,
		Subject:     subject,
		Body:        b.String(),
		Attachments: attachments,
	}
}

// date writes a date the German way: 17.01.2027.
func date(d calendar.Date) string {
	return fmt.Sprintf("%02d.%02d.%04d", d.Day(), d.Month(), d.Year())
}
