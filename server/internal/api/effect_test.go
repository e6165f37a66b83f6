package api_test

import (
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A discount's preview says what it does to the next invoice and the MRR
// and grants nothing; granted, the next invoice is what the preview said.
func TestADiscountsPreviewIsTheNextInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		env.Issuer(t)
		o := env.Customer(t, "Schule am See", env.Plan(t, "Premium", 30, plan.Terms{MonthlyFeeCents: 9900}))
		if _, err := env.Invoices.Run(sys); err != nil { // the first month is billed
			t.Fatal(err)
		}
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		contracts := adminv1connect.NewContractServiceClient(hc, srv.URL)
		invoices := adminv1connect.NewInvoiceServiceClient(hc, srv.URL)
		oid := ids.Format(ids.Organization, o)
		grant := &adminv1.GrantDiscountRequest{OrganizationId: oid, Name: "Bildungsrabatt", BasisPoints: 2500,
			Kind: adminv1.DiscountKind_DISCOUNT_KIND_SCHOLARSHIP, Reason: "Schule", Preview: true}

		before := env.Fingerprint(t)
		p, err := contracts.GrantDiscount(ctx, connect.NewRequest(grant))
		if err != nil {
			t.Fatal(err)
		}
		e := p.Msg.GetEffect()
		if p.Msg.GetDiscount() != nil || e.GetBillingDate() != "2026-04-14" || e.GetNextInvoiceGrossBeforeCents() != 11781 ||
			e.GetNextInvoiceGrossAfterCents() != 8836 || e.GetMrrBeforeCents() != 9900 || e.GetMrrAfterCents() != 7425 {
			t.Errorf("preview = %v", p.Msg)
		}
		if env.Fingerprint(t) != before {
			t.Error("the preview changed something")
		}

		grant.Preview = false
		g, err := contracts.GrantDiscount(ctx, connect.NewRequest(grant))
		if err != nil {
			t.Fatal(err)
		}
		if g.Msg.GetDiscount().GetKind() != adminv1.DiscountKind_DISCOUNT_KIND_SCHOLARSHIP || g.Msg.GetEffect().GetNextInvoiceGrossAfterCents() != 8836 {
			t.Errorf("granted = %v", g.Msg)
		}
		next, err := invoices.PreviewInvoice(ctx, connect.NewRequest(&adminv1.PreviewInvoiceRequest{OrganizationId: oid}))
		if err != nil {
			t.Fatal(err)
		}
		if got := next.Msg.GetInvoice().GetGrossCents(); got != e.GetNextInvoiceGrossAfterCents() {
			t.Errorf("the next invoice is %d, the preview said %d", got, e.GetNextInvoiceGrossAfterCents())
		}
	})
}

// A tier change needs the extra permission: an operator is refused until
// granted it. Its preview says what the move does to the next invoice and
// the MRR from its day, and schedules nothing.
func TestATierChangeNeedsTheExtraPermission(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		env.Issuer(t)
		o := env.Customer(t, "Wachstum", env.Plan(t, "Premium", 30, plan.Terms{MonthlyFeeCents: 9900}))
		business := env.Plan(t, "Business", 40, plan.Terms{MonthlyFeeCents: 19900})
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		hc := apptest.HTTPClient(srv)
		op := env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		contracts := adminv1connect.NewContractServiceClient(hc, srv.URL)
		move := &adminv1.ScheduleTransitionRequest{OrganizationId: ids.Format(ids.Organization, o),
			PlanId: ids.Format(ids.Plan, business), Reason: "mehr Nutzer", Preview: true}
		if _, err := contracts.ScheduleTransition(ctx, connect.NewRequest(move)); connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Fatalf("an operator's tier change = %v, want PermissionDenied", err)
		}
		if _, err := env.Members.Grant(sys, op.ID, authz.TiersChange, "Kontenbetreuung"); err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		p, err := contracts.ScheduleTransition(ctx, connect.NewRequest(move))
		if err != nil {
			t.Fatal(err)
		}
		e := p.Msg.GetEffect()
		if p.Msg.GetContract() != nil || e.GetBillingDate() != "2026-04-14" || e.GetNextInvoiceGrossBeforeCents() != 11781 ||
			e.GetNextInvoiceGrossAfterCents() != 23681 || e.GetMrrBeforeCents() != 9900 || e.GetMrrAfterCents() != 19900 {
			t.Errorf("preview = %v", p.Msg)
		}
		if env.Fingerprint(t) != before {
			t.Error("the preview scheduled something")
		}
		move.Preview = false
		done, err := contracts.ScheduleTransition(ctx, connect.NewRequest(move))
		if err != nil || done.Msg.GetContract().GetPlanName() != "Business" || done.Msg.GetContract().GetStartDate() != "2026-04-14" {
			t.Errorf("scheduled = %v %v", done, err)
		}
	})
}
