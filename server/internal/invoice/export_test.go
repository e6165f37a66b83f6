package invoice

import (
	"context"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// IssueOne issues an invoice of one 100 € line for org in tx, as the
// billing run issues one: for the numbering tests.
func (s *Service) IssueOne(ctx context.Context, tx *ent.Tx, log *audit.Log, org *ent.Organization, set settings.Settings, day calendar.Date) (*ent.Invoice, error) {
	return s.issue(ctx, tx, log, draft{org: org, issuer: set, kind: KindInvoice, origin: "MANUAL", issue: day,
		period: calendar.Period{Start: day, End: day.AddDays(1)}, currency: "EUR",
		lines: []draftLine{{Kind: "MANUAL", Description: "Beratung", Quantity: 1, Unit: "C62", UnitPriceCents: 10000, BaseQuantity: 1, NetCents: 10000}}})
}

// SetBatchSize makes the billing run bill n organizations a change.
func (s *Service) SetBatchSize(n int) { s.batch = n }

// OnPrepared calls fn with the organizations of each batch the billing run
// has prepared, before the change that bills them.
func (s *Service) OnPrepared(fn func(orgs []uuid.UUID)) { s.prepared = fn }
