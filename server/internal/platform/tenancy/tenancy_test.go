package tenancy_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entimage "github.com/leitstand/leitstand/server/ent/image"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/member"
	orgs "github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
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

// Rows a billing entity owns and shares (schema.ScopeBillingEntityShared,
// the images): a reseller's staff read their own and those shared with
// their entity and write only their own, whatever they are shared; the
// shares they read are those made to their entity; a customer's user reads
// those of their organization's entity and those shared with it, and
// writes none; the platform sees all.
func TestSharedRowsAreReadByThoseTheyAreSharedWith(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := env.DB.Client
		beA, ownerA := env.ResellerOwner(t, "Partner A", "owner@a.example")
		beB, _ := env.ResellerOwner(t, "Partner B", "owner@b.example")
		licensee, err := tenancy.Licensee(sys, c)
		if err != nil {
			t.Fatal(err)
		}
		now := env.Clock.Now()
		row := func(owner uuid.UUID, name string, sharedWith ...uuid.UUID) uuid.UUID {
			t.Helper()
			r, err := c.Image.Create().SetBillingEntityID(owner).SetName(name).SetKind(entimage.KindOS).SetOs("Debian").
				SetVersion("12").SetSizeBytes(1).SetSource("https://example.com/" + name).SetCreateTime(now).SetUpdateTime(now).Save(sys)
			if err != nil {
				t.Fatal(err)
			}
			for _, be := range sharedWith {
				if err := c.ImageShare.Create().SetImageID(r.ID).SetBillingEntityID(be).SetCreateTime(now).Exec(sys); err != nil {
					t.Fatal(err)
				}
			}
			return r.ID
		}
		ownA := row(beA, "a")
		ownB := row(beB, "b", licensee)
		toA := row(licensee, "to-a", beA)
		toBoth := row(licensee, "to-both", beA, beB)
		toB := row(licensee, "to-b", beB)
		hidden := row(licensee, "hidden")
		ctxA := env.As(t, ownerA)
		same := func(what string, got []uuid.UUID, err error, want ...uuid.UUID) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(got, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
			slices.SortFunc(want, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
			if !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", what, got, want)
			}
		}
		all, err := c.Image.Query().IDs(sys)
		same("the platform", all, err, ownA, ownB, toA, toBoth, toB, hidden)
		got, err := c.Image.Query().IDs(ctxA)
		same("reseller A", got, err, ownA, toA, toBoth)
		shares, err := c.ImageShare.Query().All(ctxA)
		if err != nil || len(shares) != 2 {
			t.Errorf("reseller A reads %d shares (%v), want the two made to it", len(shares), err)
		}
		for _, s := range shares {
			if s.BillingEntityID != beA {
				t.Errorf("reseller A reads a share made to another: %+v", s)
			}
		}
		// Writes: its own row only; a shared one is not reached.
		if n, err := c.Image.Update().Where(entimage.IDIn(ownA, toA, toBoth, ownB)).SetVersion("13").Save(ctxA); err != nil || n != 1 {
			t.Errorf("reseller A updated %d rows (%v), want its own one", n, err)
		}
		if n, err := c.Image.Delete().Where(entimage.IDIn(toA, toBoth, ownB, hidden)).Exec(ctxA); err != nil || n != 0 {
			t.Errorf("reseller A deleted %d rows it does not own (%v)", n, err)
		}
		if _, err := c.ImageShare.Create().SetImageID(ownA).SetBillingEntityID(beA).SetCreateTime(now).Save(ctxA); !isKind(err, apierr.KindPermissionDenied) {
			t.Errorf("reseller A made a share: %v", err)
		}
		made, err := c.Image.Create().SetBillingEntityID(beA).SetName("new").SetKind(entimage.KindOS).SetOs("Debian").
			SetVersion("12").SetSizeBytes(1).SetSource("https://example.com/new").SetCreateTime(now).SetUpdateTime(now).Save(ctxA)
		if err != nil || made.BillingEntityID != beA {
			t.Errorf("reseller A creates its own row: %v", err)
		}
		if _, err := c.Image.Create().SetBillingEntityID(beB).SetName("foreign").SetKind(entimage.KindOS).SetOs("Debian").
			SetVersion("12").SetSizeBytes(1).SetSource("https://example.com/f").SetCreateTime(now).SetUpdateTime(now).Save(ctxA); !isKind(err, apierr.KindPermissionDenied) {
			t.Errorf("reseller A created a row of reseller B: %v", err)
		}
		// A customer of B reads B's rows and those shared with B, and
		// writes none.
		orgB := env.ResellerOrg(t, beB, "Kunde von B")
		cust := env.User(t, "kunde@b.example", authz.RoleUser)
		env.Member(t, orgB, cust.ID, orgs.RoleMember)
		custCtx := env.As(t, cust)
		got, err = c.Image.Query().IDs(custCtx)
		same("B's customer", got, err, ownB, toBoth, toB)
		if n, err := c.Image.Update().SetVersion("x").Save(custCtx); !isKind(err, apierr.KindPermissionDenied) || n != 0 {
			t.Errorf("a customer updated %d rows: %v", n, err)
		}
		// Visible gives the same rows to a hand-built query.
		if tenancy.Visible(ctxA, ent.TypeImage) == nil || tenancy.Visible(sys, ent.TypeImage) != nil {
			t.Errorf("Visible: a reseller's subquery, none for the platform")
		}
	})
}
