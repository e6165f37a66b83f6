package api_test

import (
	"context"
	"slices"
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Two replicas on one database, each with its own caches: whatever one of
// them changes, the other shows on the very next request — while a change to
// one organization leaves the other organizations' cached pages alone.
func TestCachedReadsAreFreshOnEveryReplica(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		a, srvA := server(t, d)
		b := a.Replica(t)
		srvB := b.Server(t, app.HTTPOptions{})
		hc := apptest.HTTPClient(srvA) // signed in once: the session is in the shared database
		onA := ownerClients(t, a, srvA.URL, hc)["connect"]
		onB := adminv1connect.NewOrganizationServiceClient(hc, srvB.URL)
		sys := authz.System(context.Background())

		acme, other := a.Org(t, "Acme"), a.Org(t, "Beta")
		alice := a.User(t, "alice@acme.example", authz.RoleUser)
		a.Member(t, acme.ID, alice.ID, organization.RoleAdmin)

		get := func(id string) *adminv1.GetOrganizationResponse {
			t.Helper()
			res, err := onB.GetOrganization(t.Context(), connect.NewRequest(&adminv1.GetOrganizationRequest{Id: id}))
			if err != nil {
				t.Fatal(err)
			}
			return res.Msg
		}
		names := func() []string { t.Helper(); return listNames(t, onB) }
		warm := func() {
			t.Helper()
			get(idOf(acme.ID))
			get(idOf(other.ID))
			names()
		}
		warm()

		// A rename on A: B's page and list show it.
		if _, err := onA.UpdateOrganization(t.Context(), connect.NewRequest(&adminv1.UpdateOrganizationRequest{
			Organization: &adminv1.Organization{Id: idOf(acme.ID), Name: "Acme Renamed"},
			UpdateMask:   &fieldmaskpb.FieldMask{Paths: []string{"name"}}})); err != nil {
			t.Fatal(err)
		}
		if got := get(idOf(acme.ID)).GetOrganization().GetName(); got != "Acme Renamed" {
			t.Errorf("B after a rename on A: %q", got)
		}
		if got := names(); !slices.Equal(got, []string{"Acme Renamed", "Beta"}) {
			t.Errorf("B's list after a rename on A: %v", got)
		}

		// The other organization's page stayed cached: B reads nothing for it.
		warm()
		if _, err := a.Orgs.Update(sys, acme.ID, organization.Values{Name: "Acme Again"}, []string{"name"}, ""); err != nil {
			t.Fatal(err)
		}
		get(idOf(acme.ID)) // B follows the change log here
		before := b.Statements.Load()
		get(idOf(other.ID))
		if n := b.Statements.Load() - before; n != 0 {
			t.Errorf("B read %d statements for an organization nobody changed, want 0 (cached)", n)
		}

		// A new workspace, a member's new role and name, a removed member.
		if _, err := a.Orgs.CreateWorkspace(sys, acme.ID, "Produktion", nil, ""); err != nil {
			t.Fatal(err)
		}
		if ws := get(idOf(acme.ID)).GetWorkspaces(); len(ws) != 1 || ws[0].GetName() != "Produktion" {
			t.Errorf("B after a new workspace on A: %v", ws)
		}
		if _, err := a.Orgs.SetRole(sys, acme.ID, alice.ID, organization.RoleMember, ""); err != nil {
			t.Fatal(err)
		}
		if ms := get(idOf(acme.ID)).GetMembers(); len(ms) != 1 || ms[0].GetRole() != adminv1.OrganizationRole_ORGANIZATION_ROLE_MEMBER {
			t.Errorf("B after a role change on A: %v", ms)
		}
		a.RenameUser(t, alice.ID, "Alice Neu")
		if ms := get(idOf(acme.ID)).GetMembers(); len(ms) != 1 || ms[0].GetDisplayName() != "Alice Neu" {
			t.Errorf("B after a member's new name on A: %v", ms)
		}
		if err := a.Orgs.RemoveMember(sys, acme.ID, alice.ID, ""); err != nil {
			t.Fatal(err)
		}
		if ms := get(idOf(acme.ID)).GetMembers(); len(ms) != 0 {
			t.Errorf("B after removing the member on A: %v", ms)
		}

		// A tenancy change: platform staff who join a reseller see only the
		// reseller's customers (none) from their next request on, though
		// the pages they saw before are cached.
		staffClient := apptest.HTTPClient(srvB)
		staff := b.SignIn(t, staffClient, srvB.URL, "ops@partner.example", authz.RoleOperator)
		asStaff := adminv1connect.NewOrganizationServiceClient(staffClient, srvB.URL)
		staffNames := func() []string { t.Helper(); return listNames(t, asStaff) }
		staffGet := func() error {
			_, err := asStaff.GetOrganization(t.Context(), connect.NewRequest(&adminv1.GetOrganizationRequest{Id: idOf(other.ID)}))
			return err
		}
		if got := staffNames(); !slices.Equal(got, []string{"Acme Again", "Beta"}) {
			t.Errorf("platform staff see %v", got)
		}
		if err := staffGet(); err != nil {
			t.Fatal(err)
		}
		a.JoinReseller(t, a.Reseller(t, "Partner Nord"), staff.ID)
		if got := staffNames(); len(got) != 0 {
			t.Errorf("staff who joined a reseller still see %v", got)
		}
		if err := staffGet(); connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("staff who joined a reseller open another's customer: %v, want NotFound", err)
		}

		// A role change and a disabled user count on the next request.
		if _, err := a.Members.SetPlatformRole(sys, staff.ID, authz.RoleDeveloper, ""); err != nil {
			t.Fatal(err)
		}
		_, err := asStaff.CreateOrganization(t.Context(), connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "Not allowed"}))
		if connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("a developer (demoted on A) creates an organization on B: %v", err)
		}
		if _, err := a.Members.Disable(sys, staff.ID, "left"); err != nil {
			t.Fatal(err)
		}
		if _, err := asStaff.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{})); connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Errorf("a user disabled on A lists on B: %v, want Unauthenticated", err)
		}
	})
}

// listNames lists the names on the first page of organizations c sees.
func listNames(t *testing.T, c adminv1connect.OrganizationServiceClient) []string {
	t.Helper()
	res, err := c.ListOrganizations(t.Context(), connect.NewRequest(&adminv1.ListOrganizationsRequest{}))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range res.Msg.GetOrganizations() {
		out = append(out, o.GetName())
	}
	return out
}
