package contract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func day(m time.Month, d int) calendar.Date { return calendar.D(2026, m, d) }

func TestADiscountIsGrantedAndEndedWithAReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		// Today is 2026-03-14 in Berlin.
		o := env.Org(t, "Acme")
		ws, err := env.Orgs.CreateWorkspace(ctx, o.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}

		seq := env.LastSeq(t)
		startup, err := env.Contracts.GrantDiscount(ctx, o.ID, contract.Grant{Name: " Startup-Rabatt ", BasisPoints: 1000, Reason: "first year"})
		if err != nil {
			t.Fatal(err)
		}
		if startup.Name != "Startup-Rabatt" || startup.BasisPoints != 1000 || startup.Start != day(time.March, 14) || startup.End != nil ||
			!startup.Active || startup.Workspace != uuid.Nil || startup.Reason != "first year" || startup.CreatedByEmail != "owner@example.com" ||
			startup.OrganizationID != o.ID {
			t.Errorf("granted = %+v, want 10 %% from today until further notice", startup)
		}
		e := env.OneEventSince(t, seq)
		got := apptest.State(t, e.After)
		if e.TargetType != "discount" || e.TargetID != ids.Format(ids.Discount, startup.ID) || e.Reason != "first year" ||
			got["name"] != "Startup-Rabatt" || got["basis_points"] != float64(1000) || got["start_date"] != "2026-03-14" || got["end_date"] != nil {
			t.Errorf("event = %+v %v", e, got)
		}

		summer, err := env.Contracts.GrantDiscount(ctx, o.ID, contract.Grant{Workspace: &ws.ID, Name: "Sommer", BasisPoints: 2550,
			Start: ptr(day(time.April, 1)), End: ptr(day(time.June, 30)), Reason: "campaign"})
		if err != nil {
			t.Fatal(err)
		}
		if summer.Workspace != ws.ID || summer.WorkspaceName != "Produktion" || summer.Active || *summer.End != day(time.June, 30) {
			t.Errorf("workspace discount = %+v", summer)
		}
		list, err := env.Contracts.ListDiscounts(ctx, o.ID)
		if err != nil || len(list) != 2 || list[0].ID != startup.ID || list[1].ID != summer.ID || list[1].WorkspaceName != "Produktion" {
			t.Fatalf("list = %+v %v, want the one in force first", list, err)
		}

		// Ending: never before today, never before the start, never later
		// than an end it has.
		before := env.Fingerprint(t)
		seq = env.LastSeq(t)
		for _, c := range []struct {
			name string
			id   uuid.UUID
			end  *calendar.Date
			rule string
		}{
			{"yesterday", startup.ID, ptr(day(time.March, 13)), "end_date.before_today"},
			{"today, before its start", summer.ID, nil, "end_date.before_start"},
			{"after its end", summer.ID, ptr(day(time.July, 31)), "end_date.after_end"},
		} {
			_, err := env.Contracts.EndDiscount(ctx, c.id, c.end, "stop")
			if e, ok := apierr.As(err); !ok || e.Kind != apierr.KindInvalidArgument || field(err) != "end_date" || e.Fields[0].Rule != c.rule {
				t.Errorf("end %s = %v, want %s at end_date", c.name, err, c.rule)
			}
		}
		if _, err := env.Contracts.EndDiscount(ctx, startup.ID, nil, " "); kind(err) != apierr.KindInvalidArgument || field(err) != "reason" {
			t.Errorf("end without a reason = %v", err)
		}
		if _, err := env.Contracts.EndDiscount(ctx, uuid.Must(uuid.NewV7()), nil, "stop"); kind(err) != apierr.KindNotFound {
			t.Errorf("end an unknown discount = %v", err)
		}
		// On the day it ends already: nothing to change.
		if same, err := env.Contracts.EndDiscount(ctx, summer.ID, ptr(day(time.June, 30)), "again"); err != nil || same.EndReason != "" {
			t.Errorf("end on its end = %+v %v", same, err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused end changed something")
		}
		env.NoEventsSince(t, seq)

		// Ended today: today is its last day, so it is still in force.
		ended, err := env.Contracts.EndDiscount(ctx, startup.ID, nil, "customer moved to Premium")
		if err != nil {
			t.Fatal(err)
		}
		if ended.End == nil || *ended.End != day(time.March, 14) || !ended.Active || ended.EndReason != "customer moved to Premium" ||
			ended.EndedByEmail != "owner@example.com" {
			t.Errorf("ended = %+v", ended)
		}
		e = env.OneEventSince(t, seq)
		if e.Reason != "customer moved to Premium" || apptest.State(t, e.Before)["end_date"] != nil || apptest.State(t, e.After)["end_date"] != "2026-03-14" {
			t.Errorf("end event = %+v", e)
		}
		// An end of its own moves earlier, never later.
		if shorter, err := env.Contracts.EndDiscount(ctx, summer.ID, ptr(day(time.April, 30)), "campaign cut short"); err != nil || *shorter.End != day(time.April, 30) {
			t.Errorf("shortened = %+v %v", shorter, err)
		}

		// The next day it is over: out of force, and not ended again.
		env.Clock.Set(time.Date(2026, time.March, 14, 23, 0, 0, 0, time.UTC)) // 00:00 on the 15th in Berlin
		list, err = env.Contracts.ListDiscounts(ctx, o.ID)
		if err != nil || len(list) != 2 || list[0].Active || list[1].Active || list[0].ID != summer.ID {
			t.Errorf("the next day = %+v %v, want none in force, the newest first", list, err)
		}
		if _, err := env.Contracts.EndDiscount(ctx, startup.ID, nil, "again"); kind(err) != apierr.KindFailedPrecondition {
			t.Errorf("end an ended discount = %v, want failed precondition", err)
		}
		env.Clock.Set(time.Date(2026, time.April, 1, 8, 0, 0, 0, time.UTC))
		if list, err = env.Contracts.ListDiscounts(ctx, o.ID); err != nil || !list[0].Active || list[0].ID != summer.ID {
			t.Errorf("on 1 April = %+v %v, want the workspace's discount in force", list, err)
		}
	})
}

func TestARefusedGrantChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		o := env.Org(t, "Acme")
		other := env.Org(t, "Beta")
		theirs, err := env.Orgs.CreateWorkspace(ctx, other.ID, "Fremd", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		closed := env.Org(t, "Geschlossen")
		if _, err := env.Orgs.Update(ctx, closed.ID, organization.Values{Status: organization.StatusClosed}, []string{"status"}, "contract ended"); err != nil {
			t.Fatal(err)
		}
		valid := func(change func(*contract.Grant)) contract.Grant {
			g := contract.Grant{Name: "Startup-Rabatt", BasisPoints: 1000, Reason: "first year"}
			change(&g)
			return g
		}
		before := env.Fingerprint(t)
		seq := env.LastSeq(t)
		tests := []struct {
			name  string
			org   uuid.UUID
			grant contract.Grant
			kind  apierr.Kind
			field string
		}{
			{"no name", o.ID, valid(func(g *contract.Grant) { g.Name = "  " }), apierr.KindInvalidArgument, "name"},
			{"a name too long", o.ID, valid(func(g *contract.Grant) { g.Name = strings.Repeat("x", 81) }), apierr.KindInvalidArgument, "name"},
			{"0 %", o.ID, valid(func(g *contract.Grant) { g.BasisPoints = 0 }), apierr.KindInvalidArgument, "basis_points"},
			{"over 100 %", o.ID, valid(func(g *contract.Grant) { g.BasisPoints = 10001 }), apierr.KindInvalidArgument, "basis_points"},
			{"from yesterday", o.ID, valid(func(g *contract.Grant) { g.Start = ptr(day(time.March, 13)) }), apierr.KindInvalidArgument, "start_date"},
			{"ending before its start", o.ID, valid(func(g *contract.Grant) {
				g.Start, g.End = ptr(day(time.April, 2)), ptr(day(time.April, 1))
			}), apierr.KindInvalidArgument, "end_date"},
			{"ending before today's start", o.ID, valid(func(g *contract.Grant) { g.End = ptr(day(time.March, 13)) }), apierr.KindInvalidArgument, "end_date"},
			{"no reason", o.ID, valid(func(g *contract.Grant) { g.Reason = "\n" }), apierr.KindInvalidArgument, "reason"},
			{"another organization's workspace", o.ID, valid(func(g *contract.Grant) { g.Workspace = &theirs.ID }), apierr.KindInvalidArgument, "workspace_id"},
			{"an unknown workspace", o.ID, valid(func(g *contract.Grant) { g.Workspace = ptr(uuid.Must(uuid.NewV7())) }), apierr.KindInvalidArgument, "workspace_id"},
			{"an unknown organization", uuid.Must(uuid.NewV7()), valid(func(*contract.Grant) {}), apierr.KindNotFound, ""},
			{"a closed organization", closed.ID, valid(func(*contract.Grant) {}), apierr.KindFailedPrecondition, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := env.Contracts.GrantDiscount(ctx, tt.org, tt.grant)
				if kind(err) != tt.kind || field(err) != tt.field {
					t.Errorf("grant = %v (%q), want kind %d at %q", err, field(err), tt.kind, tt.field)
				}
			})
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused grant changed something")
		}
		env.NoEventsSince(t, seq)
		// All that is wrong is said at once.
		_, err = env.Contracts.GrantDiscount(ctx, o.ID, contract.Grant{BasisPoints: 0, Start: ptr(day(time.March, 1))})
		if e, ok := apierr.As(err); !ok || len(e.Fields) != 4 {
			t.Errorf("four wrong fields = %v", err)
		}
	})
}

func TestAnotherTenantsDiscountsAreNotFound(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		o := env.Org(t, "Acme")
		granted, err := env.Contracts.GrantDiscount(sys, o.ID, contract.Grant{Name: "Treue", BasisPoints: 500, Reason: "loyal"})
		if err != nil {
			t.Fatal(err)
		}
		_, staff := env.ResellerOwner(t, "Reseller GmbH", "staff@reseller.example")
		rctx := env.As(t, staff)
		before := env.Fingerprint(t)
		if _, err := env.Contracts.ListDiscounts(rctx, o.ID); kind(err) != apierr.KindNotFound {
			t.Errorf("a reseller lists the licensee's discounts: %v", err)
		}
		if _, err := env.Contracts.GrantDiscount(rctx, o.ID, contract.Grant{Name: "x", BasisPoints: 10000, Reason: "x"}); kind(err) != apierr.KindNotFound {
			t.Errorf("a reseller grants a discount: %v", err)
		}
		if _, err := env.Contracts.EndDiscount(rctx, granted.ID, nil, "x"); kind(err) != apierr.KindNotFound {
			t.Errorf("a reseller ends a discount: %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused call changed something")
		}
	})
}

func TestTheBillingRunReadsTheDiscountsOfManyOrganizationsInOneStatement(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		a, b, c := env.Org(t, "Acme"), env.Org(t, "Beta"), env.Org(t, "Gamma")
		ws, err := env.Orgs.CreateWorkspace(sys, a.ID, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		grant := func(org uuid.UUID, g contract.Grant) *contract.Discount {
			t.Helper()
			g.Reason = "fixture"
			out, err := env.Contracts.GrantDiscount(sys, org, g)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		startup := grant(a.ID, contract.Grant{Name: "Startup-Rabatt", BasisPoints: 1000})
		summer := grant(a.ID, contract.Grant{Workspace: &ws.ID, Name: "Sommer", BasisPoints: 2500, Start: ptr(day(time.April, 1)), End: ptr(day(time.June, 30))})
		loyal := grant(b.ID, contract.Grant{Name: "Treue", BasisPoints: 1, End: ptr(day(time.March, 31))})
		if _, err := env.Contracts.EndDiscount(sys, loyal.ID, ptr(day(time.March, 20)), "ended early"); err != nil {
			t.Fatal(err)
		}

		orgs := []uuid.UUID{a.ID, b.ID, c.ID}
		for range 200 {
			orgs = append(orgs, uuid.Must(uuid.NewV7())) // a batch of hundreds
		}
		statements := env.Statements.Load()
		got, err := contract.Discounts(sys, env.DB.Client, orgs)
		if err != nil {
			t.Fatal(err)
		}
		if n := env.Statements.Load() - statements; n != 1 {
			t.Errorf("read the discounts of %d organizations in %d statements, want 1", len(orgs), n)
		}
		end := day(time.March, 20)
		want := map[uuid.UUID][]charges.Reduction{
			a.ID: {
				{ID: startup.ID, Name: "Startup-Rabatt", BasisPoints: 1000, Start: day(time.March, 14)},
				{ID: summer.ID, Name: "Sommer", BasisPoints: 2500, Workspace: ws.ID, Start: day(time.April, 1), End: summer.End},
			},
			b.ID: {{ID: loyal.ID, Name: "Treue", BasisPoints: 1, Start: day(time.March, 14), End: &end}},
		}
		if len(got) != len(want) {
			t.Fatalf("discounts of %d organizations, want %d: %+v", len(got), len(want), got)
		}
		for org, ds := range want {
			if len(got[org]) != len(ds) {
				t.Errorf("%s: %+v, want %+v", org, got[org], ds)
				continue
			}
			for i, w := range ds {
				g := got[org][i]
				if g.ID != w.ID || g.Name != w.Name || g.BasisPoints != w.BasisPoints || g.Workspace != w.Workspace || g.Start != w.Start ||
					(g.End == nil) != (w.End == nil) || (g.End != nil && *g.End != *w.End) {
					t.Errorf("%s [%d] = %+v, want %+v", org, i, g, w)
				}
			}
		}
		if none, err := contract.Discounts(sys, env.DB.Client, nil); err != nil || len(none) != 0 {
			t.Errorf("no organizations = %v %v", none, err)
		}
	})
}
