package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/search"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// find searches as the caller in ctx and fails the test on an error.
func find(t *testing.T, env *apptest.Env, ctx context.Context, text string, kinds ...search.Kind) []search.Hit {
	t.Helper()
	hits, err := env.Search.Search(ctx, search.Request{Text: text, Kinds: kinds})
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	return hits
}

// titles lists hits as "KIND title".
func titles(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = string(h.Kind) + " " + h.Title
	}
	return out
}

func org(t *testing.T, env *apptest.Env, name, legal, vat string) *organization.Summary {
	t.Helper()
	o, err := env.Orgs.Create(authz.System(t.Context()), organization.Values{Name: name, LegalName: legal, VATID: vat}, uuid.Nil, "fixture")
	if err != nil {
		t.Fatalf("create organization %s: %v", name, err)
	}
	return o
}

func serverWithIP(t *testing.T, env *apptest.Env, name, ip string) uuid.UUID {
	t.Helper()
	s, err := env.Infra.CreateServer(authz.System(t.Context()), infra.ServerValues{Name: name, Provider: "OTHER", Kind: "HOST", IPAddress: ip, Location: "fsn1"})
	if err != nil {
		t.Fatalf("create server %s: %v", name, err)
	}
	return s.ID
}

// "luneb" finds "Lüneburger", "muller" finds "Müller", "strasse" finds
// "Straße", whatever the case, in names, legal names, VAT IDs, display
// names and e-mail addresses.
func TestSearchFoldsCaseAndAccents(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org(t, env, "Lüneburger Heide Honig", "Lüneburger Heide Honig GmbH", "DE136695976")
		org(t, env, "Bau & Co", "Müller Bau GmbH", "")
		org(t, env, "Straße der Daten", "", "")
		env.User(t, "joerg@example.com", authz.RoleOperator) // "OPERATOR joerg@example.com"
		env.Member(t, org(t, env, "Kranich Consulting", "", "").ID, env.User(t, "j.mueller@kranich.example", authz.RoleUser).ID, organization.RoleMember)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		tests := []struct {
			query string
			want  []string
		}{
			{"luneb", []string{"ORGANIZATION Lüneburger Heide Honig"}},
			{"LÜNEBURGER HEIDE", []string{"ORGANIZATION Lüneburger Heide Honig"}},
			{"muller", []string{"ORGANIZATION Bau & Co"}},
			{"Mueller", []string{"ORGANIZATION Bau & Co", "MEMBER USER j.mueller@kranich.example"}},
			{"strasse", []string{"ORGANIZATION Straße der Daten"}},
			{"STRAßE", []string{"ORGANIZATION Straße der Daten"}},
			{"de1366", []string{"ORGANIZATION Lüneburger Heide Honig"}},
			{"joerg@", []string{"MEMBER OPERATOR joerg@example.com"}},
			{"nothing like it", []string{}},
			{"%", []string{}},
			{"_", []string{}},
		}
		for _, tt := range tests {
			if got := titles(find(t, env, ctx, tt.query)); !slices.Equal(got, tt.want) {
				t.Errorf("search %q = %q, want %q", tt.query, got, tt.want)
			}
		}
	})
}

// Servers are found by name and IP address, containers by name (with
// their server as subtitle), connections by name and endpoint.
func TestSearchFindsInfrastructure(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		serverWithIP(t, env, "web-01", "10.20.30.4")
		serverWithIP(t, env, "web-02", "10.20.30.40")
		serverWithIP(t, env, "db-01", "2001:db8::10")
		_, _ = env.AssignedServer(t, "shop", env.Org(t, "Shop GmbH").ID)
		if _, err := env.Infra.CreateConnection(sys, infra.ConnectionSettings{Name: "Hetzner Cloud", Kind: provider.Hetzner,
			Endpoint: "https://hcloud.example.net/v1", Credentials: infra.Credentials{Token: "t"}}); err != nil {
			t.Fatal(err)
		}
		ctx := env.AsRole(t, "dev@example.com", authz.RoleDeveloper)

		hits := find(t, env, ctx, "10.20.30.4")
		if got := titles(hits); !slices.Equal(got, []string{"SERVER web-01", "SERVER web-02"}) {
			t.Errorf("search by IP = %q, want the exact address first", got)
		}
		if hits[0].Subtitle != "10.20.30.4 · fsn1" || hits[0].Rank != search.Exact || hits[1].Rank != search.Prefix {
			t.Errorf("first hit %+v, second %+v", hits[0], hits[1])
		}
		if got := titles(find(t, env, ctx, "2001:DB8::10")); !slices.Equal(got, []string{"SERVER db-01"}) {
			t.Errorf("search by IPv6 = %q", got)
		}
		hits = find(t, env, ctx, "shop-web")
		if len(hits) != 1 || hits[0].Kind != "CONTAINER" || hits[0].Subtitle != "shop" || !strings.HasPrefix(hits[0].ID, "ctr_") {
			t.Errorf("search for a container = %+v", hits)
		}
		hits = find(t, env, ctx, "hcloud.example")
		if len(hits) != 1 || hits[0].Kind != "CONNECTION" || hits[0].Subtitle != "Hetzner · https://hcloud.example.net/v1" {
			t.Errorf("search by endpoint = %+v", hits)
		}
		if got := titles(find(t, env, ctx, "shop", "SERVER")); !slices.Equal(got, []string{"SERVER shop"}) {
			t.Errorf("search for servers only = %q", got)
		}
	})
}

// workspace creates a workspace of org for services to be booked into.
func workspace(t *testing.T, env *apptest.Env, org uuid.UUID, name string) uuid.UUID {
	t.Helper()
	ws, err := env.Orgs.CreateWorkspace(authz.System(t.Context()), org, name, nil, "fixture")
	if err != nil {
		t.Fatalf("create workspace %s: %v", name, err)
	}
	return ws.ID
}

// Catalog items are found by name, retired too, with their category and
// monthly price as subtitle; booked services by name, with their
// organization and catalog item.
func TestSearchFindsCatalogItemsAndServices(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		o := env.Org(t, "Nordlicht Medien")
		_, svc := env.BookedService(t, workspace(t, env, o.ID, "Marketing"), "Nextcloud M") // M, 89.00 EUR
		large, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud L", Category: catalog.CategoryL, MonthlyPriceCents: 14950}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Catalog.Retire(sys, large.ID, "fixture"); err != nil {
			t.Fatal(err)
		}
		ctx := env.AsRole(t, "dev@example.com", authz.RoleDeveloper)

		hits := find(t, env, ctx, "nextcloud")
		var got []string
		for _, h := range hits {
			got = append(got, string(h.Kind)+" "+h.Title+" — "+h.Subtitle)
		}
		// Alike ranks: the kinds take turns, each in the order of its names.
		if want := []string{"CATALOG_ITEM Nextcloud L — L · 149.50 EUR", "SERVICE Nextcloud M — Nordlicht Medien · Nextcloud M",
			"CATALOG_ITEM Nextcloud M — M · 89.00 EUR"}; !slices.Equal(got, want) {
			t.Errorf("search nextcloud = %q, want %q", got, want)
		}
		if hits[0].ID != ids.Format(ids.CatalogItem, large.ID) || hits[1].ID != ids.Format(ids.Service, svc) {
			t.Errorf("hit ids %s, %s", hits[0].ID, hits[1].ID)
		}
		// The name a service is given is what finds it.
		if _, err := env.Services.Update(sys, svc, instance.Values{Name: "Redaktion Cloud"}, []string{"name"}, ""); err != nil {
			t.Fatal(err)
		}
		if got := titles(find(t, env, ctx, "redaktion")); !slices.Equal(got, []string{"SERVICE Redaktion Cloud"}) {
			t.Errorf("search for the new name = %q", got)
		}
		if got := titles(find(t, env, ctx, "nextcloud", "SERVICE")); len(got) != 0 {
			t.Errorf("the old name still finds %q", got)
		}
	})
}

// A pasted id finds exactly its object, of any kind, if the caller sees
// it; an id that names nothing, or what the caller does not see, finds
// nothing.
func TestPastedIDFindsItsObject(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		o := env.Org(t, "Zugspitz Bergführer")
		srv, ctr := env.AssignedServer(t, "berg-01", o.ID)
		conn, err := env.Infra.CreateConnection(sys, infra.ConnectionSettings{Name: "Hetzner", Kind: provider.Hetzner, Credentials: infra.Credentials{Token: "t"}})
		if err != nil {
			t.Fatal(err)
		}
		u := env.User(t, "anna@example.com", authz.RoleUser)
		item, svc := env.BookedService(t, workspace(t, env, o.ID, "Touren"), "Wiki S")
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		tests := []struct{ id, want string }{
			{ids.Format(ids.Organization, o.ID), "ORGANIZATION Zugspitz Bergführer"},
			{"  " + strings.ToUpper(ids.Format(ids.Organization, o.ID)) + "\n", "ORGANIZATION Zugspitz Bergführer"},
			{ids.Format(ids.Server, srv), "SERVER berg-01"},
			{ids.Format(ids.Container, ctr), "CONTAINER berg-01-web"},
			{ids.Format(ids.Connection, conn.ID), "CONNECTION Hetzner"},
			{ids.Format(ids.User, u.ID), "MEMBER USER anna@example.com"},
			{ids.Format(ids.CatalogItem, item), "CATALOG_ITEM Wiki S"},
			{ids.Format(ids.Service, svc), "SERVICE Wiki S"},
			{ids.Format(ids.Organization, uuid.Must(uuid.NewV7())), ""},
			// The server's key under another kind's prefix names nothing.
			{ids.Format(ids.Organization, srv), ""},
		}
		for _, tt := range tests {
			hits := find(t, env, ctx, tt.id)
			got := strings.Join(titles(hits), ", ")
			if got != tt.want {
				t.Errorf("search %q = %q, want %q", tt.id, got, tt.want)
			}
			if len(hits) == 1 && (hits[0].ID != strings.ToLower(strings.TrimSpace(tt.id)) || hits[0].Rank != search.Exact) {
				t.Errorf("search %q: hit %+v", tt.id, hits[0])
			}
		}
		// A pasted id is looked up in its kind only, and only if asked for.
		if hits := find(t, env, ctx, ids.Format(ids.Server, srv), "ORGANIZATION"); len(hits) != 0 {
			t.Errorf("a server's id found %q among organizations", titles(hits))
		}
	})
}

// Each kind is searched only with the permission that reads it: staff
// without MEMBERS_READ find organizations but no members, and a customer's
// user, who holds no permission of the administration, finds nothing.
func TestSearchOnlyWhatTheCallerMayRead(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		o := env.Org(t, "Nordlicht Medien")
		env.Member(t, o.ID, env.User(t, "nordlicht@nordlicht.example", authz.RoleUser).ID, organization.RoleOwner)
		env.AssignedServer(t, "nordlicht-01", o.ID)

		dev := env.AsRole(t, "dev@example.com", authz.RoleDeveloper)
		if got := titles(find(t, env, dev, "nordlicht")); !slices.Equal(got, []string{
			"ORGANIZATION Nordlicht Medien", "MEMBER USER nordlicht@nordlicht.example", "SERVER nordlicht-01", "CONTAINER nordlicht-01-web"}) {
			t.Errorf("a developer finds %q", got)
		}
		// The developer without MEMBERS_READ.
		p := *authz.FromContext(dev)
		p.Permissions = slices.DeleteFunc(slices.Clone(p.Permissions), func(x authz.Permission) bool { return x == authz.MembersRead })
		noMembers := authz.WithPrincipal(dev, &p)
		if got := titles(find(t, env, noMembers, "nordlicht")); !slices.Equal(got, []string{
			"ORGANIZATION Nordlicht Medien", "SERVER nordlicht-01", "CONTAINER nordlicht-01-web"}) {
			t.Errorf("without MEMBERS_READ: %q", got)
		}
		customer := env.As(t, env.User(t, "kunde@nordlicht.example", authz.RoleUser))
		if hits := find(t, env, customer, "nordlicht"); len(hits) != 0 {
			t.Errorf("a customer's user finds %q", titles(hits))
		}
		if hits := find(t, env, context.Background(), "nordlicht"); len(hits) != 0 {
			t.Errorf("an anonymous caller finds %q", titles(hits))
		}
	})
}

// A reseller's staff find their own customers, by name and by id, and
// nothing of another reseller's or the licensee's: the data layer scopes
// the searchers' queries as any other.
func TestResellerStaffFindOnlyTheirOwn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		a, ownerA := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		b, _ := env.ResellerOwner(t, "Partner B", "owner@partner-b.example")
		orgA := env.ResellerOrg(t, a, "Kunde Nord")
		orgB := env.ResellerOrg(t, b, "Kunde Süd")
		lic := env.Org(t, "Kunde West")
		srvB, _ := env.AssignedServer(t, "kunde-sued-01", orgB)
		env.AssignedServer(t, "kunde-nord-01", orgA)
		env.AssignedServer(t, "kunde-west-01", lic.ID)

		ctx := env.As(t, ownerA)
		if got := titles(find(t, env, ctx, "kunde")); !slices.Equal(got, []string{
			"ORGANIZATION Kunde Nord", "SERVER kunde-nord-01", "CONTAINER kunde-nord-01-web"}) {
			t.Errorf("reseller A finds %q", got)
		}
		for _, id := range []string{ids.Format(ids.Organization, orgB), ids.Format(ids.Organization, lic.ID), ids.Format(ids.Server, srvB)} {
			if hits := find(t, env, ctx, id); len(hits) != 0 {
				t.Errorf("reseller A finds %s: %q", id, titles(hits))
			}
		}
		if got := titles(find(t, env, ctx, ids.Format(ids.Organization, orgA))); !slices.Equal(got, []string{"ORGANIZATION Kunde Nord"}) {
			t.Errorf("reseller A's own organization by id: %q", got)
		}
		// The platform's staff see all three.
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		if hits := find(t, env, owner, "kunde", "ORGANIZATION"); len(hits) != 3 {
			t.Errorf("the platform's owner finds %q", titles(hits))
		}
	})
}

// Services are found only where the caller sees them: a reseller's staff
// their customers', a customer's user their organizations'. A customer's
// user holds no permission of the administration (authz.Effective), so the
// latter is shown with SERVICES_READ given by hand: the data layer scopes
// the searcher's query whatever the caller holds. Catalog items are
// found where they are sold: the licensee's by every caller, a reseller's
// own by its staff and its customers.
func TestServicesAreFoundOnlyWhereTheCallerSeesThem(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		a, ownerA := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		b, _ := env.ResellerOwner(t, "Partner B", "owner@partner-b.example")
		orgA := env.ResellerOrg(t, a, "Kunde Nord")
		orgB := env.ResellerOrg(t, b, "Kunde Süd")
		lic := env.Org(t, "Kunde West")
		_, svcA := env.BookedService(t, workspace(t, env, orgA, "Büro"), "Cloud Nord")
		_, svcB := env.BookedService(t, workspace(t, env, orgB, "Büro"), "Cloud Süd")
		_, svcW := env.BookedService(t, workspace(t, env, lic.ID, "Büro"), "Cloud West")
		items := []string{"CATALOG_ITEM Cloud Nord", "CATALOG_ITEM Cloud Süd", "CATALOG_ITEM Cloud West"}

		reseller := env.As(t, ownerA)
		if got := titles(find(t, env, reseller, "cloud")); !slices.Equal(got, []string{
			items[0], "SERVICE Cloud Nord", items[2]}) {
			t.Errorf("reseller A finds %q", got)
		}

		// An ADMIN of the organization, who sees all its workspaces.
		customer := env.User(t, "kunde@kunde-west.example", authz.RoleUser)
		env.Member(t, lic.ID, customer.ID, organization.RoleAdmin)
		ctx := env.As(t, customer)
		if hits := find(t, env, ctx, "cloud"); len(hits) != 0 {
			t.Errorf("a customer's user finds %q", titles(hits))
		}
		p := *authz.FromContext(ctx)
		p.Permissions = []authz.Permission{authz.ServicesRead, authz.CatalogRead}
		granted := authz.WithPrincipal(ctx, &p)
		if got := titles(find(t, env, granted, "cloud")); !slices.Equal(got, []string{
			items[2], "SERVICE Cloud West"}) {
			t.Errorf("a customer's user with SERVICES_READ finds %q", got)
		}

		for caller, probes := range map[string]struct {
			ctx          context.Context
			own, foreign []uuid.UUID
		}{
			"reseller A": {reseller, []uuid.UUID{svcA}, []uuid.UUID{svcB, svcW}},
			"customer":   {granted, []uuid.UUID{svcW}, []uuid.UUID{svcA, svcB}},
		} {
			for _, id := range probes.own {
				if hits := find(t, env, probes.ctx, ids.Format(ids.Service, id)); len(hits) != 1 {
					t.Errorf("%s by the id of their own service finds %q", caller, titles(hits))
				}
			}
			for _, id := range probes.foreign {
				if hits := find(t, env, probes.ctx, ids.Format(ids.Service, id)); len(hits) != 0 {
					t.Errorf("%s finds another's service by id: %q", caller, titles(hits))
				}
			}
		}
	})
}

// Images are found by name, operating system or version where ImageService
// shows them: a reseller's staff their own entity's and those the licensee
// shared with it, never another reseller's nor the licensee's unshared
// ones; the licensee's staff every image; a caller without IMAGES_READ
// none.
func TestImagesAreFoundOnlyWhereTheCallerSeesThem(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		a, ownerA := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		_, ownerB := env.ResellerOwner(t, "Partner B", "owner@partner-b.example")
		newImage := func(ctx context.Context, name, os, version string) uuid.UUID {
			t.Helper()
			img, err := env.Images.Create(ctx, nil, image.Values{Name: name, Kind: image.OS, OS: os, Version: version,
				SizeBytes: 1 << 30, Source: "https://images.example.com/" + strings.ToLower(strings.ReplaceAll(name, " ", "-")) + ".qcow2"})
			if err != nil {
				t.Fatalf("create image %s: %v", name, err)
			}
			return img.ID
		}
		resellerA, resellerB := env.As(t, ownerA), env.As(t, ownerB)
		nord := newImage(resellerA, "Nord Basis", "Debian", "12.8")
		sued := newImage(resellerB, "Süd Basis", "Debian", "12.8")
		shared := newImage(sys, "Plattform Basis", "Debian", "12.8")
		private := newImage(sys, "Plattform Intern", "Debian", "13.1")
		if _, err := env.Images.Share(sys, shared, []uuid.UUID{a}); err != nil {
			t.Fatal(err)
		}

		// By operating system, by version and by name.
		for caller, c := range map[string]struct {
			ctx  context.Context
			text string
			want []string
		}{
			"reseller A by OS":        {resellerA, "debian", []string{"IMAGE Nord Basis", "IMAGE Plattform Basis"}},
			"reseller A by version":   {resellerA, "12.8", []string{"IMAGE Nord Basis", "IMAGE Plattform Basis"}},
			"reseller A by name":      {resellerA, "sud basis", nil},
			"reseller B by OS":        {resellerB, "debian", []string{"IMAGE Süd Basis"}},
			"licensee's staff by OS":  {env.AsRole(t, "owner@example.com", authz.RoleOwner), "debian", []string{"IMAGE Nord Basis", "IMAGE Plattform Basis", "IMAGE Plattform Intern", "IMAGE Süd Basis"}},
			"licensee's staff by ver": {env.AsRole(t, "dev@example.com", authz.RoleDeveloper), "13.1", []string{"IMAGE Plattform Intern"}},
		} {
			if got := titles(find(t, env, c.ctx, c.text, "IMAGE")); !slices.Equal(got, c.want) {
				t.Errorf("%s finds %q, want %q", caller, got, c.want)
			}
		}
		if hits := find(t, env, resellerA, "nord basis", "IMAGE"); len(hits) != 1 || hits[0].Subtitle != "Debian · 12.8" ||
			hits[0].ID != ids.Format(ids.Image, nord) {
			t.Errorf("reseller A's own image: %+v", hits)
		}

		// By id: reseller A finds its own and the shared one, not another's.
		for _, c := range []struct {
			id   uuid.UUID
			want int
		}{{nord, 1}, {shared, 1}, {sued, 0}, {private, 0}} {
			if hits := find(t, env, resellerA, ids.Format(ids.Image, c.id)); len(hits) != c.want {
				t.Errorf("reseller A by the id %s finds %q", ids.Format(ids.Image, c.id), titles(hits))
			}
		}

		// A customer's user holds no IMAGES_READ: no images.
		lic := env.Org(t, "Kunde West")
		customer := env.User(t, "kunde@kunde-west.example", authz.RoleUser)
		env.Member(t, lic.ID, customer.ID, organization.RoleAdmin)
		if hits := find(t, env, env.As(t, customer), "debian"); len(hits) != 0 {
			t.Errorf("a customer's user finds %q", titles(hits))
		}
	})
}

// A field that is the query ranks first, then one that starts with it,
// then a word that starts with it, then the rest; alike ones by name.
func TestSearchRanksExactThenPrefixThenWordThenName(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		for _, name := range []string{"Altholz Recycling", "Tischlerei Holzwurm", "Holzbau Meier", "Bauhof", "Holz", "Anker Holzhandel", "Holzbau Adler"} {
			org(t, env, name, "", "")
		}
		org(t, env, "Zimmerei Kern", "HOLZ", "") // exact in the legal name
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		hits := find(t, env, ctx, "holz")
		want := []string{"Holz", "Zimmerei Kern", "Holzbau Adler", "Holzbau Meier", "Anker Holzhandel", "Tischlerei Holzwurm", "Altholz Recycling"}
		got := make([]string, len(hits))
		for i, h := range hits {
			got[i] = h.Title
		}
		if !slices.Equal(got, want) {
			t.Errorf("ranked %q, want %q", got, want)
		}
		ranks := []search.Rank{search.Exact, search.Exact, search.Prefix, search.Prefix, search.WordPrefix, search.WordPrefix, search.Contains}
		for i, h := range hits {
			if i < len(ranks) && h.Rank != ranks[i] {
				t.Errorf("%s ranks %d, want %d", h.Title, h.Rank, ranks[i])
			}
		}
	})
}

// The page is DefaultLimit hits unless asked for fewer, never more than
// MaxLimit, and the kinds take turns within a rank, so one kind does not
// crowd out the others.
func TestSearchLimits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		for i := range 30 {
			org(t, env, fmt.Sprintf("Acme %02d", i), "", "")
			env.User(t, fmt.Sprintf("acme%02d@example.com", i), authz.RoleUser)
		}
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		for _, tt := range []struct{ limit, want int }{{0, search.DefaultLimit}, {5, 5}, {1000, search.MaxLimit}} {
			hits, err := env.Search.Search(ctx, search.Request{Text: "acme", Limit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != tt.want {
				t.Errorf("limit %d: %d hits, want %d", tt.limit, len(hits), tt.want)
			}
		}
		hits := find(t, env, ctx, "acme")
		if got := titles(hits[:4]); !slices.Equal(got, []string{"ORGANIZATION Acme 00", "MEMBER USER acme00@example.com", "ORGANIZATION Acme 01", "MEMBER USER acme01@example.com"}) {
			t.Errorf("the first hits are %q, want the kinds taking turns", got)
		}
	})
}

// The key follows every change of its fields, also of one field only and
// of many rows at once.
func TestKeysFollowChanges(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		o := org(t, env, "Sonnenhof Reisen", "", "")
		if _, err := env.Orgs.Update(sys, o.ID, organization.Values{Name: "Mondschein Reisen"}, []string{"name"}, ""); err != nil {
			t.Fatal(err)
		}
		srv := serverWithIP(t, env, "edge-01", "192.0.2.1")
		if _, err := env.Infra.UpdateServer(sys, srv, infra.ServerValues{IPAddress: "192.0.2.99"}, []string{"ip_address"}); err != nil {
			t.Fatal(err)
		}
		// One field of one row: the hook reads the other.
		if err := env.DB.Client.Server.UpdateOneID(srv).SetName("edge-02").Exec(sys); err != nil {
			t.Fatal(err)
		}
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		for query, want := range map[string]string{"sonnenhof": "", "mondschein": "ORGANIZATION Mondschein Reisen",
			"192.0.2.1": "", "192.0.2.99": "SERVER edge-02", "edge-01": "", "edge-02": "SERVER edge-02"} {
			if got := strings.Join(titles(find(t, env, ctx, query)), ", "); got != want {
				t.Errorf("after the changes, %q finds %q, want %q", query, got, want)
			}
		}
		// An update of many rows leaves their keys to be made again, which
		// the next search does first.
		if err := env.DB.Client.Organization.Update().Where(entorg.NameHasPrefix("Mond")).SetLegalName("Sternschnuppe GmbH").Exec(sys); err != nil {
			t.Fatal(err)
		}
		if got := titles(find(t, env, ctx, "sternschnuppe")); !slices.Equal(got, []string{"ORGANIZATION Mondschein Reisen"}) {
			t.Errorf("after an update of many rows: %q", got)
		}
		if n, err := search.Backfill(sys, env.DB.Client, env.DB.Dialect); err != nil || n != 0 {
			t.Errorf("keys left to make after the search: %d %v", n, err)
		}
	})
}

// Rows without a key (an upgraded database) get theirs at start, batch by
// batch, once.
func TestBackfillMakesMissingKeysOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		for _, name := range []string{"Lüneburger Heide Honig", "Moselwein Kellerei", "Eifel Druckhaus", "Harzer Holzwerk", "Rhön Schafzucht"} {
			org(t, env, name, "", "")
		}
		serverWithIP(t, env, "web-01", "10.0.0.1")
		shop := env.Org(t, "Shop GmbH")
		env.AssignedServer(t, "shop", shop.ID)
		env.BookedService(t, workspace(t, env, shop.ID, "Verkauf"), "Webshop Hosting")
		if _, err := env.Images.Create(sys, nil, image.Values{Name: "Webshop Basis", Kind: image.Application, OS: "Alpine", Version: "3.20",
			SizeBytes: 1 << 20, Source: "https://images.example.com/webshop.qcow2"}); err != nil {
			t.Fatal(err)
		}
		owner := env.User(t, "owner@example.com", authz.RoleOwner)
		ctx := env.As(t, owner)
		before := titles(find(t, env, ctx, "e"))

		rows := 0
		for _, k := range ent.SearchKeys {
			res, err := env.DB.Client.ExecContext(sys, "UPDATE "+k.Table+" SET "+k.Column+" = ''")
			if err != nil {
				t.Fatal(err)
			}
			n, _ := res.RowsAffected()
			rows += int(n)
		}
		defer search.SetBackfillBatch(2)()
		n, err := search.Backfill(sys, env.DB.Client, env.DB.Dialect)
		if err != nil || n != rows {
			t.Fatalf("Backfill = %d, %v; want %d rows", n, err, rows)
		}
		if after := titles(find(t, env, ctx, "e")); !slices.Equal(after, before) {
			t.Errorf("after the backfill %q, before %q", after, before)
		}
		if got := titles(find(t, env, ctx, "luneb")); !slices.Equal(got, []string{"ORGANIZATION Lüneburger Heide Honig"}) {
			t.Errorf("after the backfill: %q", got)
		}
		if got := titles(find(t, env, ctx, "webshop")); !slices.Equal(got, []string{"CATALOG_ITEM Webshop Hosting", "SERVICE Webshop Hosting", "IMAGE Webshop Basis"}) {
			t.Errorf("after the backfill: %q", got)
		}
		if n, err := search.Backfill(sys, env.DB.Client, env.DB.Dialect); err != nil || n != 0 {
			t.Errorf("a second Backfill = %d, %v; want nothing to do", n, err)
		}
	})
}

func TestEngineRefusesAKindDeclaredTwice(t *testing.T) {
	t.Parallel()
	s := search.Searcher{Kind: "SERVER", Prefix: ids.Server, Permission: authz.ServersRead,
		Find: func(context.Context, search.Query) ([]search.Hit, error) { return nil, nil }}
	if _, err := search.New([]search.Searcher{s, s}, nil); err == nil {
		t.Error("a kind declared twice was accepted")
	}
	if _, err := search.New([]search.Searcher{{Kind: "SERVER"}}, nil); err == nil {
		t.Error("a searcher without prefix, permission and function was accepted")
	}
}
