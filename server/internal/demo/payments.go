package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Payments pays the demo invoices as customers do: most within their
// terms, by bank transfer, by card through Stripe or through Mollie; the
// recent ones are open and a few of the last months overdue. Among them
// every status a payment has: a Stripe payment pending, one refunded in
// part, one paid twice and refunded whole, one disputed by the card holder; a Mollie payment that failed
// (to chase) and one that expired; a bank transfer booked to the wrong
// invoice and reversed; one invoice paid in part, one paid twice over a
// little (the organization's credit). Then the overdue check marks what
// is left past its due date, and yesterday's bank statement is imported.
func (s *Seeder) Payments(ctx context.Context) error {
	if s.InvoiceService == nil {
		return nil
	}
	ctx = authz.System(ctx)
	now := s.Clock.Now()
	rows, err := s.Client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusISSUED), entinvoice.KindEQ(entinvoice.KindINVOICE),
		entinvoice.GrossCentsGT(0)).Order(entinvoice.ByIssueDate(), entinvoice.ByID()).All(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(23, 5))
	var pays []demoPayment
	paid := map[uuid.UUID]int64{}
	lastPaid := map[uuid.UUID]time.Time{}
	add := func(p demoPayment) {
		pays = append(pays, p)
		if p.status == entpayment.StatusSUCCEEDED {
			paid[p.inv.ID] += p.amount - p.refunded
			if p.at.After(lastPaid[p.inv.ID]) {
				lastPaid[p.inv.ID] = p.at
			}
		}
	}
	var partial, over, open []*ent.Invoice
	for i, r := range rows {
		due, err := time.Parse(time.DateOnly, r.DueDate)
		if err != nil {
			return err
		}
		// Not due yet, or one in seven of the last three months: left
		// open, for the overdue check.
		if !due.Before(now) || (now.Sub(due) < 90*24*time.Hour && i%7 == 3) {
			if due.Before(now) && len(partial) == 0 {
				partial = append(partial, r)
			}
			open = append(open, r)
			continue
		}
		at := due.Add(-time.Duration(rng.IntN(12*24)) * time.Hour).Add(9 * time.Hour)
		if at.After(now) {
			at = now
		}
		p := demoPayment{inv: r, amount: r.GrossCents, at: at, status: entpayment.StatusSUCCEEDED}
		switch k := rng.IntN(20); {
		case k < 12:
			p.method = entpayment.MethodBANK_TRANSFER
			p.reference = fmt.Sprintf("%s Kd-Nr. K-%s", r.Number, strings.ToUpper(ids.Format(ids.Organization, r.OrganizationID)[26:]))
		case k < 17:
			p.method = entpayment.MethodSTRIPE
		default:
			p.method = entpayment.MethodMOLLIE
		}
		if len(over) == 0 && i > len(rows)/2 && p.method == entpayment.MethodBANK_TRANSFER {
			// Paid twice over a little: the rest is the organization's credit.
			over = append(over, r)
			p.amount += 2500
			p.note = "Betrag versehentlich aufgerundet überwiesen"
		}
		add(p)
	}
	// The last months' special cases, on the paid invoices of the end of
	// the list (whose payments are recent).
	var stripePaid, bankPaid []demoPayment
	for i := len(pays) - 1; i >= 0 && (len(stripePaid) < 2 || len(bankPaid) < 1); i-- {
		switch p := &pays[i]; p.method {
		case entpayment.MethodSTRIPE:
			if len(stripePaid) < 2 {
				stripePaid = append(stripePaid, *p)
				if len(stripePaid) == 1 {
					// Refunded in part: a service credit for an outage.
					p.refunded = p.amount / 5
					paid[p.inv.ID] -= p.refunded
					p.reason = "Gutschrift für den Ausfall am Monatsanfang"
					// And paid twice by card: the second refunded whole.
					add(demoPayment{inv: p.inv, method: entpayment.MethodSTRIPE, amount: p.amount, refunded: p.amount,
						at: p.at.Add(40 * time.Minute), status: entpayment.StatusREFUNDED, reason: "Doppelt bezahlt"})
				} else {
					// Charged back by the card holder: the invoice is open again.
					p.status = entpayment.StatusDISPUTED
					paid[p.inv.ID] -= p.amount
					p.failure = "Chargeback: the card holder does not recognise the payment (fraudulent)"
				}
			}
		case entpayment.MethodBANK_TRANSFER:
			if len(bankPaid) < 1 && !containsInvoice(over, p.inv) {
				bankPaid = append(bankPaid, *p)
				// First booked by hand to the wrong amount, reversed, then
				// booked right (the payment above).
				add(demoPayment{inv: p.inv, method: entpayment.MethodBANK_TRANSFER, amount: p.amount * 10, at: p.at,
					status: entpayment.StatusREVERSED, reference: p.reference, reason: "Betrag falsch erfasst (Komma verrutscht)"})
			}
		}
	}
	for _, r := range partial {
		add(demoPayment{inv: r, method: entpayment.MethodBANK_TRANSFER, amount: r.GrossCents / 2, at: now.Add(-6 * 24 * time.Hour),
			status: entpayment.StatusSUCCEEDED, reference: r.Number + " Teilzahlung 1/2", note: "Ratenzahlung vereinbart"})
	}
	// The open invoices of the last days: one waiting for a Stripe
	// payment, one whose Mollie payment failed (to chase), one whose
	// Mollie link expired.
	for i, r := range open[max(0, len(open)-3):] {
		p := demoPayment{inv: r, amount: r.GrossCents, at: now.Add(-time.Duration(i+1) * 26 * time.Hour)}
		switch i {
		case 0:
			p.method, p.status = entpayment.MethodSTRIPE, entpayment.StatusPENDING
		case 1:
			p.method, p.status = entpayment.MethodMOLLIE, entpayment.StatusFAILED
			p.failure = "The payment was declined by the issuing bank (insufficient funds)"
		default:
			p.method, p.status = entpayment.MethodMOLLIE, entpayment.StatusCANCELED
			p.failure = "The payment link expired unpaid"
		}
		add(p)
	}
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		creates := make([]*ent.PaymentCreate, len(pays))
		for i, p := range pays {
			id := uuid.Must(uuid.NewV7())
			c := tx.Payment.Create().SetID(id).SetOrganizationID(p.inv.OrganizationID).SetInvoiceID(p.inv.ID).
				SetInvoiceNumber(p.inv.Number).SetMethod(p.method).SetStatus(p.status).SetAmountCents(p.amount).
				SetCurrency(p.inv.Currency).SetRefundedCents(p.refunded).SetValueDate(p.at.Format(time.DateOnly)).
				SetReference(p.reference).SetNote(p.note).SetFailureReason(p.failure).SetReason(p.reason).
				SetStatusTime(p.at).SetCreateTime(p.at).SetUpdateTime(p.at)
			switch p.method {
			case entpayment.MethodSTRIPE:
				pid := "pi_3" + demoToken(rng, 23)
				c.SetProviderPaymentID(pid).SetReference(pid).SetRecordedByEmail("system")
			case entpayment.MethodMOLLIE:
				pid := "tr_" + demoToken(rng, 10)
				c.SetProviderPaymentID(pid).SetReference(pid).SetRecordedByEmail("system")
				if p.status == entpayment.StatusFAILED {
					c.SetCheckoutURL("https://www.mollie.com/checkout/select-method/" + pid[3:])
				}
			default:
				c.SetRecordedByEmail("buchhaltung@demo.leitstand.test")
			}
			creates[i] = c
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "payment", TargetID: ids.Format(ids.Payment, id),
				After: map[string]any{"invoice": p.inv.Number, "method": string(p.method), "status": string(p.status),
					"amount_cents": p.amount}})
		}
		for part := range slices.Chunk(creates, 500) {
			if err := tx.Payment.CreateBulk(part...).Exec(ctx); err != nil {
				return err
			}
		}
		for _, r := range rows {
			sum := paid[r.ID]
			if sum == 0 {
				continue
			}
			upd := tx.Invoice.UpdateOneID(r.ID).SetPaidCents(sum)
			if sum >= r.GrossCents {
				upd.SetStatus(entinvoice.StatusPAID).SetPaidTime(lastPaid[r.ID]).SetUpdateTime(lastPaid[r.ID])
				log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "invoice", TargetID: ids.Format(ids.Invoice, r.ID),
					After: map[string]any{"number": r.Number, "status": "PAID", "paid_cents": sum}})
			}
			if err := upd.Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo payments: %w", err)
	}
	if _, err = s.InvoiceService.MarkOverdue(ctx); err != nil {
		return err
	}
	return s.bankStatement(ctx)
}

// bankStatement imports yesterday's statement of the platform's account:
// a transfer paying an open invoice, one paying part of another, one
// naming two invoices and one naming none (both waiting for staff), and
// the data centre's rent going out.
func (s *Seeder) bankStatement(ctx context.Context) error {
	if s.PaymentService == nil || s.Settings == nil {
		return nil
	}
	open, err := s.Client.Invoice.Query().Where(entinvoice.StatusIn(entinvoice.StatusISSUED, entinvoice.StatusOVERDUE),
		entinvoice.KindEQ(entinvoice.KindINVOICE), entinvoice.PaidCents(0), entinvoice.GrossCentsGT(1000)).
		Order(entinvoice.ByIssueDate(), entinvoice.ByID()).All(ctx)
	if err != nil || len(open) < 4 {
		return err
	}
	now := s.Clock.Now()
	day := calendar.On(now, time.UTC).AddDays(-1)
	name := func(inv *ent.Invoice) string {
		o, err := s.Client.Organization.Get(ctx, inv.OrganizationID)
		if err != nil {
			return "Kunde"
		}
		return strings.ToUpper(o.LegalName)
	}
	a, b, c, d := open[0], open[1], open[2], open[3]
	file := CAMT053(PlatformSettings.Bank.IBAN, "STMT-"+day.String(), now.Add(-3*time.Hour), []Booking{
		{Ref: "DEMO-" + day.String() + "-1", Day: day, AmountCents: a.GrossCents, Name: name(a), IBAN: "DE02100100100006820101",
			Remittance: "RECHNUNG " + strings.ReplaceAll(a.Number, "-", " ")},
		{Ref: "DEMO-" + day.String() + "-2", Day: day, AmountCents: b.GrossCents / 2, Name: name(b), IBAN: "DE02200505501015871393",
			Remittance: b.Number + " 1. Rate"},
		{Ref: "DEMO-" + day.String() + "-3", Day: day, AmountCents: c.GrossCents + d.GrossCents, Name: name(c), IBAN: "DE02300209000106531065",
			Remittance: "Sammelueberweisung " + c.Number + " " + d.Number + " abzgl. Skonto"},
		{Ref: "DEMO-" + day.String() + "-4", Day: day, AmountCents: 11900, Name: "HEINZ BERGMANN", IBAN: "DE02500105170137075030",
			Remittance: "Danke fuer die schnelle Hilfe"},
		{Ref: "DEMO-" + day.String() + "-5", Day: day, AmountCents: -249000, Name: "Rechenzentrum Nord GmbH", IBAN: "DE02600501010002034304",
			Remittance: "Miete Rack 12 Dezember"},
	})
	_, _, err = s.PaymentService.Import(ctx, "kontoauszug-"+day.String()+".xml", file, false)
	return err
}

type demoPayment struct {
	inv                     *ent.Invoice
	method                  entpayment.Method
	status                  entpayment.Status
	amount, refunded        int64
	at                      time.Time
	reference, note, reason string
	failure                 string
}

func containsInvoice(list []*ent.Invoice, inv *ent.Invoice) bool {
	return slices.ContainsFunc(list, func(r *ent.Invoice) bool { return r.ID == inv.ID })
}

// demoToken is n characters a provider's ids are made of.
func demoToken(rng *rand.Rand, n int) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}
