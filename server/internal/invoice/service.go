package invoice

import (
	"context"
	"fmt"
	"io"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoiceline"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Service issues and reads invoices.
type Service struct {
	client    *ent.Client
	audit     *audit.Writer
	clock     clock.Clock
	settings  *settings.Service
	contracts *contract.Service
	files     *blob.Store
}

// NewService returns the invoices domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, set *settings.Service, contracts *contract.Service, files *blob.Store) *Service {
	return &Service{client: client, audit: aw, clock: clk, settings: set, contracts: contracts, files: files}
}

func invoiceOf(r *ent.Invoice) Invoice {
	inv := Invoice{
		ID: r.ID, OrganizationID: r.OrganizationID, IssuerID: r.IssuerID, Kind: string(r.Kind), Origin: string(r.Origin),
		Number: r.Number, Status: string(r.Status), IssueDate: dateOf(r.IssueDate), DueDate: dateOf(r.DueDate),
		Period:   calendar.Period{Start: dateOf(r.PeriodStart), End: dateOf(r.PeriodEnd)},
		Currency: r.Currency, NetCents: r.NetCents, VATCents: r.VatCents, GrossCents: r.GrossCents,
		PDFName: r.PdfName, PDFSHA256: r.PdfSha256, CancelsID: r.CancelsID, Reason: r.Reason,
		CreatedByEmail: r.CreatedByEmail, CreateTime: r.CreateTime, PaidTime: r.PaidTime, OverdueTime: r.OverdueTime,
		CancelTime: r.CancelTime,
	}
	if r.BillingDate != nil {
		d := dateOf(*r.BillingDate)
		inv.BillingDate = &d
	}
	return inv
}

func lineOf(r *ent.InvoiceLine) Line {
	l := Line{Position: r.Position, Kind: r.Kind, Description: r.Description, Quantity: r.Quantity, Unit: r.Unit,
		UnitPriceCents: r.UnitPriceCents, BaseQuantity: r.BaseQuantity, NetCents: r.NetCents,
		VATRate: r.VatRateBasisPoints, WorkspaceID: r.WorkspaceID}
	if r.PeriodStart != "" {
		l.Period = &calendar.Period{Start: dateOf(r.PeriodStart), End: dateOf(r.PeriodEnd)}
	}
	return l
}

// Get returns an invoice with its lines.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Invoice, error) {
	r, err := s.client.Invoice.Query().Where(entinvoice.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("invoice", ids.Format(ids.Invoice, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read invoice: %w", err)
	}
	inv := invoiceOf(r)
	lines, err := s.client.InvoiceLine.Query().Where(invoiceline.InvoiceID(id)).Order(invoiceline.ByPosition()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read invoice lines: %w", err)
	}
	for _, l := range lines {
		inv.Lines = append(inv.Lines, lineOf(l))
	}
	return &inv, nil
}

// ForOrganization lists an organization's invoices, the latest first.
func (s *Service) ForOrganization(ctx context.Context, org uuid.UUID) ([]Invoice, error) {
	rows, err := s.client.Invoice.Query().Where(entinvoice.OrganizationID(org)).Order(byNumber...).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	out := make([]Invoice, len(rows))
	for i, r := range rows {
		out[i] = invoiceOf(r)
	}
	return out, nil
}

// PDF opens the PDF of an invoice as it was issued; the caller closes it.
func (s *Service) PDF(ctx context.Context, id uuid.UUID) (io.ReadCloser, *Invoice, error) {
	r, err := s.client.Invoice.Query().Where(entinvoice.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, apierr.NotFound("invoice", ids.Format(ids.Invoice, id))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read invoice: %w", err)
	}
	f, _, err := s.files.Open(ctx, FilePrefix, r.PdfName)
	if err != nil {
		return nil, nil, fmt.Errorf("open the PDF of invoice %s: %w", r.Number, err)
	}
	inv := invoiceOf(r)
	return f, &inv, nil
}

// PDFsInUse lists the names of the stored PDFs invoices refer to, for the
// storage cleanup: every one, for good.
func (s *Service) PDFsInUse(ctx context.Context) ([]string, error) {
	return s.client.Invoice.Query().Select(entinvoice.FieldPdfName).Strings(ctx)
}
