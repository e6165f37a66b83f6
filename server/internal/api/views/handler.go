package views

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/savedview"
)

// Handler implements adminv1connect.ViewServiceHandler.
type Handler struct{ s *savedview.Service }

var _ adminv1connect.ViewServiceHandler = (*Handler)(nil)

func toView(v savedview.View) *adminv1.SavedView {
	return &adminv1.SavedView{Id: ids.Format(ids.SavedView, v.ID), Page: v.Page, Name: v.Name, Parameters: v.Parameters,
		Columns: v.Columns, Shared: v.Shared, Own: v.Own, AuthorId: ids.Format(ids.User, v.Author), AuthorName: v.AuthorName,
		CreateTime: timestamppb.New(v.Created), UpdateTime: timestamppb.New(v.Updated)}
}

func fromFields(f *adminv1.SavedViewFields) savedview.Values {
	return savedview.Values{Page: f.GetPage(), Name: f.GetName(), Parameters: f.GetParameters(), Columns: f.GetColumns(), Shared: f.GetShared()}
}

func toLayout(l savedview.Layout) *adminv1.DashboardLayout {
	out := &adminv1.DashboardLayout{Customised: l.Customised}
	for _, w := range l.Widgets {
		out.Widgets = append(out.Widgets, &adminv1.DashboardWidget{WidgetId: w.ID, Hidden: w.Hidden})
	}
	return out
}

// ListSavedViews implements ViewService.ListSavedViews.
func (h *Handler) ListSavedViews(ctx context.Context, req *connect.Request[adminv1.ListSavedViewsRequest]) (*connect.Response[adminv1.ListSavedViewsResponse], error) {
	views, err := h.s.List(ctx, req.Msg.GetPage())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListSavedViewsResponse{}
	for _, v := range views {
		out.Views = append(out.Views, toView(v))
	}
	return connect.NewResponse(out), nil
}

// CreateSavedView implements ViewService.CreateSavedView.
func (h *Handler) CreateSavedView(ctx context.Context, req *connect.Request[adminv1.CreateSavedViewRequest]) (*connect.Response[adminv1.CreateSavedViewResponse], error) {
	v, err := h.s.Create(ctx, fromFields(req.Msg.GetView()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateSavedViewResponse{View: toView(v)}), nil
}

// UpdateSavedView implements ViewService.UpdateSavedView.
func (h *Handler) UpdateSavedView(ctx context.Context, req *connect.Request[adminv1.UpdateSavedViewRequest]) (*connect.Response[adminv1.UpdateSavedViewResponse], error) {
	id, err := ids.Parse(ids.SavedView, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	v, err := h.s.Update(ctx, id, fromFields(req.Msg.GetView()), req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateSavedViewResponse{View: toView(v)}), nil
}

// DeleteSavedView implements ViewService.DeleteSavedView.
func (h *Handler) DeleteSavedView(ctx context.Context, req *connect.Request[adminv1.DeleteSavedViewRequest]) (*connect.Response[adminv1.DeleteSavedViewResponse], error) {
	id, err := ids.Parse(ids.SavedView, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.s.Delete(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteSavedViewResponse{}), nil
}

// GetDashboardLayout implements ViewService.GetDashboardLayout.
func (h *Handler) GetDashboardLayout(ctx context.Context, _ *connect.Request[adminv1.GetDashboardLayoutRequest]) (*connect.Response[adminv1.GetDashboardLayoutResponse], error) {
	l, err := h.s.Layout(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetDashboardLayoutResponse{Layout: toLayout(l)}), nil
}

// UpdateDashboardLayout implements ViewService.UpdateDashboardLayout.
func (h *Handler) UpdateDashboardLayout(ctx context.Context, req *connect.Request[adminv1.UpdateDashboardLayoutRequest]) (*connect.Response[adminv1.UpdateDashboardLayoutResponse], error) {
	var ws []savedview.Placed
	for _, w := range req.Msg.GetWidgets() {
		ws = append(ws, savedview.Placed{ID: w.GetWidgetId(), Hidden: w.GetHidden()})
	}
	l, err := h.s.SetLayout(ctx, ws)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateDashboardLayoutResponse{Layout: toLayout(l)}), nil
}

// ResetDashboardLayout implements ViewService.ResetDashboardLayout.
func (h *Handler) ResetDashboardLayout(ctx context.Context, _ *connect.Request[adminv1.ResetDashboardLayoutRequest]) (*connect.Response[adminv1.ResetDashboardLayoutResponse], error) {
	l, err := h.s.ResetLayout(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ResetDashboardLayoutResponse{Layout: toLayout(l)}), nil
}
