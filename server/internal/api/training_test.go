package api_test

import (
	"bytes"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/training"
)

// A training over both APIs: staff make a course and schedule a session;
// the customer's owner sees it in the portal and registers their member
// and a person without a login; the session fills and waitlists; staff
// complete it after marking attendance; the customer reads the licences
// and downloads a certificate whose code anyone can verify, learning
// nothing else. Bad input is refused at its field.
func TestATrainingOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		env.Issuer(t)
		org := env.Org(t, "Kieler Segel").ID
		orgID := ids.Format(ids.Organization, org)
		hcStaff, hcOwner, hcMember := apptest.HTTPClient(srv), apptest.HTTPClient(srv), apptest.HTTPClient(srv)
		staff := env.SignIn(t, hcStaff, srv.URL, "owner@platform.example", authz.RoleOwner)
		owner := env.SignIn(t, hcOwner, srv.URL, "chefin@segel.example", authz.RoleUser)
		member := env.SignIn(t, hcMember, srv.URL, "crew@segel.example", authz.RoleUser)
		env.Member(t, org, owner.ID, organization.RoleOwner)
		env.Member(t, org, member.ID, organization.RoleMember)
		admin := adminv1connect.NewTrainingServiceClient(hcStaff, srv.URL)
		portal := portalv1connect.NewTrainingServiceClient(hcOwner, srv.URL)

		_, err := admin.CreateCourse(ctx, connect.NewRequest(&adminv1.CreateCourseRequest{Course: &adminv1.CourseFields{
			Title: "Datenschutz", Language: "fr", DurationMinutes: 90}}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["course.language"] == "" {
			t.Errorf("a course in French = %v", err)
		}
		c, err := admin.CreateCourse(ctx, connect.NewRequest(&adminv1.CreateCourseRequest{Course: &adminv1.CourseFields{
			Title: "Datenschutz-Grundlagen", Language: "de", DurationMinutes: 90, SeatPriceCents: 12000}}))
		if err != nil {
			t.Fatal(err)
		}
		courseID := c.Msg.GetCourse().GetId()
		if c.Msg.GetCourse().GetValidityMonths() != 12 {
			t.Errorf("validity = %d, want 12 by default", c.Msg.GetCourse().GetValidityMonths())
		}
		start := env.Clock.Now().Add(time.Hour)
		place := &adminv1.SessionPlace{StartTime: timestamppb.New(start), Location: "Kiel, Hafenstraße 1",
			TrainerId: ids.Format(ids.User, staff.ID), Capacity: 2}
		_, err = admin.ScheduleTrainingSession(ctx, connect.NewRequest(&adminv1.ScheduleTrainingSessionRequest{CourseId: courseID,
			Place: &adminv1.SessionPlace{StartTime: timestamppb.New(start), TrainerId: ids.Format(ids.User, staff.ID), Capacity: 2}}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["place.location"] == "" {
			t.Errorf("a session nowhere = %v", err)
		}
		s, err := admin.ScheduleTrainingSession(ctx, connect.NewRequest(&adminv1.ScheduleTrainingSessionRequest{CourseId: courseID, Place: place}))
		if err != nil {
			t.Fatal(err)
		}
		sessionID := s.Msg.GetSession().GetId()

		up, err := portal.ListUpcomingSessions(ctx, connect.NewRequest(&portalv1.ListUpcomingSessionsRequest{}))
		if err != nil || len(up.Msg.GetSessions()) != 1 || up.Msg.GetSessions()[0].GetSeatsFree() != 2 ||
			up.Msg.GetSessions()[0].GetSeatPriceCents() != 12000 {
			t.Fatalf("upcoming = %v %v", up, err)
		}
		// An online session's link is given once someone holds a seat.
		online, err := admin.ScheduleTrainingSession(ctx, connect.NewRequest(&adminv1.ScheduleTrainingSessionRequest{CourseId: courseID,
			Place: &adminv1.SessionPlace{StartTime: timestamppb.New(start.Add(48 * time.Hour)), OnlineUrl: "https://meet.example/raum-7",
				TrainerId: ids.Format(ids.User, staff.ID), Capacity: 9}}))
		if err != nil {
			t.Fatal(err)
		}
		link := func() (bool, string) {
			t.Helper()
			up, err := portal.ListUpcomingSessions(ctx, connect.NewRequest(&portalv1.ListUpcomingSessionsRequest{}))
			if err != nil || len(up.Msg.GetSessions()) != 2 {
				t.Fatalf("upcoming = %v %v", up, err)
			}
			s := up.Msg.GetSessions()[1]
			return s.GetOnline(), s.GetOnlineUrl()
		}
		if on, url := link(); !on || url != "" {
			t.Errorf("before registering: online %t, link %q; want online without the link", on, url)
		}
		if _, err := portal.RegisterPerson(ctx, connect.NewRequest(&portalv1.RegisterPersonRequest{SessionId: online.Msg.GetSession().GetId(),
			OrganizationId: orgID, Name: "Nora Netz", Email: "nora@extern.example"})); err != nil {
			t.Fatal(err)
		}
		if _, url := link(); url != "https://meet.example/raum-7" {
			t.Errorf("after registering: link %q", url)
		}
		_, err = portalv1connect.NewTrainingServiceClient(hcMember, srv.URL).RegisterPerson(ctx, connect.NewRequest(&portalv1.RegisterPersonRequest{
			SessionId: sessionID, OrganizationId: orgID, UserId: ids.Format(ids.User, member.ID)}))
		if connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("a member registering = %v", err)
		}
		reg := func(userID, name, email string) *adminv1.Registration {
			t.Helper()
			r, err := portal.RegisterPerson(ctx, connect.NewRequest(&portalv1.RegisterPersonRequest{SessionId: sessionID,
				OrganizationId: orgID, UserId: userID, Name: name, Email: email}))
			if err != nil {
				t.Fatal(err)
			}
			return r.Msg.GetRegistration()
		}
		crew := reg(ids.Format(ids.User, member.ID), "", "")
		extern := reg("", "Erika Muster", "erika@extern.example")
		late := reg("", "Otto Spät", "otto@extern.example")
		if crew.GetStatus() != adminv1.RegistrationStatus_REGISTRATION_STATUS_CONFIRMED || crew.GetEmail() != "crew@segel.example" ||
			late.GetStatus() != adminv1.RegistrationStatus_REGISTRATION_STATUS_WAITLISTED || late.GetWaitlistPosition() != 1 {
			t.Errorf("registrations = %v / %v", crew, late)
		}
		_, err = portal.RegisterPerson(ctx, connect.NewRequest(&portalv1.RegisterPersonRequest{SessionId: sessionID,
			OrganizationId: orgID, Name: "Erika", Email: "Erika@Extern.example"}))
		if connect.CodeOf(err) != connect.CodeAlreadyExists {
			t.Errorf("Erika twice = %v", err)
		}
		moved, err := admin.CancelRegistration(ctx, connect.NewRequest(&adminv1.CancelRegistrationRequest{Id: extern.GetId(), Reason: "verhindert"}))
		if err != nil || moved.Msg.GetMovedUp().GetId() != late.GetId() {
			t.Fatalf("cancel = %v %v", moved, err)
		}

		env.Clock.Advance(3 * time.Hour)
		for _, r := range []*adminv1.Registration{crew, late} {
			if _, err := admin.MarkAttendance(ctx, connect.NewRequest(&adminv1.MarkAttendanceRequest{Id: r.GetId(),
				Attendance: adminv1.Attendance_ATTENDANCE_PRESENT})); err != nil {
				t.Fatal(err)
			}
		}
		done, err := admin.CompleteTrainingSession(ctx, connect.NewRequest(&adminv1.CompleteTrainingSessionRequest{Id: sessionID}))
		if err != nil || len(done.Msg.GetGranted()) != 2 || done.Msg.GetSession().GetLicences() != 2 ||
			done.Msg.GetSession().GetStatus() != adminv1.TrainingSessionStatus_TRAINING_SESSION_STATUS_COMPLETED {
			t.Fatalf("complete = %v %v", done, err)
		}

		ls, err := portal.ListLicences(ctx, connect.NewRequest(&portalv1.ListLicencesRequest{OrganizationId: orgID,
			State: adminv1.LicenceState_LICENCE_STATE_VALID}))
		if err != nil || len(ls.Msg.GetLicences()) != 2 {
			t.Fatalf("licences = %v %v", ls, err)
		}
		l := ls.Msg.GetLicences()[0]
		if l.GetValidFrom() != "2026-03-14" || l.GetValidUntil() != "2027-03-14" || l.GetCourseTitle() != "Datenschutz-Grundlagen" {
			t.Errorf("licence = %v", l)
		}
		for lang, want := range map[string][]string{
			"de": {"Zertifikat", l.GetName(), "Datenschutz-Grundlagen", "14.03.2027", l.GetVerificationCode(), demo.PlatformSettings.Company.Website},
			"en": {"Certificate", l.GetName(), "14 March 2027", l.GetVerificationCode()},
		} {
			pdf, err := portal.GetCertificatePdf(ctx, connect.NewRequest(&portalv1.GetCertificatePdfRequest{Id: l.GetId(), Language: lang}))
			if err != nil || !bytes.HasPrefix(pdf.Msg.GetContent(), []byte("%PDF-")) || !strings.HasSuffix(pdf.Msg.GetFileName(), ".pdf") {
				t.Fatalf("certificate (%s) = %d bytes %q %v", lang, len(pdf.Msg.GetContent()), pdf.Msg.GetFileName(), err)
			}
			text := pdfToText(t, pdf.Msg.GetContent())
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the %s certificate does not say %q:\n%s", lang, w, text)
				}
			}
			if company := demo.PlatformSettings.Company; strings.Count(text, company.LegalForm+" "+company.LegalForm) > 0 {
				t.Errorf("the %s certificate doubles the legal form:\n%s", lang, text)
			}
		}
		// Staff export the licences as CSV, with the list's filters.
		code, _, records := export(t, hcStaff, srv, "leitstand.admin.v1.TrainingService/ListLicences", `{"organizationId":"`+orgID+`","state":"LICENCE_STATE_VALID"}`)
		if code != http.StatusOK || len(records) != 3 || !slices.Contains(column(t, records, "valid_until"), "2027-03-14") {
			t.Errorf("licences CSV = %d %v", code, records)
		}
		// Anyone verifies a code, learning only whether it is valid.
		anon := adminv1connect.NewTrainingServiceClient(apptest.HTTPClient(srv), srv.URL)
		v, err := anon.VerifyCertificate(ctx, connect.NewRequest(&adminv1.VerifyCertificateRequest{Code: strings.ToLower(l.GetVerificationCode())}))
		if err != nil || !v.Msg.GetValid() {
			t.Errorf("verify = %v %v", v, err)
		}
		if _, err := admin.RevokeLicence(ctx, connect.NewRequest(&adminv1.RevokeLicenceRequest{Id: l.GetId(), Reason: "Täuschung"})); err != nil {
			t.Fatal(err)
		}
		if v, _ := anon.VerifyCertificate(ctx, connect.NewRequest(&adminv1.VerifyCertificateRequest{Code: l.GetVerificationCode()})); v.Msg.GetValid() {
			t.Errorf("a revoked licence verified")
		}
		_, err = portal.GetCertificatePdf(ctx, connect.NewRequest(&portalv1.GetCertificatePdfRequest{Id: l.GetId()}))
		if connect.CodeOf(err) != connect.CodeFailedPrecondition {
			t.Errorf("the certificate of a revoked licence = %v", err)
		}
		// Guessing is bounded per client address.
		var last error
		for range training.VerificationsPerMinute + 1 {
			_, last = anon.VerifyCertificate(ctx, connect.NewRequest(&adminv1.VerifyCertificateRequest{Code: "ABCD-EFGH-JKMN-PQRS"}))
		}
		if connect.CodeOf(last) != connect.CodeResourceExhausted {
			t.Errorf("verification %d in a minute = %v", training.VerificationsPerMinute+2, last)
		}
		// A retired course keeps its sessions and licences.
		if _, err := admin.UpdateCourse(ctx, connect.NewRequest(&adminv1.UpdateCourseRequest{Id: courseID,
			Course: &adminv1.CourseFields{Retired: true}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"retired"}}})); err != nil {
			t.Fatal(err)
		}
		if r, err := admin.ListRegistrations(ctx, connect.NewRequest(&adminv1.ListRegistrationsRequest{OrganizationId: orgID})); err != nil ||
			r.Msg.GetTotalSize() != 4 || r.Msg.GetRegistrations()[1].GetCourseTitle() != "Datenschutz-Grundlagen" {
			t.Errorf("the organization's registrations = %v %v", r, err)
		}
	})
}

// pdfToText is a PDF's text as pdftotext reads it.
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: install the Debian package poppler-utils (make deps-poppler)")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
