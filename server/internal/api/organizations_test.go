package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// owner signs in an owner and returns clients over Connect and gRPC.
func ownerClients(t *testing.T, env *apptest.Env, srvURL string, hc *http.Client) map[string]adminv1connect.OrganizationServiceClient {
	t.Helper()
	env.SignIn(t, hc, srvURL, "owner@example.com", authz.RoleOwner)
	return map[string]adminv1connect.OrganizationServiceClient{
		"connect": adminv1connect.NewOrganizationServiceClient(hc, srvURL),
		"grpc":    adminv1connect.NewOrganizationServiceClient(hc, srvURL, connect.WithGRPC()),
	}
}

// succeeded keeps the audit events of changes that took place.
func succeeded(e audit.Entry) bool { return e.Outcome == audit.Succeeded }

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	var ce *connect.Error
	if !errorsAs(err, &ce) {
		return out
	}
	for _, d := range ce.Details() {
		v, derr := d.Value()
		if derr != nil {
			continue
		}
		if vs, ok := v.(*validate.Violations); ok {
			for _, viol := range vs.GetViolations() {
				var path []string
				for _, e := range viol.GetField().GetElements() {
					path = append(path, e.GetFieldName())
				}
				out[strings.Join(path, ".")] = viol.GetRuleId()
			}
		}
	}
	return out
}

func TestBadInputIsRefusedWithTheFieldAndChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		clients := ownerClients(t, env, srv.URL, apptest.HTTPClient(srv))
		org := env.Org(t, "Original GmbH")
		orgID := org.Organization.ID
		tests := []struct {
			name  string
			call  func(c adminv1connect.OrganizationServiceClient) error
			code  connect.Code
			field string
		}{
			{"empty name (protovalidate)", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: ""}))
				return err
			}, connect.CodeInvalidArgument, "name"},
			{"bad e-mail (protovalidate)", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "X", BillingEmail: "not-an-address"}))
				return err
			}, connect.CodeInvalidArgument, "billing_email"},
			{"VAT ID with a wrong check digit (domain)", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "X", VatId: "DE136695975"}))
				return err
			}, connect.CodeInvalidArgument, "vat_id"},
			{"blank name in an update (domain)", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
					Organization: &adminv1.Organization{Id: idOf(orgID), Name: "   "}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name"}}}))
				return err
			}, connect.CodeInvalidArgument, "organization.name"},
			{"unknown mask path", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
					Organization: &adminv1.Organization{Id: idOf(orgID)}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"billing_entity_id"}}}))
				return err
			}, connect.CodeInvalidArgument, "update_mask"},
			{"a workspace id where an organization id belongs", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.GetOrganization(t.Context(), connect.NewRequest(&adminv1.GetOrganizationRequest{Id: "ws_01h455vb4pex5vsknk084sn02q"}))
				return err
			}, connect.CodeInvalidArgument, "id"},
			{"a NUL character in the name", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "Evil\x00 GmbH"}))
				return err
			}, connect.CodeInvalidArgument, "name"},
			{"a NUL character in a nested field", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "X",
					BillingAddress: &adminv1.Address{Line1: "Hauptstr. 1\x00"}}))
				return err
			}, connect.CodeInvalidArgument, "billing_address.line1"},
			{"an organization that does not exist", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.GetOrganization(t.Context(), connect.NewRequest(&adminv1.GetOrganizationRequest{Id: "org_01h455vb4pex5vsknk084sn02q"}))
				return err
			}, connect.CodeNotFound, ""},
			{"suspending without a reason", func(c adminv1connect.OrganizationServiceClient) error {
				_, err := c.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
					Organization: &adminv1.Organization{Id: idOf(orgID), Status: adminv1.OrganizationStatus_ORGANIZATION_STATUS_SUSPENDED},
					UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"status"}}}))
				return err
			}, connect.CodeInvalidArgument, "reason"},
			{"a page token from another filter", func(c adminv1connect.OrganizationServiceClient) error {
				first, err := c.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{PageSize: 1}))
				if err != nil {
					return err
				}
				_, err = c.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{PageSize: 1,
					PageToken: first.Msg.GetNextPageToken(), OrderBy: "create_time"}))
				return err
			}, connect.CodeInvalidArgument, "page_token"},
		}
		env.Org(t, "Second GmbH") // so the first page has a next page
		for _, tt := range tests {
			for proto, c := range clients {
				t.Run(tt.name+"/"+proto, func(t *testing.T) {
					orgsBefore, eventsBefore := env.OrgCount(t), len(env.Events(t, succeeded))
					err := tt.call(c)
					if connect.CodeOf(err) != tt.code {
						t.Fatalf("got %v, want %v", err, tt.code)
					}
					if tt.field != "" {
						if _, ok := fieldsOf(err)[tt.field]; !ok {
							t.Errorf("error %v names fields %v, want %s", err, fieldsOf(err), tt.field)
						}
					}
					orgsAfter, eventsAfter := env.OrgCount(t), len(env.Events(t, succeeded))
					if orgsAfter != orgsBefore || eventsAfter != eventsBefore {
						t.Errorf("refused request changed something: organizations %d -> %d, audit events %d -> %d", orgsBefore, orgsAfter, eventsBefore, eventsAfter)
					}
					got, _ := env.Orgs.Get(t.Context(), orgID)
					if got.Name != "Original GmbH" || got.Status != "ACTIVE" {
						t.Errorf("organization changed: %s %s", got.Name, got.Status)
					}
				})
			}
		}
	})
}

func TestEditingAnAddressIsAudited(t *testing.T) {
	t.Parallel()
	env, srv := server(t, testdb.SQLite)
	c := ownerClients(t, env, srv.URL, apptest.HTTPClient(srv))["connect"]
	org := env.Org(t, "Umzug GmbH")
	res, err := c.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
		Organization: &adminv1.Organization{Id: idOf(org.Organization.ID), BillingAddress: &adminv1.Address{City: "Hamburg", PostalCode: "20095", Line1: "ignored"}},
		UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"billing_address.city", "billing_address.postal_code"}},
		Reason:       "moved",
	}))
	if err != nil {
		t.Fatal(err)
	}
	a := res.Msg.GetOrganization().GetBillingAddress()
	if a.GetCity() != "Hamburg" || a.GetPostalCode() != "20095" || a.GetLine1() != "Hauptstraße 1" {
		t.Errorf("address after update = %v (line1 was not in the mask and must stay)", a)
	}
	evs := env.Events(t, func(e audit.Entry) bool { return e.TargetID == idOf(org.Organization.ID) && e.Reason == "moved" })
	if len(evs) != 1 {
		t.Fatalf("no audit event for the change: %d events", len(evs))
	}
	ev := evs[0]
	if !strings.Contains(ev.Before, "Berlin") || !strings.Contains(ev.After, "Hamburg") || ev.ActorEmail != "owner@example.com" ||
		ev.Action != adminv1connect.OrganizationServiceUpdateOrganizationProcedure || ev.RequestID == "" {
		t.Errorf("audit event = %+v", ev)
	}
}

func TestListingCostsTheSameStatementsForAnyPageSize(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		c := ownerClients(t, env, srv.URL, apptest.HTTPClient(srv))["connect"]
		for i := range 60 {
			o := env.Org(t, fmt.Sprintf("Org %02d", i))
			if _, err := env.Orgs.CreateWorkspace(authz.System(t.Context()), o.Organization.ID, "Production", nil, ""); err != nil {
				t.Fatal(err)
			}
		}
		statements := func(size int32) (int64, *adminv1.ListOrganizationsResponse) {
			before := env.Statements.Load()
			res, err := c.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{PageSize: size}))
			if err != nil {
				t.Fatal(err)
			}
			return env.Statements.Load() - before, res.Msg
		}
		statements(7) // the session's sliding expiry may write once; measure after it
		small, page5 := statements(5)
		large, page50 := statements(50)
		if len(page5.GetOrganizations()) != 5 || len(page50.GetOrganizations()) != 50 || page50.GetTotalSize() != 60 {
			t.Fatalf("pages of %d and %d, total %d", len(page5.GetOrganizations()), len(page50.GetOrganizations()), page50.GetTotalSize())
		}
		if small != large {
			t.Errorf("a page of 5 took %d statements, a page of 50 took %d: the list must not query per row", small, large)
		}
		for _, o := range page50.GetOrganizations() {
			if o.GetWorkspaceCount() != 1 {
				t.Errorf("%s: workspace count %d, want 1", o.GetName(), o.GetWorkspaceCount())
			}
		}
		// The credential lookup is a prepared statement outside ent's driver
		// and so not counted here: these are the list's own statements.
		t.Logf("statements per page besides the credential lookup: %d", small)

		// The same page again is answered from the read cache: only the
		// credential lookup (which also reads the data version) runs.
		if again, _ := statements(50); again != 0 {
			t.Errorf("a repeated read took %d statements besides the credential lookup, want none", again)
		}
		// A change moves the data version: the next read sees it.
		first := page50.GetOrganizations()[0]
		if _, err := c.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
			Organization: &adminv1.Organization{Id: first.GetId(), Name: "Aaa Renamed"},
			UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"name"}}})); err != nil {
			t.Fatal(err)
		}
		_, after := statements(50)
		if got := after.GetOrganizations()[0].GetName(); got != "Aaa Renamed" {
			t.Errorf("after a rename the list shows %q first: a stale cached page", got)
		}
		got, err := c.GetOrganization(t.Context(), connect.NewRequest(&adminv1.GetOrganizationRequest{Id: first.GetId()}))
		if err != nil || got.Msg.GetOrganization().GetName() != "Aaa Renamed" {
			t.Errorf("GetOrganization after a rename: %v %v", got, err)
		}
	})
}

func TestOperationalEndpoints(t *testing.T) {
	t.Parallel()
	env, srv := server(t, testdb.SQLite)
	if _, err := env.Jobs.RunNow(authz.System(t.Context()), "session-cleanup"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		res, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", path, res.Status)
		}
		if path == "/metrics" && !strings.Contains(string(body), "go_goroutines") {
			t.Errorf("/metrics has no Go runtime metrics")
		}
		if path == "/metrics" && !strings.Contains(string(body), `leitstand_job_runs_total{job="session-cleanup",outcome="SUCCEEDED"} 1`) {
			t.Errorf("/metrics does not count the job run")
		}
	}
	res, err := srv.Client().Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/ without an SPA: %s", res.Status)
	}
}

// An enum value given by a name the enum does not have is an error, not a
// filter that quietly matches everything; an error about a megabyte of
// input quotes only an excerpt of it.
func TestJSONInputEdgeCases(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	hc := apptest.HTTPClient(srv)
	ownerClients(t, env, srv.URL, hc)
	env.Org(t, "Eins GmbH")
	list := adminv1connect.OrganizationServiceListOrganizationsProcedure
	code, resp := call(t, hc, srv, list, `{"filter":{"statuses":["ORGANIZATION_STATUS_NOPE"]}}`, nil)
	if code != "invalid_argument" || !strings.Contains(fmt.Sprint(resp["message"]), "ORGANIZATION_STATUS_NOPE") {
		t.Errorf("unknown enum name: %s %v", code, resp)
	}
	if code, resp := call(t, hc, srv, list, `{"filter":{"statuses":["ORGANIZATION_STATUS_ACTIVE"]},"fieldFromANewerClient":1}`, nil); code != "" {
		t.Errorf("a known name with an unknown field: %s %v", code, resp)
	}

	huge := strings.Repeat("x", 1<<20)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+adminv1connect.OrganizationServiceGetOrganizationProcedure,
		strings.NewReader(`{"id":"`+huge+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode == http.StatusOK || len(b) > 2000 {
		t.Errorf("a 1 MB bad id came back as %d bytes (status %d)", len(b), res.StatusCode)
	}
}

// A VAT ID is accepted as people write it (spaces, dots, dashes, lower case)
// and stored normalised; the country's format and check digit are checked
// on the normalised number.
func TestVATIDIsNormalisedBeforeItIsChecked(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		c := ownerClients(t, env, srv.URL, apptest.HTTPClient(srv))["connect"]
		created, err := c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{
			Name: "Spaced GmbH", VatId: "de 136 695 976"}))
		if err != nil {
			t.Fatalf("create with a spaced VAT ID: %v", err)
		}
		if got := created.Msg.GetOrganization().GetVatId(); got != "DE136695976" {
			t.Fatalf("stored VAT ID = %q, want DE136695976", got)
		}
		org := created.Msg.GetOrganization()
		updated, err := c.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
			Organization: &adminv1.Organization{Id: org.GetId(), VatId: "de-136.695.976 "},
			UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"vat_id"}}}))
		if err != nil {
			t.Fatalf("update with a dashed VAT ID: %v", err)
		}
		if got := updated.Msg.GetOrganization().GetVatId(); got != "DE136695976" {
			t.Fatalf("updated VAT ID = %q, want DE136695976", got)
		}
		// Normalised, a wrong check digit is still refused at the field.
		_, err = c.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{
			Name: "Typo GmbH", VatId: "de 136 695 975"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["vat_id"] != "vat_id.valid" {
			t.Fatalf("wrong check digit: %v (fields %v)", err, fieldsOf(err))
		}
	})
}
