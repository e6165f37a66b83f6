package account_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/internal/account"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/usage"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestClassOf(t *testing.T) {
	for _, c := range []struct {
		trial, managed bool
		mrr            int64
		want           account.Class
	}{
		{true, true, 9900, account.Trial},
		{false, true, 9900, account.Managed},
		{false, true, 0, account.Managed},
		{false, false, 1, account.Paying},
		{false, false, 0, account.Comped},
	} {
		if got := account.ClassOf(c.trial, c.managed, c.mrr); got != c.want {
			t.Errorf("ClassOf(%v, %v, %d) = %s, want %s", c.trial, c.managed, c.mrr, got, c.want)
		}
	}
}

// fleet is a platform with accounts of each kind, billed on 14 March 2026.
type fleet struct {
	paying, comped, managed, free uuid.UUID
	ws                            uuid.UUID
}

func newFleet(t *testing.T, env *apptest.Env) fleet {
	t.Helper()
	sys := authz.System(t.Context())
	if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
		t.Fatal(err)
	}
	premium, err := env.Plans.Create(sys, plan.Values{Name: "Premium", Rank: 30, Terms: plan.Terms{MonthlyFeeCents: 9900,
		IncludedUsers: 2, MaxUsers: 4, IncludedStorageGB: 10, MaxStorageGB: 50}}, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	org := func(name string, managed bool) uuid.UUID {
		o, err := env.Orgs.Create(sys, organization.Values{Name: name, Managed: managed, Address: organization.Address{
			Line1: "Hafenstraße 12", PostalCode: "20457", City: "Hamburg", CountryCode: "DE"}}, premium.ID, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	var f fleet
	f.paying, f.comped, f.managed = org("Acme", false), org("Gratis", false), org("Stadtwerke", true)
	f.free = env.Org(t, "Kostenlos").ID // on the free Standard plan
	w, err := env.Orgs.CreateWorkspace(sys, f.paying, "Produktion", nil, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	f.ws = w.ID
	env.BookedService(t, f.ws, "Nextcloud") // 89 €
	if _, err := env.Contracts.GrantDiscount(sys, f.comped, contract.Grant{Name: "Partner", BasisPoints: 10000, Reason: "Kooperation"}); err != nil {
		t.Fatal(err)
	}
	for i, email := range []string{"anna@acme.example", "bert@acme.example", "carla@acme.example"} {
		role := organization.RoleMember
		if i == 0 {
			role = organization.RoleAdmin
		}
		if _, err := env.Orgs.AddMember(sys, f.paying, nil, &organization.NewUser{Email: email, DisplayName: []string{"Anna Admin", "Bert", "Carla"}[i]},
			role, "fixture"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.Usage.Report(sys, []usage.Event{{ID: "s1", Organization: f.paying, Workspace: f.ws, Metric: usage.StorageBytes,
		Quantity: 40_000_000_000, Day: calendar.D(2026, time.March, 14)}, {ID: "t1", Organization: f.paying, Workspace: f.ws,
		Metric: usage.TrafficBytes, Quantity: 3_000_000_000, Day: calendar.D(2026, time.March, 14)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Invoices.Run(sys); err != nil {
		t.Fatal(err)
	}
	invs, err := env.Invoices.ForOrganization(sys, f.paying)
	if err != nil || len(invs) != 1 {
		t.Fatalf("invoices %v %v", invs, err)
	}
	if _, _, err := env.Payments.Record(sys, payment.Receipt{Invoice: invs[0].ID, Method: payment.BankTransfer, AmountCents: 10000,
		Currency: "EUR", ValueDate: calendar.D(2026, time.March, 14), Reference: invs[0].Number}, false); err != nil {
		t.Fatal(err)
	}
	return f
}

// The rollup of this month shows each account's tier, usage against its
// caps, what it was invoiced and paid, its MRR and next invoice, its
// revenue class and its admins, with its workspaces.
func TestTheRollupOfAMonth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		f := newFleet(t, env)
		sys := authz.System(t.Context())
		p, err := env.Accounts.List(sys, account.Query{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Month != "2026-03" || p.Total != 4 || len(p.Accounts) != 4 {
			t.Fatalf("page = %+v", p)
		}
		byID := map[uuid.UUID]account.Account{}
		for _, a := range p.Accounts {
			byID[a.Organization] = a
		}
		acme := byID[f.paying]
		gross := int64(18800 * 119 / 100) // 99 € + 89 €, 19 % VAT
		if acme.Class != account.Paying || acme.Plan != "Premium" || acme.MRRStartCents != 0 || acme.MRREndCents != 18800 ||
			acme.InvoicedGrossCents != gross || acme.PaidCents != 10000 {
			t.Errorf("Acme = %+v", acme)
		}
		if acme.Users != (account.Usage{Used: 3, Cap: 4}) || acme.Users.Percent() != 75 ||
			acme.Storage != (account.Usage{Used: 40_000_000_000, Cap: 50_000_000_000}) || acme.Storage.Percent() != 80 ||
			acme.Traffic.Used != 3_000_000_000 {
			t.Errorf("Acme's usage = %+v %+v %+v", acme.Users, acme.Storage, acme.Traffic)
		}
		if n := acme.Next; n == nil || n.BillingDate != calendar.D(2026, time.April, 14) || n.NetCents != 18800 {
			t.Errorf("Acme's next invoice = %+v", n)
		}
		if !slices.Equal(acme.Admins, []string{"Anna Admin <anna@acme.example>"}) {
			t.Errorf("Acme's admins = %v", acme.Admins)
		}
		if len(acme.Workspaces) != 1 || acme.Workspaces[0].Name != "Produktion" || acme.Workspaces[0].StorageBytes != 40_000_000_000 ||
			acme.Workspaces[0].TrafficBytes != 3_000_000_000 || acme.Workspaces[0].Plan != "Premium" {
			t.Errorf("Acme's workspaces = %+v", acme.Workspaces)
		}
		for id, want := range map[uuid.UUID]account.Class{f.comped: account.Comped, f.managed: account.Managed, f.free: account.Comped} {
			if byID[id].Class != want {
				t.Errorf("%s: class %s, want %s", byID[id].Name, byID[id].Class, want)
			}
		}
		if byID[f.free].Plan != "Standard" || byID[f.free].Next != nil {
			t.Errorf("on the free plan: %+v, want no next invoice: it has nothing to charge", byID[f.free])
		}
		if tt := p.Totals; tt.MRREndCents != 18800+9900 || tt.InvoicedGrossCents != gross+9900*119/100 || tt.PaidCents != 10000 ||
			tt.Classes[account.Paying] != 1 || tt.Classes[account.Comped] != 2 || tt.Classes[account.Managed] != 1 {
			t.Errorf("totals = %+v", tt)
		}

		// The month before the first contract: the accounts did not exist.
		if p, err := env.Accounts.List(sys, account.Query{Month: "2026-02"}); err != nil || p.Total != 0 {
			t.Errorf("February = %+v %v", p, err)
		}
		// Next month has not begun.
		if _, err := env.Accounts.List(sys, account.Query{Month: "2026-04"}); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("April = %v, want InvalidArgument", err)
		}
		// A month later, March is a month behind: no next invoice, its MRR
		// at its end is what it was.
		env.Clock.Set(time.Date(2026, time.April, 2, 9, 0, 0, 0, time.UTC))
		p, err = env.Accounts.List(sys, account.Query{Month: "2026-03", Classes: []account.Class{account.Paying}})
		if err != nil || p.Total != 1 || p.Accounts[0].Next != nil || p.Accounts[0].MRREndCents != 18800 {
			t.Errorf("March, paying = %+v %v", p, err)
		}
	})
}

// Each page of the rollup follows the one before in its order, and every
// account is on exactly one page; a token is bound to its query.
func TestTheRollupPagesInItsOrder(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		newFleet(t, env)
		for i := range 5 {
			env.Org(t, "Leer "+string(rune('A'+i)))
		}
		sys := authz.System(t.Context())
		for _, order := range []string{"name", "mrr desc", "users desc", "storage", "invoiced desc", "paid"} {
			all, err := env.Accounts.List(sys, account.Query{OrderBy: order, PageSize: 500})
			if err != nil {
				t.Fatal(err)
			}
			var paged []string
			q := account.Query{OrderBy: order, PageSize: 2}
			for {
				p, err := env.Accounts.List(sys, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range p.Accounts {
					paged = append(paged, a.Name)
				}
				if p.NextPageToken == "" {
					break
				}
				q.PageToken = p.NextPageToken
			}
			var want []string
			for _, a := range all.Accounts {
				want = append(want, a.Name)
			}
			if len(want) != 9 || !slices.Equal(paged, want) {
				t.Errorf("%s: pages %v, want %v", order, paged, want)
			}
			if order == "mrr desc" && want[0] != "Acme" {
				t.Errorf("by MRR, descending: %v", want)
			}
		}
		first, err := env.Accounts.List(sys, account.Query{PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Accounts.List(sys, account.Query{OrderBy: "mrr", PageSize: 2, PageToken: first.NextPageToken}); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("a token of another order = %v", err)
		}
	})
}

// An account's history has a month for each month it existed, up to
// twelve.
func TestAnAccountsHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		f := newFleet(t, env)
		sys := authz.System(t.Context())
		env.Clock.Set(time.Date(2026, time.May, 20, 9, 0, 0, 0, time.UTC))
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		h, err := env.Accounts.History(sys, f.paying, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 3 || h[0].Month != "2026-03" || h[2].Month != "2026-05" {
			t.Fatalf("history = %+v", h)
		}
		if h[0].MRRStartCents != 0 || h[1].MRRStartCents != 18800 || h[0].PaidCents != 10000 || h[0].PeakStorageBytes != 40_000_000_000 ||
			h[1].InvoicedGrossCents == 0 || h[2].Class != account.Paying || h[2].Plan != "Premium" {
			t.Errorf("history = %+v", h)
		}
		if _, err := env.Accounts.History(sys, uuid.New(), ""); !errors.Is(err, apierr.ErrNotFound) {
			t.Errorf("an unknown organization = %v", err)
		}
	})
}

// The accounts at risk, the most urgent on top: hard-blocked at its users
// cap, at its storage cap, with overdue invoices, approaching a cap from
// the threshold asked for, downgraded in the last 30 days; each with its
// reasons, and an account without a risk not among them.
func TestTheAccountsAtRisk(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		f := newFleet(t, env) // Acme: 3 of 4 users (75 %); its storage was March's
		sys := authz.System(t.Context())
		pilot, err := env.Plans.Create(sys, plan.Values{Name: "Pilot", Rank: 5, Terms: plan.Terms{IncludedUsers: 1, MaxUsers: 1,
			IncludedStorageGB: 1, MaxStorageGB: 2, MaxTrafficGB: 10}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		premium := env.DB.Client.Plan.Query().Where(entplan.Name("Premium")).OnlyX(sys)
		org := func(name string, p uuid.UUID) uuid.UUID {
			o, err := env.Orgs.Create(sys, organization.Values{Name: name, Address: organization.Address{Line1: "Marktplatz 1",
				PostalCode: "20095", City: "Hamburg", CountryCode: "DE"}}, p, "fixture")
			if err != nil {
				t.Fatal(err)
			}
			return o.ID
		}
		full := org("Voll", pilot.ID)
		if _, err := env.Orgs.AddMember(sys, full, nil, &organization.NewUser{Email: "einzig@voll.example"}, organization.RoleOwner, "fixture"); err != nil {
			t.Fatal(err)
		}
		stored := org("Speicher", pilot.ID)
		busy := org("Verkehr", pilot.ID)
		late := org("Säumig", premium.ID)
		down := org("Abgestuft", premium.ID)
		if _, err := env.Contracts.Schedule(sys, down, pilot.ID, nil, "zu teuer"); err != nil { // from 14 April
			t.Fatal(err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 9, 0, 0, 0, time.UTC))
		if _, err := env.Invoices.Run(sys); err != nil { // takes the downgrade
			t.Fatal(err)
		}
		if _, err := env.Invoices.MarkOverdue(sys); err != nil { // every invoice of 14 March is overdue now
			t.Fatal(err)
		}
		if _, err := env.Usage.Report(sys, []usage.Event{{ID: "s", Organization: stored, Metric: usage.StorageBytes,
			Quantity: 3_000_000_000, Day: calendar.D(2026, time.April, 14)}, {ID: "t", Organization: busy, Metric: usage.TrafficBytes,
			Quantity: 11_000_000_000, Day: calendar.D(2026, time.April, 14)}}); err != nil {
			t.Fatal(err)
		}
		// Paid, but for Säumig's.
		for _, o := range []uuid.UUID{f.paying, f.managed, down, stored, full, busy} {
			invs, err := env.Invoices.ForOrganization(sys, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, inv := range invs {
				if open := inv.GrossCents - inv.PaidCents; open > 0 {
					if _, _, err := env.Payments.Record(sys, payment.Receipt{Invoice: inv.ID, Method: payment.BankTransfer, AmountCents: open,
						Currency: "EUR", ValueDate: calendar.D(2026, time.April, 14), Reference: inv.Number}, false); err != nil {
						t.Fatal(err)
					}
				}
			}
		}

		page, err := env.Accounts.AtRisk(sys, account.RiskQuery{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range page.Accounts {
			got = append(got, a.Name+":"+string(a.Reasons[0].Risk))
		}
		want := []string{"Voll:HARD_BLOCKED", "Speicher:AT_CAP", "Verkehr:AT_CAP", "Säumig:OVERDUE", "Abgestuft:DOWNGRADED"}
		if !slices.Equal(got, want) {
			t.Fatalf("at risk = %v, want %v", got, want)
		}
		for _, a := range page.Accounts {
			r := a.Reasons[0]
			switch a.Organization {
			case full:
				if r.Cap != "users" || r.Percent != 100 {
					t.Errorf("Voll: %+v", r)
				}
			case stored:
				if r.Cap != "storage" || r.Percent != 150 {
					t.Errorf("Speicher: %+v", r)
				}
			case busy:
				if r.Cap != "traffic" || r.Percent != 110 || a.Traffic.Cap != 10_000_000_000 {
					t.Errorf("Verkehr: %+v %+v", r, a.Traffic)
				}
			case late:
				if r.OverdueInvoices != 1 || r.OverdueCents != 9900*119/100 {
					t.Errorf("Säumig: %+v", r)
				}
			case down:
				if r.From != "Premium" || r.To != "Pilot" || r.On != calendar.D(2026, time.April, 14) {
					t.Errorf("Abgestuft: %+v", r)
				}
			}
		}
		if page.ByRisk[account.HardBlocked] != 1 || page.ByRisk[account.Overdue] != 1 {
			t.Errorf("by risk = %v", page.ByRisk)
		}
		// From 75 %, Acme approaches both its caps: counted once.
		page, err = env.Accounts.AtRisk(sys, account.RiskQuery{ApproachingPercent: 75})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 6 || page.ByRisk[account.ApproachingCap] != 1 {
			t.Errorf("from 75 %% = %d accounts, %v", page.Total, page.ByRisk)
		}
		if _, err := env.Accounts.AtRisk(sys, account.RiskQuery{ApproachingPercent: 100}); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("a threshold of 100 %% = %v", err)
		}
		// A page at a time, in the same order.
		first, err := env.Accounts.AtRisk(sys, account.RiskQuery{PageSize: 3})
		if err != nil || len(first.Accounts) != 3 || first.NextPageToken == "" {
			t.Fatalf("first page = %+v %v", first, err)
		}
		second, err := env.Accounts.AtRisk(sys, account.RiskQuery{PageSize: 3, PageToken: first.NextPageToken})
		if err != nil || len(second.Accounts) != 2 || second.Accounts[1].Name != "Abgestuft" {
			t.Errorf("second page = %+v %v", second, err)
		}
	})
}
