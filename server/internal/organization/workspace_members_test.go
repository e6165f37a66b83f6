package organization_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Staff put an organization's members into its workspaces: only members,
// once each, audited; leaving the organization leaves its workspaces.
func TestWorkspaceMembers(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "ops@example.com", authz.RoleOperator)
		org, other := env.Org(t, "Kunde"), env.Org(t, "Andere")
		ws, err := env.Orgs.CreateWorkspace(ctx, org.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		member := env.User(t, "anna@kunde.example", authz.RoleUser)
		owner := env.User(t, "otto@kunde.example", authz.RoleUser)
		stranger := env.User(t, "fremd@andere.example", authz.RoleUser)
		env.Member(t, org.ID, member.ID, organization.RoleMember)
		env.Member(t, org.ID, owner.ID, organization.RoleOwner)
		env.Member(t, other.ID, stranger.ID, organization.RoleMember)

		before := env.Fingerprint(t)
		_, err = env.Orgs.AddWorkspaceMember(ctx, ws.ID, stranger.ID, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "user_id")
		if env.Fingerprint(t) != before {
			t.Error("a refused workspace member changed data")
		}

		seq := env.LastSeq(t)
		w, err := env.Orgs.AddWorkspaceMember(ctx, ws.ID, member.ID, "works on production")
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Members) != 1 || w.Members[0].Email != "anna@kunde.example" {
			t.Fatalf("members = %+v", w.Members)
		}
		if e := env.OneEventSince(t, seq); e.TargetType != "workspace" || e.Reason != "works on production" {
			t.Errorf("audit = %+v", e)
		}
		seq = env.LastSeq(t)
		if _, err := env.Orgs.AddWorkspaceMember(ctx, ws.ID, member.ID, ""); err != nil {
			t.Fatal(err)
		}
		env.NoEventsSince(t, seq)

		// The organization's page shows them under the workspace.
		det, err := env.Orgs.Get(ctx, org.ID)
		if err != nil || len(det.Workspaces) != 1 || len(det.Workspaces[0].Members) != 1 {
			t.Fatalf("organization's workspaces = %+v %v", det.Workspaces, err)
		}

		// The organization's page (a cached read) follows a member taken
		// out of a workspace and put back.
		owner2 := env.User(t, "ops2@example.com", authz.RoleOperator)
		members := func() int {
			t.Helper()
			det, err := env.Orgs.Get(env.As(t, owner2), org.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(det.Workspaces[0].Members)
		}
		if n := members(); n != 1 {
			t.Fatalf("the organization's page shows %d workspace members, want 1", n)
		}
		if _, err := env.Orgs.RemoveWorkspaceMember(ctx, ws.ID, member.ID, ""); err != nil {
			t.Fatal(err)
		}
		if n := members(); n != 0 {
			t.Errorf("after taking the member out, the organization's page shows %d workspace members", n)
		}
		if _, err := env.Orgs.AddWorkspaceMember(ctx, ws.ID, member.ID, ""); err != nil {
			t.Fatal(err)
		}
		if n := members(); n != 1 {
			t.Errorf("after putting the member back, the organization's page shows %d workspace members", n)
		}

		// Leaving the organization leaves its workspaces.
		if err := env.Orgs.RemoveMember(ctx, org.ID, member.ID, "left the company"); err != nil {
			t.Fatal(err)
		}
		wss, _, err := env.Orgs.ListWorkspaces(ctx, org.ID, 10, "")
		if err != nil || len(wss) != 1 || len(wss[0].Members) != 0 {
			t.Fatalf("after leaving the organization the workspace has %+v %v", wss, err)
		}
		_, err = env.Orgs.RemoveWorkspaceMember(ctx, ws.ID, member.ID, "")
		apptest.WantErr(t, err, apierr.ErrNotFound, "")
	})
}
