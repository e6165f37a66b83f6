package api_test

import (
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An owner adds a plan, renames it (no new version), raises its fee
// (version 2, version 1 as it was), lists it and its versions, and retires
// it; bad input is refused at its field and changes nothing. Over Connect
// and over gRPC.
func TestPlansOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		for rank, name := range []string{"connect", "grpc"} {
			var opts []connect.ClientOption
			if name == "grpc" {
				opts = append(opts, connect.WithGRPC())
			}
			c := adminv1connect.NewPlanServiceClient(hc, srv.URL, opts...)
			t.Run(name, func(t *testing.T) {
				before := env.Fingerprint(t)
				_, err := c.CreatePlan(ctx, connect.NewRequest(&adminv1.CreatePlanRequest{Name: " ", Rank: -1,
					Terms: &adminv1.PlanTerms{MonthlyFeeCents: -1, IncludedSupportMinutes: 50000}}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["name"] == "" || f["rank"] == "" ||
					f["terms.monthly_fee_cents"] == "" || f["terms.included_support_minutes"] == "" {
					t.Errorf("bad plan = %v (fields %v)", err, f)
				}
				_, err = c.CreatePlan(ctx, connect.NewRequest(&adminv1.CreatePlanRequest{Name: "Mini " + name,
					Terms: &adminv1.PlanTerms{IncludedUsers: 5, MaxUsers: 2}}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["terms.max_users"] != "max_users.included" {
					t.Errorf("cap below the included = %v (fields %v)", err, f)
				}
				_, err = c.CreatePlan(ctx, connect.NewRequest(&adminv1.CreatePlanRequest{Name: "No terms " + name}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["terms"] == "" {
					t.Errorf("no terms = %v (fields %v)", err, f)
				}
				if env.Fingerprint(t) != before {
					t.Error("a refused call changed the plans")
				}

				created, err := c.CreatePlan(ctx, connect.NewRequest(&adminv1.CreatePlanRequest{
					Name: "Basis " + name, Description: "Für kleine Teams", Rank: int32(20 + rank),
					Terms: &adminv1.PlanTerms{MonthlyFeeCents: 2900, IncludedUsers: 5, IncludedStorageGb: 50, IncludedSupportMinutes: 60,
						HourlyRateCents: 9500, StorageOverageCentsPerGb: 40, MaxUsers: 25, MaxStorageGb: 500},
					Reason: "new tier",
				}))
				if err != nil {
					t.Fatal(err)
				}
				p := created.Msg.GetPlan()
				if p.GetVersion() != 1 || p.GetTerms().GetCurrency() != "EUR" || p.GetRetired() || p.GetTerms().GetIncludedSupportMinutes() != 60 {
					t.Errorf("created = %v", p)
				}
				renamed, err := c.UpdatePlan(ctx, connect.NewRequest(&adminv1.UpdatePlanRequest{
					Plan: &adminv1.Plan{Id: p.GetId(), Name: "Basis+ " + name}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name"}}}))
				if err != nil || renamed.Msg.GetPlan().GetVersion() != 1 || renamed.Msg.GetPlan().GetTerms().GetMonthlyFeeCents() != 2900 {
					t.Fatalf("renamed = %v %v", renamed.Msg.GetPlan(), err)
				}
				_, err = c.UpdatePlan(ctx, connect.NewRequest(&adminv1.UpdatePlanRequest{
					Plan:       &adminv1.Plan{Id: p.GetId(), Terms: &adminv1.PlanTerms{MonthlyFeeCents: -5}},
					UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"terms.monthly_fee_cents"}}}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["plan.terms.monthly_fee_cents"] == "" {
					t.Errorf("negative fee = %v (fields %v)", err, f)
				}
				raised, err := c.UpdatePlan(ctx, connect.NewRequest(&adminv1.UpdatePlanRequest{
					Plan:       &adminv1.Plan{Id: p.GetId(), Terms: &adminv1.PlanTerms{MonthlyFeeCents: 3400}},
					UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"terms.monthly_fee_cents"}}, Reason: "prices for 2027"}))
				if err != nil || raised.Msg.GetPlan().GetVersion() != 2 || raised.Msg.GetPlan().GetTerms().GetMonthlyFeeCents() != 3400 ||
					raised.Msg.GetPlan().GetTerms().GetIncludedUsers() != 5 {
					t.Fatalf("raised = %v %v", raised.Msg.GetPlan(), err)
				}
				vs, err := c.ListPlanVersions(ctx, connect.NewRequest(&adminv1.ListPlanVersionsRequest{PlanId: p.GetId()}))
				if err != nil || len(vs.Msg.GetVersions()) != 2 {
					t.Fatalf("versions = %v %v", vs, err)
				}
				v2, v1 := vs.Msg.GetVersions()[0], vs.Msg.GetVersions()[1]
				if v2.GetVersion() != 2 || v2.GetReason() != "prices for 2027" || v2.GetCreatedByEmail() != "owner@example.com" || v2.GetId() != raised.Msg.GetPlan().GetVersionId() {
					t.Errorf("version 2 = %v", v2)
				}
				if v1.GetVersion() != 1 || v1.GetId() != p.GetVersionId() || !proto.Equal(v1.GetTerms(), p.GetTerms()) {
					t.Errorf("version 1 = %v, want the terms %v", v1, p.GetTerms())
				}
				list, err := c.ListPlans(ctx, connect.NewRequest(&adminv1.ListPlansRequest{}))
				// The other run's plan is retired by now; the standard plan
				// ranks first.
				if err != nil || list.Msg.GetTotalSize() != 2 || list.Msg.GetPlans()[1].GetId() != p.GetId() {
					t.Errorf("list = %v %v", list.Msg, err)
				}
				retired, err := c.RetirePlan(ctx, connect.NewRequest(&adminv1.RetirePlanRequest{Id: p.GetId(), Reason: "replaced"}))
				if err != nil || !retired.Msg.GetPlan().GetRetired() || retired.Msg.GetPlan().GetRetireTime() == nil {
					t.Errorf("retired = %v %v", retired.Msg.GetPlan(), err)
				}
				_, err = c.UpdatePlan(ctx, connect.NewRequest(&adminv1.UpdatePlanRequest{
					Plan: &adminv1.Plan{Id: p.GetId(), Description: "x"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"description"}}}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("changing a retired plan = %v, want failed_precondition", err)
				}
				got, err := c.GetPlan(ctx, connect.NewRequest(&adminv1.GetPlanRequest{Id: p.GetId()}))
				if err != nil || got.Msg.GetPlan().GetName() != "Basis+ "+name || got.Msg.GetPlan().GetVersion() != 2 {
					t.Errorf("get = %v %v", got, err)
				}
				if list, err := c.ListPlans(ctx, connect.NewRequest(&adminv1.ListPlansRequest{})); err != nil || list.Msg.GetTotalSize() != 1 {
					t.Errorf("list without the retired = %v %v", list.Msg, err)
				}
				_, err = c.GetPlan(ctx, connect.NewRequest(&adminv1.GetPlanRequest{Id: "cat_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["id"] == "" {
					t.Errorf("a catalog item's id = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.GetPlan(ctx, connect.NewRequest(&adminv1.GetPlanRequest{Id: "pln_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				if connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("an unknown plan = %v, want not_found", err)
				}
			})
		}
	})
}
