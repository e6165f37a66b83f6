package invoice

import (
	"context"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// OriginDunning is the origin of an invoice that bills a dunning fee.
const OriginDunning = "DUNNING"

// Fee is a dunning notice's fee, billed on an invoice of its own: the
// overdue invoice it is about never changes.
type Fee struct {
	// Org is the organization, read in the change that issues the fee.
	Org    *ent.Organization
	Issuer settings.Settings
	// Date is the notice's date, the fee invoice's issue and service date;
	// Due the deadline the notice sets, the fee invoice's due date.
	Date, Due   calendar.Date
	Description string
	AmountCents int64
	Currency    string
	Reason      string
}

// IssueFee issues the invoice of a dunning fee in tx: one line, outside
// the scope of VAT (damages, not a supply), origin DUNNING, e-mailed like
// every invoice. Its PDF is rendered by RenderIssued after the change.
func (s *Service) IssueFee(ctx context.Context, tx *ent.Tx, log *audit.Log, f Fee) (*ent.Invoice, error) {
	mode := tax.Mode{Scheme: tax.OutsideScope, Reason: tax.NoteDunningFee}
	d := draft{org: f.Org, issuer: f.Issuer, kind: KindInvoice, origin: OriginDunning, issue: f.Date,
		period: calendar.Period{Start: f.Date, End: f.Date.AddDays(1)}, currency: f.Currency, reason: f.Reason,
		mode: &mode, due: &f.Due,
		lines: []draftLine{{Kind: "DUNNING_FEE", Description: f.Description, Quantity: 1, Unit: "C62",
			UnitPriceCents: f.AmountCents, BaseQuantity: 1, NetCents: f.AmountCents}}}
	return s.issue(ctx, tx, log, d)
}

// RenderIssued renders the PDFs of invoices issued in a change that has
// committed; what fails is left for RenderPending and the first download.
func (s *Service) RenderIssued(ctx context.Context, invs []*ent.Invoice) { s.renderPDFs(ctx, invs) }

// Logo reads a logo file of the issuers' settings, for a letter that
// prints it as invoices do.
func (s *Service) Logo(ctx context.Context, name string) ([]byte, error) { return s.logo(ctx, name) }
