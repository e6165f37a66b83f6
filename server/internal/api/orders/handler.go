// Package orders serves OrderService.
package orders

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.OrderServiceHandler.
type Handler struct{ orders *order.Service }

var _ adminv1connect.OrderServiceHandler = (*Handler)(nil)

// New returns the OrderService handler.
func New(s *order.Service) *Handler { return &Handler{orders: s} }

// ListOrders implements OrderService.ListOrders.
func (h *Handler) ListOrders(ctx context.Context, req *connect.Request[adminv1.ListOrdersRequest]) (*connect.Response[adminv1.ListOrdersResponse], error) {
	m := req.Msg
	f := m.GetFilter()
	filter := order.Filter{
		PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), OrderBy: m.GetOrderBy(), Query: f.GetQuery(),
		Unassigned: f.GetUnassigned(), Overdue: f.GetOverdue(),
		Statuses: statuses.FromProtos(f.GetStatuses()), Kinds: kinds.FromProtos(f.GetKinds()),
		Priorities: priorities.FromProtos(f.GetPriorities()),
	}
	var err error
	if filter.OrganizationID, err = ids.ParseOptional(ids.Organization, "filter.organization_id", f.GetOrganizationId()); err != nil {
		return nil, err
	}
	if filter.ServiceInstanceID, err = ids.ParseOptional(ids.Service, "filter.service_instance_id", f.GetServiceInstanceId()); err != nil {
		return nil, err
	}
	if filter.AssigneeID, err = ids.ParseOptional(ids.User, "filter.assignee_id", f.GetAssigneeId()); err != nil {
		return nil, err
	}
	page, err := h.orders.List(ctx, filter)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListOrdersResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, o := range page.Items {
		out.Orders = append(out.Orders, toProtoOrder(o))
	}
	return connect.NewResponse(out), nil
}

// GetOrder implements OrderService.GetOrder.
func (h *Handler) GetOrder(ctx context.Context, req *connect.Request[adminv1.GetOrderRequest]) (*connect.Response[adminv1.GetOrderResponse], error) {
	id, err := ids.Parse(ids.Order, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	o, err := h.orders.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetOrderResponse{Order: toProtoOrder(*o)}), nil
}

// values reads the editable fields of an order; prefix is the path of the
// message they came in.
func values(prefix, workspaceID, serviceID, assigneeID, dueDate string) (order.Values, error) {
	var v order.Values
	var err error
	if v.WorkspaceID, err = ids.ParseOptional(ids.Workspace, prefix+"workspace_id", workspaceID); err != nil {
		return v, err
	}
	if v.ServiceInstanceID, err = ids.ParseOptional(ids.Service, prefix+"service_instance_id", serviceID); err != nil {
		return v, err
	}
	if v.AssigneeID, err = ids.ParseOptional(ids.User, prefix+"assignee_id", assigneeID); err != nil {
		return v, err
	}
	v.DueDate, err = order.ParseDate(prefix+"due_date", dueDate)
	return v, err
}

// CreateOrder implements OrderService.CreateOrder.
func (h *Handler) CreateOrder(ctx context.Context, req *connect.Request[adminv1.CreateOrderRequest]) (*connect.Response[adminv1.CreateOrderResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	v, err := values("", m.GetWorkspaceId(), m.GetServiceInstanceId(), m.GetAssigneeId(), m.GetDueDate())
	if err != nil {
		return nil, err
	}
	v.Title, v.Description, v.Kind = m.GetTitle(), m.GetDescription(), kinds.FromProto(m.GetKind())
	if m.GetPriority() != adminv1.OrderPriority_ORDER_PRIORITY_UNSPECIFIED {
		v.Priority = priorities.FromProto(m.GetPriority())
	}
	o, err := h.orders.Create(ctx, org, v)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateOrderResponse{Order: toProtoOrder(*o)}), nil
}

// UpdateOrder implements OrderService.UpdateOrder.
func (h *Handler) UpdateOrder(ctx context.Context, req *connect.Request[adminv1.UpdateOrderRequest]) (*connect.Response[adminv1.UpdateOrderResponse], error) {
	o := req.Msg.GetOrder()
	id, err := ids.Parse(ids.Order, "order.id", o.GetId())
	if err != nil {
		return nil, err
	}
	v, err := values("order.", o.GetWorkspaceId(), o.GetServiceInstanceId(), o.GetAssigneeId(), o.GetDueDate())
	if err != nil {
		return nil, err
	}
	v.Title, v.Description = o.GetTitle(), o.GetDescription()
	v.Kind, v.Priority = kinds.FromProto(o.GetKind()), priorities.FromProto(o.GetPriority())
	out, err := h.orders.Update(ctx, id, v, req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateOrderResponse{Order: toProtoOrder(*out)}), nil
}

// SetOrderStatus implements OrderService.SetOrderStatus.
func (h *Handler) SetOrderStatus(ctx context.Context, req *connect.Request[adminv1.SetOrderStatusRequest]) (*connect.Response[adminv1.SetOrderStatusResponse], error) {
	id, err := ids.Parse(ids.Order, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	o, err := h.orders.SetStatus(ctx, id, statuses.FromProto(req.Msg.GetStatus()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetOrderStatusResponse{Order: toProtoOrder(*o)}), nil
}

// ListOrderComments implements OrderService.ListOrderComments.
func (h *Handler) ListOrderComments(ctx context.Context, req *connect.Request[adminv1.ListOrderCommentsRequest]) (*connect.Response[adminv1.ListOrderCommentsResponse], error) {
	id, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	var vis order.Visibility
	if req.Msg.GetVisibility() != adminv1.OrderCommentVisibility_ORDER_COMMENT_VISIBILITY_UNSPECIFIED {
		vis = visibilities.FromProto(req.Msg.GetVisibility())
	}
	cs, next, err := h.orders.Comments(ctx, id, vis, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListOrderCommentsResponse{NextPageToken: next}
	for _, c := range cs {
		out.Comments = append(out.Comments, toProtoComment(c))
	}
	return connect.NewResponse(out), nil
}

// AddOrderComment implements OrderService.AddOrderComment.
func (h *Handler) AddOrderComment(ctx context.Context, req *connect.Request[adminv1.AddOrderCommentRequest]) (*connect.Response[adminv1.AddOrderCommentResponse], error) {
	id, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	c, err := h.orders.AddComment(ctx, id, visibilities.FromProto(req.Msg.GetVisibility()), req.Msg.GetText())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AddOrderCommentResponse{Comment: toProtoComment(*c)}), nil
}
