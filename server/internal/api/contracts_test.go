package api_test

import (
	"strings"
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/proto"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An operator creates an organization on Premium, gives it a lower hourly
// rate with a reason, schedules its move to Enterprise, cancels it and
// schedules it again, and reads the history; bad input is refused at its
// field and changes nothing. Over Connect and over gRPC.
func TestContractsOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		plans := adminv1connect.NewPlanServiceClient(hc, srv.URL)
		premium, err := plans.CreatePlan(ctx, connect.NewRequest(&adminv1.CreatePlanRequest{Name: "Premium", Rank: 30,
			Terms: &adminv1.PlanTerms{MonthlyFeeCents: 9900, IncludedUsers: 25, HourlyRateCents: 8900, MaxUsers: 100}}))
		if err != nil {
			t.Fatal(err)
		}
		enterprise, err := plans.CreatePlan(ctx, connect.NewRequest(&adminv1.CreatePlanRequest{Name: "Enterprise", Rank: 40,
			Terms: &adminv1.PlanTerms{MonthlyFeeCents: 34900, IncludedUsers: 100, HourlyRateCents: 7900}}))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"connect", "grpc"} {
			var opts []connect.ClientOption
			if name == "grpc" {
				opts = append(opts, connect.WithGRPC())
			}
			orgs := adminv1connect.NewOrganizationServiceClient(hc, srv.URL, opts...)
			c := adminv1connect.NewContractServiceClient(hc, srv.URL, opts...)
			t.Run(name, func(t *testing.T) {
				created, err := orgs.CreateOrganization(ctx, connect.NewRequest(&adminv1.CreateOrganizationRequest{
					Name: "Acme " + name, PlanId: premium.Msg.GetPlan().GetId()}))
				if err != nil {
					t.Fatal(err)
				}
				org := created.Msg.GetOrganization().GetId()
				got, err := c.GetContract(ctx, connect.NewRequest(&adminv1.GetContractRequest{OrganizationId: org}))
				if err != nil {
					t.Fatal(err)
				}
				ct := got.Msg.GetContract()
				if ct.GetPlanName() != "Premium" || ct.GetStatus() != adminv1.ContractStatus_CONTRACT_STATUS_ACTIVE ||
					ct.GetStartDate() != "2026-03-14" || ct.GetTerms().GetMonthlyFeeCents() != 9900 || got.Msg.GetScheduled() != nil {
					t.Errorf("first contract = %v", got.Msg)
				}

				before := env.Fingerprint(t)
				_, err = c.SetCustomTerms(ctx, connect.NewRequest(&adminv1.SetCustomTermsRequest{OrganizationId: org,
					CustomTerms: &adminv1.CustomTerms{HourlyRateCents: proto.Int64((-1)), MaxUsers: proto.Int32((10))}, Reason: " "}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["custom_terms.hourly_rate_cents"] == "" || f["reason"] == "" {
					t.Errorf("bad custom terms = %v (fields %v)", err, f)
				}
				_, err = c.SetCustomTerms(ctx, connect.NewRequest(&adminv1.SetCustomTermsRequest{OrganizationId: org,
					CustomTerms: &adminv1.CustomTerms{MaxUsers: proto.Int32((10))}, Reason: "cap"}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["custom_terms.max_users"] != "max_users.included" {
					t.Errorf("a cap below the included = %v (fields %v)", err, f)
				}
				_, err = c.ScheduleTransition(ctx, connect.NewRequest(&adminv1.ScheduleTransitionRequest{OrganizationId: org,
					PlanId: enterprise.Msg.GetPlan().GetId(), StartDate: "2026-04-15", Reason: "more"}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["start_date"] != "start_date.billing_date" {
					t.Errorf("not a billing date = %v (fields %v)", err, f)
				}
				_, err = c.ScheduleTransition(ctx, connect.NewRequest(&adminv1.ScheduleTransitionRequest{OrganizationId: org,
					PlanId: premium.Msg.GetPlan().GetId(), Reason: "same"}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("the plan it is on = %v", err)
				}
				_, err = c.GetContract(ctx, connect.NewRequest(&adminv1.GetContractRequest{OrganizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				if connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("an unknown organization = %v", err)
				}
				if after := env.Fingerprint(t); after != before {
					for _, l := range strings.Split(after, "|") {
						if !strings.Contains(before, l) {
							t.Errorf("a refused call changed something: %s", l)
						}
					}
				}

				set, err := c.SetCustomTerms(ctx, connect.NewRequest(&adminv1.SetCustomTermsRequest{OrganizationId: org,
					CustomTerms: &adminv1.CustomTerms{HourlyRateCents: proto.Int64((7500))}, Reason: "framework agreement"}))
				if err != nil {
					t.Fatal(err)
				}
				if ct := set.Msg.GetContract(); ct.GetTerms().GetHourlyRateCents() != 7500 || ct.GetPlanTerms().GetHourlyRateCents() != 8900 ||
					ct.GetCustomTerms().HourlyRateCents == nil || ct.GetCustomTerms().MonthlyFeeCents != nil || ct.GetCustomTermsReason() != "framework agreement" {
					t.Errorf("custom terms = %v", ct)
				}

				s, err := c.ScheduleTransition(ctx, connect.NewRequest(&adminv1.ScheduleTransitionRequest{OrganizationId: org,
					PlanId: enterprise.Msg.GetPlan().GetId(), Reason: "more users"}))
				if err != nil || s.Msg.GetContract().GetStartDate() != "2026-04-14" ||
					s.Msg.GetContract().GetStatus() != adminv1.ContractStatus_CONTRACT_STATUS_SCHEDULED {
					t.Fatalf("scheduled = %v %v", s, err)
				}
				if _, err := c.CancelTransition(ctx, connect.NewRequest(&adminv1.CancelTransitionRequest{OrganizationId: org, Reason: "not yet"})); err != nil {
					t.Fatal(err)
				}
				if _, err := c.ScheduleTransition(ctx, connect.NewRequest(&adminv1.ScheduleTransitionRequest{OrganizationId: org,
					PlanId: enterprise.Msg.GetPlan().GetId(), StartDate: "2026-05-14", Reason: "now for real"})); err != nil {
					t.Fatal(err)
				}
				got, err = c.GetContract(ctx, connect.NewRequest(&adminv1.GetContractRequest{OrganizationId: org}))
				if err != nil || got.Msg.GetScheduled().GetPlanName() != "Enterprise" || got.Msg.GetScheduled().GetStartDate() != "2026-05-14" {
					t.Errorf("with the transition = %v %v", got, err)
				}
				list, err := c.ListContracts(ctx, connect.NewRequest(&adminv1.ListContractsRequest{OrganizationId: org}))
				if err != nil || list.Msg.GetTotalSize() != 3 || len(list.Msg.GetContracts()) != 3 {
					t.Fatalf("history = %v %v", list, err)
				}
				var statuses []adminv1.ContractStatus
				for _, ct := range list.Msg.GetContracts() {
					statuses = append(statuses, ct.GetStatus())
				}
				if statuses[0] != adminv1.ContractStatus_CONTRACT_STATUS_SCHEDULED || statuses[2] != adminv1.ContractStatus_CONTRACT_STATUS_ACTIVE {
					t.Errorf("history = %v", statuses)
				}
			})
		}
	})
}

// An owner grants an organization a discount and one of its workspaces
// another, lists them, and ends the first today; the protovalidate rules
// and the domain's refuse bad input at its field and change nothing. Over
// Connect and over gRPC.
func TestDiscountsOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		for _, name := range []string{"connect", "grpc"} {
			var opts []connect.ClientOption
			if name == "grpc" {
				opts = append(opts, connect.WithGRPC())
			}
			orgs := adminv1connect.NewOrganizationServiceClient(hc, srv.URL, opts...)
			c := adminv1connect.NewContractServiceClient(hc, srv.URL, opts...)
			t.Run(name, func(t *testing.T) {
				created, err := orgs.CreateOrganization(ctx, connect.NewRequest(&adminv1.CreateOrganizationRequest{Name: "Acme " + name}))
				if err != nil {
					t.Fatal(err)
				}
				org := created.Msg.GetOrganization().GetId()
				ws, err := orgs.CreateWorkspace(ctx, connect.NewRequest(&adminv1.CreateWorkspaceRequest{OrganizationId: org, Name: "Produktion"}))
				if err != nil {
					t.Fatal(err)
				}
				wsID := ws.Msg.GetWorkspace().GetId()

				before := env.Fingerprint(t)
				for _, tt := range []struct {
					req   *adminv1.GrantDiscountRequest
					field string
				}{
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: "x", BasisPoints: 10001, Reason: "r"}, "basis_points"},
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: " ", BasisPoints: 100, Reason: "r"}, "name"},
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: "x", BasisPoints: 100, Reason: "r", WorkspaceId: "wsp_1"}, "workspace_id"},
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: "x", BasisPoints: 100, Reason: "r", StartDate: "2026-02-30"}, "start_date"},
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: "x", BasisPoints: 100, Reason: "r", StartDate: "2026-03-13"}, "start_date"},
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: "x", BasisPoints: 100, Reason: "r", EndDate: "2026-03-13"}, "end_date"},
					{&adminv1.GrantDiscountRequest{OrganizationId: org, Name: "x", BasisPoints: 100, Reason: " "}, "reason"},
				} {
					_, err := c.GrantDiscount(ctx, connect.NewRequest(tt.req))
					if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f[tt.field] == "" {
						t.Errorf("grant %v = %v (fields %v), want %s refused", tt.req, err, f, tt.field)
					}
				}
				_, err = c.GrantDiscount(ctx, connect.NewRequest(&adminv1.GrantDiscountRequest{OrganizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
					Name: "x", BasisPoints: 100, Reason: "r"}))
				if connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("an unknown organization = %v", err)
				}
				if env.Fingerprint(t) != before {
					t.Error("a refused grant changed something")
				}

				startup, err := c.GrantDiscount(ctx, connect.NewRequest(&adminv1.GrantDiscountRequest{OrganizationId: org,
					Name: "Startup-Rabatt", BasisPoints: 1000, Reason: "first year"}))
				if err != nil {
					t.Fatal(err)
				}
				if s := startup.Msg.GetDiscount(); !strings.HasPrefix(s.GetId(), "dsc_") || s.GetOrganizationId() != org || s.GetWorkspaceId() != "" ||
					s.GetStartDate() != "2026-03-14" || s.GetEndDate() != "" || !s.GetActive() || s.GetCreatedByEmail() != "owner@example.com" ||
					s.GetCreateTime() == nil {
					t.Errorf("granted = %v", s)
				}
				summer, err := c.GrantDiscount(ctx, connect.NewRequest(&adminv1.GrantDiscountRequest{OrganizationId: org, WorkspaceId: wsID,
					Name: "Sommer", BasisPoints: 2550, StartDate: "2026-04-01", EndDate: "2026-06-30", Reason: "campaign"}))
				if err != nil {
					t.Fatal(err)
				}
				if s := summer.Msg.GetDiscount(); s.GetWorkspaceId() != wsID || s.GetWorkspaceName() != "Produktion" || s.GetActive() ||
					s.GetEndDate() != "2026-06-30" {
					t.Errorf("workspace discount = %v", s)
				}

				_, err = c.EndDiscount(ctx, connect.NewRequest(&adminv1.EndDiscountRequest{DiscountId: startup.Msg.GetDiscount().GetId(),
					EndDate: "2026-03-13", Reason: "too late"}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["end_date"] != "end_date.before_today" {
					t.Errorf("end yesterday = %v (fields %v)", err, f)
				}
				_, err = c.EndDiscount(ctx, connect.NewRequest(&adminv1.EndDiscountRequest{DiscountId: "dsc_01kaj5m8d0e6xv1ks8wq6a5j0p", Reason: "x"}))
				if connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("an unknown discount = %v", err)
				}
				ended, err := c.EndDiscount(ctx, connect.NewRequest(&adminv1.EndDiscountRequest{DiscountId: startup.Msg.GetDiscount().GetId(),
					Reason: "moved to Premium"}))
				if err != nil {
					t.Fatal(err)
				}
				if e := ended.Msg.GetDiscount(); e.GetEndDate() != "2026-03-14" || !e.GetActive() || e.GetEndReason() != "moved to Premium" ||
					e.GetEndedByEmail() != "owner@example.com" {
					t.Errorf("ended = %v", e)
				}
				list, err := c.ListDiscounts(ctx, connect.NewRequest(&adminv1.ListDiscountsRequest{OrganizationId: org}))
				if err != nil || len(list.Msg.GetDiscounts()) != 2 || list.Msg.GetDiscounts()[0].GetName() != "Startup-Rabatt" ||
					list.Msg.GetDiscounts()[1].GetName() != "Sommer" {
					t.Errorf("list = %v %v, want the one in force first", list, err)
				}
			})
		}
	})
}
