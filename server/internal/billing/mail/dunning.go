package mail

import (
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
)

// Dunning is what a dunning notice's e-mail says.
type Dunning struct {
	// Title is the letter's: "Zahlungserinnerung", "1. Mahnung".
	Title string
	// Invoice is the overdue invoice's number.
	Invoice      string
	Organization string
	// OpenCents is what the letter asks for, fees included.
	OpenCents int64
	Currency  string
	PayBy     calendar.Date
	// PDF is the letter; FileName its attachment's name.
	PDF      []byte
	FileName string
}

// DunningMessage is the German e-mail that carries a payment reminder or a
// Mahnung to the organization's billing address, with the letter attached.
func DunningMessage(s Sender, to string, d Dunning) Message {
	var b strings.Builder
	fmt.Fprintf(&b, "Guten Tag %s,\n\n", d.Organization)
	fmt.Fprintf(&b, "anbei erhalten Sie unsere %s zur Rechnung %s.\n", d.Title, d.Invoice)
	fmt.Fprintf(&b, "Offener Betrag: %s\n", cents.Format(d.OpenCents, d.Currency))
	fmt.Fprintf(&b, "Bitte zahlen Sie bis zum: %s\n", date(d.PayBy))
	b.WriteString("\nSollten Sie die Zahlung bereits veranlasst haben, betrachten Sie diese E-Mail bitte als gegenstandslos.\n")
	b.WriteString("Bei Fragen antworten Sie einfach auf diese E-Mail.\n\nMit freundlichen Grüßen\n")
	b.WriteString(s.Company)
	b.WriteString("\n")
	return Message{
		From: s.From, FromName: s.FromName, ReplyTo: s.ReplyTo, To: to, Bcc: s.Bcc,
		Subject: fmt.Sprintf("%s zur Rechnung %s", d.Title, d.Invoice),
		Body:    b.String(),
		Attachments: []Attachment{{
			Name: d.FileName, ContentType: "application/pdf", Bytes: d.PDF,
		}},
	}
}
