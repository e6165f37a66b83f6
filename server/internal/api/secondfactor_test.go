package api_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// staff is a signed-in browser of one staff member.
type staff struct {
	t     *testing.T
	env   *apptest.Env
	auth  adminv1connect.AuthServiceClient
	mem   adminv1connect.MemberServiceClient
	orgs  adminv1connect.OrganizationServiceClient
	sets  adminv1connect.SettingsServiceClient
	email string
	// secret is the authenticator app's secret once enrolled.
	secret string
}

func newStaff(t *testing.T, env *apptest.Env, srvURL string, hc *http.Client, email string) *staff {
	return &staff{t: t, env: env, email: email, auth: adminv1connect.NewAuthServiceClient(hc, srvURL),
		mem: adminv1connect.NewMemberServiceClient(hc, srvURL), orgs: adminv1connect.NewOrganizationServiceClient(hc, srvURL),
		sets: adminv1connect.NewSettingsServiceClient(hc, srvURL)}
}

// code is what the app shows now; the clock moves on a step first, as a
// code is good only once.
func (s *staff) code() string {
	s.t.Helper()
	s.env.Clock.Advance(30 * time.Second)
	c, err := totp.GenerateCodeCustom(s.secret, s.env.Clock.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		s.t.Fatal(err)
	}
	return c
}

func (s *staff) login(code string) *adminv1.LoginResponse {
	s.t.Helper()
	res, err := s.auth.Login(s.t.Context(), connect.NewRequest(&adminv1.LoginRequest{Email: s.email, Password: apptest.Password, OneTimeCode: code}))
	if err != nil {
		s.t.Fatalf("login: %v", err)
	}
	return res.Msg
}

func (s *staff) enrol() []string {
	s.t.Helper()
	begin, err := s.auth.BeginSecondFactorEnrollment(s.t.Context(), connect.NewRequest(&adminv1.BeginSecondFactorEnrollmentRequest{}))
	if err != nil {
		s.t.Fatal(err)
	}
	if !strings.HasPrefix(begin.Msg.GetQrCodePngDataUrl(), "data:image/png;base64,") || !strings.HasPrefix(begin.Msg.GetUri(), "otpauth://totp/") {
		s.t.Fatalf("enrolment = %v", begin.Msg)
	}
	s.secret = begin.Msg.GetSecret()
	conf, err := s.auth.ConfirmSecondFactorEnrollment(s.t.Context(), connect.NewRequest(&adminv1.ConfirmSecondFactorEnrollmentRequest{Code: s.code()}))
	if err != nil {
		s.t.Fatal(err)
	}
	return conf.Msg.GetRecoveryCodes()
}

func secondFactorDetail(err error) *adminv1.SecondFactorRequired {
	var ce *connect.Error
	if !errors.As(err, &ce) || ce.Code() != connect.CodeFailedPrecondition {
		return nil
	}
	for _, d := range ce.Details() {
		if v, err := d.Value(); err == nil {
			if sf, ok := v.(*adminv1.SecondFactorRequired); ok {
				return sf
			}
		}
	}
	return nil
}

// An owner sets up an authenticator app: a wrong first code is refused,
// the right one turns it on and gives ten recovery codes. From then on the
// password alone starts no session; password and code do, and so does a
// recovery code, once. A code is good once.
func TestSecondFactorEnrolmentAndSignIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		env.User(t, "owner@example.com", authz.RoleOwner)
		o := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), "owner@example.com")
		o.login("")

		begin, err := o.auth.BeginSecondFactorEnrollment(t.Context(), connect.NewRequest(&adminv1.BeginSecondFactorEnrollmentRequest{}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = o.auth.ConfirmSecondFactorEnrollment(t.Context(), connect.NewRequest(&adminv1.ConfirmSecondFactorEnrollmentRequest{Code: "000000"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument {
			t.Fatalf("a wrong first code: %v", err)
		}
		o.secret = begin.Msg.GetSecret()
		conf, err := o.auth.ConfirmSecondFactorEnrollment(t.Context(), connect.NewRequest(&adminv1.ConfirmSecondFactorEnrollmentRequest{Code: o.code()}))
		if err != nil {
			t.Fatal(err)
		}
		recovery := conf.Msg.GetRecoveryCodes()
		if len(recovery) != 10 {
			t.Fatalf("%d recovery codes", len(recovery))
		}
		me, err := o.auth.GetCurrentUser(t.Context(), connect.NewRequest(&adminv1.GetCurrentUserRequest{}))
		if err != nil || !me.Msg.GetCaller().GetSecondFactorEnrolled() || me.Msg.GetCaller().GetSecondFactorFreshUntil() == nil {
			t.Fatalf("caller after enrolment: %v %v", me, err)
		}

		// A fresh browser: the password alone is not enough.
		b := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), o.email)
		b.secret = o.secret
		if res := b.login(""); !res.GetSecondFactorRequired() || res.GetCaller() != nil {
			t.Fatalf("password alone: %v", res)
		}
		if _, err := b.orgs.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{})); connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Fatalf("a session was started by the password alone: %v", err)
		}
		if res := b.login("123456"); !res.GetSecondFactorRequired() {
			t.Fatalf("a wrong code signed in: %v", res)
		}
		code := b.code()
		if res := b.login(code); res.GetSecondFactorRequired() || res.GetCaller() == nil {
			t.Fatalf("password and code: %v", res)
		}
		c := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), o.email)
		if res := c.login(code); !res.GetSecondFactorRequired() {
			t.Error("a code was accepted twice")
		}
		if res := c.login(strings.ToUpper(recovery[3])); res.GetSecondFactorRequired() {
			t.Fatal("a recovery code did not sign in")
		}
		if res := c.login(recovery[3]); !res.GetSecondFactorRequired() {
			t.Error("a recovery code was accepted twice")
		}
		n := len(env.Events(t, func(e audit.Entry) bool { return e.Action == "user.second_factor.enroll" }))
		if n != 1 {
			t.Errorf("%d enrolment events", n)
		}
	})
}

// The most sensitive actions need the second factor confirmed in the last
// minutes: granting a permission and changing the bank account are refused
// with a detail the client acts on, and pass after VerifySecondFactor;
// other settings do not ask. Users without a second factor and API tokens
// are not asked.
func TestSensitiveActionsNeedAFreshSecondFactor(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	env.User(t, "owner@example.com", authz.RoleOwner)
	op := env.User(t, "op@example.com", authz.RoleOperator)
	o := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), "owner@example.com")
	o.login("")
	o.enrol()
	env.Clock.Advance(identity.FreshSecondFactor + time.Minute)

	grant := func() error {
		_, err := o.mem.GrantPermission(t.Context(), connect.NewRequest(&adminv1.GrantPermissionRequest{
			Id: ids.Format(ids.User, op.ID), Permission: adminv1.Permission_PERMISSION_SETTINGS_WRITE, Reason: "month-end close"}))
		return err
	}
	err := grant()
	if sf := secondFactorDetail(err); sf == nil || sf.GetEnrollmentRequired() {
		t.Fatalf("grant without a fresh second factor: %v", err)
	}
	bank := func() error {
		_, err := o.sets.UpdateSettings(t.Context(), connect.NewRequest(&adminv1.UpdateSettingsRequest{
			Settings:   &adminv1.Settings{Bank: &adminv1.BankSettings{AccountHolder: "Leitstand GmbH"}},
			UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"bank.account_holder"}}, Reason: "new bank"}))
		return err
	}
	if sf := secondFactorDetail(bank()); sf == nil {
		t.Fatalf("bank change without a fresh second factor: %v", bank())
	}
	if _, err := o.sets.UpdateSettings(t.Context(), connect.NewRequest(&adminv1.UpdateSettingsRequest{
		Settings:   &adminv1.Settings{Company: &adminv1.CompanySettings{Name: "Leitstand GmbH"}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"company.name"}}, Reason: "rename"})); err != nil {
		t.Errorf("the company name asked for the second factor: %v", err)
	}
	if _, err := o.auth.VerifySecondFactor(t.Context(), connect.NewRequest(&adminv1.VerifySecondFactorRequest{Code: o.code()})); err != nil {
		t.Fatal(err)
	}
	if err := grant(); err != nil {
		t.Errorf("grant after confirming: %v", err)
	}
	if err := bank(); err != nil {
		t.Errorf("bank change after confirming: %v", err)
	}
}

// With the second factor required, an operator without one may do
// nothing but enrol (and sign out) until they have; their API tokens keep
// working. An owner resets a lost second factor with a reason, and the
// operator must enrol again.
func TestRequiredSecondFactorAndReset(t *testing.T) {
	env := apptest.NewWithPolicy(t, testdb.SQLite, func(p *identity.Policy) { p.RequireSecondFactor = true })
	srv := env.Server(t, app.HTTPOptions{})
	op := env.User(t, "op@example.com", authz.RoleOperator)
	env.User(t, "owner@example.com", authz.RoleOwner)
	tok, err := env.Identity.CreateAPIToken(env.As(t, op), "export script", nil)
	if err != nil {
		t.Fatal(err)
	}

	s := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), "op@example.com")
	if res := s.login(""); !res.GetCaller().GetSecondFactorEnrollmentRequired() {
		t.Fatalf("caller = %v", res.GetCaller())
	}
	_, err = s.orgs.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{}))
	if sf := secondFactorDetail(err); sf == nil || !sf.GetEnrollmentRequired() {
		t.Fatalf("before enrolling: %v", err)
	}
	tokOrgs := adminv1connect.NewOrganizationServiceClient(srv.Client(), srv.URL, apptest.Bearer(tok.Secret))
	if _, err := tokOrgs.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{})); err != nil {
		t.Errorf("the API token stopped working: %v", err)
	}
	s.enrol()
	if _, err := s.orgs.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{})); err != nil {
		t.Fatalf("after enrolling: %v", err)
	}
	_, err = s.auth.DisableSecondFactor(t.Context(), connect.NewRequest(&adminv1.DisableSecondFactorRequest{Code: s.code()}))
	if connect.CodeOf(err) != connect.CodeFailedPrecondition {
		t.Errorf("turning off a required second factor: %v", err)
	}

	o := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), "owner@example.com")
	o.login("")
	o.enrol()
	if _, err := o.mem.ResetSecondFactor(t.Context(), connect.NewRequest(&adminv1.ResetSecondFactorRequest{
		Id: ids.Format(ids.User, op.ID), Reason: "lost phone, identity checked by call-back"})); err != nil {
		t.Fatal(err)
	}
	again := newStaff(t, env, srv.URL, apptest.HTTPClient(srv), "op@example.com")
	if res := again.login(""); res.GetSecondFactorRequired() || !res.GetCaller().GetSecondFactorEnrollmentRequired() {
		t.Errorf("after the reset: %v", res)
	}
	evs := env.Events(t, func(e audit.Entry) bool { return strings.Contains(e.Action, "ResetSecondFactor") })
	if len(evs) != 1 || !strings.Contains(evs[0].Reason, "lost phone") {
		t.Errorf("reset events: %+v", evs)
	}
}
