package api_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A reseller's owner, signed in, cannot see or touch the platform's staff,
// its audit trail, its connections or its jobs: what names them by id is
// NotFound, lists leave them out, and nothing changes.
func TestResellerStaffCannotReachThePlatform(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		owner := env.User(t, "owner@platform.example", authz.RoleOwner)
		op := env.User(t, "op@platform.example", authz.RoleOperator)
		reseller := env.Reseller(t, "Partner Nord")
		boss := env.User(t, "boss@partner.example", authz.RoleOwner)
		env.JoinReseller(t, reseller, boss.ID)
		org := env.ResellerOrg(t, reseller, "Kunde des Partners")
		conn, err := env.Infra.CreateConnection(authz.System(ctx), infra.ConnectionSettings{Name: "Hetzner", Kind: provider.Hetzner,
			Credentials: infra.Credentials{Token: "t"}})
		if err != nil {
			t.Fatal(err)
		}

		hc := apptest.HTTPClient(srv)
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": boss.Email, "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		// The panel learns whose staff the caller is.
		_, me := call(t, hc, srv, "/leitstand.admin.v1.AuthService/GetCurrentUser", `{}`, nil)
		if c, _ := me["caller"].(map[string]any); c["billingEntityId"] != ids.Format(ids.BillingEntity, reseller) {
			t.Errorf("the caller is %v, want the reseller's staff", me)
		}
		refused := []struct{ proc, body, want string }{
			{"MemberService/DisableMember", `{"id":"` + ids.Format(ids.User, owner.ID) + `","reason":"x"}`, "not_found"},
			{"MemberService/SetPlatformRole", `{"id":"` + ids.Format(ids.User, op.ID) + `","platformRole":"PLATFORM_ROLE_USER","reason":"x"}`, "not_found"},
			{"MemberService/GetMember", `{"id":"` + ids.Format(ids.User, owner.ID) + `"}`, "not_found"},
			{"ConnectionService/GetConnection", `{"id":"` + ids.Format(ids.Connection, conn.ID) + `"}`, "not_found"},
			{"ConnectionService/TestConnection", `{"connectionId":"` + ids.Format(ids.Connection, conn.ID) + `"}`, "not_found"},
			{"ConnectionService/DiscoverServers", `{"connectionId":"` + ids.Format(ids.Connection, conn.ID) + `"}`, "not_found"},
			{"ConnectionService/TestConnection", `{"settings":{"name":"probe","kind":"PROVIDER_KIND_HETZNER","credentials":{"token":"t"}}}`, "permission_denied"},
			{"JobService/TriggerJob", `{"jobName":"session-cleanup","reason":"x"}`, "permission_denied"},
			{"JobService/ListJobs", `{}`, "permission_denied"},
		}
		for _, r := range refused {
			if code, resp := call(t, hc, srv, "/leitstand.admin.v1."+r.proc, r.body, nil); code != r.want {
				t.Errorf("%s: %q %v, want %s", r.proc, code, resp, r.want)
			}
		}
		empty := []struct{ proc, key string }{
			{"AuditService/ListAuditEvents", "auditEvents"},
			{"ConnectionService/ListConnections", "connections"},
		}
		for _, e := range empty {
			code, resp := call(t, hc, srv, "/leitstand.admin.v1."+e.proc, `{}`, nil)
			if code != "" || resp[e.key] != nil {
				t.Errorf("%s: %q lists %v", e.proc, code, resp[e.key])
			}
		}
		code, resp := call(t, hc, srv, "/leitstand.admin.v1.MemberService/ListMembers", `{}`, nil)
		if members, _ := resp["members"].([]any); code != "" || len(members) != 1 {
			t.Errorf("ListMembers: %q %v, want only the reseller's own owner", code, resp)
		}
		// A platform user is not pulled into the reseller's organization.
		call(t, hc, srv, "/leitstand.admin.v1.OrganizationService/AddOrganizationMember",
			`{"organizationId":"`+ids.Format(ids.Organization, org)+`","email":"op@platform.example","role":"ORGANIZATION_ROLE_MEMBER"}`, nil)
		if got, err := env.Members.Get(authz.System(ctx), op.ID); err != nil || len(got.Memberships) != 0 {
			t.Errorf("the platform's operator was added to the reseller's organization (%v)", err)
		}

		for _, u := range []struct {
			id   uuid.UUID
			role authz.Role
		}{{owner.ID, authz.RoleOwner}, {op.ID, authz.RoleOperator}} {
			got, err := env.Members.Get(authz.System(ctx), u.id)
			if err != nil || got.Disabled || got.PlatformRole != u.role {
				t.Errorf("platform staff changed: %+v %v", got, err)
			}
		}
	})
}
