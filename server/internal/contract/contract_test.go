package contract_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func premium() plan.Values {
	return plan.Values{Name: "Premium", Rank: 30, Terms: plan.Terms{
		MonthlyFeeCents: 9900, IncludedUsers: 25, IncludedStorageGB: 250, IncludedSupportMinutes: 240,
		HourlyRateCents: 8900, StorageOverageCentsPerGB: 30, MaxUsers: 100, MaxStorageGB: 2000}}
}

func kind(err error) apierr.Kind {
	if e, ok := apierr.As(err); ok {
		return e.Kind
	}
	return 0
}

func field(err error) string {
	if e, ok := apierr.As(err); ok && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

func ptr[T any](v T) *T { return &v }

func TestANewOrganizationIsMadeWithItsContract(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		seq := env.LastSeq(t)
		o := env.Org(t, "Acme")
		active, scheduled, err := env.Contracts.Get(ctx, o.ID)
		if err != nil || scheduled != nil {
			t.Fatalf("get = %v %v %v", active, scheduled, err)
		}
		if active.PlanID != env.StandardPlanID || active.PlanVersion != 1 || active.Status != contract.StatusActive ||
			active.Start != calendar.D(2026, time.March, 14) || active.End != nil || !active.Custom.Empty() {
			t.Errorf("first contract = %+v", active)
		}
		var types []string
		for _, e := range env.EventsSince(t, seq) {
			types = append(types, e.TargetType)
		}
		if len(types) != 2 || types[0] != "organization" || types[1] != "contract" {
			t.Errorf("events = %v, want the organization and its contract in one change", types)
		}

		p, err := env.Plans.Create(ctx, premium(), "")
		if err != nil {
			t.Fatal(err)
		}
		named, err := env.Orgs.Create(ctx, organization.Values{Name: "Beta"}, p.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if c, _, err := env.Contracts.Get(ctx, named.ID); err != nil || c.PlanID != p.ID || c.Terms != premium().Terms {
			t.Errorf("contract on the plan named = %+v %v", c, err)
		}

		// A retired plan, an unknown one, or no plan at all: no
		// organization either.
		if _, err := env.Plans.Retire(ctx, p.ID, "sold out"); err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		if _, err := env.Orgs.Create(ctx, organization.Values{Name: "Gamma"}, p.ID, ""); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("on a retired plan = %v, want failed precondition", err)
		}
		if _, err := env.Orgs.Create(ctx, organization.Values{Name: "Gamma"}, uuid.Must(uuid.NewV7()), ""); kind(err) != apierr.KindInvalidArgument || field(err) != "plan_id" {
			t.Errorf("on an unknown plan = %v, want invalid plan_id", err)
		}
		if _, err := env.Plans.Retire(ctx, env.StandardPlanID, "no more"); err != nil {
			t.Fatal(err)
		}
		before = env.Fingerprint(t)
		if _, err := env.Orgs.Create(ctx, organization.Values{Name: "Gamma"}, uuid.Nil, ""); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("with no plan offered = %v, want failed precondition", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused organization left rows behind")
		}
	})
}

func TestTheDatabaseHoldsOneActiveAndOneScheduledContract(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		o := env.Org(t, "Acme")
		sys := authz.System(t.Context())
		c, _, err := env.Contracts.Get(sys, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		insert := func(status entcontract.Status) error {
			now := env.Clock.Now()
			return env.DB.Client.Contract.Create().SetOrganizationID(o.ID).SetPlanID(c.PlanID).SetPlanVersionID(c.PlanVersionID).
				SetStatus(status).SetStartDate("2026-05-14").SetCreateTime(now).SetUpdateTime(now).Exec(sys)
		}
		if err := insert(entcontract.StatusACTIVE); !ent.IsConstraintError(err) {
			t.Errorf("a second active contract = %v, want the database's refusal", err)
		}
		if err := insert(entcontract.StatusSCHEDULED); err != nil {
			t.Fatal(err)
		}
		if err := insert(entcontract.StatusSCHEDULED); !ent.IsConstraintError(err) {
			t.Errorf("a second scheduled contract = %v, want the database's refusal", err)
		}
		if err := insert(entcontract.StatusENDED); err != nil {
			t.Errorf("history may hold many: %v", err)
		}
		// And through SQL, past every hook.
		_, err = env.DB.Client.ExecContext(sys, `UPDATE contracts SET status = 'ACTIVE' WHERE status = 'ENDED'`)
		if err == nil {
			t.Error("SQL made a second active contract")
		}
	})
}

func TestCustomTermsOverrideThePlansWithAReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		p, err := env.Plans.Create(ctx, premium(), "")
		if err != nil {
			t.Fatal(err)
		}
		o, err := env.Orgs.Create(ctx, organization.Values{Name: "Acme"}, p.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		seq := env.LastSeq(t)
		custom := contract.Custom{HourlyRateCents: ptr(int64(7500)), IncludedStorageGB: ptr(500)}
		c, err := env.Contracts.SetCustom(ctx, o.ID, custom, "framework agreement")
		if err != nil {
			t.Fatal(err)
		}
		want := premium().Terms
		want.HourlyRateCents, want.IncludedStorageGB = 7500, 500
		if c.Terms != want || c.PlanTerms != premium().Terms || c.CustomReason != "framework agreement" {
			t.Errorf("contract = %+v", c)
		}
		e := env.OneEventSince(t, seq)
		got := apptest.State(t, e.After)
		if e.Reason != "framework agreement" || got["hourly_rate_cents"] != float64(7500) ||
			got["custom_terms"].(map[string]any)["included_storage_gb"] != float64(500) {
			t.Errorf("event = %+v", e)
		}

		seq = env.LastSeq(t)
		if _, err := env.Contracts.SetCustom(ctx, o.ID, custom, "again"); err != nil || len(env.EventsSince(t, seq)) != 0 {
			t.Errorf("the same terms again = %v, events %d", err, len(env.EventsSince(t, seq)))
		}
		before := env.Fingerprint(t)
		if _, err := env.Contracts.SetCustom(ctx, o.ID, contract.Custom{MaxUsers: ptr(10)}, "cap"); kind(err) != apierr.KindInvalidArgument ||
			field(err) != "custom_terms.max_users" {
			t.Errorf("a cap below the included users = %v (%s)", err, field(err))
		}
		if _, err := env.Contracts.SetCustom(ctx, o.ID, contract.Custom{}, " "); kind(err) != apierr.KindInvalidArgument || field(err) != "reason" {
			t.Errorf("no reason = %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused change changed something")
		}
		if c, err = env.Contracts.SetCustom(ctx, o.ID, contract.Custom{}, "back to the plan"); err != nil || c.Terms != premium().Terms {
			t.Errorf("cleared = %+v %v", c, err)
		}
	})
}

func TestAPlanTransitionTakesEffectOnItsBillingDate(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		p, err := env.Plans.Create(ctx, premium(), "")
		if err != nil {
			t.Fatal(err)
		}
		// Created 2026-03-14 in Berlin: bills on the 14th.
		o := env.Org(t, "Acme")
		before := env.Fingerprint(t)
		for _, c := range []struct {
			start *calendar.Date
			field string
		}{
			{ptr(calendar.D(2026, time.March, 14)), "start_date"}, // today
			{ptr(calendar.D(2026, time.April, 15)), "start_date"}, // not a billing date
		} {
			if _, err := env.Contracts.Schedule(ctx, o.ID, p.ID, c.start, "upgrade"); kind(err) != apierr.KindInvalidArgument || field(err) != c.field {
				t.Errorf("schedule on %s = %v, want invalid %s", c.start, err, c.field)
			}
		}
		if _, err := env.Contracts.Schedule(ctx, o.ID, env.StandardPlanID, nil, "same"); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("to the version it is on = %v", err)
		}
		if _, err := env.Contracts.Cancel(ctx, o.ID, "nothing"); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("cancel with none scheduled = %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused call changed something")
		}

		s, err := env.Contracts.Schedule(ctx, o.ID, p.ID, nil, "more users")
		if err != nil {
			t.Fatal(err)
		}
		if s.Status != contract.StatusScheduled || s.Start != calendar.D(2026, time.April, 14) || s.Terms != premium().Terms {
			t.Errorf("scheduled = %+v, want Premium from the next billing date", s)
		}
		if _, err := env.Contracts.Schedule(ctx, o.ID, p.ID, ptr(calendar.D(2026, time.May, 14)), "twice"); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("a second transition = %v", err)
		}
		if c, err := env.Contracts.Cancel(ctx, o.ID, "customer changed their mind"); err != nil || c.Status != contract.StatusCancelled ||
			c.CancelReason != "customer changed their mind" {
			t.Errorf("cancelled = %+v %v", c, err)
		}
		s, err = env.Contracts.Schedule(ctx, o.ID, p.ID, ptr(calendar.D(2026, time.May, 14)), "more users after all")
		if err != nil {
			t.Fatal(err)
		}

		sys := authz.System(t.Context())
		// The day before: nothing happens.
		env.Clock.Set(time.Date(2026, time.May, 13, 21, 59, 0, 0, time.UTC)) // 23:59 in Berlin
		if r, err := env.Contracts.TakeDue(sys); err != nil || r.Taken != 0 || r.Waiting != 1 {
			t.Errorf("the day before = %+v %v", r, err)
		}
		env.Clock.Set(time.Date(2026, time.May, 13, 22, 0, 0, 0, time.UTC)) // midnight in Berlin
		if _, err := env.Contracts.Cancel(ctx, o.ID, "too late"); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("cancel on its day = %v", err)
		}
		if r, err := env.Contracts.TakeDue(sys); err != nil || r.Taken != 1 {
			t.Errorf("on the day = %+v %v", r, err)
		}
		if r, err := env.Contracts.TakeDue(sys); err != nil || r.Taken != 0 || r.Waiting != 0 {
			t.Errorf("a second run = %+v %v", r, err)
		}
		active, scheduled, err := env.Contracts.Get(ctx, o.ID)
		if err != nil || scheduled != nil || active.ID != s.ID || active.Status != contract.StatusActive {
			t.Fatalf("after the day = %+v %+v %v", active, scheduled, err)
		}
		page, err := env.Contracts.List(ctx, contract.Filter{Organization: o.ID, PageSize: 2})
		if err != nil || page.TotalSize != 3 || len(page.Contracts) != 2 || page.NextPageToken == "" {
			t.Fatalf("history = %+v %v", page, err)
		}
		rest, err := env.Contracts.List(ctx, contract.Filter{Organization: o.ID, PageSize: 2, PageToken: page.NextPageToken})
		if err != nil || len(rest.Contracts) != 1 {
			t.Fatalf("second page = %+v %v", rest, err)
		}
		all := append(page.Contracts, rest.Contracts...)
		if all[0].ID != s.ID || all[1].Status != contract.StatusCancelled || all[2].Status != contract.StatusEnded ||
			all[2].End == nil || *all[2].End != calendar.D(2026, time.May, 14) {
			t.Errorf("history = %+v", all)
		}
	})
}

func TestTheBillingRunTakesATransitionInItsOwnChange(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		p, err := env.Plans.Create(sys, premium(), "")
		if err != nil {
			t.Fatal(err)
		}
		o := env.Org(t, "Acme")
		if _, err := env.Contracts.Schedule(sys, o.ID, p.ID, nil, "upgrade"); err != nil {
			t.Fatal(err)
		}
		take := func(day calendar.Date) bool {
			var took bool
			err := env.Audit.Change(sys, func(tx *ent.Tx, log *audit.Log) error {
				var err error
				if took, err = env.Contracts.Take(sys, tx, log, o.ID, day); err == nil && !took {
					return audit.Unchanged
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return took
		}
		if take(calendar.D(2026, time.April, 13)) {
			t.Error("took a transition before its day")
		}
		if !take(calendar.D(2026, time.April, 14)) {
			t.Error("did not take the transition on its day")
		}
		if c, _, err := env.Contracts.Get(sys, o.ID); err != nil || c.PlanID != p.ID {
			t.Errorf("active = %+v %v", c, err)
		}
	})
}

func TestAnotherTenantsContractIsNotFound(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		o := env.Org(t, "Acme")
		_, staff := env.ResellerOwner(t, "Reseller GmbH", "staff@reseller.example")
		rctx := env.As(t, staff)
		if _, _, err := env.Contracts.Get(rctx, o.ID); kind(err) != apierr.KindNotFound {
			t.Errorf("a reseller reads the licensee's contract: %v", err)
		}
		before := env.Fingerprint(t)
		if _, err := env.Contracts.SetCustom(rctx, o.ID, contract.Custom{MonthlyFeeCents: ptr(int64(0))}, "free"); kind(err) != apierr.KindNotFound {
			t.Errorf("a reseller sets custom terms: %v", err)
		}
		if _, err := env.Contracts.Schedule(rctx, o.ID, env.StandardPlanID, nil, "x"); kind(err) != apierr.KindNotFound {
			t.Errorf("a reseller schedules a move: %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused call changed something")
		}
	})
}
