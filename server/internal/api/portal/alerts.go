package portal

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/api/alerts"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Alerts implements portalv1connect.AlertServiceHandler.
type Alerts struct{ alerts *alert.Service }

var _ portalv1connect.AlertServiceHandler = (*Alerts)(nil)

// toAlert converts an alert in the customer's words: who at the operator
// acknowledged or resolved it stays with the operator.
func toAlert(x alert.Alert) *portalv1.Alert {
	a := alerts.ToProtoAlert(x)
	return &portalv1.Alert{
		Id: a.Id, OrganizationId: a.OrganizationId, OrganizationName: a.OrganizationName,
		ServiceInstanceId: a.ServiceInstanceId, ServiceInstanceName: a.ServiceInstanceName,
		LabelName: a.LabelName, Priority: a.Priority, Text: a.Text, ReporterEmail: a.ReporterEmail,
		Status: a.Status, AcknowledgeTime: a.AcknowledgeTime, ResolveTime: a.ResolveTime, Resolution: a.Resolution,
		OrderId: a.OrderId, OrderNumber: a.OrderNumber, OrderStatus: a.OrderStatus, CreateTime: a.CreateTime,
	}
}

// ListAlertLabels implements AlertService.ListAlertLabels: the labels
// offered, never the retired ones.
func (h *Alerts) ListAlertLabels(ctx context.Context, _ *connect.Request[portalv1.ListAlertLabelsRequest]) (*connect.Response[portalv1.ListAlertLabelsResponse], error) {
	labels, err := h.alerts.Labels(ctx)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListAlertLabelsResponse{}
	for _, l := range labels {
		if l.RetireTime == nil {
			out.Labels = append(out.Labels, &portalv1.AlertLabel{Id: ids.Format(ids.AlertLabel, l.ID), Name: l.Name})
		}
	}
	return connect.NewResponse(out), nil
}

// ReportAlert implements AlertService.ReportAlert.
func (h *Alerts) ReportAlert(ctx context.Context, req *connect.Request[portalv1.ReportAlertRequest]) (*connect.Response[portalv1.ReportAlertResponse], error) {
	m := req.Msg
	r, err := alerts.ReportOf(m.GetOrganizationId(), m.GetServiceInstanceId(), m.GetLabelId(), m.GetPriority(), m.GetText())
	if err != nil {
		return nil, err
	}
	a, err := h.alerts.Report(ctx, r)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.ReportAlertResponse{Alert: toAlert(*a)}), nil
}

// ListAlerts implements AlertService.ListAlerts.
func (h *Alerts) ListAlerts(ctx context.Context, req *connect.Request[portalv1.ListAlertsRequest]) (*connect.Response[portalv1.ListAlertsResponse], error) {
	m := req.Msg
	f := alert.Filter{PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), Statuses: alerts.StatusesFromProto(m.GetStatuses())}
	var err error
	if f.OrganizationID, err = ids.ParseOptional(ids.Organization, "organization_id", m.GetOrganizationId()); err != nil {
		return nil, err
	}
	if f.ServiceInstanceID, err = ids.ParseOptional(ids.Service, "service_instance_id", m.GetServiceInstanceId()); err != nil {
		return nil, err
	}
	page, err := h.alerts.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListAlertsResponse{NextPageToken: page.NextPageToken}
	for _, a := range page.Items {
		out.Alerts = append(out.Alerts, toAlert(a))
	}
	return connect.NewResponse(out), nil
}

// GetAlert implements AlertService.GetAlert.
func (h *Alerts) GetAlert(ctx context.Context, req *connect.Request[portalv1.GetAlertRequest]) (*connect.Response[portalv1.GetAlertResponse], error) {
	id, err := ids.Parse(ids.Alert, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	a, err := h.alerts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.GetAlertResponse{Alert: toAlert(*a)}), nil
}

// Feedback implements portalv1connect.FeedbackServiceHandler.
type Feedback struct{ feedback *feedback.Service }

var _ portalv1connect.FeedbackServiceHandler = (*Feedback)(nil)

// GiveFeedback implements FeedbackService.GiveFeedback.
func (h *Feedback) GiveFeedback(ctx context.Context, req *connect.Request[portalv1.GiveFeedbackRequest]) (*connect.Response[portalv1.GiveFeedbackResponse], error) {
	m := req.Msg
	f, err := h.feedback.Give(ctx, int(m.GetRating()), m.GetText(), m.GetArea())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.GiveFeedbackResponse{Id: ids.Format(ids.Feedback, f.ID), CreateTime: timestamppb.New(f.CreateTime)}), nil
}
