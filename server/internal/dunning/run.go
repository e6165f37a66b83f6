package dunning

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/dunninghold"
	"github.com/leitstand/leitstand/server/ent/dunningnotice"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// noAddress is the answer of a notice that cannot be e-mailed.
const noAddress = "the organization has no billing e-mail address"

// RunResult is what a dunning run did.
type RunResult struct {
	// Written counts the notices written, by level.
	Written map[string]int
	// Fees is how many fee invoices were issued; Held how many invoices
	// were due a level but their organization is on hold.
	Fees, Held int
	Failed     int
}

// open reports whether an invoice is still to be chased: overdue, not
// paid in full, not a fee invoice itself.
func open(inv *ent.Invoice) bool {
	return inv.Status == entinvoice.StatusOVERDUE && inv.Kind == entinvoice.KindINVOICE &&
		inv.Origin != entinvoice.OriginDUNNING && inv.PaidCents < inv.GrossCents
}

// chase is an invoice with what the rule needs to know of it.
type chase struct {
	inv  *ent.Invoice
	is   issuerOf
	last *ent.DunningNotice
	hold *ent.DunningHold
}

// step is where an invoice's dunning goes next, today.
func (c chase) step(today calendar.Date) (Step, bool) {
	var last *Last
	if c.last != nil {
		last = &Last{Level: string(c.last.Level), PayBy: dateOf(c.last.PayBy)}
	}
	var hold *calendar.Date
	if c.hold != nil {
		if until := dateOf(c.hold.Until); !until.Before(today) {
			hold = &until
		}
	}
	return Next(c.is.settings.Dunning, dateOf(c.inv.DueDate), last, hold), hold != nil
}

// Run writes the notices due today: for every open overdue invoice, the
// next level once its day has come, each in a change of its own with its
// fee invoice. It works from the invoices' and notices' state, so a missed
// day is made up by the next run, one level at a time (a level waits for
// the deadline of the one before).
func (s *Service) Run(ctx context.Context) (RunResult, error) {
	r := RunResult{Written: map[string]int{}}
	issuers := map[uuid.UUID]issuerOf{}
	chases, err := s.chases(ctx, s.client, issuers)
	if err != nil {
		return r, err
	}
	var errs []error
	for _, c := range chases {
		if ctx.Err() != nil {
			return r, errors.Join(append(errs, ctx.Err())...)
		}
		today := s.today(c.is)
		step, held := c.step(today)
		if step.Level == "" || today.Before(step.On) {
			if held && step.Level != "" && !today.Before(Next(c.is.settings.Dunning, dateOf(c.inv.DueDate), lastOf(c.last), nil).On) {
				r.Held++
			}
			continue
		}
		n, fee, err := s.write(ctx, c.inv.ID, c.is, step.Level)
		switch {
		case err != nil:
			r.Failed++
			errs = append(errs, fmt.Errorf("dunning %s: %w", c.inv.Number, err))
		case n != nil:
			r.Written[step.Level]++
			if fee != nil {
				r.Fees++
				s.invoices.RenderIssued(ctx, []*ent.Invoice{fee})
			}
		}
	}
	return r, errors.Join(errs...)
}

func lastOf(n *ent.DunningNotice) *Last {
	if n == nil {
		return nil
	}
	return &Last{Level: string(n.Level), PayBy: dateOf(n.PayBy)}
}

// chases reads the open overdue invoices with their issuers, latest
// notices and holds, the oldest due first.
// Issuers are read through issuers, a cache the caller may fill: in a
// change, with what was read before it.
func (s *Service) chases(ctx context.Context, c *ent.Client, issuers map[uuid.UUID]issuerOf, where ...func(*ent.InvoiceQuery)) ([]chase, error) {
	q := c.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusOVERDUE), entinvoice.KindEQ(entinvoice.KindINVOICE),
		entinvoice.OriginNEQ(entinvoice.OriginDUNNING))
	for _, w := range where {
		w(q)
	}
	invs, err := q.Order(entinvoice.ByDueDate(), entinvoice.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("overdue invoices: %w", err)
	}
	var invIDs, orgIDs []uuid.UUID
	for _, inv := range invs {
		invIDs = append(invIDs, inv.ID)
		orgIDs = append(orgIDs, inv.OrganizationID)
	}
	lasts := map[uuid.UUID]*ent.DunningNotice{}
	notices, err := c.DunningNotice.Query().Where(dunningnotice.InvoiceIDIn(invIDs...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("notices of overdue invoices: %w", err)
	}
	for _, n := range notices {
		if l := lasts[n.InvoiceID]; l == nil || levelIndex(string(n.Level)) > levelIndex(string(l.Level)) {
			lasts[n.InvoiceID] = n
		}
	}
	holds := map[uuid.UUID]*ent.DunningHold{}
	hs, err := c.DunningHold.Query().Where(dunninghold.OrganizationIDIn(orgIDs...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("dunning holds: %w", err)
	}
	for _, h := range hs {
		holds[h.OrganizationID] = h
	}
	out := make([]chase, 0, len(invs))
	for _, inv := range invs {
		if !open(inv) {
			continue
		}
		is, err := s.issuer(ctx, issuers, inv.IssuerID)
		if err != nil {
			return nil, err
		}
		out = append(out, chase{inv: inv, is: is, last: lasts[inv.ID], hold: holds[inv.OrganizationID]})
	}
	return out, nil
}

// write writes the notice of level about an invoice, with its fee
// invoice, in one change. It writes nothing (nil) when the state read in
// the change no longer calls for it: the invoice was paid or cancelled,
// another run wrote the level, a hold was set.
func (s *Service) write(ctx context.Context, invoiceID uuid.UUID, is issuerOf, level string) (notice *ent.DunningNotice, fee *ent.Invoice, err error) {
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		notice, fee = nil, nil
		// The issuer as read before the change: an invoice's issuer never
		// changes, and the settings are not read inside it.
		cs, err := s.chases(ctx, tx.Client(), map[uuid.UUID]issuerOf{is.id: is}, func(q *ent.InvoiceQuery) { q.Where(entinvoice.ID(invoiceID)) })
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return audit.Unchanged
		}
		c := cs[0]
		today := s.today(c.is)
		if step, _ := c.step(today); step.Level != level || today.Before(step.On) {
			return audit.Unchanged
		}
		inv, set := c.inv, c.is.settings
		org, err := tx.Organization.Get(ctx, inv.OrganizationID)
		if err != nil {
			return err
		}
		idx := levelIndex(level)
		payBy := today.AddDays(set.Dunning.PayWithinDays)
		l := letterOf{issuer: set, org: org, inv: inv, level: level, date: today, payBy: payBy, previous: c.last}
		// The fee invoices of the levels before that are still open.
		earlier, err := tx.DunningNotice.Query().Where(dunningnotice.InvoiceID(inv.ID), dunningnotice.FeeInvoiceIDNotNil()).
			Select(dunningnotice.FieldFeeInvoiceID).All(ctx)
		if err != nil {
			return err
		}
		var feeIDs []uuid.UUID
		for _, n := range earlier {
			feeIDs = append(feeIDs, *n.FeeInvoiceID)
		}
		if len(feeIDs) > 0 {
			fees, err := tx.Invoice.Query().Where(entinvoice.IDIn(feeIDs...), entinvoice.StatusIn(entinvoice.StatusISSUED, entinvoice.StatusOVERDUE)).
				Order(entinvoice.ByIssueDate(), entinvoice.BySequence()).All(ctx)
			if err != nil {
				return err
			}
			l.fees = fees
		}
		id := uuid.Must(uuid.NewV7())
		if amount := set.Dunning.Levels[idx].FeeCents; amount > 0 {
			fee, err = s.invoices.IssueFee(ctx, tx, log, invoice.Fee{Org: org, Issuer: set, Date: today, Due: payBy,
				Description: fmt.Sprintf("Mahngebühr %s zur Rechnung %s vom %s", titles[level], inv.Number, german(dateOf(inv.IssueDate))),
				AmountCents: amount, Currency: inv.Currency, Reason: titles[level] + " " + inv.Number})
			if err != nil {
				return err
			}
			l.fee = fee
		}
		letter := l.letter()
		if err := letter.Validate(); err != nil {
			return err
		}
		doc, err := json.Marshal(letter)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		create := tx.DunningNotice.Create().SetID(id).SetOrganizationID(org.ID).SetInvoiceID(inv.ID).SetInvoiceNumber(inv.Number).
			SetIssuerID(inv.IssuerID).SetLevel(dunningnotice.Level(level)).SetIssueDate(today.String()).SetPayBy(payBy.String()).
			SetOpenCents(inv.GrossCents - inv.PaidCents).SetFeeCents(set.Dunning.Levels[idx].FeeCents).SetCurrency(inv.Currency).
			SetDocument(doc).SetToAddress(org.BillingEmail).SetCreateTime(now).SetUpdateTime(now)
		if fee != nil {
			create.SetFeeInvoiceID(fee.ID)
		}
		if org.BillingEmail == "" {
			create.SetStatus(dunningnotice.StatusFAILED).SetAnswer(noAddress)
		} else {
			create.SetStatus(dunningnotice.StatusQUEUED).SetNextAttemptTime(now)
		}
		if notice, err = create.Save(ctx); err != nil {
			return err
		}
		after := map[string]any{"level": level, "invoice": inv.Number, "pay_by": payBy.String(),
			"open_cents": inv.GrossCents - inv.PaidCents, "to": org.BillingEmail}
		if fee != nil {
			after["fee_cents"], after["fee_invoice"] = fee.GrossCents, fee.Number
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.DunningNotice, id),
			Reason: fmt.Sprintf("%s %d days past its due date %s", inv.Number, dateOf(inv.DueDate).DaysUntil(today), inv.DueDate),
			After:  after})
		return nil
	})
	return notice, fee, err
}
