package dunning

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/dunning"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.DunningServiceHandler.
type Handler struct{ dunning *dunning.Service }

var _ adminv1connect.DunningServiceHandler = (*Handler)(nil)

// New returns the DunningService handler.
func New(s *dunning.Service) *Handler { return &Handler{dunning: s} }

// ListDunningNotices implements DunningService.ListDunningNotices.
func (h *Handler) ListDunningNotices(ctx context.Context, req *connect.Request[adminv1.ListDunningNoticesRequest]) (*connect.Response[adminv1.ListDunningNoticesResponse], error) {
	m := req.Msg
	f := dunning.Filter{Levels: levels.FromProtos(m.GetLevels()), Statuses: statuses.FromProtos(m.GetStatuses()),
		PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
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
	page, err := h.dunning.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListDunningNoticesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, n := range page.Notices {
		out.Notices = append(out.Notices, noticeToProto(n))
	}
	return connect.NewResponse(out), nil
}

// GetDunningNoticePdf implements DunningService.GetDunningNoticePdf.
func (h *Handler) GetDunningNoticePdf(ctx context.Context, req *connect.Request[adminv1.GetDunningNoticePdfRequest]) (*connect.Response[adminv1.GetDunningNoticePdfResponse], error) {
	id, err := ids.Parse(ids.DunningNotice, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	pdf, name, sum, err := h.dunning.PDF(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetDunningNoticePdfResponse{Content: pdf, FileName: name, Sha256: sum}), nil
}

// GetOrganizationDunning implements DunningService.GetOrganizationDunning.
func (h *Handler) GetOrganizationDunning(ctx context.Context, req *connect.Request[adminv1.GetOrganizationDunningRequest]) (*connect.Response[adminv1.GetOrganizationDunningResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	st, err := h.dunning.Organization(ctx, org)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetOrganizationDunningResponse{Enabled: st.Enabled, Hold: holdToProto(st.Hold)}
	for _, i := range st.Invoices {
		out.Invoices = append(out.Invoices, invoiceToProto(i))
	}
	for _, n := range st.Notices {
		out.Notices = append(out.Notices, noticeToProto(n))
	}
	return connect.NewResponse(out), nil
}

// SetDunningHold implements DunningService.SetDunningHold.
func (h *Handler) SetDunningHold(ctx context.Context, req *connect.Request[adminv1.SetDunningHoldRequest]) (*connect.Response[adminv1.SetDunningHoldResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	until, err := calendar.ParseField("until", req.Msg.GetUntil())
	if err != nil {
		return nil, err
	}
	hold, err := h.dunning.SetHold(ctx, org, *until, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetDunningHoldResponse{Hold: holdToProto(hold)}), nil
}

// ReleaseDunningHold implements DunningService.ReleaseDunningHold.
func (h *Handler) ReleaseDunningHold(ctx context.Context, req *connect.Request[adminv1.ReleaseDunningHoldRequest]) (*connect.Response[adminv1.ReleaseDunningHoldResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	if err := h.dunning.ReleaseHold(ctx, org, req.Msg.GetReason()); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ReleaseDunningHoldResponse{}), nil
}
