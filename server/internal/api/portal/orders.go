package portal

import (
	"context"

	"connectrpc.com/connect"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/api/orders"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Orders implements portalv1connect.OrderServiceHandler.
type Orders struct{ orders *order.Service }

var _ portalv1connect.OrderServiceHandler = (*Orders)(nil)

// toOrder converts an order in the customer's words: its assignee and who
// opened it stay with the operator.
func toOrder(o order.Order) *portalv1.Order {
	a := orders.ToProtoOrder(o)
	return &portalv1.Order{
		Id: a.Id, Number: a.Number, OrganizationId: a.OrganizationId, OrganizationName: a.OrganizationName,
		WorkspaceId: a.WorkspaceId, WorkspaceName: a.WorkspaceName,
		ServiceInstanceId: a.ServiceInstanceId, ServiceInstanceName: a.ServiceInstanceName,
		Title: a.Title, Description: a.Description, Kind: a.Kind, Priority: a.Priority,
		Status: a.Status, StatusTime: a.StatusTime, DueDate: a.DueDate,
		StepsTotal: a.StepsTotal, StepsDone: a.StepsDone, CreateTime: a.CreateTime, UpdateTime: a.UpdateTime,
	}
}

// toComment converts a comment: the author's address only for the
// customer's own users, never a staff member's.
func toComment(c order.Comment) *portalv1.OrderComment {
	a := orders.ToProtoComment(c)
	out := &portalv1.OrderComment{Id: a.Id, CreateTime: a.CreateTime, FromOperator: !c.ByCustomer, Text: a.Text, Code: a.Code, Params: a.Params}
	if c.ByCustomer {
		out.AuthorEmail = c.AuthorEmail
	}
	return out
}

// ListOrders implements OrderService.ListOrders.
func (h *Orders) ListOrders(ctx context.Context, req *connect.Request[portalv1.ListOrdersRequest]) (*connect.Response[portalv1.ListOrdersResponse], error) {
	m := req.Msg
	f := order.Filter{PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), Statuses: orders.StatusesFromProto(m.GetStatuses())}
	var err error
	if f.OrganizationID, err = ids.ParseOptional(ids.Organization, "organization_id", m.GetOrganizationId()); err != nil {
		return nil, err
	}
	page, err := h.orders.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListOrdersResponse{NextPageToken: page.NextPageToken}
	for _, o := range page.Items {
		out.Orders = append(out.Orders, toOrder(o))
	}
	return connect.NewResponse(out), nil
}

// GetOrder implements OrderService.GetOrder.
func (h *Orders) GetOrder(ctx context.Context, req *connect.Request[portalv1.GetOrderRequest]) (*connect.Response[portalv1.GetOrderResponse], error) {
	id, err := ids.Parse(ids.Order, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	o, err := h.orders.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.GetOrderResponse{Order: toOrder(*o)}), nil
}

// ListOrderComments implements OrderService.ListOrderComments: the
// comments written for the customer only.
func (h *Orders) ListOrderComments(ctx context.Context, req *connect.Request[portalv1.ListOrderCommentsRequest]) (*connect.Response[portalv1.ListOrderCommentsResponse], error) {
	id, err := ids.Parse(ids.Order, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	cs, next, err := h.orders.Comments(ctx, id, order.Customer, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListOrderCommentsResponse{NextPageToken: next}
	for _, c := range cs {
		out.Comments = append(out.Comments, toComment(c))
	}
	return connect.NewResponse(out), nil
}

// AddOrderComment implements OrderService.AddOrderComment: the customer's
// answer, which staff and the customer both read.
func (h *Orders) AddOrderComment(ctx context.Context, req *connect.Request[portalv1.AddOrderCommentRequest]) (*connect.Response[portalv1.AddOrderCommentResponse], error) {
	id, err := ids.Parse(ids.Order, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	c, err := h.orders.AddComment(ctx, id, order.Customer, req.Msg.GetText())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.AddOrderCommentResponse{Comment: toComment(*c)}), nil
}
