package training

import (
	"context"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/training"
)

// Handler implements adminv1connect.TrainingServiceHandler.
type Handler struct{ s *training.Service }

var _ adminv1connect.TrainingServiceHandler = (*Handler)(nil)

func courseValues(f *adminv1.CourseFields) training.CourseValues {
	return training.CourseValues{Title: f.GetTitle(), Description: f.GetDescription(), Language: f.GetLanguage(),
		DurationMinutes: int(f.GetDurationMinutes()), ValidityMonths: int(f.GetValidityMonths()),
		SeatPriceCents: f.GetSeatPriceCents(), Retired: f.GetRetired()}
}

// ListCourses implements TrainingService.ListCourses.
func (h *Handler) ListCourses(ctx context.Context, req *connect.Request[adminv1.ListCoursesRequest]) (*connect.Response[adminv1.ListCoursesResponse], error) {
	m := req.Msg
	page, err := h.s.Courses(ctx, m.GetIncludeRetired(), m.GetPageSize(), m.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListCoursesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}
	for i := range page.Courses {
		out.Courses = append(out.Courses, toCourse(&page.Courses[i]))
	}
	return connect.NewResponse(out), nil
}

// GetCourse implements TrainingService.GetCourse.
func (h *Handler) GetCourse(ctx context.Context, req *connect.Request[adminv1.GetCourseRequest]) (*connect.Response[adminv1.GetCourseResponse], error) {
	id, err := ids.Parse(ids.Course, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	c, err := h.s.Course(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetCourseResponse{Course: toCourse(c)}), nil
}

// CreateCourse implements TrainingService.CreateCourse.
func (h *Handler) CreateCourse(ctx context.Context, req *connect.Request[adminv1.CreateCourseRequest]) (*connect.Response[adminv1.CreateCourseResponse], error) {
	c, err := h.s.CreateCourse(ctx, courseValues(req.Msg.GetCourse()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateCourseResponse{Course: toCourse(c)}), nil
}

// UpdateCourse implements TrainingService.UpdateCourse.
func (h *Handler) UpdateCourse(ctx context.Context, req *connect.Request[adminv1.UpdateCourseRequest]) (*connect.Response[adminv1.UpdateCourseResponse], error) {
	id, err := ids.Parse(ids.Course, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	c, err := h.s.UpdateCourse(ctx, id, courseValues(req.Msg.GetCourse()), req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateCourseResponse{Course: toCourse(c)}), nil
}

// DeleteCourse implements TrainingService.DeleteCourse.
func (h *Handler) DeleteCourse(ctx context.Context, req *connect.Request[adminv1.DeleteCourseRequest]) (*connect.Response[adminv1.DeleteCourseResponse], error) {
	id, err := ids.Parse(ids.Course, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.s.DeleteCourse(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteCourseResponse{}), nil
}

// ListTrainingSessions implements TrainingService.ListTrainingSessions.
func (h *Handler) ListTrainingSessions(ctx context.Context, req *connect.Request[adminv1.ListTrainingSessionsRequest]) (*connect.Response[adminv1.ListTrainingSessionsResponse], error) {
	m := req.Msg
	course, err := ids.ParseOptional(ids.Course, "course_id", m.GetCourseId())
	if err != nil {
		return nil, err
	}
	f := training.SessionFilter{Course: course, Status: sessionStatuses.FromProto(m.GetStatus()), Past: m.GetPast(),
		PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
	if m.StartTime != nil {
		t := m.GetStartTime().AsTime()
		f.From = &t
	}
	if m.EndTime != nil {
		t := m.GetEndTime().AsTime()
		f.To = &t
	}
	page, err := h.s.Sessions(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListTrainingSessionsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}
	for i := range page.Sessions {
		out.Sessions = append(out.Sessions, ToSession(&page.Sessions[i]))
	}
	return connect.NewResponse(out), nil
}

// GetTrainingSession implements TrainingService.GetTrainingSession.
func (h *Handler) GetTrainingSession(ctx context.Context, req *connect.Request[adminv1.GetTrainingSessionRequest]) (*connect.Response[adminv1.GetTrainingSessionResponse], error) {
	id, err := ids.Parse(ids.TrainingSession, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	se, err := h.s.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	regs, err := h.s.Roster(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetTrainingSessionResponse{Session: ToSession(se)}
	for i := range regs {
		out.Registrations = append(out.Registrations, ToRegistration(&regs[i]))
	}
	return connect.NewResponse(out), nil
}

func place(p *adminv1.SessionPlace) (training.Place, error) {
	trainer, err := ids.Parse(ids.User, "place.trainer_id", p.GetTrainerId())
	if err != nil {
		return training.Place{}, err
	}
	var start time.Time
	if p.StartTime != nil {
		start = p.GetStartTime().AsTime()
	}
	return training.Place{Start: start, OnlineURL: p.GetOnlineUrl(), Location: p.GetLocation(), Trainer: trainer,
		Capacity: int(p.GetCapacity())}, nil
}

// ScheduleTrainingSession implements TrainingService.ScheduleTrainingSession.
func (h *Handler) ScheduleTrainingSession(ctx context.Context, req *connect.Request[adminv1.ScheduleTrainingSessionRequest]) (*connect.Response[adminv1.ScheduleTrainingSessionResponse], error) {
	course, err := ids.Parse(ids.Course, "course_id", req.Msg.GetCourseId())
	if err != nil {
		return nil, err
	}
	p, err := place(req.Msg.GetPlace())
	if err != nil {
		return nil, err
	}
	se, err := h.s.Schedule(ctx, course, p)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ScheduleTrainingSessionResponse{Session: ToSession(se)}), nil
}

// RescheduleTrainingSession implements TrainingService.RescheduleTrainingSession.
func (h *Handler) RescheduleTrainingSession(ctx context.Context, req *connect.Request[adminv1.RescheduleTrainingSessionRequest]) (*connect.Response[adminv1.RescheduleTrainingSessionResponse], error) {
	id, err := ids.Parse(ids.TrainingSession, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	p, err := place(req.Msg.GetPlace())
	if err != nil {
		return nil, err
	}
	se, err := h.s.Reschedule(ctx, id, p, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RescheduleTrainingSessionResponse{Session: ToSession(se)}), nil
}

// CancelTrainingSession implements TrainingService.CancelTrainingSession.
func (h *Handler) CancelTrainingSession(ctx context.Context, req *connect.Request[adminv1.CancelTrainingSessionRequest]) (*connect.Response[adminv1.CancelTrainingSessionResponse], error) {
	id, err := ids.Parse(ids.TrainingSession, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	se, err := h.s.CancelSession(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CancelTrainingSessionResponse{Session: ToSession(se)}), nil
}

// CompleteTrainingSession implements TrainingService.CompleteTrainingSession.
func (h *Handler) CompleteTrainingSession(ctx context.Context, req *connect.Request[adminv1.CompleteTrainingSessionRequest]) (*connect.Response[adminv1.CompleteTrainingSessionResponse], error) {
	id, err := ids.Parse(ids.TrainingSession, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	se, granted, err := h.s.Complete(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.CompleteTrainingSessionResponse{Session: ToSession(se)}
	for i := range granted {
		out.Granted = append(out.Granted, ToLicence(&granted[i]))
	}
	return connect.NewResponse(out), nil
}

// RegisterAttendee implements TrainingService.RegisterAttendee.
func (h *Handler) RegisterAttendee(ctx context.Context, req *connect.Request[adminv1.RegisterAttendeeRequest]) (*connect.Response[adminv1.RegisterAttendeeResponse], error) {
	m := req.Msg
	r, err := Register(ctx, h.s, m.GetSessionId(), m.GetOrganizationId(), m.GetUserId(), m.GetName(), m.GetEmail())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RegisterAttendeeResponse{Registration: ToRegistration(r)}), nil
}

// Register parses a registration's ids and registers the person: the staff
// API's and the portal's.
func Register(ctx context.Context, s *training.Service, session, org, userID, name, email string) (*training.Registration, error) {
	se, err := ids.Parse(ids.TrainingSession, "session_id", session)
	if err != nil {
		return nil, err
	}
	o, err := ids.Parse(ids.Organization, "organization_id", org)
	if err != nil {
		return nil, err
	}
	u, err := ids.ParseOptional(ids.User, "user_id", userID)
	if err != nil {
		return nil, err
	}
	return s.Register(ctx, se, o, training.Person{User: u, Name: name, Email: email})
}

// CancelRegistration implements TrainingService.CancelRegistration.
func (h *Handler) CancelRegistration(ctx context.Context, req *connect.Request[adminv1.CancelRegistrationRequest]) (*connect.Response[adminv1.CancelRegistrationResponse], error) {
	id, err := ids.Parse(ids.Registration, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	r, moved, err := h.s.CancelRegistration(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CancelRegistrationResponse{Registration: ToRegistration(r), MovedUp: ToRegistration(moved)}), nil
}

// ListRegistrations implements TrainingService.ListRegistrations.
func (h *Handler) ListRegistrations(ctx context.Context, req *connect.Request[adminv1.ListRegistrationsRequest]) (*connect.Response[adminv1.ListRegistrationsResponse], error) {
	org, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	page, err := h.s.RegistrationsOf(ctx, org, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListRegistrationsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}
	for i := range page.Registrations {
		out.Registrations = append(out.Registrations, ToSessionRegistration(&page.Registrations[i]))
	}
	return connect.NewResponse(out), nil
}

// MarkAttendance implements TrainingService.MarkAttendance.
func (h *Handler) MarkAttendance(ctx context.Context, req *connect.Request[adminv1.MarkAttendanceRequest]) (*connect.Response[adminv1.MarkAttendanceResponse], error) {
	id, err := ids.Parse(ids.Registration, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	r, l, err := h.s.MarkAttendance(ctx, id, attendances.FromProto(req.Msg.GetAttendance()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.MarkAttendanceResponse{Registration: ToRegistration(r), Granted: ToLicence(l)}), nil
}

// ListLicences implements TrainingService.ListLicences.
func (h *Handler) ListLicences(ctx context.Context, req *connect.Request[adminv1.ListLicencesRequest]) (*connect.Response[adminv1.ListLicencesResponse], error) {
	m := req.Msg
	org, err := ids.ParseOptional(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	course, err := ids.ParseOptional(ids.Course, "course_id", m.GetCourseId())
	if err != nil {
		return nil, err
	}
	page, err := h.s.Licences(ctx, training.LicenceFilter{Organization: org, Course: course, State: LicenceState(m.GetState()),
		Person: m.GetPerson(), PageSize: m.GetPageSize(), PageToken: m.GetPageToken()})
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListLicencesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}
	for i := range page.Licences {
		out.Licences = append(out.Licences, ToLicence(&page.Licences[i]))
	}
	return connect.NewResponse(out), nil
}

// GetLicence implements TrainingService.GetLicence.
func (h *Handler) GetLicence(ctx context.Context, req *connect.Request[adminv1.GetLicenceRequest]) (*connect.Response[adminv1.GetLicenceResponse], error) {
	id, err := ids.Parse(ids.Licence, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	l, err := h.s.Licence(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetLicenceResponse{Licence: ToLicence(l)}), nil
}

// RevokeLicence implements TrainingService.RevokeLicence.
func (h *Handler) RevokeLicence(ctx context.Context, req *connect.Request[adminv1.RevokeLicenceRequest]) (*connect.Response[adminv1.RevokeLicenceResponse], error) {
	id, err := ids.Parse(ids.Licence, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	l, err := h.s.Revoke(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RevokeLicenceResponse{Licence: ToLicence(l)}), nil
}

// GetCertificatePdf implements TrainingService.GetCertificatePdf.
func (h *Handler) GetCertificatePdf(ctx context.Context, req *connect.Request[adminv1.GetCertificatePdfRequest]) (*connect.Response[adminv1.GetCertificatePdfResponse], error) {
	id, err := ids.Parse(ids.Licence, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	pdf, name, err := h.s.Certificate(ctx, id, req.Msg.GetLanguage())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetCertificatePdfResponse{Content: pdf, FileName: name}), nil
}

// VerifyCertificate implements TrainingService.VerifyCertificate.
func (h *Handler) VerifyCertificate(ctx context.Context, req *connect.Request[adminv1.VerifyCertificateRequest]) (*connect.Response[adminv1.VerifyCertificateResponse], error) {
	ok, err := h.s.Verify(ctx, req.Msg.GetCode())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.VerifyCertificateResponse{Valid: ok}), nil
}
