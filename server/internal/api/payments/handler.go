package payments

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.PaymentServiceHandler.
type Handler struct{ payments *payment.Service }

var _ adminv1connect.PaymentServiceHandler = (*Handler)(nil)

// New returns the PaymentService handler.
func New(s *payment.Service) *Handler { return &Handler{payments: s} }

// ListPayments implements PaymentService.ListPayments.
func (h *Handler) ListPayments(ctx context.Context, req *connect.Request[adminv1.ListPaymentsRequest]) (*connect.Response[adminv1.ListPaymentsResponse], error) {
	m := req.Msg
	f := payment.Filter{Methods: methods.FromProtos(m.GetMethods()), Statuses: statuses.FromProtos(m.GetStatuses()),
		Query: m.GetQuery(), PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
	if m.GetOrganizationId() != "" {
		org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
		if err != nil {
			return nil, err
		}
		f.Organization = &org
	}
	if m.GetInvoiceId() != "" {
		inv, err := ids.Parse(ids.Invoice, "invoice_id", m.GetInvoiceId())
		if err != nil {
			return nil, err
		}
		f.Invoice = &inv
	}
	var err error
	if f.ValueFrom, err = calendar.ParseField("value_from", m.GetValueFrom()); err != nil {
		return nil, err
	}
	if f.ValueTo, err = calendar.ParseField("value_to", m.GetValueTo()); err != nil {
		return nil, err
	}
	page, err := h.payments.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListPaymentsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, p := range page.Payments {
		out.Payments = append(out.Payments, toProto(p))
	}
	return connect.NewResponse(out), nil
}

// GetPayment implements PaymentService.GetPayment.
func (h *Handler) GetPayment(ctx context.Context, req *connect.Request[adminv1.GetPaymentRequest]) (*connect.Response[adminv1.GetPaymentResponse], error) {
	id, err := ids.Parse(ids.Payment, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	p, err := h.payments.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetPaymentResponse{Payment: toProto(*p)}), nil
}

// RecordPayment implements PaymentService.RecordPayment.
func (h *Handler) RecordPayment(ctx context.Context, req *connect.Request[adminv1.RecordPaymentRequest]) (*connect.Response[adminv1.RecordPaymentResponse], error) {
	m := req.Msg
	inv, err := ids.Parse(ids.Invoice, "invoice_id", m.GetInvoiceId())
	if err != nil {
		return nil, err
	}
	day, err := calendar.ParseField("value_date", m.GetValueDate())
	if err != nil {
		return nil, err
	}
	p, settled, err := h.payments.Record(ctx, payment.Receipt{Invoice: inv, Method: methods.FromProto(m.GetMethod()),
		AmountCents: m.GetAmountCents(), Currency: m.GetCurrency(), ValueDate: *day, Reference: m.GetReference(),
		Note: m.GetNote()}, m.GetValidateOnly())
	if err != nil {
		return nil, err
	}
	out := &adminv1.RecordPaymentResponse{Payment: toProto(*p), InvoiceStatus: invoiceStatuses.ToProto(settled.Status),
		InvoicePaidCents: settled.PaidCents}
	if m.GetValidateOnly() {
		out.Payment.Id = ""
	}
	return connect.NewResponse(out), nil
}

// RefundPayment implements PaymentService.RefundPayment.
func (h *Handler) RefundPayment(ctx context.Context, req *connect.Request[adminv1.RefundPaymentRequest]) (*connect.Response[adminv1.RefundPaymentResponse], error) {
	id, err := ids.Parse(ids.Payment, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	p, err := h.payments.Refund(ctx, id, req.Msg.GetAmountCents(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RefundPaymentResponse{Payment: toProto(*p)}), nil
}

// ReversePayment implements PaymentService.ReversePayment.
func (h *Handler) ReversePayment(ctx context.Context, req *connect.Request[adminv1.ReversePaymentRequest]) (*connect.Response[adminv1.ReversePaymentResponse], error) {
	id, err := ids.Parse(ids.Payment, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	p, err := h.payments.Reverse(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ReversePaymentResponse{Payment: toProto(*p)}), nil
}

// GetOrganizationBalance implements PaymentService.GetOrganizationBalance.
func (h *Handler) GetOrganizationBalance(ctx context.Context, req *connect.Request[adminv1.GetOrganizationBalanceRequest]) (*connect.Response[adminv1.GetOrganizationBalanceResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	list, err := h.payments.Balances(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetOrganizationBalanceResponse{}
	for _, b := range list {
		out.Balances = append(out.Balances, &adminv1.OrganizationBalance{Currency: b.Currency, OpenCents: b.OpenCents,
			OverdueCents: b.OverdueCents, CreditCents: b.CreditCents, OpenInvoices: int32(b.OpenInvoices)})
	}
	return connect.NewResponse(out), nil
}
