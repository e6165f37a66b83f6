package demo

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Invoices bills the demo organizations as the billing run would have,
// from their first day up to today (up to two years of invoices, each on
// the contract in force then, with the services and time of then); one is
// cancelled by its cancellation invoice. Each is e-mailed to the demo's
// mail server. The payments step pays them as customers do.
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
