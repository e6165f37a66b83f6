package plan_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func basis() plan.Values {
	return plan.Values{Name: "Basis", Description: "Für kleine Teams", Rank: 20, Terms: plan.Terms{
		MonthlyFeeCents: 2900, IncludedUsers: 5, IncludedStorageGB: 50, IncludedSupportMinutes: 60,
		HourlyRateCents: 9500, StorageOverageCentsPerGB: 40, MaxUsers: 25, MaxStorageGB: 500}}
}

func TestAPlanIsCreatedListedAndRead(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		seq := env.LastSeq(t)
		v := basis()
		v.Name = "  Basis "
		p, err := env.Plans.Create(ctx, v, "new tier")
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Basis" || p.Version != 1 || p.Currency != "EUR" || p.Retired() || p.Terms != basis().Terms {
			t.Errorf("created = %+v", p)
		}
		e := env.OneEventSince(t, seq)
		if e.TargetType != "plan" || e.Reason != "new tier" || apptest.State(t, e.After)["monthly_fee_cents"] != float64(2900) {
			t.Errorf("audit event = %+v", e)
		}
		vs, err := env.Plans.Versions(ctx, p.ID)
		if err != nil || len(vs) != 1 || vs[0].Number != 1 || vs[0].Terms != basis().Terms ||
			vs[0].CreatedByEmail != "owner@example.com" || vs[0].Reason != "new tier" || vs[0].ID != p.VersionID {
			t.Errorf("versions = %+v %v", vs, err)
		}
		sys := authz.System(t.Context())
		for _, c := range []plan.Values{
			{Name: "Premium", Rank: 30, Terms: plan.Terms{MonthlyFeeCents: 9900}},
			{Name: "Free", Rank: 10},
			{Name: "Alt", Rank: 5},
		} {
			if _, err := env.Plans.Create(sys, c, ""); err != nil {
				t.Fatal(err)
			}
		}
		all, _ := env.Plans.List(ctx, plan.Filter{IncludeRetired: true})
		if _, err := env.Plans.Retire(sys, all.Plans[1].ID, "never sold"); err != nil { // Alt, after the standard plan
			t.Fatal(err)
		}
		names := func(f plan.Filter) []string {
			t.Helper()
			var out []string
			for {
				page, err := env.Plans.List(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range page.Plans {
					out = append(out, p.Name)
				}
				if page.NextPageToken == "" {
					return out
				}
				f.PageToken = page.NextPageToken
			}
		}
		if got := names(plan.Filter{PageSize: 1}); !slices.Equal(got, []string{apptest.StandardPlan, "Free", "Basis", "Premium"}) {
			t.Errorf("plans = %v", got)
		}
		if got := names(plan.Filter{PageSize: 2, IncludeRetired: true}); !slices.Equal(got, []string{apptest.StandardPlan, "Alt", "Free", "Basis", "Premium"}) {
			t.Errorf("plans with the retired = %v", got)
		}
		page, err := env.Plans.List(ctx, plan.Filter{})
		if err != nil || page.TotalSize != 4 || page.Plans[3].Terms.MonthlyFeeCents != 9900 {
			t.Errorf("page = %+v %v", page, err)
		}
		got, err := env.Plans.Get(ctx, p.ID)
		if err != nil || got.Values != basis() || got.Version != 1 {
			t.Errorf("get = %+v %v", got, err)
		}
		_, err = env.Plans.Get(ctx, uuid.Must(uuid.NewV7()))
		apptest.WantErr(t, err, apierr.ErrNotFound)
		_, err = env.Plans.Versions(ctx, uuid.Must(uuid.NewV7()))
		apptest.WantErr(t, err, apierr.ErrNotFound)
		if names, err := env.Plans.Names(ctx, []uuid.UUID{p.ID}); err != nil || names[p.ID] != "Basis" {
			t.Errorf("names = %v %v", names, err)
		}
	})
}

func TestATermChangeWritesAVersionAndAnythingElseDoesNot(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		p, err := env.Plans.Create(ctx, basis(), "")
		if err != nil {
			t.Fatal(err)
		}
		v1, err := env.Plans.Versions(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}

		// The name only: the plan changes, no version is written.
		env.Clock.Advance(time.Minute)
		seq := env.LastSeq(t)
		renamed, err := env.Plans.Update(ctx, p.ID, plan.Values{Name: "Basis Plus", Rank: 99, Terms: plan.Terms{MonthlyFeeCents: 1}}, []string{"name"}, "clearer")
		if err != nil {
			t.Fatal(err)
		}
		if renamed.Name != "Basis Plus" || renamed.Rank != 20 || renamed.Version != 1 || renamed.Terms != basis().Terms || !renamed.UpdateTime.After(p.UpdateTime) {
			t.Errorf("renamed = %+v", renamed)
		}
		e := env.OneEventSince(t, seq)
		if apptest.State(t, e.Before)["name"] != "Basis" || apptest.State(t, e.After)["name"] != "Basis Plus" {
			t.Errorf("audit = %+v", e)
		}
		if vs, _ := env.Plans.Versions(ctx, p.ID); len(vs) != 1 {
			t.Errorf("a rename wrote a version: %+v", vs)
		}

		// A term: version 2, with the reason; version 1 stays as it was.
		env.Clock.Advance(time.Minute)
		seq = env.LastSeq(t)
		before := env.Fingerprint(t)
		raised, err := env.Plans.Update(ctx, p.ID, plan.Values{Terms: plan.Terms{MonthlyFeeCents: 3400, HourlyRateCents: 9900}},
			[]string{"terms.monthly_fee_cents", "terms.hourly_rate_cents"}, "prices for 2027")
		if err != nil {
			t.Fatal(err)
		}
		want := basis().Terms
		want.MonthlyFeeCents, want.HourlyRateCents = 3400, 9900
		if raised.Version != 2 || raised.Terms != want || raised.VersionID == p.VersionID {
			t.Errorf("raised = %+v", raised)
		}
		e = env.OneEventSince(t, seq)
		if apptest.State(t, e.Before)["monthly_fee_cents"] != float64(2900) || apptest.State(t, e.After)["monthly_fee_cents"] != float64(3400) ||
			apptest.State(t, e.After)["version"] != float64(2) || e.Reason != "prices for 2027" {
			t.Errorf("audit = %+v", e)
		}
		if env.Fingerprint(t) == before {
			t.Error("the fingerprint does not see a new version")
		}
		vs, err := env.Plans.Versions(ctx, p.ID)
		if err != nil || len(vs) != 2 || vs[0].Number != 2 || vs[0].Reason != "prices for 2027" || vs[0].Terms != want ||
			!vs[0].CreateTime.Equal(env.Clock.Now()) {
			t.Fatalf("versions = %+v %v", vs, err)
		}
		if vs[1] != v1[0] {
			t.Errorf("version 1 changed:\n%+v\n%+v", vs[1], v1[0])
		}
		// Not even the data layer deletes a version.
		if _, err := env.DB.Client.PlanVersion.Delete().Where(planversion.ID(v1[0].ID)).Exec(authz.System(t.Context())); err == nil ||
			!strings.Contains(err.Error(), "written once") {
			t.Errorf("deleting a plan version = %v", err)
		}

		// The same values again, whole or in part: nothing is written.
		seq = env.LastSeq(t)
		before = env.Fingerprint(t)
		for _, paths := range [][]string{{"terms"}, {"name", "terms.monthly_fee_cents"}, {"rank", "description"}} {
			same, err := env.Plans.Update(ctx, p.ID, raised.Values, paths, "again")
			if err != nil || same.Version != 2 {
				t.Errorf("%v: %+v %v", paths, same, err)
			}
		}
		env.NoEventsSince(t, seq)
		if env.Fingerprint(t) != before {
			t.Error("an update to the same values changed something")
		}
	})
}

func TestBadInputIsRefusedAtItsFieldAndChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		p, err := env.Plans.Create(ctx, basis(), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Plans.Create(ctx, plan.Values{Name: "Premium", Rank: 30}, ""); err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		seq := env.LastSeq(t)
		for _, c := range []struct {
			name   string
			v      plan.Values
			paths  []string
			want   error
			fields []string
		}{
			{"blank name", plan.Values{Name: "  "}, []string{"name"}, apierr.ErrInvalidArgument, []string{"plan.name"}},
			{"negative rank", plan.Values{Rank: -1}, []string{"rank"}, apierr.ErrInvalidArgument, []string{"plan.rank"}},
			{"negative fee", plan.Values{Terms: plan.Terms{MonthlyFeeCents: -1}}, []string{"terms.monthly_fee_cents"}, apierr.ErrInvalidArgument, []string{"plan.terms.monthly_fee_cents"}},
			{"every term wrong", plan.Values{Terms: plan.Terms{IncludedUsers: -1, IncludedStorageGB: -1, IncludedSupportMinutes: plan.MaxSupportMinutes + 1,
				HourlyRateCents: -1, StorageOverageCentsPerGB: -1}}, []string{"terms"}, apierr.ErrInvalidArgument,
				[]string{"plan.terms.included_users", "plan.terms.included_storage_gb", "plan.terms.included_support_minutes", "plan.terms.hourly_rate_cents", "plan.terms.storage_overage_cents_per_gb"}},
			{"cap below the included users", plan.Values{Terms: plan.Terms{MaxUsers: 4}}, []string{"terms.max_users"}, apierr.ErrInvalidArgument, []string{"plan.terms.max_users"}},
			{"included storage above the cap", plan.Values{Terms: plan.Terms{IncludedStorageGB: 501}}, []string{"terms.included_storage_gb"}, apierr.ErrInvalidArgument, []string{"plan.terms.max_storage_gb"}},
			{"the name of another", plan.Values{Name: "Premium"}, []string{"name"}, apierr.ErrAlreadyExists, nil},
			{"the rank of another", plan.Values{Rank: 30}, []string{"rank"}, apierr.ErrAlreadyExists, nil},
			{"unknown path", plan.Values{}, []string{"currency"}, apierr.ErrInvalidArgument, []string{"update_mask"}},
			{"empty mask", plan.Values{}, nil, apierr.ErrInvalidArgument, []string{"update_mask"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := env.Plans.Update(ctx, p.ID, c.v, c.paths, "")
				apptest.WantErr(t, err, c.want, c.fields...)
			})
		}
		_, err = env.Plans.Create(ctx, plan.Values{Name: "", Rank: -3, Terms: plan.Terms{MonthlyFeeCents: -1, MaxUsers: 1, IncludedUsers: 2}}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "name", "rank", "terms.monthly_fee_cents")
		_, err = env.Plans.Create(ctx, plan.Values{Name: "Mini", Terms: plan.Terms{MaxUsers: 1, IncludedUsers: 2}}, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "terms.max_users")
		_, err = env.Plans.Create(ctx, plan.Values{Name: "Basis", Rank: 1}, "")
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		_, err = env.Plans.Update(ctx, uuid.Must(uuid.NewV7()), plan.Values{Name: "x"}, []string{"name"}, "")
		apptest.WantErr(t, err, apierr.ErrNotFound)
		_, err = env.Plans.Retire(ctx, p.ID, " ")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")
		env.NoEventsSince(t, seq)
		if env.Fingerprint(t) != before {
			t.Error("a refused call changed the plans")
		}
	})
}

func TestARetiredPlanIsNotChangedAgain(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		p, err := env.Plans.Create(ctx, basis(), "")
		if err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(time.Hour)
		seq := env.LastSeq(t)
		retired, err := env.Plans.Retire(ctx, p.ID, "replaced by Basis 2027")
		if err != nil || !retired.Retired() || !retired.RetireTime.Equal(env.Clock.Now()) || retired.Terms != basis().Terms {
			t.Fatalf("retired = %+v %v", retired, err)
		}
		if e := env.OneEventSince(t, seq); e.Reason != "replaced by Basis 2027" || apptest.State(t, e.After)["retire_time"] == nil {
			t.Errorf("audit = %+v", e)
		}
		before := env.Fingerprint(t)
		seq = env.LastSeq(t)
		for _, paths := range [][]string{{"name"}, {"terms.monthly_fee_cents"}} {
			_, err := env.Plans.Update(ctx, p.ID, plan.Values{Name: "Neu", Terms: plan.Terms{MonthlyFeeCents: 1}}, paths, "")
			apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		}
		again, err := env.Plans.Retire(ctx, p.ID, "again")
		if err != nil || !again.RetireTime.Equal(*retired.RetireTime) {
			t.Errorf("retire again = %+v %v", again, err)
		}
		env.NoEventsSince(t, seq)
		if env.Fingerprint(t) != before {
			t.Error("a retired plan changed")
		}
	})
}

// Every caller reads the plans; a reseller's staff and a customer's user
// change none of them, whatever their role: the data layer refuses.
func TestResellersAndCustomersReadButDoNotWrite(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p, err := env.Plans.Create(authz.System(t.Context()), basis(), "")
		if err != nil {
			t.Fatal(err)
		}
		_, reseller := env.ResellerOwner(t, "Partner GmbH", "owner@partner.example")
		org := env.Org(t, "Kunde AG")
		customer := env.User(t, "user@kunde.example", authz.RoleUser)
		env.Member(t, org.ID, customer.ID, "ADMIN")
		before := env.Fingerprint(t)
		for name, c := range map[string]context.Context{
			"reseller owner": env.As(t, reseller),
			"customer":       env.As(t, customer),
		} {
			t.Run(name, func(t *testing.T) {
				page, err := env.Plans.List(c, plan.Filter{})
				if err != nil || page.TotalSize != 2 || page.Plans[1].ID != p.ID {
					t.Errorf("list = %+v %v", page, err)
				}
				if vs, err := env.Plans.Versions(c, p.ID); err != nil || len(vs) != 1 {
					t.Errorf("versions = %+v %v", vs, err)
				}
				_, err = env.Plans.Create(c, plan.Values{Name: "Eigener", Rank: 99}, "")
				apptest.WantErr(t, err, apierr.ErrPermissionDenied)
				_, err = env.Plans.Update(c, p.ID, plan.Values{Terms: plan.Terms{MonthlyFeeCents: 1}}, []string{"terms.monthly_fee_cents"}, "cheaper")
				apptest.WantErr(t, err, apierr.ErrPermissionDenied)
				_, err = env.Plans.Update(c, p.ID, plan.Values{Name: "Billig"}, []string{"name"}, "")
				apptest.WantErr(t, err, apierr.ErrPermissionDenied)
				_, err = env.Plans.Retire(c, p.ID, "mine now")
				apptest.WantErr(t, err, apierr.ErrPermissionDenied)
			})
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused write changed the plans")
		}
	})
}

// A new version of the terms says why; a rename needs no reason.
func TestATermsChangeNeedsAReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		p, err := env.Plans.Create(ctx, basis(), "")
		if err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		_, err = env.Plans.Update(ctx, p.ID, plan.Values{Terms: plan.Terms{MonthlyFeeCents: 3400}}, []string{"terms.monthly_fee_cents"}, " ")
		if e, ok := apierr.As(err); !ok || e.Kind != apierr.KindInvalidArgument || len(e.Fields) != 1 || e.Fields[0].Field != "reason" {
			t.Errorf("terms without a reason = %v, want invalid reason", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused change wrote a version")
		}
		if _, err := env.Plans.Update(ctx, p.ID, plan.Values{Name: "Basis Plus"}, []string{"name"}, ""); err != nil {
			t.Errorf("a rename without a reason = %v", err)
		}
	})
}
