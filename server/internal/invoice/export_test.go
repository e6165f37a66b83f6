package invoice

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
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

// DocumentOf reads the document an invoice was issued with.
func (s *Service) DocumentOf(t testing.TB, id uuid.UUID) invoicepdf.Document {
	t.Helper()
	r, err := s.client.Invoice.Get(tenancy.Unscoped(context.Background()), id)
	if err != nil {
		t.Fatal(err)
	}
	var doc invoicepdf.Document
	if err := json.Unmarshal(r.Document, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// PDFOf is the PDF an invoice of issuer with the document doc (its logo
// loaded) is given.
func (s *Service) PDFOf(ctx context.Context, issuer uuid.UUID, doc invoicepdf.Document) ([]byte, error) {
	return s.hybrid(ctx, issuer, doc)
}
