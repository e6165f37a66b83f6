package api_test

import (
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An upgrade request over both APIs: the customer's owner sees the tiers
// above theirs and asks for one through the portal; staff find it in the
// queue, preview the approval (nothing changes), approve it, and the
// customer reads the day it applies. A bad id is refused at its field, a
// member of the customer may not ask, and staff may not use the portal.
func TestAnUpgradeRequestOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		env.Issuer(t)
		basis := env.Plan(t, "Basis", 20, plan.Terms{MonthlyFeeCents: 4900})
		business := env.Plan(t, "Business", 50, plan.Terms{MonthlyFeeCents: 14900})
		org := env.Customer(t, "Kieler Segel", basis)
		orgID := ids.Format(ids.Organization, org)

		hcOwner, hcMember, hcStaff := apptest.HTTPClient(srv), apptest.HTTPClient(srv), apptest.HTTPClient(srv)
		owner := env.SignIn(t, hcOwner, srv.URL, "chefin@segel.example", authz.RoleUser)
		member := env.SignIn(t, hcMember, srv.URL, "crew@segel.example", authz.RoleUser)
		env.Member(t, org, owner.ID, organization.RoleOwner)
		env.Member(t, org, member.ID, organization.RoleMember)
		env.SignIn(t, hcStaff, srv.URL, "owner@platform.example", authz.RoleOwner)
		portal := portalv1connect.NewUpgradeServiceClient(hcOwner, srv.URL)
		queue := adminv1connect.NewUpgradeRequestServiceClient(hcStaff, srv.URL)

		opts, err := portal.ListUpgradeOptions(ctx, connect.NewRequest(&portalv1.ListUpgradeOptionsRequest{OrganizationId: orgID}))
		if err != nil || opts.Msg.GetCurrentPlanName() != "Basis" || len(opts.Msg.GetOptions()) != 1 ||
			opts.Msg.GetOptions()[0].GetPlanId() != ids.Format(ids.Plan, business) {
			t.Fatalf("options = %v %v", opts, err)
		}
		_, err = portal.RequestUpgrade(ctx, connect.NewRequest(&portalv1.RequestUpgradeRequest{OrganizationId: orgID, PlanId: "pln_nope"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["plan_id"] == "" {
			t.Errorf("a bad plan id = %v", err)
		}
		_, err = portalv1connect.NewUpgradeServiceClient(hcMember, srv.URL).RequestUpgrade(ctx, connect.NewRequest(&portalv1.RequestUpgradeRequest{
			OrganizationId: orgID, PlanId: ids.Format(ids.Plan, business)}))
		if connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("a member asking = %v", err)
		}
		_, err = portalv1connect.NewUpgradeServiceClient(hcStaff, srv.URL).ListUpgradeOptions(ctx, connect.NewRequest(&portalv1.ListUpgradeOptionsRequest{OrganizationId: orgID}))
		if connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("staff in the portal = %v", err)
		}
		asked, err := portal.RequestUpgrade(ctx, connect.NewRequest(&portalv1.RequestUpgradeRequest{OrganizationId: orgID,
			PlanId: ids.Format(ids.Plan, business), Message: "Wir wachsen."}))
		if err != nil {
			t.Fatal(err)
		}
		id := asked.Msg.GetUpgradeRequest().GetId()

		list, err := queue.ListUpgradeRequests(ctx, connect.NewRequest(&adminv1.ListUpgradeRequestsRequest{}))
		if err != nil || list.Msg.GetPending() != 1 || len(list.Msg.GetUpgradeRequests()) != 1 ||
			list.Msg.GetUpgradeRequests()[0].GetMessage() != "Wir wachsen." || list.Msg.GetUpgradeRequests()[0].GetFromPlanName() != "Basis" {
			t.Fatalf("queue = %v %v", list, err)
		}
		preview, err := queue.ApproveUpgradeRequest(ctx, connect.NewRequest(&adminv1.ApproveUpgradeRequestRequest{Id: id, Reason: "passt", Preview: true}))
		if err != nil || preview.Msg.GetUpgradeRequest() != nil || preview.Msg.GetEffect().GetMrrAfterCents() != 14900 ||
			preview.Msg.GetEffect().GetMrrBeforeCents() != 4900 {
			t.Fatalf("preview = %v %v", preview, err)
		}
		_, err = queue.ApproveUpgradeRequest(ctx, connect.NewRequest(&adminv1.ApproveUpgradeRequestRequest{Id: id, Reason: "passt", StartDate: "2026-04-15"}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["start_date"] == "" {
			t.Errorf("a day that is no billing date = %v", err)
		}
		done, err := queue.ApproveUpgradeRequest(ctx, connect.NewRequest(&adminv1.ApproveUpgradeRequestRequest{Id: id, Reason: "Willkommen in Business"}))
		if err != nil || done.Msg.GetUpgradeRequest().GetStatus() != adminv1.UpgradeRequestStatus_UPGRADE_REQUEST_STATUS_APPROVED {
			t.Fatalf("approve = %v %v", done, err)
		}
		mine, err := portal.ListUpgradeRequests(ctx, connect.NewRequest(&portalv1.ListUpgradeRequestsRequest{OrganizationId: orgID}))
		if err != nil || len(mine.Msg.GetUpgradeRequests()) != 1 {
			t.Fatalf("the customer's requests = %v %v", mine, err)
		}
		if r := mine.Msg.GetUpgradeRequests()[0]; r.GetStatus() != adminv1.UpgradeRequestStatus_UPGRADE_REQUEST_STATUS_APPROVED ||
			r.GetEffectiveDate() != "2026-04-14" || r.GetDecisionReason() != "Willkommen in Business" {
			t.Errorf("the customer reads %v", r)
		}
		if list, _ := queue.ListUpgradeRequests(ctx, connect.NewRequest(&adminv1.ListUpgradeRequestsRequest{})); list.Msg.GetPending() != 0 {
			t.Errorf("still pending: %v", list.Msg)
		}
	})
}
