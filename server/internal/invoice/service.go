package invoice

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	enteinvoice "github.com/leitstand/leitstand/server/ent/einvoice"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoiceline"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/billing/tax"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Service issues and reads invoices.
type Service struct {
	client    *ent.Client
	dialect   string
	audit     *audit.Writer
	clock     clock.Clock
	settings  *settings.Service
	contracts *contract.Service
	files     *blob.Store
	// batch is how many organizations one change of the billing run bills.
	batch int
	// logos are the logo files read for rendering, by name (logo).
	logos sync.Map
	// prepared, when set, is told the organizations of each batch the
	// billing run has prepared, before their change (for tests).
	prepared func(orgs []uuid.UUID)
}

// NewService returns the invoices domain.
func NewService(client *ent.Client, dialect string, aw *audit.Writer, clk clock.Clock, set *settings.Service, contracts *contract.Service, files *blob.Store) *Service {
	return &Service{client: client, dialect: dialect, audit: aw, clock: clk, settings: set, contracts: contracts, files: files, batch: batchSize}
}

func invoiceOf(r *ent.Invoice) Invoice {
	inv := Invoice{
		ID: r.ID, OrganizationID: r.OrganizationID, IssuerID: r.IssuerID, Kind: string(r.Kind), Origin: string(r.Origin),
		Number: r.Number, Status: string(r.Status), IssueDate: dateOf(r.IssueDate), DueDate: dateOf(r.DueDate),
		Period:   calendar.Period{Start: dateOf(r.PeriodStart), End: dateOf(r.PeriodEnd)},
		Currency: r.Currency, NetCents: r.NetCents, VATCents: r.VatCents, GrossCents: r.GrossCents, PaidCents: r.PaidCents,
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

// Get returns an invoice with its lines, its tax totals and notes as
// issued, and the invoice it cancels or that cancelled it.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Invoice, error) {
	r, err := s.client.Invoice.Query().Where(entinvoice.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("invoice", ids.Format(ids.Invoice, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read invoice: %w", err)
	}
	out, err := s.named(ctx, []*ent.Invoice{r})
	if err != nil {
		return nil, err
	}
	inv := out[0]
	var doc invoicepdf.Document
	if err := json.Unmarshal(r.Document, &doc); err != nil {
		return nil, fmt.Errorf("read the document of %s: %w", r.Number, err)
	}
	inv.Notes = doc.Notes
	if doc.ReverseCharge {
		inv.Notes = append(inv.Notes, tax.NoteReverseCharge)
	}
	for _, t := range doc.Totals {
		inv.TaxTotals = append(inv.TaxTotals, TaxTotal{RateBasisPoints: int(t.Rate), NetCents: t.NetCents, VATCents: t.VATCents})
	}
	if doc.Cancels != nil {
		inv.CancelsNumber = doc.Cancels.Number
	}
	if by, err := s.client.Invoice.Query().Where(entinvoice.CancelsID(id)).OnlyID(ctx); err == nil {
		inv.CancelledByID = &by
	} else if !ent.IsNotFound(err) {
		return nil, fmt.Errorf("find the cancellation: %w", err)
	}
	lines, err := s.client.InvoiceLine.Query().Where(invoiceline.InvoiceID(id)).Order(invoiceline.ByPosition()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read invoice lines: %w", err)
	}
	for _, l := range lines {
		inv.Lines = append(inv.Lines, lineOf(l))
	}
	made, err := s.client.EInvoice.Query().Where(enteinvoice.InvoiceID(id)).Order(enteinvoice.ByFormat()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the e-invoices: %w", err)
	}
	for _, m := range made {
		inv.EInvoices = append(inv.EInvoices, EInvoiceMade{Format: string(m.Format), SHA256: m.Sha256, CreateTime: m.CreateTime})
	}
	o, err := s.client.Organization.Query().Where(organization.ID(r.OrganizationID)).Select(organization.FieldEinvoiceFormat).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the organization's e-invoice format: %w", err)
	}
	inv.PreferredEInvoiceFormat = o.EinvoiceFormat.String()
	if inv.EInvoiceChecks, err = s.checks(ctx, r.IssuerID, doc); err != nil {
		return nil, err
	}
	return &inv, nil
}

// named makes invoices of rows with their organizations' names, read in
// one query.
func (s *Service) named(ctx context.Context, rows []*ent.Invoice) ([]Invoice, error) {
	orgIDs := make([]uuid.UUID, 0, len(rows))
	for _, r := range rows {
		orgIDs = append(orgIDs, r.OrganizationID)
	}
	orgs, err := s.client.Organization.Query().Where(organization.IDIn(orgIDs...)).
		Select(organization.FieldID, organization.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name organizations: %w", err)
	}
	names := make(map[uuid.UUID]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	invoiceIDs := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		invoiceIDs[i] = r.ID
	}
	deliveries, err := s.deliveries(ctx, invoiceIDs)
	if err != nil {
		return nil, err
	}
	out := make([]Invoice, len(rows))
	for i, r := range rows {
		out[i] = invoiceOf(r)
		out[i].OrganizationName = names[r.OrganizationID]
		out[i].Delivery = deliveries[r.ID]
	}
	return out, nil
}

// Filter selects a page of invoices.
type Filter struct {
	Organization *uuid.UUID
	Statuses     []string
	// IssuedFrom and IssuedTo bound the invoice date, both included.
	IssuedFrom, IssuedTo *calendar.Date
	// Query is text in the number or the organization's name.
	Query     string
	PageSize  int32
	PageToken string
}

// Page is one page of invoices, the latest first.
type Page struct {
	Invoices      []Invoice
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Date  string    `json:"d"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of the invoices the filter selects, the latest
// invoice date first.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	var where []predicate.Invoice
	if f.Organization != nil {
		where = append(where, entinvoice.OrganizationID(*f.Organization))
	}
	if len(f.Statuses) > 0 {
		st := make([]entinvoice.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = entinvoice.Status(v)
		}
		where = append(where, entinvoice.StatusIn(st...))
	}
	if f.IssuedFrom != nil {
		where = append(where, entinvoice.IssueDateGTE(f.IssuedFrom.String()))
	}
	if f.IssuedTo != nil {
		where = append(where, entinvoice.IssueDateLTE(f.IssuedTo.String()))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		named, err := s.client.Organization.Query().Where(organization.NameContainsFold(q)).Limit(1000).IDs(ctx)
		if err != nil {
			return nil, fmt.Errorf("find organizations by name: %w", err)
		}
		where = append(where, entinvoice.Or(entinvoice.NumberContainsFold(q), entinvoice.OrganizationIDIn(named...)))
	}
	fp := paging.Fingerprint("invoices", f.Organization, f.Statuses, f.IssuedFrom, f.IssuedTo, f.Query)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Invoice.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: entinvoice.FieldIssueDate, Value: c.Date}, paging.Key{Column: entinvoice.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(entinvoice.FieldIssueDate), ent.Desc(entinvoice.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Invoice.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count invoices: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Invoice) any {
		return cursor{Date: last.IssueDate, ID: last.ID, Total: total}
	})
	if page.Invoices, err = s.named(ctx, rows); err != nil {
		return nil, err
	}
	return page, nil
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
	name, err := s.pdfOf(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	f, _, err := s.files.Open(ctx, FilePrefix, name)
	if err != nil {
		return nil, nil, fmt.Errorf("open the PDF of invoice %s: %w", r.Number, err)
	}
	r.PdfName, r.PdfSha256 = name, strings.TrimSuffix(name, ".pdf")
	inv := invoiceOf(r)
	return f, &inv, nil
}

// PDFsInUse lists the names of the stored PDFs invoices refer to, for the
// storage cleanup: every one, for good.
func (s *Service) PDFsInUse(ctx context.Context) ([]string, error) {
	return s.client.Invoice.Query().Where(entinvoice.PdfNameNEQ("")).Select(entinvoice.FieldPdfName).Strings(ctx)
}

// Names returns the numbers of the invoices with these ids, for the audit
// trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Invoice.Query().Where(entinvoice.IDIn(idList...)).Select(entinvoice.FieldID, entinvoice.FieldNumber).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name invoices: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Number
	}
	return out, nil
}
