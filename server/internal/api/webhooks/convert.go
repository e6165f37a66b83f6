package webhooks

import (
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	eventsv1 "github.com/leitstand/leitstand/gen/go/leitstand/events/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

var statuses = protoenum.ByName[webhook.Status, adminv1.WebhookDeliveryStatus](webhook.Statuses()...)

// Enums are the area's enum tables.
func Enums() []protoenum.Table { return []protoenum.Table{statuses} }

func toEndpoint(e webhook.Endpoint) *adminv1.WebhookEndpoint {
	return &adminv1.WebhookEndpoint{Id: ids.Format(ids.WebhookEndpoint, e.ID), BillingEntityId: ids.Format(ids.BillingEntity, e.BillingEntity),
		Url: e.URL, Description: e.Description, EventTypes: e.EventTypes, Enabled: e.Enabled,
		PreviousSecretExpireTime: protoconv.Time(e.PreviousSecretUntil), CreateTime: timestamppb.New(e.Created),
		UpdateTime: timestamppb.New(e.Updated)}
}

func toDelivery(d webhook.Delivery) *adminv1.WebhookDelivery {
	out := &adminv1.WebhookDelivery{Id: ids.Format(ids.WebhookDelivery, d.ID), EndpointId: ids.Format(ids.WebhookEndpoint, d.Endpoint),
		EventId: ids.Format(ids.WebhookEvent, d.Event), EventType: d.EventType, Status: statuses.ToProto(d.Status),
		Attempts: int32(d.Attempts), NextAttemptTime: protoconv.Time(d.Next), ResponseStatus: int32(d.ResponseStatus),
		ResponseBody: d.ResponseBody, Error: d.Error, DurationMs: d.Duration.Milliseconds(), LastAttemptTime: protoconv.Time(d.Last),
		CreateTime: timestamppb.New(d.Created), Payload: string(d.Payload)}
	if d.ReplayOf != nil {
		out.ReplayOf = ids.Format(ids.WebhookDelivery, *d.ReplayOf)
	}
	return out
}

func fromFields(f *adminv1.WebhookEndpointFields) webhook.Values {
	return webhook.Values{URL: f.GetUrl(), Description: f.GetDescription(), EventTypes: f.GetEventTypes(), Enabled: f.GetEnabled()}
}

// ToEvent converts an event to what receivers decode.
func ToEvent(e webhook.Event) *eventsv1.Event {
	out := &eventsv1.Event{Id: ids.Format(ids.WebhookEvent, e.ID), Type: e.Type, CreateTime: timestamppb.New(e.Time),
		BillingEntityId: ids.Format(ids.BillingEntity, e.BillingEntity), OrganizationId: ids.FormatPtr(ids.Organization, e.Organization)}
	switch d := e.Data.(type) {
	case webhook.PingData:
		out.Data = &eventsv1.Event_Ping{Ping: &eventsv1.Ping{EndpointId: ids.Format(ids.WebhookEndpoint, d.EndpointID)}}
	case webhook.OrganizationCreatedData:
		out.Data = &eventsv1.Event_OrganizationCreated{OrganizationCreated: &eventsv1.OrganizationCreated{
			Name: d.Name, LegalName: d.LegalName, Status: d.Status}}
	case webhook.InvoiceIssuedData:
		out.Data = &eventsv1.Event_InvoiceIssued{InvoiceIssued: &eventsv1.InvoiceIssued{InvoiceId: ids.Format(ids.Invoice, d.InvoiceID),
			Number: d.Number, Kind: d.Kind, IssueDate: d.IssueDate, NetCents: d.NetCents, VatCents: d.VATCents, GrossCents: d.GrossCents}}
	case webhook.PaymentReceivedData:
		out.Data = &eventsv1.Event_PaymentReceived{PaymentReceived: &eventsv1.PaymentReceived{PaymentId: ids.Format(ids.Payment, d.PaymentID),
			InvoiceNumber: d.InvoiceNumber, Method: d.Method, AmountCents: d.AmountCents, Currency: d.Currency}}
	case webhook.ServiceStatusChangedData:
		out.Data = &eventsv1.Event_ServiceStatusChanged{ServiceStatusChanged: &eventsv1.ServiceStatusChanged{
			ServiceId: ids.Format(ids.Service, d.ServiceID), Name: d.Name, PreviousStatus: d.PreviousStatus, Status: d.Status}}
	case webhook.AlertReportedData:
		out.Data = &eventsv1.Event_AlertReported{AlertReported: &eventsv1.AlertReported{AlertId: ids.Format(ids.Alert, d.AlertID),
			Priority: d.Priority, Label: d.Label}}
	case webhook.UpgradeRequestedData:
		out.Data = &eventsv1.Event_UpgradeRequested{UpgradeRequested: &eventsv1.UpgradeRequested{
			UpgradeRequestId: ids.Format(ids.UpgradeRequest, d.RequestID), Plan: d.Plan, FromPlan: d.FromPlan}}
	case webhook.SignUpDecidedData:
		out.Data = &eventsv1.Event_SignupDecided{SignupDecided: &eventsv1.SignUpDecided{Name: d.Name, LegalName: d.LegalName,
			Status: d.Status, RejectionReason: d.RejectionReason}}
	case webhook.LicenceExpiringData:
		out.Data = &eventsv1.Event_LicenceExpiring{LicenceExpiring: &eventsv1.LicenceExpiring{LicenceId: ids.Format(ids.Licence, d.LicenceID),
			Kind: d.Kind, ValidUntil: d.ValidUntil}}
	}
	return out
}

// Encode is the body of an event's deliveries: the event in protojson.
func Encode(e webhook.Event) ([]byte, error) {
	return protojson.Marshal(ToEvent(e))
}
