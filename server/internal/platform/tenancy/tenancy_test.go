package tenancy_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/member"
	orgs "github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func newOrg(t *testing.T, env *apptest.Env, ctx context.Context, name string) uuid.UUID {
	t.Helper()
	o, err := env.Orgs.Create(ctx, orgs.Values{Name: name, Address: orgs.Address{
		Line1: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", CountryCode: "DE"}}, uuid.Nil, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// A customer organization's user — the caller of the customer portal — sees
// the organizations they are a member of, their fellow members, the
// servers assigned to those organizations and their containers, their own
// sessions, and nothing of the platform's; they create no organization and
// nothing under another's.
func TestCustomerUserSeesOnlyTheirOrganizations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		mine, theirs := newOrg(t, env, sys, "Meine GmbH"), newOrg(t, env, sys, "Andere AG")
		me := env.User(t, "ich@kunde.example", authz.RoleUser)
		colleague := env.User(t, "kollegin@kunde.example", authz.RoleUser)
		stranger := env.User(t, "fremd@andere.example", authz.RoleUser)
		staff := env.User(t, "op@platform.example", authz.RoleOperator)
		env.Member(t, mine, me.ID, orgs.RoleMember)
		env.Member(t, mine, colleague.ID, orgs.RoleOwner)
		env.Member(t, theirs, stranger.ID, orgs.RoleOwner)
		myServer, myContainer := env.AssignedServer(t, "kunde-1", mine)
		env.AssignedServer(t, "andere-1", theirs)
		env.As(t, stranger) // a session that is not mine
		if _, err := env.Infra.CreateConnection(sys, infra.ConnectionSettings{Name: "Hetzner", Kind: "HETZNER",
			Credentials: infra.Credentials{Token: "t"}}); err != nil {
			t.Fatal(err)
		}
		ctx := env.As(t, me)
		c := env.DB.Client

		ids := func(got []uuid.UUID, err error) []uuid.UUID {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		same := func(what string, got []uuid.UUID, want ...uuid.UUID) {
			t.Helper()
			m := map[uuid.UUID]bool{}
			for _, id := range got {
				m[id] = true
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d rows, want %d", what, len(got), len(want))
			}
			for _, id := range want {
				if !m[id] {
					t.Errorf("%s: %s missing", what, id)
				}
			}
		}
		same("organizations", ids(c.Organization.Query().IDs(ctx)), mine)
		same("users", ids(c.User.Query().IDs(ctx)), me.ID, colleague.ID)
		ms, err := c.Membership.Query().All(ctx)
		if err != nil || len(ms) != 2 {
			t.Errorf("memberships: %d %v, want the two of their organization", len(ms), err)
		}
		for _, m := range ms {
			if m.OrganizationID != mine {
				t.Errorf("a membership of another organization is visible: %+v", m)
			}
		}
		same("servers", ids(c.Server.Query().IDs(ctx)), myServer)
		same("containers", ids(c.Container.Query().IDs(ctx)), myContainer)
		if n, err := c.Session.Query().Count(ctx); err != nil || n != 1 {
			t.Errorf("sessions: %d %v, want only their own", n, err)
		}
		if n, err := c.Connection.Query().Count(ctx); err != nil || n != 0 {
			t.Errorf("connections: %d %v, want none", n, err)
		}
		if _, err := c.User.Get(ctx, staff.ID); !ent.IsNotFound(err) {
			t.Errorf("a platform operator is visible to a customer: %v", err)
		}

		// Writes.
		if _, err := env.Orgs.Create(ctx, orgs.Values{Name: "Neu", Address: orgs.Address{Line1: "x", PostalCode: "1", City: "B", CountryCode: "DE"}}, uuid.Nil, "x"); !isKind(err, apierr.KindPermissionDenied) {
			t.Errorf("a customer created an organization: %v", err)
		}
		if _, err := env.Orgs.CreateWorkspace(ctx, theirs, "Hintertür", nil, "x"); !isKind(err, apierr.KindNotFound) {
			t.Errorf("a customer created a workspace in another's organization: %v", err)
		}
		if n, err := c.Organization.Update().Where(organization.ID(theirs)).SetName("Übernommen").Save(ctx); err != nil || n != 0 {
			t.Errorf("a customer renamed another's organization: %d %v", n, err)
		}
		if err := c.Server.UpdateOneID(myServer).SetName("weg").Exec(ctx); !isKind(err, apierr.KindPermissionDenied) {
			t.Errorf("a customer renamed their server: %v", err)
		}
	})
}

// The read models that count rows in subqueries they build by hand count
// only what the caller sees: a reseller's staff do not learn that their
// customer's user is a member elsewhere, nor how many guests of their
// server are another's.
func TestHandBuiltCountsKeepTheScope(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		_, ownerA := env.ResellerOwner(t, "Partner A", "owner@a.example")
		_, ownerB := env.ResellerOwner(t, "Partner B", "owner@b.example")
		ctxA, ctxB := env.As(t, ownerA), env.As(t, ownerB)
		orgA, orgB := newOrg(t, env, ctxA, "Kunde A"), newOrg(t, env, ctxB, "Kunde B")
		both := env.User(t, "beide@kunde.example", authz.RoleUser)
		env.Member(t, orgA, both.ID, orgs.RoleMember)
		env.Member(t, orgB, both.ID, orgs.RoleMember)
		operator := env.User(t, "support@platform.example", authz.RoleOperator)
		env.Member(t, orgA, operator.ID, orgs.RoleMember)

		page, err := env.Members.List(ctxA, member.ListParams{Query: "beide"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("list members: %v %+v", err, page)
		}
		if n := page.Items[0].OrganizationCount; n != 1 {
			t.Errorf("reseller A counts %d organizations of the shared user, want 1 (theirs)", n)
		}
		if all, _ := env.Members.List(sys, member.ListParams{Query: "beide"}); all.Items[0].OrganizationCount != 2 {
			t.Errorf("the platform counts %d organizations, want 2", all.Items[0].OrganizationCount)
		}
		o, err := env.Orgs.List(ctxA, orgs.ListParams{})
		if err != nil || len(o.Items) != 1 {
			t.Fatalf("list organizations: %v %+v", err, o)
		}
		if n := o.Items[0].MemberCount; n != 1 {
			t.Errorf("reseller A counts %d members, want 1 (the platform's operator is not theirs to see)", n)
		}

		host, _ := env.AssignedServer(t, "host-a", orgA)
		for i, org := range []uuid.UUID{orgA, orgB} {
			vm, err := env.Infra.CreateServer(sys, infra.ServerValues{Name: []string{"vm-a", "vm-b"}[i], Provider: "OTHER", Kind: "VM", ParentID: &host})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := env.Infra.Assign(sys, vm.ID, org, nil); err != nil {
				t.Fatal(err)
			}
		}
		servers, err := env.Infra.ListServers(ctxA, infra.ServerFilter{Query: "host-a"}, 10, "")
		if err != nil || len(servers.Items) != 1 {
			t.Fatalf("list servers: %v %+v", err, servers)
		}
		if n := servers.Items[0].Children; n != 1 {
			t.Errorf("reseller A counts %d guests on its host, want 1", n)
		}
		if all, _ := env.Infra.ListServers(sys, infra.ServerFilter{Query: "host-a"}, 10, ""); all.Items[0].Children != 2 {
			t.Errorf("the platform counts %d guests, want 2", all.Items[0].Children)
		}
	})
}

func isKind(err error, k apierr.Kind) bool { return errors.Is(err, &apierr.Error{Kind: k}) }
