package api_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/apptest"
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
		reseller, err := env.DB.Client.BillingEntity.Create().SetName("Partner Nord").SetKind(billingentity.KindRESELLER).
			SetCreateTime(apptest.Start).SetUpdateTime(apptest.Start).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		boss := env.User(t, "boss@partner.example", authz.RoleOwner)
		if err := env.DB.Client.User.UpdateOneID(boss.ID).SetBillingEntityID(reseller.ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		org, err := env.DB.Client.Organization.Create().SetBillingEntityID(reseller.ID).SetName("Kunde des Partners").
			SetCreateTime(apptest.Start).SetUpdateTime(apptest.Start).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conn, err := env.DB.Client.Connection.Create().SetName("Hetzner").SetKind("HETZNER").SetCredentials([]byte{1}).
			SetCreateTime(apptest.Start).SetUpdateTime(apptest.Start).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}

		hc := apptest.HTTPClient(srv)
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": boss.Email, "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
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
			{"AuditService/ListAuditEvents", "events"},
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
			`{"organizationId":"`+ids.Format(ids.Organization, org.ID)+`","email":"op@platform.example","role":"ORGANIZATION_ROLE_MEMBER"}`, nil)
		if n, _ := env.DB.Client.Membership.Query().Where(membership.UserID(op.ID)).Count(ctx); n != 0 {
			t.Error("the platform's operator was added to the reseller's organization")
		}

		for _, u := range []struct {
			id   any
			role user.PlatformRole
		}{{owner.ID, user.PlatformRoleOWNER}, {op.ID, user.PlatformRoleOPERATOR}} {
			got, err := env.DB.Client.User.Query().Where(user.Email(map[any]string{owner.ID: owner.Email, op.ID: op.Email}[u.id])).Only(ctx)
			if err != nil || got.Disabled || got.PlatformRole != u.role {
				t.Errorf("platform staff changed: %+v %v", got, err)
			}
		}
	})
}
