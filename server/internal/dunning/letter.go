package dunning

import (
	"fmt"
	"strings"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// letterOf is what a notice says: the German letter of its level about
// the overdue invoice inv, with the fee invoices of this invoice's dunning
// that are still open (the one of this level among them), addressed as
// the issuer's letters are today.
type letterOf struct {
	issuer   settings.Settings
	org      *ent.Organization
	inv      *ent.Invoice
	level    string
	date     calendar.Date
	payBy    calendar.Date
	previous *ent.DunningNotice // the notice of the level before; nil for the reminder
	fee      *ent.Invoice       // this level's fee invoice; nil without a fee
	fees     []*ent.Invoice     // earlier levels' fee invoices still open
}

func (l letterOf) letter() invoicepdf.Letter {
	issuer, customer := invoice.Parties(l.issuer, l.org)
	inv := l.inv
	ref := fmt.Sprintf("%s vom %s", inv.Number, german(dateOf(inv.IssueDate)))
	items := []invoicepdf.LetterItem{{Description: "Rechnung " + ref, DueDate: dateOf(inv.DueDate),
		AmountCents: inv.GrossCents, PaidCents: inv.PaidCents}}
	numbers := []string{inv.Number}
	for _, f := range append(append([]*ent.Invoice{}, l.fees...), l.fee) {
		if f == nil {
			continue
		}
		items = append(items, invoicepdf.LetterItem{Description: "Mahngebühr, Rechnung " + f.Number,
			DueDate: dateOf(f.DueDate), AmountCents: f.GrossCents, PaidCents: f.PaidCents})
		numbers = append(numbers, f.Number)
	}
	payBy := german(l.payBy)
	var body string
	switch l.level {
	case Reminder:
		body = fmt.Sprintf("sicher ist es Ihrer Aufmerksamkeit entgangen: Unsere Rechnung %s war am %s fällig und ist noch nicht "+
			"vollständig bezahlt. Bitte überweisen Sie den offenen Betrag bis zum %s.", ref, german(dateOf(inv.DueDate)), payBy)
	case FirstNotice:
		body = fmt.Sprintf("auf unsere Zahlungserinnerung vom %s haben wir zu unserer Rechnung %s noch keinen vollständigen "+
			"Zahlungseingang feststellen können. Wir bitten Sie, den offenen Betrag bis zum %s zu überweisen.",
			german(dateOf(l.previous.IssueDate)), ref, payBy)
	default:
		body = fmt.Sprintf("trotz unserer 1. Mahnung vom %s ist unsere Rechnung %s weiterhin offen. Wir fordern Sie auf, den "+
			"offenen Betrag bis spätestens %s zu überweisen. Geht die Zahlung bis dahin nicht ein, behalten wir uns weitere "+
			"Schritte vor.", german(dateOf(l.previous.IssueDate)), ref, payBy)
	}
	paragraphs := []string{"Sehr geehrte Damen und Herren,", body}
	// The fee and the usual courtesy in one paragraph: the letter stays
	// on one page.
	last := "Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos."
	if l.fee != nil {
		last = fmt.Sprintf("Für dieses Schreiben berechnen wir eine Mahngebühr von %s (Rechnung %s). ",
			cents.Format(l.fee.GrossCents, l.fee.Currency), l.fee.Number) + last
	}
	paragraphs = append(paragraphs, last)
	return invoicepdf.Letter{
		Title: titles[l.level], Date: l.date, PayBy: l.payBy, Currency: inv.Currency,
		Issuer: issuer, Customer: customer, Reference: strings.Join(numbers, " "),
		Paragraphs: paragraphs, Items: items,
		Closing: []string{"Mit freundlichen Grüßen\n" + issuer.Name},
	}
}

// german writes a date the German way: 17.01.2027.
func german(d calendar.Date) string {
	return fmt.Sprintf("%02d.%02d.%04d", d.Day(), d.Month(), d.Year())
}
