package api_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestSessionLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		env.User(t, "op@example.com", authz.RoleOperator)
		client := apptest.HTTPClient(srv)
		auth := adminv1connect.NewAuthServiceClient(client, srv.URL)
		ctx := t.Context()

		login := func() *http.Cookie {
			res, err := auth.Login(ctx, connect.NewRequest(&adminv1.LoginRequest{Email: "OP@example.com", Password: apptest.Password}))
			if err != nil {
				t.Fatalf("login: %v", err)
			}
			cookies, err := http.ParseSetCookie(res.Header().Get("Set-Cookie"))
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Msg.GetCaller().GetPlatformRole(); got != adminv1.PlatformRole_PLATFORM_ROLE_OPERATOR {
				t.Errorf("caller role = %v", got)
			}
			return cookies
		}
		first := login()
		// Behind TLS: the __Host- prefix, Secure, HttpOnly, SameSite=Strict, Path=/.
		if first.Name != "__Host-leitstand_session" || !first.Secure || !first.HttpOnly ||
			first.SameSite != http.SameSiteStrictMode || first.Path != "/" || first.Domain != "" {
			t.Errorf("session cookie = %+v", first)
		}
		second := login()
		if second.Value == first.Value {
			t.Error("a second sign-in reused the session id")
		}
		me, err := auth.GetCurrentUser(ctx, connect.NewRequest(&adminv1.GetCurrentUserRequest{}))
		if err != nil {
			t.Fatal(err)
		}
		if me.Msg.GetCaller().GetEmail() != "op@example.com" || len(me.Msg.GetCaller().GetPermissions()) == 0 {
			t.Errorf("current user = %v", me.Msg.GetCaller())
		}
		if _, err := auth.Logout(ctx, connect.NewRequest(&adminv1.LogoutRequest{})); err != nil {
			t.Fatal(err)
		}
		// The old cookie is worthless after sign-out, even if a client keeps it.
		req := connect.NewRequest(&adminv1.GetCurrentUserRequest{})
		req.Header().Set("Cookie", second.Name+"="+second.Value)
		_, err = adminv1connect.NewAuthServiceClient(srv.Client(), srv.URL).GetCurrentUser(ctx, req)
		if connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Errorf("after logout: %v, want unauthenticated", err)
		}
	})
}

func TestUnknownEmailAndWrongPasswordLookAlike(t *testing.T) {
	t.Parallel()
	env, srv := server(t, testdb.SQLite)
	env.User(t, "known@example.com", authz.RoleOwner)
	auth := adminv1connect.NewAuthServiceClient(apptest.HTTPClient(srv), srv.URL)
	_, errUnknown := auth.Login(t.Context(), connect.NewRequest(&adminv1.LoginRequest{Email: "unknown@example.com", Password: "whatever"}))
	_, errWrong := auth.Login(t.Context(), connect.NewRequest(&adminv1.LoginRequest{Email: "known@example.com", Password: "whatever"}))
	if errUnknown == nil || errWrong == nil {
		t.Fatal("a bad sign-in succeeded")
	}
	if errUnknown.Error() != errWrong.Error() || connect.CodeOf(errWrong) != connect.CodeUnauthenticated {
		t.Errorf("answers differ: unknown e-mail %q, wrong password %q", errUnknown, errWrong)
	}
}

func TestFailedSignInsAreThrottled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		env.User(t, "victim@example.com", authz.RoleOwner)
		auth := adminv1connect.NewAuthServiceClient(apptest.HTTPClient(srv), srv.URL)
		try := func(email, pw string) error {
			_, err := auth.Login(t.Context(), connect.NewRequest(&adminv1.LoginRequest{Email: email, Password: pw}))
			return err
		}
		for _, email := range []string{"victim@example.com", "ghost@example.com"} {
			for range 5 {
				if err := try(email, "guess-guess"); connect.CodeOf(err) != connect.CodeUnauthenticated {
					t.Fatalf("%s: %v", email, err)
				}
			}
		}
		// Locked now, for known and unknown addresses alike, even with the right password.
		errKnown := try("victim@example.com", apptest.Password)
		errGhost := try("ghost@example.com", apptest.Password)
		if connect.CodeOf(errKnown) != connect.CodeResourceExhausted || connect.CodeOf(errGhost) != connect.CodeResourceExhausted {
			t.Fatalf("after 5 failures: known %v, unknown %v; want resource_exhausted for both", errKnown, errGhost)
		}
		var ce *connect.Error
		if errors.As(errKnown, &ce) && !strings.Contains(ce.Message(), "try again") {
			t.Errorf("lock message does not say what to do: %q", ce.Message())
		}
		env.Clock.Advance(time.Minute)
		if err := try("victim@example.com", apptest.Password); err != nil {
			t.Errorf("after the lock ran out: %v", err)
		}
	})
}

func TestDisablingAndDemotingTakeEffectOnTheNextRequest(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		owner := env.User(t, "owner@example.com", authz.RoleOwner)
		op := env.User(t, "op@example.com", authz.RoleOperator)
		dev := env.User(t, "dev@example.com", authz.RoleOperator)
		ownerCtx := env.As(t, owner)

		signedIn := func(email string) adminv1connect.OrganizationServiceClient {
			c := apptest.HTTPClient(srv)
			if _, err := adminv1connect.NewAuthServiceClient(c, srv.URL).Login(t.Context(),
				connect.NewRequest(&adminv1.LoginRequest{Email: email, Password: apptest.Password})); err != nil {
				t.Fatal(err)
			}
			return adminv1connect.NewOrganizationServiceClient(c, srv.URL)
		}
		opOrgs, devOrgs := signedIn(op.Email), signedIn(dev.Email)
		create := func(c adminv1connect.OrganizationServiceClient) error {
			_, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "Neu GmbH"}))
			return err
		}
		if err := create(devOrgs); err != nil {
			t.Fatalf("operator cannot create: %v", err)
		}
		if _, err := env.Members.SetPlatformRole(ownerCtx, dev.ID, authz.RoleDeveloper, "read-only from now on"); err != nil {
			t.Fatal(err)
		}
		if err := create(devOrgs); connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("demoted user's next change: %v, want permission_denied", err)
		}
		if _, err := env.Members.Disable(ownerCtx, op.ID, "left the company"); err != nil {
			t.Fatal(err)
		}
		_, err := opOrgs.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{}))
		if connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Errorf("disabled user's next request: %v, want unauthenticated", err)
		}
	})
}

func TestAPITokensOverConnectGRPCAndGRPCWeb(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		env.User(t, "op@example.com", authz.RoleOperator)
		env.Org(t, "Token AG")
		c := apptest.HTTPClient(srv)
		auth := adminv1connect.NewAuthServiceClient(c, srv.URL)
		ctx := t.Context()
		if _, err := auth.Login(ctx, connect.NewRequest(&adminv1.LoginRequest{Email: "op@example.com", Password: apptest.Password})); err != nil {
			t.Fatal(err)
		}
		created, err := auth.CreateApiToken(ctx, connect.NewRequest(&adminv1.CreateApiTokenRequest{Name: "export script"}))
		if err != nil {
			t.Fatal(err)
		}
		secret := created.Msg.GetSecret()
		if !strings.HasPrefix(secret, "lst_") || !strings.HasPrefix(secret, created.Msg.GetApiToken().GetPrefix()) {
			t.Errorf("secret %q, prefix %q", secret, created.Msg.GetApiToken().GetPrefix())
		}
		list, err := auth.ListApiTokens(ctx, connect.NewRequest(&adminv1.ListApiTokensRequest{}))
		if err != nil || len(list.Msg.GetApiTokens()) != 1 {
			t.Fatalf("list tokens: %v %v", list, err)
		}
		if strings.Contains(list.Msg.String(), secret) {
			t.Error("the secret is shown again in the list")
		}
		// No cookies from here on: the bearer token alone.
		for name, opt := range map[string]connect.ClientOption{"connect": connect.WithProtoJSON(), "grpc": connect.WithGRPC(), "grpc-web": connect.WithGRPCWeb()} {
			orgs := adminv1connect.NewOrganizationServiceClient(srv.Client(), srv.URL, opt, apptest.Bearer(secret))
			res, err := orgs.ListOrganizations(ctx, connect.NewRequest(&adminv1.ListOrganizationsRequest{}))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(res.Msg.GetOrganizations()) != 1 || res.Msg.GetOrganizations()[0].GetName() != "Token AG" {
				t.Errorf("%s: organizations = %v", name, res.Msg.GetOrganizations())
			}
			_, err = orgs.CreateOrganization(ctx, connect.NewRequest(&adminv1.CreateOrganizationRequest{}))
			if connect.CodeOf(err) != connect.CodeInvalidArgument {
				t.Errorf("%s: empty create = %v, want invalid_argument", name, err)
			}
		}
		if _, err := auth.RevokeApiToken(ctx, connect.NewRequest(&adminv1.RevokeApiTokenRequest{Id: created.Msg.GetApiToken().GetId()})); err != nil {
			t.Fatal(err)
		}
		orgs := adminv1connect.NewOrganizationServiceClient(srv.Client(), srv.URL, connect.WithGRPC(), apptest.Bearer(secret))
		if _, err := orgs.ListOrganizations(ctx, connect.NewRequest(&adminv1.ListOrganizationsRequest{})); connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Errorf("revoked token: %v, want unauthenticated", err)
		}
		_, err = auth.RevokeApiToken(ctx, connect.NewRequest(&adminv1.RevokeApiTokenRequest{Id: ids.Format(ids.Organization, uuid.Must(uuid.NewV7()))}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument {
			t.Errorf("revoke with an organization id: %v, want invalid_argument", err)
		}
	})
}
