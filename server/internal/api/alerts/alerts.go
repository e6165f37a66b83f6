// Package alerts serves AlertService and FeedbackService: what customers
// report and what users think.
package alerts

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/api/orders"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	statuses = protoenum.ByName[alert.Status, adminv1.AlertStatus](alert.Statuses()...)
)

// Enums are the conversion tables of this package. An alert's priority is
// an order's (OrderPriority), converted by the orders package's table.
func Enums() []protoenum.Table { return []protoenum.Table{statuses} }

// StatusesFromProto converts a filter's statuses, for the portal's.
func StatusesFromProto(ss []adminv1.AlertStatus) []alert.Status { return statuses.FromProtos(ss) }

// ToProtoAlert converts an alert; the portal shows its customers' alerts
// the same way.
func ToProtoAlert(a alert.Alert) *adminv1.Alert {
	out := &adminv1.Alert{
		Id: ids.Format(ids.Alert, a.ID), OrganizationId: ids.Format(ids.Organization, a.OrganizationID), OrganizationName: a.OrganizationName,
		ServiceInstanceId: ids.FormatPtr(ids.Service, a.ServiceInstanceID), ServiceInstanceName: a.ServiceName,
		LabelId: ids.Format(ids.AlertLabel, a.LabelID), LabelName: a.LabelName, Priority: orders.Priorities.ToProto(a.Priority), Text: a.Text,
		ReporterId: ids.FormatPtr(ids.User, a.ReporterID), ReporterEmail: a.ReporterEmail, Status: statuses.ToProto(a.Status),
		AcknowledgeTime: protoconv.Time(a.AcknowledgeTime), AcknowledgedByEmail: a.AcknowledgedBy,
		ResolveTime: protoconv.Time(a.ResolveTime), ResolvedByEmail: a.ResolvedBy, Resolution: a.Resolution,
		OrderId: ids.FormatPtr(ids.Order, a.OrderID), OrderNumber: a.OrderNumber, CreateTime: timestamppb.New(a.CreateTime),
	}
	if a.OrderID != nil {
		out.OrderStatus = orders.StatusToProto(a.OrderStatus)
	}
	return out
}

// ReportOf reads what a reporter says from a request's fields, in the staff
// API and the customer portal alike.
func ReportOf(org, service, label string, priority adminv1.OrderPriority, text string) (alert.Report, error) {
	r := alert.Report{Priority: orders.Priorities.FromProto(priority), Text: text}
	var err error
	if r.OrganizationID, err = ids.Parse(ids.Organization, "organization_id", org); err != nil {
		return r, err
	}
	if r.ServiceInstanceID, err = ids.ParseOptional(ids.Service, "service_instance_id", service); err != nil {
		return r, err
	}
	r.LabelID, err = ids.Parse(ids.AlertLabel, "label_id", label)
	return r, err
}

// ToProtoLabel converts a label.
func ToProtoLabel(l alert.Label) *adminv1.AlertLabel {
	return &adminv1.AlertLabel{Id: ids.Format(ids.AlertLabel, l.ID), Name: l.Name, RetireTime: protoconv.Time(l.RetireTime)}
}

// Alerts implements adminv1connect.AlertServiceHandler.
type Alerts struct{ alerts *alert.Service }

var _ adminv1connect.AlertServiceHandler = (*Alerts)(nil)

// ListAlerts implements AlertService.ListAlerts.
func (h *Alerts) ListAlerts(ctx context.Context, req *connect.Request[adminv1.ListAlertsRequest]) (*connect.Response[adminv1.ListAlertsResponse], error) {
	f := req.Msg.GetFilter()
	filter := alert.Filter{PageSize: req.Msg.GetPageSize(), PageToken: req.Msg.GetPageToken(),
		Statuses: statuses.FromProtos(f.GetStatuses()), Priorities: orders.Priorities.FromProtos(f.GetPriorities())}
	var err error
	if filter.OrganizationID, err = ids.ParseOptional(ids.Organization, "filter.organization_id", f.GetOrganizationId()); err != nil {
		return nil, err
	}
	if filter.ServiceInstanceID, err = ids.ParseOptional(ids.Service, "filter.service_instance_id", f.GetServiceInstanceId()); err != nil {
		return nil, err
	}
	if filter.LabelID, err = ids.ParseOptional(ids.AlertLabel, "filter.label_id", f.GetLabelId()); err != nil {
		return nil, err
	}
	page, err := h.alerts.List(ctx, filter)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListAlertsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, a := range page.Items {
		out.Alerts = append(out.Alerts, ToProtoAlert(a))
	}
	return connect.NewResponse(out), nil
}

// GetAlert implements AlertService.GetAlert.
func (h *Alerts) GetAlert(ctx context.Context, req *connect.Request[adminv1.GetAlertRequest]) (*connect.Response[adminv1.GetAlertResponse], error) {
	id, err := ids.Parse(ids.Alert, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	a, err := h.alerts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetAlertResponse{Alert: ToProtoAlert(*a)}), nil
}

// CreateAlert implements AlertService.CreateAlert.
func (h *Alerts) CreateAlert(ctx context.Context, req *connect.Request[adminv1.CreateAlertRequest]) (*connect.Response[adminv1.CreateAlertResponse], error) {
	m := req.Msg
	r, err := ReportOf(m.GetOrganizationId(), m.GetServiceInstanceId(), m.GetLabelId(), m.GetPriority(), m.GetText())
	if err != nil {
		return nil, err
	}
	a, err := h.alerts.Report(ctx, r)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateAlertResponse{Alert: ToProtoAlert(*a)}), nil
}

// AcknowledgeAlert implements AlertService.AcknowledgeAlert.
func (h *Alerts) AcknowledgeAlert(ctx context.Context, req *connect.Request[adminv1.AcknowledgeAlertRequest]) (*connect.Response[adminv1.AcknowledgeAlertResponse], error) {
	id, err := ids.Parse(ids.Alert, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	a, err := h.alerts.Acknowledge(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AcknowledgeAlertResponse{Alert: ToProtoAlert(*a)}), nil
}

// ResolveAlert implements AlertService.ResolveAlert.
func (h *Alerts) ResolveAlert(ctx context.Context, req *connect.Request[adminv1.ResolveAlertRequest]) (*connect.Response[adminv1.ResolveAlertResponse], error) {
	id, err := ids.Parse(ids.Alert, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	a, err := h.alerts.Resolve(ctx, id, req.Msg.GetResolution())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ResolveAlertResponse{Alert: ToProtoAlert(*a)}), nil
}

// CreateOrderFromAlert implements AlertService.CreateOrderFromAlert.
func (h *Alerts) CreateOrderFromAlert(ctx context.Context, req *connect.Request[adminv1.CreateOrderFromAlertRequest]) (*connect.Response[adminv1.CreateOrderFromAlertResponse], error) {
	id, err := ids.Parse(ids.Alert, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	assignee, err := ids.ParseOptional(ids.User, "assignee_id", req.Msg.GetAssigneeId())
	if err != nil {
		return nil, err
	}
	a, o, err := h.alerts.CreateOrder(ctx, id, assignee)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateOrderFromAlertResponse{Alert: ToProtoAlert(*a), Order: orders.ToProtoOrder(*o)}), nil
}

// ListAlertLabels implements AlertService.ListAlertLabels.
func (h *Alerts) ListAlertLabels(ctx context.Context, _ *connect.Request[adminv1.ListAlertLabelsRequest]) (*connect.Response[adminv1.ListAlertLabelsResponse], error) {
	ls, err := h.alerts.Labels(ctx)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListAlertLabelsResponse{}
	for _, l := range ls {
		out.Labels = append(out.Labels, ToProtoLabel(l))
	}
	return connect.NewResponse(out), nil
}

// CreateAlertLabel implements AlertService.CreateAlertLabel.
func (h *Alerts) CreateAlertLabel(ctx context.Context, req *connect.Request[adminv1.CreateAlertLabelRequest]) (*connect.Response[adminv1.CreateAlertLabelResponse], error) {
	l, err := h.alerts.CreateLabel(ctx, req.Msg.GetName())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateAlertLabelResponse{Label: ToProtoLabel(*l)}), nil
}

// RetireAlertLabel implements AlertService.RetireAlertLabel.
func (h *Alerts) RetireAlertLabel(ctx context.Context, req *connect.Request[adminv1.RetireAlertLabelRequest]) (*connect.Response[adminv1.RetireAlertLabelResponse], error) {
	id, err := ids.Parse(ids.AlertLabel, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	l, err := h.alerts.RetireLabel(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RetireAlertLabelResponse{Label: ToProtoLabel(*l)}), nil
}

// Feedback implements adminv1connect.FeedbackServiceHandler.
type Feedback struct{ feedback *feedback.Service }

var _ adminv1connect.FeedbackServiceHandler = (*Feedback)(nil)

// ToProtoFeedback converts feedback.
func ToProtoFeedback(f feedback.Feedback) *adminv1.Feedback {
	return &adminv1.Feedback{Id: ids.Format(ids.Feedback, f.ID), UserId: ids.Format(ids.User, f.UserID), UserEmail: f.UserEmail,
		Rating: int32(f.Rating), Text: f.Text, Area: f.Area, CreateTime: timestamppb.New(f.CreateTime),
		ReviewTime: protoconv.Time(f.ReviewTime), ReviewedByEmail: f.ReviewedBy, ReviewNote: f.Note}
}

// ListFeedback implements FeedbackService.ListFeedback.
func (h *Feedback) ListFeedback(ctx context.Context, req *connect.Request[adminv1.ListFeedbackRequest]) (*connect.Response[adminv1.ListFeedbackResponse], error) {
	m := req.Msg
	page, err := h.feedback.List(ctx, feedback.Filter{PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), Reviewed: m.Reviewed,
		MaxRating: int(m.GetMaxRating()), Area: m.GetArea()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListFeedbackResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, f := range page.Items {
		out.Feedback = append(out.Feedback, ToProtoFeedback(f))
	}
	return connect.NewResponse(out), nil
}

// ReviewFeedback implements FeedbackService.ReviewFeedback.
func (h *Feedback) ReviewFeedback(ctx context.Context, req *connect.Request[adminv1.ReviewFeedbackRequest]) (*connect.Response[adminv1.ReviewFeedbackResponse], error) {
	id, err := ids.Parse(ids.Feedback, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	f, err := h.feedback.Review(ctx, id, req.Msg.GetNote())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ReviewFeedbackResponse{Feedback: ToProtoFeedback(*f)}), nil
}
