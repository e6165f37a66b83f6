package upgrade_test

import (
	"errors"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/upgrade"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A customer's owner asks for a higher tier with a message; a member may
// not, nor may the lower or the same tier be asked for, nor two requests
// wait at once. Staff approve it: the move is scheduled on the next
// billing date, the customer reads the decision, and the request leaves
// the queue. Approved at once, the tier's users cap applies from today.
// A denial carries its reason to the customer.
func TestAnUpgradeRequestFromAskToDecision(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		env.Issuer(t)
		basis := env.Plan(t, "Basis", 20, plan.Terms{MonthlyFeeCents: 4900, IncludedUsers: 1, MaxUsers: 1})
		business := env.Plan(t, "Business", 50, plan.Terms{MonthlyFeeCents: 14900, IncludedUsers: 10, MaxUsers: 10})
		env.Plan(t, "Enterprise", 90, plan.Terms{MonthlyFeeCents: 39900, IncludedUsers: 50, MaxUsers: 50})
		org := env.Customer(t, "Kieler Segel", basis)
		owner := env.User(t, "chefin@segel.example", authz.RoleUser)
		crew := env.User(t, "crew@segel.example", authz.RoleUser)
		env.Member(t, org, owner.ID, organization.RoleOwner)
		asOwner := env.As(t, owner)
		// Basis caps the users at 1, the owner.
		join := func() error {
			_, err := env.Orgs.AddMember(sys, org, &crew.ID, nil, organization.RoleMember, "neu im Team")
			return err
		}
		if err := join(); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Fatalf("a second member on Basis = %v", err)
		}

		own, opts, err := env.Upgrades.Options(asOwner, org)
		if err != nil || own != "Basis" || len(opts) != 2 || opts[0].Name != "Business" || opts[0].MonthlyFeeCents != 14900 {
			t.Fatalf("options = %q %+v %v", own, opts, err)
		}
		if _, err := env.Upgrades.Ask(asOwner, org, basis, ""); !atField(err, "plan_id") {
			t.Errorf("asking for the own tier = %v", err)
		}
		r, err := env.Upgrades.Ask(asOwner, org, business, "  Wir wachsen.  ")
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != upgrade.Pending || r.FromPlanName != "Basis" || r.PlanName != "Business" || r.Message != "Wir wachsen." ||
			r.RequestedByEmail != owner.Email {
			t.Errorf("request = %+v", r)
		}
		if _, err := env.Upgrades.Ask(asOwner, org, business, "noch einmal"); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("a second request while one waits = %v", err)
		}

		p, err := env.Upgrades.List(sys, upgrade.Filter{})
		if err != nil || p.Total != 1 || p.Pending != 1 || p.Requests[0].ID != r.ID {
			t.Fatalf("queue = %+v %v", p, err)
		}
		// The preview schedules nothing and says what the move does.
		a, err := env.Upgrades.CheckApprove(sys, r.ID, nil, "passt")
		if err != nil {
			t.Fatal(err)
		}
		if a.Start != calendar.D(2026, time.April, 14) {
			t.Errorf("start = %s, want the next billing date 2026-04-14", a.Start)
		}
		var out upgrade.Request
		e, err := env.Accounts.Measure(sys, a.Organization, a.Start, true, env.Upgrades.Approving(sys, r.ID, a, false, &out))
		if err != nil {
			t.Fatal(err)
		}
		if e.MRRBeforeCents != 4900 || e.MRRAfterCents != 14900 {
			t.Errorf("effect = %+v, want MRR 49 € → 149 € on the move's day", e)
		}
		if p, _ := env.Upgrades.List(sys, upgrade.Filter{}); p.Pending != 1 {
			t.Errorf("after the preview %d pending, want 1", p.Pending)
		}
		if _, err := env.Accounts.Measure(sys, a.Organization, a.Start, false, env.Upgrades.Approving(sys, r.ID, a, true, &out)); err != nil {
			t.Fatal(err)
		}
		if out.Status != upgrade.Approved || out.Effective != a.Start || !out.AtOnce || out.DecisionReason != "passt" {
			t.Errorf("approved = %+v", out)
		}
		mine, err := env.Upgrades.Of(asOwner, org)
		if err != nil || len(mine) != 1 || mine[0].Status != upgrade.Approved {
			t.Errorf("the customer's requests = %+v %v", mine, err)
		}
		ct, err := env.Contracts.List(sys, contract.Filter{Organization: org})
		if err != nil {
			t.Fatal(err)
		}
		scheduled := false
		for _, c := range ct.Contracts {
			scheduled = scheduled || c.Status == contract.StatusScheduled && c.PlanName == "Business" && c.Start == a.Start
		}
		if !scheduled {
			t.Errorf("no move to Business on %s among %+v", a.Start, ct.Contracts)
		}
		// At once: Business's cap of 10 users applies today, before the move.
		if err := join(); err != nil {
			t.Errorf("a second member after an approval at once: %v", err)
		}
		rollup, err := env.Accounts.List(sys, account.Query{})
		if err != nil || rollup.Accounts[0].Users.Cap != 10 || rollup.Accounts[0].Plan != "Basis" {
			t.Errorf("rollup = %+v %v, want Basis with Business's cap", rollup.Accounts, err)
		}
		if _, err := env.Upgrades.Deny(sys, r.ID, "zu spät"); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("denying an approved request = %v", err)
		}

		// A second request, for Enterprise, denied with its reason.
		_, opts, _ = env.Upgrades.Options(asOwner, org)
		r2, err := env.Upgrades.Ask(asOwner, org, opts[len(opts)-1].Plan, "Enterprise bitte")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Upgrades.Deny(sys, r2.ID, "  "); !atField(err, "reason") {
			t.Errorf("a denial without a reason = %v", err)
		}
		if _, err := env.Upgrades.Deny(sys, r2.ID, "Enterprise nur mit Rahmenvertrag"); err != nil {
			t.Fatal(err)
		}
		mine, _ = env.Upgrades.Of(asOwner, org)
		if len(mine) != 2 || mine[0].Status != upgrade.Denied || mine[0].DecisionReason != "Enterprise nur mit Rahmenvertrag" {
			t.Errorf("the customer reads %+v", mine)
		}
		if p, _ := env.Upgrades.List(sys, upgrade.Filter{}); p.Total != 0 || p.Pending != 0 {
			t.Errorf("the queue after both = %+v", p)
		}
		if p, _ := env.Upgrades.List(sys, upgrade.Filter{Status: upgrade.Denied}); p.Total != 1 {
			t.Errorf("denied = %+v", p)
		}

		// A member (not an owner or admin) may not ask, and a stranger
		// does not find the organization.
		if _, err := env.Upgrades.Ask(env.As(t, crew), org, opts[len(opts)-1].Plan, "ich auch"); !errors.Is(err, apierr.ErrPermissionDenied) {
			t.Errorf("a member asking = %v", err)
		}
		stranger := env.As(t, env.User(t, "fremd@example.com", authz.RoleUser))
		if _, _, err := env.Upgrades.Options(stranger, org); !errors.Is(err, apierr.ErrNotFound) {
			t.Errorf("a stranger's options = %v", err)
		}
	})
}

// atField reports whether err is InvalidArgument at field.
func atField(err error, field string) bool {
	e, ok := apierr.As(err)
	return ok && e.Kind == apierr.KindInvalidArgument && len(e.Fields) > 0 && e.Fields[0].Field == field
}
