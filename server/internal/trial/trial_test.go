package trial_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/trial"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A reverse trial gives the top tier for a month: the account is TRIAL
// with the top tier's users cap, its invoice stays on its own plan, and
// the revert job ends it on its day, once. It never overrides a paid tier
// as high, nor runs twice at once; staff may cancel it.
func TestAReverseTrial(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		env.Issuer(t)
		basis := env.Plan(t, "Basis", 20, plan.Terms{MonthlyFeeCents: 4900, IncludedUsers: 1, MaxUsers: 1})
		top := env.Plan(t, "Enterprise", 90, plan.Terms{MonthlyFeeCents: 39900, IncludedUsers: 50, MaxUsers: 50})
		small, big := env.Customer(t, "Klein", basis), env.Customer(t, "Groß", top)
		if _, err := env.Orgs.AddMember(sys, small, nil, &organization.NewUser{Email: "a@klein.example"}, organization.RoleOwner, "fixture"); err != nil {
			t.Fatal(err)
		}
		add := func() error {
			_, err := env.Orgs.AddMember(sys, small, nil, &organization.NewUser{Email: "b@klein.example"}, organization.RoleMember, "Einladung")
			return err
		}
		if err := add(); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Fatalf("a second member on Basis = %v", err)
		}

		if _, err := env.Trials.Grant(sys, big, "Test"); !errors.Is(err, apierr.ErrFailedPrecondition) || !strings.Contains(err.Error(), "a trial would give it nothing") {
			t.Errorf("a trial on the top tier = %v", err)
		}
		tr, err := env.Trials.Grant(sys, small, "will mehr Nutzer testen")
		if err != nil {
			t.Fatal(err)
		}
		if tr.PlanName != "Enterprise" || tr.Start != calendar.D(2026, time.March, 14) || tr.Revert != calendar.D(2026, time.April, 14) || tr.Status != trial.Active {
			t.Errorf("trial = %+v", tr)
		}
		if _, err := env.Trials.Grant(sys, small, "noch einmal"); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("a second trial at once = %v", err)
		}
		if err := add(); err != nil {
			t.Errorf("a second member during the trial: %v", err)
		}
		p, err := env.Accounts.List(sys, account.Query{Classes: []account.Class{account.Trial}})
		if err != nil || p.Total != 1 || p.Accounts[0].Trial == nil || p.Accounts[0].Plan != "Basis" || p.Accounts[0].Users.Cap != 50 {
			t.Errorf("trial accounts = %+v %v", p, err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if invs, err := env.Invoices.ForOrganization(sys, small); err != nil || len(invs) != 1 || invs[0].NetCents != 4900 {
			t.Errorf("the invoice during the trial = %+v %v, want Basis's 49 €", invs, err)
		}

		// The day before its revert day nothing happens; on it, the job
		// reverts it, once.
		env.Clock.Set(time.Date(2026, time.April, 13, 20, 0, 0, 0, time.UTC))
		if n, err := env.Trials.RevertDue(sys); err != nil || n != 0 {
			t.Errorf("the day before = %d %v", n, err)
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 0, 30, 0, 0, time.UTC))
		if n, err := env.Trials.RevertDue(sys); err != nil || n != 1 {
			t.Errorf("on its day = %d %v", n, err)
		}
		if n, err := env.Trials.RevertDue(sys); err != nil || n != 0 {
			t.Errorf("again = %d %v, want nothing more", n, err)
		}
		if r, err := env.Trials.Running(sys, small); err != nil || r != nil {
			t.Errorf("running after the revert = %+v %v", r, err)
		}
		p, err = env.Accounts.List(sys, account.Query{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Accounts {
			if a.Organization == small && (a.Class != account.Paying || a.Trial != nil || a.Users.Cap != 1) {
				t.Errorf("after the revert: %+v", a)
			}
		}

		// A new one, cancelled before its day.
		if _, err := env.Trials.Grant(sys, small, "zweiter Versuch"); err != nil {
			t.Fatal(err)
		}
		c, err := env.Trials.Cancel(sys, small, "Kunde hat sich entschieden")
		if err != nil || c.Status != trial.Cancelled || c.CancelReason != "Kunde hat sich entschieden" {
			t.Errorf("cancelled = %+v %v", c, err)
		}
		if _, err := env.Trials.Cancel(sys, small, "noch einmal"); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("cancelling none = %v", err)
		}
	})
}
