package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Invoices bills the demo organizations as the billing run would have,
// from their first day up to today (up to two years of invoices, each on
// the contract in force then, with the services and time of then), then
// settles them as customers do: most are paid within their terms, the
// recent ones are open, a few of the last months are overdue, and one is
// cancelled by its cancellation invoice. Each is e-mailed to the demo's
// mail server.
func (s *Seeder) Invoices(ctx context.Context) error {
	if s.InvoiceService == nil {
		return nil
	}
	ctx = authz.System(ctx)
	if _, err := s.InvoiceService.Run(ctx); err != nil {
		return fmt.Errorf("demo billing: %w", err)
	}
	if _, err := s.InvoiceService.RenderPending(ctx); err != nil {
		return fmt.Errorf("demo invoices' PDFs: %w", err)
	}
	now := s.Clock.Now()
	rows, err := s.Client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusISSUED)).
		Order(entinvoice.ByIssueDate(), entinvoice.ByID()).All(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(23, 5))
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		for i, r := range rows {
			due, err := time.Parse(time.DateOnly, r.DueDate)
			if err != nil {
				return err
			}
			// Not due yet, or one in seven of the last three months:
			// left for the overdue check.
			if !due.Before(now) || (now.Sub(due) < 90*24*time.Hour && i%7 == 3) {
				continue
			}
			paid := due.Add(-time.Duration(rng.IntN(12*24)) * time.Hour).Add(9 * time.Hour)
			if paid.After(now) {
				paid = now
			}
			if err := tx.Invoice.UpdateOneID(r.ID).SetStatus(entinvoice.StatusPAID).SetPaidTime(paid).SetUpdateTime(paid).Exec(ctx); err != nil {
				return err
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "invoice", TargetID: ids.Format(ids.Invoice, r.ID),
				After: map[string]any{"number": r.Number, "status": "PAID"}})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo payments: %w", err)
	}
	if _, err := s.InvoiceService.MarkOverdue(ctx); err != nil {
		return err
	}
	open, err := s.Client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusISSUED), entinvoice.KindEQ(entinvoice.KindINVOICE)).
		Order(entinvoice.ByIssueDate(), entinvoice.ByID()).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, _, err = s.InvoiceService.Cancel(ctx, open.ID, "Service vor Beginn des Zeitraums gekündigt; doppelt berechnet"); err != nil {
		return err
	}
	// The e-mails go out now, to the demo's mail server (without one, each
	// says why it was not sent).
	_, err = s.InvoiceService.Deliver(ctx)
	return err
}
