package portal

import (
	"context"

	"connectrpc.com/connect"
	"github.com/google/uuid"
	"google.golang.org/protobuf/types/known/timestamppb"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	trainingapi "github.com/leitstand/leitstand/server/internal/api/training"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/training"
)

// Training implements portalv1connect.TrainingServiceHandler.
type Training struct{ training *training.Service }

var _ portalv1connect.TrainingServiceHandler = (*Training)(nil)

// ListUpcomingSessions implements TrainingService.ListUpcomingSessions.
func (h *Training) ListUpcomingSessions(ctx context.Context, req *connect.Request[portalv1.ListUpcomingSessionsRequest]) (*connect.Response[portalv1.ListUpcomingSessionsResponse], error) {
	page, err := h.training.Sessions(ctx, training.SessionFilter{Status: training.Scheduled, PageSize: req.Msg.GetPageSize(),
		PageToken: req.Msg.GetPageToken()})
	if err != nil {
		return nil, err
	}
	idList := make([]uuid.UUID, len(page.Sessions))
	for i, s := range page.Sessions {
		idList[i] = s.ID
	}
	seated, err := h.training.Seated(ctx, idList)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListUpcomingSessionsResponse{NextPageToken: page.NextPageToken}
	for _, s := range page.Sessions {
		link := ""
		if seated[s.ID] {
			link = s.OnlineURL
		}
		out.Sessions = append(out.Sessions, &portalv1.UpcomingSession{Id: ids.Format(ids.TrainingSession, s.ID),
			CourseTitle: s.CourseTitle, CourseDescription: s.CourseDescription, Language: s.Language,
			StartTime: timestamppb.New(s.Start), EndTime: timestamppb.New(s.End), OnlineUrl: link, Online: s.OnlineURL != "", Location: s.Location,
			TrainerName: s.TrainerName, Capacity: int32(s.Capacity), SeatsFree: int32(s.SeatsFree()),
			SeatPriceCents: s.SeatPriceCents, Currency: s.Currency, ValidityMonths: int32(s.ValidityMonths)})
	}
	return connect.NewResponse(out), nil
}

// RegisterPerson implements TrainingService.RegisterPerson.
func (h *Training) RegisterPerson(ctx context.Context, req *connect.Request[portalv1.RegisterPersonRequest]) (*connect.Response[portalv1.RegisterPersonResponse], error) {
	m := req.Msg
	r, err := trainingapi.Register(ctx, h.training, m.GetSessionId(), m.GetOrganizationId(), m.GetUserId(), m.GetName(), m.GetEmail())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.RegisterPersonResponse{Registration: trainingapi.ToRegistration(r)}), nil
}

// CancelRegistration implements TrainingService.CancelRegistration.
func (h *Training) CancelRegistration(ctx context.Context, req *connect.Request[portalv1.CancelRegistrationRequest]) (*connect.Response[portalv1.CancelRegistrationResponse], error) {
	id, err := ids.Parse(ids.Registration, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	r, _, err := h.training.CancelRegistration(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.CancelRegistrationResponse{Registration: trainingapi.ToRegistration(r)}), nil
}

// ListRegistrations implements TrainingService.ListRegistrations.
func (h *Training) ListRegistrations(ctx context.Context, req *connect.Request[portalv1.ListRegistrationsRequest]) (*connect.Response[portalv1.ListRegistrationsResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	page, err := h.training.RegistrationsOf(ctx, org, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListRegistrationsResponse{NextPageToken: page.NextPageToken}
	for i := range page.Registrations {
		out.Registrations = append(out.Registrations, trainingapi.ToSessionRegistration(&page.Registrations[i]))
	}
	return connect.NewResponse(out), nil
}

// ListLicences implements TrainingService.ListLicences.
func (h *Training) ListLicences(ctx context.Context, req *connect.Request[portalv1.ListLicencesRequest]) (*connect.Response[portalv1.ListLicencesResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	page, err := h.training.Licences(ctx, training.LicenceFilter{Organization: &org, State: trainingapi.LicenceState(m.GetState()),
		PageSize: m.GetPageSize(), PageToken: m.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListLicencesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}
	for i := range page.Licences {
		out.Licences = append(out.Licences, trainingapi.ToLicence(&page.Licences[i]))
	}
	return connect.NewResponse(out), nil
}

// GetCertificatePdf implements TrainingService.GetCertificatePdf.
func (h *Training) GetCertificatePdf(ctx context.Context, req *connect.Request[portalv1.GetCertificatePdfRequest]) (*connect.Response[portalv1.GetCertificatePdfResponse], error) {
	id, err := ids.Parse(ids.Licence, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	pdf, name, err := h.training.Certificate(ctx, id, req.Msg.GetLanguage())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.GetCertificatePdfResponse{Content: pdf, FileName: name}), nil
}

// ListLicenceNotices implements TrainingService.ListLicenceNotices.
func (h *Training) ListLicenceNotices(ctx context.Context, req *connect.Request[portalv1.ListLicenceNoticesRequest]) (*connect.Response[portalv1.ListLicenceNoticesResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	page, err := h.training.Notices(ctx, org, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListLicenceNoticesResponse{NextPageToken: page.NextPageToken}
	for i := range page.Notices {
		n := &page.Notices[i]
		out.Notices = append(out.Notices, &portalv1.LicenceNotice{Id: ids.Format(ids.LicenceNotice, n.ID),
			Kind: trainingapi.NoticeKind(n.Kind), Licence: trainingapi.ToLicence(&n.Licence), CreateTime: timestamppb.New(n.CreateTime)})
	}
	return connect.NewResponse(out), nil
}
