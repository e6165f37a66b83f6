package api_test

import (
	"slices"
	"strings"
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// hitsOf lists hits as "KIND title — subtitle".
func hitsOf(res *connect.Response[adminv1.SearchResponse]) []string {
	var out []string
	for _, h := range res.Msg.GetHits() {
		out = append(out, strings.TrimPrefix(h.GetKind().String(), "SEARCH_KIND_")+" "+h.GetTitle()+" — "+h.GetSubtitle())
	}
	return out
}

// The search over Connect and gRPC: typed hits, a pasted id, the kinds
// asked for, and requests the contract refuses.
func TestSearchOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		o := env.Org(t, "Lüneburger Heide Honig")
		if _, err := env.Infra.CreateServer(sys, infra.ServerValues{Name: "heide-01", Provider: "OTHER", Kind: "HOST", IPAddress: "192.0.2.7"}); err != nil {
			t.Fatal(err)
		}
		ws, err := env.Orgs.CreateWorkspace(sys, o.ID, "Imkerei", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		_, svc := env.BookedService(t, ws.ID, "Honigshop")
		ctx := t.Context()
		for name, c := range map[string]adminv1connect.SearchServiceClient{
			"connect": adminv1connect.NewSearchServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewSearchServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				res, err := c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: "LUNEB"}))
				if err != nil {
					t.Fatal(err)
				}
				if got := hitsOf(res); !slices.Equal(got, []string{"ORGANIZATION Lüneburger Heide Honig — "}) {
					t.Errorf("LUNEB = %q", got)
				}
				if id := res.Msg.GetHits()[0].GetId(); id != ids.Format(ids.Organization, o.ID) {
					t.Errorf("hit id %q", id)
				}
				res, err = c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: "192.0.2.7"}))
				if err != nil || !slices.Equal(hitsOf(res), []string{"SERVER heide-01 — 192.0.2.7"}) {
					t.Errorf("by IP = %q, %v", hitsOf(res), err)
				}
				res, err = c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: ids.Format(ids.Organization, o.ID)}))
				if err != nil || !slices.Equal(hitsOf(res), []string{"ORGANIZATION Lüneburger Heide Honig — "}) {
					t.Errorf("by id = %q, %v", hitsOf(res), err)
				}
				res, err = c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: "honigshop"}))
				if err != nil || !slices.Equal(hitsOf(res), []string{"CATALOG_ITEM Honigshop — M · 89.00 EUR",
					"SERVICE Honigshop — Lüneburger Heide Honig · Honigshop"}) {
					t.Errorf("catalog items and services = %q, %v", hitsOf(res), err)
				}
				res, err = c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: ids.Format(ids.Service, svc),
					Kinds: []adminv1.SearchKind{adminv1.SearchKind_SEARCH_KIND_SERVICE}}))
				if err != nil || !slices.Equal(hitsOf(res), []string{"SERVICE Honigshop — Lüneburger Heide Honig · Honigshop"}) {
					t.Errorf("a service by id = %q, %v", hitsOf(res), err)
				}
				res, err = c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: "heide", Kinds: []adminv1.SearchKind{adminv1.SearchKind_SEARCH_KIND_SERVER}}))
				if err != nil || !slices.Equal(hitsOf(res), []string{"SERVER heide-01 — 192.0.2.7"}) {
					t.Errorf("servers only = %q, %v", hitsOf(res), err)
				}
				res, err = c.Search(ctx, connect.NewRequest(&adminv1.SearchRequest{Query: "heide", PageSize: 1}))
				if err != nil || len(res.Msg.GetHits()) != 1 {
					t.Errorf("page size 1 = %q, %v", hitsOf(res), err)
				}
				for _, bad := range []*adminv1.SearchRequest{
					{Query: ""},
					{Query: strings.Repeat("x", 201)},
					{Query: "heide", PageSize: 51},
					{Query: "heide", Kinds: []adminv1.SearchKind{adminv1.SearchKind_SEARCH_KIND_UNSPECIFIED}},
				} {
					if _, err := c.Search(ctx, connect.NewRequest(bad)); connect.CodeOf(err) != connect.CodeInvalidArgument {
						t.Errorf("%v: %v, want invalid_argument", bad, err)
					}
				}
			})
		}
	})
}

// Over the API, a reseller's staff find their own customer and its
// services by name and id and nothing of another reseller's; a customer's
// user finds nothing.
func TestSearchKeepsTenantsApart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		a, _ := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		b, _ := env.ResellerOwner(t, "Partner B", "owner@partner-b.example")
		own := env.ResellerOrg(t, a, "Elbtal Software Nord")
		other := env.ResellerOrg(t, b, "Elbtal Software Süd")
		sys := authz.System(t.Context())
		wsOwn, err := env.Orgs.CreateWorkspace(sys, own, "Entwicklung", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		wsOther, err := env.Orgs.CreateWorkspace(sys, other, "Entwicklung", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		_, svcOwn := env.BookedService(t, wsOwn.ID, "Gitea Nord")
		_, svcOther := env.BookedService(t, wsOther.ID, "Gitea Süd")
		hc := apptest.HTTPClient(srv)
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": "owner@partner-a.example", "password": apptest.Password}), nil); code != "" {
			t.Fatal(code)
		}
		c := adminv1connect.NewSearchServiceClient(hc, srv.URL)
		for query, want := range map[string][]string{
			"elbtal":                            {"ORGANIZATION Elbtal Software Nord — "},
			ids.Format(ids.Organization, own):   {"ORGANIZATION Elbtal Software Nord — "},
			ids.Format(ids.Organization, other): nil,
			// The other reseller's own catalog item is its own too.
			"süd":                             nil,
			ids.Format(ids.Service, svcOwn):   {"SERVICE Gitea Nord — Elbtal Software Nord · Gitea Nord"},
			ids.Format(ids.Service, svcOther): nil,
			"gitea":                           {"CATALOG_ITEM Gitea Nord — M · 89.00 EUR", "SERVICE Gitea Nord — Elbtal Software Nord · Gitea Nord"},
		} {
			res, err := c.Search(t.Context(), connect.NewRequest(&adminv1.SearchRequest{Query: query}))
			if err != nil || !slices.Equal(hitsOf(res), want) {
				t.Errorf("reseller A searches %q: %q %v, want %q", query, hitsOf(res), err, want)
			}
		}

		customer := apptest.HTTPClient(srv)
		env.SignIn(t, customer, srv.URL, "kunde@elbtal.example", authz.RoleUser)
		for _, query := range []string{"elbtal", "gitea"} {
			res, err := adminv1connect.NewSearchServiceClient(customer, srv.URL).Search(t.Context(), connect.NewRequest(&adminv1.SearchRequest{Query: query}))
			if err != nil || len(res.Msg.GetHits()) != 0 {
				t.Errorf("a customer's user searches %q: %q %v, want nothing", query, hitsOf(res), err)
			}
		}
	})
}
