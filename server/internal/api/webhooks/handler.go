package webhooks

import (
	"context"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// Handler implements adminv1connect.WebhookServiceHandler.
type Handler struct{ s *webhook.Service }

var _ adminv1connect.WebhookServiceHandler = (*Handler)(nil)

// ListWebhookEndpoints implements WebhookService.ListWebhookEndpoints.
func (h *Handler) ListWebhookEndpoints(ctx context.Context, req *connect.Request[adminv1.ListWebhookEndpointsRequest]) (*connect.Response[adminv1.ListWebhookEndpointsResponse], error) {
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	page, err := h.s.List(ctx, be, paging.Size(req.Msg.GetPageSize()), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListWebhookEndpointsResponse{NextPageToken: page.Next, TotalSize: int32(page.Total)}
	for _, e := range page.Endpoints {
		out.Endpoints = append(out.Endpoints, toEndpoint(e))
	}
	return connect.NewResponse(out), nil
}

// GetWebhookEndpoint implements WebhookService.GetWebhookEndpoint.
func (h *Handler) GetWebhookEndpoint(ctx context.Context, req *connect.Request[adminv1.GetWebhookEndpointRequest]) (*connect.Response[adminv1.GetWebhookEndpointResponse], error) {
	id, err := ids.Parse(ids.WebhookEndpoint, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	e, err := h.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetWebhookEndpointResponse{Endpoint: toEndpoint(e)}), nil
}

// CreateWebhookEndpoint implements WebhookService.CreateWebhookEndpoint.
func (h *Handler) CreateWebhookEndpoint(ctx context.Context, req *connect.Request[adminv1.CreateWebhookEndpointRequest]) (*connect.Response[adminv1.CreateWebhookEndpointResponse], error) {
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	e, secret, err := h.s.Create(ctx, be, fromFields(req.Msg.GetEndpoint()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateWebhookEndpointResponse{Endpoint: toEndpoint(e), Secret: secret}), nil
}

// UpdateWebhookEndpoint implements WebhookService.UpdateWebhookEndpoint.
func (h *Handler) UpdateWebhookEndpoint(ctx context.Context, req *connect.Request[adminv1.UpdateWebhookEndpointRequest]) (*connect.Response[adminv1.UpdateWebhookEndpointResponse], error) {
	id, err := ids.Parse(ids.WebhookEndpoint, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	e, err := h.s.Update(ctx, id, fromFields(req.Msg.GetEndpoint()), req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateWebhookEndpointResponse{Endpoint: toEndpoint(e)}), nil
}

// DeleteWebhookEndpoint implements WebhookService.DeleteWebhookEndpoint.
func (h *Handler) DeleteWebhookEndpoint(ctx context.Context, req *connect.Request[adminv1.DeleteWebhookEndpointRequest]) (*connect.Response[adminv1.DeleteWebhookEndpointResponse], error) {
	id, err := ids.Parse(ids.WebhookEndpoint, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.s.Delete(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteWebhookEndpointResponse{}), nil
}

// RotateWebhookSecret implements WebhookService.RotateWebhookSecret.
func (h *Handler) RotateWebhookSecret(ctx context.Context, req *connect.Request[adminv1.RotateWebhookSecretRequest]) (*connect.Response[adminv1.RotateWebhookSecretResponse], error) {
	id, err := ids.Parse(ids.WebhookEndpoint, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	e, secret, err := h.s.Rotate(ctx, id, time.Duration(req.Msg.GetOverlapHours())*time.Hour)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RotateWebhookSecretResponse{Endpoint: toEndpoint(e), Secret: secret}), nil
}

// SendTestEvent implements WebhookService.SendTestEvent.
func (h *Handler) SendTestEvent(ctx context.Context, req *connect.Request[adminv1.SendTestEventRequest]) (*connect.Response[adminv1.SendTestEventResponse], error) {
	id, err := ids.Parse(ids.WebhookEndpoint, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	d, err := h.s.SendTest(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SendTestEventResponse{Delivery: toDelivery(d)}), nil
}

// ListWebhookDeliveries implements WebhookService.ListWebhookDeliveries.
func (h *Handler) ListWebhookDeliveries(ctx context.Context, req *connect.Request[adminv1.ListWebhookDeliveriesRequest]) (*connect.Response[adminv1.ListWebhookDeliveriesResponse], error) {
	m := req.Msg
	id, err := ids.Parse(ids.WebhookEndpoint, "endpoint_id", m.GetEndpointId())
	if err != nil {
		return nil, err
	}
	f := webhook.DeliveryFilter{Status: statuses.FromProto(m.GetStatus()), EventType: m.GetEventType()}
	page, err := h.s.Deliveries(ctx, id, f, paging.Size(m.GetPageSize()), m.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListWebhookDeliveriesResponse{NextPageToken: page.Next, TotalSize: int32(page.Total)}
	for _, d := range page.Deliveries {
		out.Deliveries = append(out.Deliveries, toDelivery(d))
	}
	return connect.NewResponse(out), nil
}

// GetWebhookDelivery implements WebhookService.GetWebhookDelivery.
func (h *Handler) GetWebhookDelivery(ctx context.Context, req *connect.Request[adminv1.GetWebhookDeliveryRequest]) (*connect.Response[adminv1.GetWebhookDeliveryResponse], error) {
	id, err := ids.Parse(ids.WebhookDelivery, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	d, err := h.s.GetDelivery(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetWebhookDeliveryResponse{Delivery: toDelivery(d)}), nil
}

// ReplayWebhookDelivery implements WebhookService.ReplayWebhookDelivery.
func (h *Handler) ReplayWebhookDelivery(ctx context.Context, req *connect.Request[adminv1.ReplayWebhookDeliveryRequest]) (*connect.Response[adminv1.ReplayWebhookDeliveryResponse], error) {
	id, err := ids.Parse(ids.WebhookDelivery, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	d, err := h.s.Replay(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ReplayWebhookDeliveryResponse{Delivery: toDelivery(d)}), nil
}
