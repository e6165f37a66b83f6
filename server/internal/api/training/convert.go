package training

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/training"
)

var (
	sessionStatuses = protoenum.ByName[string, adminv1.TrainingSessionStatus](training.Scheduled, training.Completed, training.Cancelled)
	regStatuses     = protoenum.ByName[string, adminv1.RegistrationStatus](training.Confirmed, training.Waitlisted, training.Cancelled)
	attendances     = protoenum.ByName[string, adminv1.Attendance](training.Present, training.Absent)
	licenceStates   = protoenum.ByName[string, adminv1.LicenceState](training.Valid, training.Expiring, training.Expired, training.Revoked)
	noticeKinds     = protoenum.ByName[string, portalv1.LicenceNoticeKind](training.Expiring, training.Expired)
)

// Enums are the area's enum tables.
func Enums() []protoenum.Table {
	return []protoenum.Table{sessionStatuses, regStatuses, attendances, licenceStates, noticeKinds}
}

func toCourse(c *training.Course) *adminv1.Course {
	return &adminv1.Course{Id: ids.Format(ids.Course, c.ID), Title: c.Title, Description: c.Description, Language: c.Language,
		DurationMinutes: int32(c.DurationMinutes), ValidityMonths: int32(c.ValidityMonths), SeatPriceCents: c.SeatPriceCents,
		Currency: c.Currency, Retired: c.Retired, SessionCount: int32(c.SessionCount), CreateTime: timestamppb.New(c.CreateTime)}
}

// ToSession converts a session.
func ToSession(s *training.Session) *adminv1.TrainingSession {
	return &adminv1.TrainingSession{Id: ids.Format(ids.TrainingSession, s.ID), CourseId: ids.Format(ids.Course, s.Course),
		CourseTitle: s.CourseTitle, Language: s.Language, StartTime: timestamppb.New(s.Start), EndTime: timestamppb.New(s.End),
		OnlineUrl: s.OnlineURL, Location: s.Location, TrainerId: ids.Format(ids.User, s.Trainer), TrainerName: s.TrainerName,
		Capacity: int32(s.Capacity), Confirmed: int32(s.Confirmed), Waitlisted: int32(s.Waitlisted),
		Status: sessionStatuses.ToProto(s.Status), StatusTime: timestamppb.New(s.StatusTime), StatusReason: s.StatusReason,
		SeatPriceCents: s.SeatPriceCents, Currency: s.Currency, Licences: int32(s.Licences)}
}

// ToRegistration converts a registration.
func ToRegistration(r *training.Registration) *adminv1.Registration {
	if r == nil {
		return nil
	}
	out := &adminv1.Registration{Id: ids.Format(ids.Registration, r.ID), SessionId: ids.Format(ids.TrainingSession, r.Session),
		OrganizationId: ids.Format(ids.Organization, r.Organization), OrganizationName: r.OrganizationName, Name: r.Name,
		Email: r.Email, Status: regStatuses.ToProto(r.Status), WaitlistPosition: int32(r.WaitlistPosition),
		Attendance: attendances.ToProto(r.Attendance), CancelReason: r.CancelReason, CreateTime: timestamppb.New(r.CreateTime)}
	if r.User != nil {
		out.UserId = ids.Format(ids.User, *r.User)
	}
	if r.Licence != nil {
		out.LicenceId = ids.Format(ids.Licence, *r.Licence)
	}
	return out
}

// ToSessionRegistration converts a registration with its session.
func ToSessionRegistration(r *training.SessionRegistration) *adminv1.SessionRegistration {
	return &adminv1.SessionRegistration{Registration: ToRegistration(&r.Registration), CourseTitle: r.CourseTitle,
		StartTime: timestamppb.New(r.Start), SessionStatus: sessionStatuses.ToProto(r.SessionStatus)}
}

// ToLicence converts a licence.
func ToLicence(l *training.Licence) *adminv1.Licence {
	if l == nil {
		return nil
	}
	out := &adminv1.Licence{Id: ids.Format(ids.Licence, l.ID), OrganizationId: ids.Format(ids.Organization, l.Organization),
		OrganizationName: l.OrganizationName, Name: l.Name, Email: l.Email, CourseId: ids.Format(ids.Course, l.Course),
		CourseTitle: l.CourseTitle, SessionId: ids.Format(ids.TrainingSession, l.Session), ValidFrom: l.ValidFrom.String(),
		ValidUntil: l.ValidUntil.String(), State: licenceStates.ToProto(l.State), RevokeReason: l.RevokeReason,
		VerificationCode: l.Code}
	if l.User != nil {
		out.UserId = ids.Format(ids.User, *l.User)
	}
	if l.RevokeTime != nil {
		out.RevokeTime = timestamppb.New(*l.RevokeTime)
	}
	return out
}

// LicenceState is the domain's name of a licence state; "" for any.
func LicenceState(s adminv1.LicenceState) string { return licenceStates.FromProto(s) }

// NoticeKind converts a notice's kind.
func NoticeKind(k string) portalv1.LicenceNoticeKind { return noticeKinds.ToProto(k) }
