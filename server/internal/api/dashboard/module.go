// Package dashboard is the dashboard's module: the start page's counts and
// revenue figures.
package dashboard

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/dashboard"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Module is the dashboard.
func Module(s *dashboard.Service) module.Module {
	return module.Module{
		Name: "dashboard",
		Services: []module.Service{
			module.Serve[adminv1connect.DashboardServiceHandler](adminv1connect.DashboardServiceName, adminv1connect.NewDashboardServiceHandler, New(s)),
		},
	}
}

// Handler implements adminv1connect.DashboardServiceHandler.
type Handler struct{ dashboard *dashboard.Service }

var _ adminv1connect.DashboardServiceHandler = (*Handler)(nil)

// New returns the DashboardService handler.
func New(s *dashboard.Service) *Handler { return &Handler{dashboard: s} }

// GetDashboard implements DashboardService.GetDashboard.
func (h *Handler) GetDashboard(ctx context.Context, _ *connect.Request[adminv1.GetDashboardRequest]) (*connect.Response[adminv1.GetDashboardResponse], error) {
	c, err := h.dashboard.Counts(ctx)
	if err != nil {
		return nil, err
	}
	o := c.Organizations
	return connect.NewResponse(&adminv1.GetDashboardResponse{
		Organizations: &adminv1.OrganizationCounts{Total: int32(c.TotalOrganizations),
			PendingApproval: int32(o[organization.StatusPendingApproval]), Active: int32(o[organization.StatusActive]),
			Suspended: int32(o[organization.StatusSuspended]), Closed: int32(o[organization.StatusClosed])},
		ActiveServices: int32(c.ActiveServices), ServicesNeedingAttention: int32(c.ServicesNeedingAttention),
		OpenOrders: int32(c.OpenOrders), OrdersWaitingForStaff: int32(c.OrdersWaitingForStaff),
		OpenAlerts: int32(c.OpenAlerts), UnacknowledgedAlerts: int32(c.UnacknowledgedAlerts),
	}), nil
}

// GetRevenueSummary implements DashboardService.GetRevenueSummary.
func (h *Handler) GetRevenueSummary(ctx context.Context, _ *connect.Request[adminv1.GetRevenueSummaryRequest]) (*connect.Response[adminv1.GetRevenueSummaryResponse], error) {
	r, err := h.dashboard.Revenue(ctx)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetRevenueSummaryResponse{Currency: r.Currency, MrrCents: r.MRRCents, PayingOrganizations: int32(r.Paying)}
	for _, m := range r.Months {
		out.Months = append(out.Months, &adminv1.RevenueMonth{Month: m.Month, MrrCents: m.MRRCents, InvoicedNetCents: m.InvoicedNetCents})
	}
	for _, c := range r.Top {
		out.TopCustomers = append(out.TopCustomers, &adminv1.TopCustomer{OrganizationId: ids.Format(ids.Organization, c.Organization),
			OrganizationName: c.Name, InvoicedNetCents: c.NetCents, MrrCents: c.MRRCents})
	}
	return connect.NewResponse(out), nil
}
