package invoices

import (
	"context"
	"io"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.InvoiceServiceHandler.
type Handler struct{ invoices *invoice.Service }

var _ adminv1connect.InvoiceServiceHandler = (*Handler)(nil)

// New returns the InvoiceService handler.
func New(s *invoice.Service) *Handler { return &Handler{invoices: s} }

// ListInvoices implements InvoiceService.ListInvoices.
func (h *Handler) ListInvoices(ctx context.Context, req *connect.Request[adminv1.ListInvoicesRequest]) (*connect.Response[adminv1.ListInvoicesResponse], error) {
	m := req.Msg
	f := invoice.Filter{Statuses: statuses.FromProtos(m.GetStatuses()), Query: m.GetQuery(), PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
	if m.GetOrganizationId() != "" {
		org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
		if err != nil {
			return nil, err
		}
		f.Organization = &org
	}
	var err error
	if f.IssuedFrom, err = calendar.ParseField("issued_from", m.GetIssuedFrom()); err != nil {
		return nil, err
	}
	if f.IssuedTo, err = calendar.ParseField("issued_to", m.GetIssuedTo()); err != nil {
		return nil, err
	}
	page, err := h.invoices.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListInvoicesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, i := range page.Invoices {
		out.Invoices = append(out.Invoices, toProtoInvoice(i))
	}
	return connect.NewResponse(out), nil
}

// GetInvoice implements InvoiceService.GetInvoice.
func (h *Handler) GetInvoice(ctx context.Context, req *connect.Request[adminv1.GetInvoiceRequest]) (*connect.Response[adminv1.GetInvoiceResponse], error) {
	id, err := ids.Parse(ids.Invoice, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	inv, err := h.invoices.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetInvoiceResponse{Invoice: toProtoInvoice(*inv)}), nil
}

// GetInvoicePdf implements InvoiceService.GetInvoicePdf.
func (h *Handler) GetInvoicePdf(ctx context.Context, req *connect.Request[adminv1.GetInvoicePdfRequest]) (*connect.Response[adminv1.GetInvoicePdfResponse], error) {
	id, err := ids.Parse(ids.Invoice, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	f, inv, err := h.invoices.PDF(ctx, id)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	content, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetInvoicePdfResponse{Content: content, FileName: inv.Number + ".pdf", Sha256: inv.PDFSHA256}), nil
}

// GetEInvoice implements InvoiceService.GetEInvoice.
func (h *Handler) GetEInvoice(ctx context.Context, req *connect.Request[adminv1.GetEInvoiceRequest]) (*connect.Response[adminv1.GetEInvoiceResponse], error) {
	id, err := ids.Parse(ids.Invoice, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	f, err := h.invoices.EInvoice(ctx, id, eInvoiceFormats.FromProto(req.Msg.GetFormat()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetEInvoiceResponse{Content: f.Content, FileName: f.FileName, ContentType: f.ContentType,
		Sha256: f.SHA256}), nil
}

// PreviewInvoice implements InvoiceService.PreviewInvoice.
func (h *Handler) PreviewInvoice(ctx context.Context, req *connect.Request[adminv1.PreviewInvoiceRequest]) (*connect.Response[adminv1.PreviewInvoiceResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	d, err := calendar.ParseField("billing_date", req.Msg.GetBillingDate())
	if err != nil {
		return nil, err
	}
	inv, day, err := h.invoices.Preview(ctx, org, d)
	if err != nil {
		return nil, err
	}
	out := &adminv1.PreviewInvoiceResponse{BillingDate: day.String()}
	if inv != nil {
		out.Invoice = toProtoInvoice(*inv)
	}
	return connect.NewResponse(out), nil
}

// PreviewBillingRun implements InvoiceService.PreviewBillingRun.
func (h *Handler) PreviewBillingRun(ctx context.Context, req *connect.Request[adminv1.PreviewBillingRunRequest]) (*connect.Response[adminv1.PreviewBillingRunResponse], error) {
	d, err := calendar.ParseField("day", req.Msg.GetDay())
	if err != nil {
		return nil, err
	}
	page, err := h.invoices.PreviewRun(ctx, *d, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.PreviewBillingRunResponse{NextPageToken: page.NextPageToken}
	for _, i := range page.Invoices {
		out.Invoices = append(out.Invoices, toProtoInvoice(i))
	}
	return connect.NewResponse(out), nil
}

// CreateManualInvoice implements InvoiceService.CreateManualInvoice.
func (h *Handler) CreateManualInvoice(ctx context.Context, req *connect.Request[adminv1.CreateManualInvoiceRequest]) (*connect.Response[adminv1.CreateManualInvoiceResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	start, err := calendar.ParseField("period_start", m.GetPeriodStart())
	if err != nil {
		return nil, err
	}
	last, err := calendar.ParseField("period_last_day", m.GetPeriodLastDay())
	if err != nil {
		return nil, err
	}
	lines := make([]invoice.ManualLine, len(m.GetLines()))
	for i, l := range m.GetLines() {
		lines[i] = invoice.ManualLine{Description: l.GetDescription(), Quantity: l.GetQuantity(), Unit: l.GetUnit(), UnitPriceCents: l.GetUnitPriceCents()}
	}
	inv, err := h.invoices.Manual(ctx, org, lines, start, last, m.GetReason(), m.GetValidateOnly())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateManualInvoiceResponse{Invoice: toProtoInvoice(*inv)}), nil
}

// CancelInvoice implements InvoiceService.CancelInvoice.
func (h *Handler) CancelInvoice(ctx context.Context, req *connect.Request[adminv1.CancelInvoiceRequest]) (*connect.Response[adminv1.CancelInvoiceResponse], error) {
	id, err := ids.Parse(ids.Invoice, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	inv, cancellation, err := h.invoices.Cancel(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CancelInvoiceResponse{Invoice: toProtoInvoice(*inv), Cancellation: toProtoInvoice(*cancellation)}), nil
}

// BillOrganization implements InvoiceService.BillOrganization.
func (h *Handler) BillOrganization(ctx context.Context, req *connect.Request[adminv1.BillOrganizationRequest]) (*connect.Response[adminv1.BillOrganizationResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	issued, err := h.invoices.BillNow(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &adminv1.BillOrganizationResponse{}
	for _, i := range issued {
		out.Invoices = append(out.Invoices, toProtoInvoice(i))
	}
	return connect.NewResponse(out), nil
}
