package app_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/alert"
	"github.com/leitstand/leitstand/server/ent/bankline"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/discount"
	"github.com/leitstand/leitstand/server/ent/dunningnotice"
	"github.com/leitstand/leitstand/server/ent/image"
	"github.com/leitstand/leitstand/server/ent/imageshare"
	"github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoicedelivery"
	"github.com/leitstand/leitstand/server/ent/jobrun"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/ent/processstep"
	"github.com/leitstand/leitstand/server/ent/productoffer"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/servicestatuschange"
	"github.com/leitstand/leitstand/server/ent/timeentry"
	"github.com/leitstand/leitstand/server/ent/usagereport"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/webhookdelivery"
	"github.com/leitstand/leitstand/server/ent/webhookendpoint"
	alerts "github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/demo"
	orders "github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/training"
	"github.com/leitstand/leitstand/server/internal/usage"
	usagereports "github.com/leitstand/leitstand/server/internal/usagereport"
)

// Every TypeID prefix of platform/ids is owned by exactly one module: an
// id kind nobody declares, or two areas claiming one, fails here.
func TestEachPrefixHasOneOwner(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	owner := map[ids.Prefix]string{}
	for _, m := range env.Modules {
		for _, p := range m.Prefixes {
			if o, dup := owner[p]; dup {
				t.Errorf("prefix %q is claimed by %s and %s", p, o, m.Name)
			}
			owner[p] = m.Name
		}
	}
	for _, p := range declaredPrefixes(t) {
		if _, ok := owner[ids.Prefix(p)]; !ok {
			t.Errorf("prefix %q (platform/ids) belongs to no module: name it in its area's module.go", p)
		}
	}
}

// declaredPrefixes reads the Prefix constants of platform/ids.
func declaredPrefixes(t *testing.T) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "../platform/ids/ids.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		v, ok := n.(*ast.ValueSpec)
		if !ok || v.Type == nil {
			return true
		}
		if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Prefix" {
			for _, val := range v.Values {
				if lit, ok := val.(*ast.BasicLit); ok {
					out = append(out, lit.Value[1:len(lit.Value)-1])
				}
			}
		}
		return true
	})
	if len(out) < 10 {
		t.Fatalf("found only %d prefixes in platform/ids: %v", len(out), out)
	}
	return out
}

// The demo is the modules' steps in the order of the list: the logins, the
// organizations their demo user belongs to, the company's settings and a
// first run of every job (the infrastructure step needs the simulated
// fleet, which the browser tests start through the binary).
func TestDemoIsSeededByTheModules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		ctx := authz.System(t.Context())
		// The demo's webhooks post to its receiver on loopback.
		hooks, err := demo.StartHookSink()
		if err != nil {
			t.Fatal(err)
		}
		defer hooks.Close()
		env.Demo.Hooks = hooks
		if err := env.SeedDemo(ctx); err != nil {
			t.Fatal(err)
		}
		c := env.DB.Client
		// The licensee's three webhook endpoints and Nordhost's, each
		// enabled one with a test event the receiver accepted, and a replay
		// in the log.
		if n, _ := c.WebhookEndpoint.Query().Count(ctx); n != 4 {
			t.Errorf("%d demo webhook endpoints, want 4", n)
		}
		nordhostID, _ := c.BillingEntity.Query().Where(billingentity.SignupHandle("nordhost")).OnlyID(ctx)
		if nordhostHooks, _ := c.WebhookEndpoint.Query().Where(webhookendpoint.BillingEntityID(nordhostID)).Count(ctx); nordhostHooks != 1 {
			t.Errorf("Nordhost has %d demo webhook endpoints, want 1", nordhostHooks)
		}
		// Three tests and a replay, and the events of the demo's jobs,
		// which run after the step.
		succeeded, _ := c.WebhookDelivery.Query().Where(webhookdelivery.StatusEQ(webhookdelivery.StatusSUCCEEDED)).Count(ctx)
		if succeeded < 4 {
			t.Errorf("%d successful demo webhook deliveries, want at least 4 (three tests, one replay)", succeeded)
		}
		if n, _ := c.WebhookDelivery.Query().Where(webhookdelivery.ReplayOfNotNil()).Count(ctx); n != 1 {
			t.Errorf("%d demo webhook replays, want 1", n)
		}
		if hooks.Accepted() != int64(succeeded) {
			t.Errorf("the demo receiver accepted %d deliveries, the log says %d", hooks.Accepted(), succeeded)
		}
		// The owner's saved views, one of them shared with the licensee's
		// staff; a reseller's staff see none of them.
		viewsOf := func(email, page string) []string {
			in, err := env.Identity.Login(t.Context(), email, demo.Password)
			if err != nil {
				t.Fatal(err)
			}
			vs, err := env.Views.List(authz.WithPrincipal(t.Context(), in.Principal), page)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, v := range vs {
				out = append(out, v.Name)
			}
			return out
		}
		if got := viewsOf("owner@demo.leitstand.test", "organizations"); !slices.Equal(got, []string{"Newest customers", "Suspended customers"}) {
			t.Errorf("the demo owner's organization views: %v", got)
		}
		if got := viewsOf("owner@demo.leitstand.test", "invoices"); !slices.Equal(got, []string{"Overdue invoices"}) {
			t.Errorf("the demo owner's invoice views: %v", got)
		}
		if got := viewsOf("operator@demo.leitstand.test", "organizations"); !slices.Equal(got, []string{"Newest customers"}) {
			t.Errorf("the demo operator sees %v of the owner's views, want the shared one", got)
		}
		if got := viewsOf("owner@nordhost.leitstand.test", "organizations"); len(got) != 0 {
			t.Errorf("Nordhost's owner sees the licensee's views %v", got)
		}
		for _, l := range demo.Logins {
			if ok, _ := c.User.Query().Where(user.Email(l.Email)).Exist(ctx); !ok {
				t.Errorf("no demo login %s", l.Email)
			}
		}
		now := env.Clock.Now()
		licensee, _ := tenancy.Licensee(ctx, c)
		if n, _ := c.Organization.Query().Where(organization.BillingEntityID(licensee), organization.SignupTimeIsNil()).Count(ctx); n != 45 {
			t.Errorf("%d organizations of the licensee's own, want 45", n)
		}
		// Two resellers with their own details, staff and customers, and a
		// sign-up waiting for Nordhost and one for the licensee.
		for _, r := range []struct {
			handle, prefix    string
			customers, offers int
		}{{"nordhost", "NH-", 4, 5}, {"suedcloud", "SC-", 3, 4}} {
			be, err := c.BillingEntity.Query().Where(billingentity.SignupHandle(r.handle)).Only(ctx)
			if err != nil {
				t.Errorf("reseller %s: %v", r.handle, err)
				continue
			}
			if st, err := env.Settings.Of(ctx, be.ID); err != nil || st.Invoice.NumberPrefix != r.prefix {
				t.Errorf("%s numbers its invoices %q (%v), want %s", be.Name, st.Invoice.NumberPrefix, err, r.prefix)
			}
			if n, _ := c.Organization.Query().Where(organization.BillingEntityID(be.ID), organization.StatusEQ(organization.StatusACTIVE)).Count(ctx); n != r.customers {
				t.Errorf("%s has %d active customers, want %d", be.Name, n, r.customers)
			}
			// It sells the licensee's items under offers of its own; its
			// customers' services are booked under them, or are its own
			// items, at its price.
			if n, _ := c.ProductOffer.Query().Where(productoffer.BillingEntityID(be.ID)).Count(ctx); n != r.offers {
				t.Errorf("%s makes %d offers, want %d", be.Name, n, r.offers)
			}
			svcs, _ := c.ServiceInstance.Query().Where(serviceinstance.HasOrganizationWith(organization.BillingEntityID(be.ID))).
				WithCatalogItem().All(ctx)
			if len(svcs) == 0 {
				t.Errorf("%s's customers book nothing", be.Name)
			}
			for _, sv := range svcs {
				if sv.ProductOfferID == nil && *sv.Edges.CatalogItem.BillingEntityID != be.ID {
					t.Errorf("%s's customer has %s of another entity without an offer", be.Name, sv.Name)
				}
			}
			// Each offer is above the licensee's price: the demo's resellers
			// live on a margin.
			offers, _ := c.ProductOffer.Query().Where(productoffer.BillingEntityID(be.ID)).WithCatalogItem().All(ctx)
			for _, o := range offers {
				if o.MonthlyPriceCents <= o.Edges.CatalogItem.MonthlyPriceCents {
					t.Errorf("%s offers %s at %d cents, not above the licensee's %d", be.Name, o.Edges.CatalogItem.Name,
						o.MonthlyPriceCents, o.Edges.CatalogItem.MonthlyPriceCents)
				}
			}
			if r, err := env.BillingEntities.Wholesale(ctx, be.ID, now.Format("2006-01"), now.Format("2006-01")); err != nil ||
				len(r.Totals) != 1 || r.Totals[0].WholesaleCents == 0 || r.Totals[0].ResaleCents <= r.Totals[0].WholesaleCents {
				t.Errorf("%s's wholesale report this month: %+v %v, want its customers' consumption at a margin", be.Name, r, err)
			}
		}
		// Images: the licensee's, some shared with Nordhost, Debian with
		// both resellers, and one of each reseller's own.
		if n, _ := c.Image.Query().Count(ctx); n != 9 {
			t.Errorf("%d demo images, want 9", n)
		}
		if n, _ := c.Image.Query().Where(image.BillingEntityID(licensee)).Count(ctx); n != 7 {
			t.Errorf("%d demo images of the licensee, want 7", n)
		}
		nordhost, _ := c.BillingEntity.Query().Where(billingentity.SignupHandle("nordhost")).OnlyID(ctx)
		if n, _ := c.ImageShare.Query().Where(imageshare.BillingEntityID(nordhost)).Count(ctx); n != 3 {
			t.Errorf("%d demo images shared with Nordhost, want 3", n)
		}
		if n, _ := c.Image.Query().Where(image.BillingEntityID(nordhost)).Count(ctx); n != 1 {
			t.Errorf("Nordhost has %d images of its own, want 1", n)
		}
		if n, _ := c.Image.Query().Where(image.Name("Debian 12"), image.HasSharesWith()).QueryShares().Count(ctx); n != 2 {
			t.Errorf("Debian 12 is shared with %d resellers, want both", n)
		}
		// The usage reports of the last three months are stored for the
		// licensee and for Nordhost, with their customers' figures.
		current := usagereports.MonthOf(env.Clock.Now())
		for _, r := range []struct {
			entity                string
			revenue, timeRecorded bool
		}{{"", true, true}, {"nordhost", false, true}} {
			be := licensee
			if r.entity != "" {
				be = c.BillingEntity.Query().Where(billingentity.SignupHandle(r.entity)).OnlyIDX(ctx)
			}
			var minutes, revenue int64
			for n := 1; n <= 3; n++ {
				row, err := c.UsageReport.Query().Where(usagereport.BillingEntityID(be), usagereport.Month(current.Add(-n).String())).Only(ctx)
				if err != nil {
					t.Errorf("no stored usage report of %s for %s: %v", be, current.Add(-n), err)
					continue
				}
				st, err := env.UsageReports.Get(ctx, row.ID)
				// Nordhost's customers are made today, with support time dated
				// back: its months without that time have no rows.
				if err != nil || r.entity == "" && len(st.Report.Rows) == 0 {
					t.Errorf("the stored usage report of %s for %s: %d rows, %v", be, st.Month, len(st.Report.Rows), err)
				}
				minutes += st.Report.Totals.Minutes
				revenue += st.Report.Totals.NetRevenueCents
			}
			if (minutes > 0) != r.timeRecorded || (revenue > 0) != r.revenue {
				t.Errorf("the stored usage reports of %s count %d minutes and %d cents", be, minutes, revenue)
			}
		}
		for _, l := range demo.ResellerLogins() {
			if u, err := c.User.Query().Where(user.Email(l.Email)).Only(ctx); err != nil || u.BillingEntityID == nil {
				t.Errorf("no reseller login %s (%v)", l.Email, err)
			}
		}
		if n, _ := c.Organization.Query().Where(organization.SignupTimeNotNil(), organization.StatusEQ(organization.StatusPENDING_APPROVAL)).Count(ctx); n != 2 {
			t.Errorf("%d sign-ups waiting, want 2", n)
		}
		if s, _, err := env.Settings.Get(ctx); err != nil || s.Company.Name != demo.PlatformSettings.Company.Name || s.Company.Logo == "" {
			t.Errorf("company settings: %q, logo %q, %v", s.Company.Name, s.Company.Logo, err)
		}
		// About sixty services, some away from ONLINE now, with status
		// history back to thirty days ago and never in the future.
		if n, _ := c.ServiceInstance.Query().Count(ctx); n < 50 || n > 65 {
			t.Errorf("%d demo services, want about sixty", n)
		}
		for _, st := range []serviceinstance.Status{serviceinstance.StatusMAINTENANCE, serviceinstance.StatusDISRUPTION,
			serviceinstance.StatusSUSPENDED, serviceinstance.StatusPROVISIONING, serviceinstance.StatusONLINE} {
			if n, _ := c.ServiceInstance.Query().Where(serviceinstance.StatusEQ(st)).Count(ctx); n == 0 {
				t.Errorf("no demo service is %s", st)
			}
		}
		if n, _ := c.ServiceStatusChange.Query().Where(servicestatuschange.ChangeTimeGT(now)).Count(ctx); n != 0 {
			t.Errorf("%d status changes in the future", n)
		}
		if n, _ := c.ServiceStatusChange.Query().Where(servicestatuschange.ChangeTimeGT(now.AddDate(0, 0, -30)),
			servicestatuschange.SourceEQ(servicestatuschange.SourceSYNC)).Count(ctx); n < 10 {
			t.Errorf("%d changes by the sync in the last thirty days, want a history to chart", n)
		}
		// Demo services keep sealed credentials; orders stand in every
		// status, never created in the future.
		if n, _ := c.ServiceCredential.Query().Count(ctx); n < 10 {
			t.Errorf("%d demo credentials, want some to reveal", n)
		}
		for _, st := range []order.Status{order.StatusOPEN, order.StatusIN_PROGRESS, order.StatusWAITING_FOR_CUSTOMER,
			order.StatusDONE, order.StatusCANCELLED} {
			if n, _ := c.Order.Query().Where(order.StatusEQ(st)).Count(ctx); n == 0 {
				t.Errorf("no demo order is %s", st)
			}
		}
		if n, _ := c.Order.Query().Where(order.CreateTimeGT(now)).Count(ctx); n != 0 {
			t.Errorf("%d orders created in the future", n)
		}
		if n, _ := c.Alert.Query().Where(alert.OrderIDNotNil()).Count(ctx); n == 0 {
			t.Error("no demo alert became an order")
		}
		if n, _ := c.Feedback.Query().Count(ctx); n == 0 {
			t.Error("no demo feedback")
		}
		// Every organization on a contract but the sign-ups waiting for
		// approval, some with custom terms, some with a history, one with a
		// move scheduled.
		orgs := c.Organization.Query().Where(organization.Not(organization.And(organization.SignupTimeNotNil(),
			organization.StatusEQ(organization.StatusPENDING_APPROVAL)))).CountX(ctx)
		if n := c.Contract.Query().Where(contract.StatusEQ(contract.StatusACTIVE)).CountX(ctx); n != orgs {
			t.Errorf("%d active contracts for %d organizations", n, orgs)
		}
		if n := c.Contract.Query().Where(contract.StatusEQ(contract.StatusSCHEDULED)).CountX(ctx); n != 1 {
			t.Errorf("%d scheduled transitions, want one", n)
		}
		if n := c.Contract.Query().Where(contract.StatusEQ(contract.StatusENDED)).CountX(ctx); n == 0 {
			t.Error("no demo contract history")
		}
		if n := c.Contract.Query().Where(contract.Or(contract.CustomHourlyRateCentsNotNil(), contract.CustomIncludedStorageGBNotNil())).CountX(ctx); n == 0 {
			t.Error("no demo custom terms")
		}
		// Three discounts: one of the whole organization until further
		// notice, one of a workspace, one that ended.
		if n := c.Discount.Query().Where(discount.WorkspaceIDIsNil(), discount.EndDateIsNil()).CountX(ctx); n != 1 {
			t.Errorf("%d open-ended discounts of a whole organization, want 1", n)
		}
		if n := c.Discount.Query().Where(discount.WorkspaceIDNotNil()).CountX(ctx); n != 1 {
			t.Errorf("%d discounts of a workspace, want 1", n)
		}
		if n := c.Discount.Query().Where(discount.EndDateLT(calendar.On(now, time.UTC).String()), discount.EndReasonNEQ("")).CountX(ctx); n != 1 {
			t.Errorf("%d ended discounts, want 1", n)
		}
		// A year and more of invoices: paid, open, overdue, one cancelled
		// with its cancellation invoice.
		for _, st := range []invoice.Status{invoice.StatusPAID, invoice.StatusISSUED, invoice.StatusOVERDUE, invoice.StatusCANCELLED} {
			if n := c.Invoice.Query().Where(invoice.StatusEQ(st)).CountX(ctx); n == 0 {
				t.Errorf("no demo invoice %s", st)
			}
		}
		// Payments of every method and status; each PAID invoice paid in
		// full by them, one paid in part, one paid over.
		for _, m := range []payment.Method{payment.MethodSTRIPE, payment.MethodMOLLIE, payment.MethodBANK_TRANSFER} {
			if n := c.Payment.Query().Where(payment.MethodEQ(m)).CountX(ctx); n == 0 {
				t.Errorf("no demo payment by %s", m)
			}
		}
		for _, st := range []payment.Status{payment.StatusPENDING, payment.StatusSUCCEEDED, payment.StatusFAILED, payment.StatusCANCELED,
			payment.StatusREFUNDED, payment.StatusDISPUTED, payment.StatusREVERSED} {
			if n := c.Payment.Query().Where(payment.StatusEQ(st)).CountX(ctx); n == 0 {
				t.Errorf("no demo payment %s", st)
			}
		}
		// Yesterday's bank statement: credits matched, two waiting for staff.
		if n := c.BankLine.Query().Where(bankline.StatusEQ(bankline.StatusUNMATCHED)).CountX(ctx); n != 2 {
			t.Errorf("%d demo bank entries wait for staff, want 2", n)
		}
		if n := c.BankLine.Query().Where(bankline.StatusEQ(bankline.StatusMATCHED)).CountX(ctx); n != 2 {
			t.Errorf("%d demo bank entries matched, want 2", n)
		}
		// Dunning: every level written (sent where the demo has its mail
		// server), a fee invoice, one organization on hold.
		for _, l := range []dunningnotice.Level{dunningnotice.LevelREMINDER, dunningnotice.LevelFIRST_NOTICE, dunningnotice.LevelSECOND_NOTICE} {
			if n := c.DunningNotice.Query().Where(dunningnotice.LevelEQ(l)).CountX(ctx); n == 0 {
				t.Errorf("no demo dunning notice of level %s", l)
			}
		}
		if n := c.Invoice.Query().Where(invoice.OriginEQ(invoice.OriginDUNNING)).CountX(ctx); n == 0 {
			t.Error("no demo fee invoice")
		}
		if n := c.DunningHold.Query().CountX(ctx); n != 1 {
			t.Errorf("%d demo dunning holds, want 1", n)
		}
		var partial, overpaid int
		for _, inv := range c.Invoice.Query().Where(invoice.KindEQ(invoice.KindINVOICE)).AllX(ctx) {
			switch {
			case inv.Status == invoice.StatusPAID && inv.PaidCents < inv.GrossCents:
				t.Errorf("demo invoice %s is PAID with %d of %d paid", inv.Number, inv.PaidCents, inv.GrossCents)
			case inv.Status != invoice.StatusPAID && inv.Status != invoice.StatusCANCELLED && inv.PaidCents > 0:
				partial++
			case inv.PaidCents > inv.GrossCents:
				overpaid++
			}
		}
		if partial == 0 || overpaid != 1 {
			t.Errorf("%d demo invoices paid in part, %d paid over; want some and one", partial, overpaid)
		}
		if n := c.Invoice.Query().Where(invoice.KindEQ(invoice.KindCANCELLATION)).CountX(ctx); n != 1 {
			t.Errorf("%d demo cancellation invoices, want 1", n)
		}
		// Each prints the demo issuer's logo, named by its file.
		for _, inv := range c.Invoice.Query().AllX(ctx) {
			if !bytes.Contains(inv.Document, []byte(`"LogoFile":"`)) {
				t.Errorf("demo invoice %s names no logo", inv.Number)
				break
			}
		}
		if oldest, err := c.Invoice.Query().Order(invoice.ByIssueDate()).First(ctx); err != nil || oldest.IssueDate > env.Clock.Now().AddDate(-1, 0, 0).Format(time.DateOnly) {
			t.Errorf("the oldest demo invoice = %v %v, want one a year old or older", oldest, err)
		}
		// Sixty days of usage up to yesterday, written before now, some
		// organizations above the storage their contract includes.
		if n := c.UsageSnapshot.Query().CountX(ctx); n < 45*60 {
			t.Errorf("%d demo usage snapshots, want sixty days of each organization", n)
		}
		today := calendar.On(now, time.UTC)
		if n := c.UsageSnapshot.Query().Where(usagesnapshot.Or(usagesnapshot.DayGTE(today.String()),
			usagesnapshot.DayLT(today.AddDays(-60).String()), usagesnapshot.CreateTimeGT(now))).CountX(ctx); n != 0 {
			t.Errorf("%d demo usage snapshots outside the sixty days before today or written after now", n)
		}
		if n := c.UsageCounter.Query().CountX(ctx); n == 0 {
			t.Error("no demo usage counters")
		}
		over := 0
		includes := map[uuid.UUID]int64{}
		for _, v := range c.PlanVersion.Query().AllX(ctx) {
			includes[v.ID] = int64(v.IncludedStorageGB)
		}
		for _, ct := range c.Contract.Query().Where(contract.StatusEQ(contract.StatusACTIVE)).AllX(ctx) {
			included := includes[ct.PlanVersionID]
			if ct.CustomIncludedStorageGB != nil {
				included = *ct.CustomIncludedStorageGB
			}
			byOrg, err := usage.StorageDays(ctx, c, map[uuid.UUID]calendar.Period{ct.OrganizationID: {Start: today.AddDays(-1), End: today}})
			if err != nil {
				t.Fatal(err)
			}
			days := byOrg[ct.OrganizationID]
			if len(days) == 1 && days[0].Bytes > included*usage.BytesPerGB {
				over++
			}
		}
		if over == 0 {
			t.Error("no demo organization uses more storage than its contract includes")
		}
		// The tiers by rank, Basis with a second version of its terms.
		if page, err := env.Plans.List(ctx, plan.Filter{}); err != nil || len(page.Plans) != 5 || page.Plans[0].Name != apptest.StandardPlan ||
			page.Plans[1].Name != "Free" || page.Plans[1].Terms.MonthlyFeeCents != 0 || page.Plans[2].Version != 2 {
			t.Errorf("demo plans = %+v %v", page, err)
		}
		// What is about a service is in the service's workspace, where
		// the portal's workspace rule finds it.
		for _, a := range c.Alert.Query().Where(alert.ServiceInstanceIDNotNil()).WithServiceInstance().AllX(ctx) {
			if a.WorkspaceID == nil || *a.WorkspaceID != a.Edges.ServiceInstance.WorkspaceID {
				t.Errorf("demo alert %s is not in its service's workspace", a.ID)
			}
		}
		for _, o := range c.Order.Query().Where(order.ServiceInstanceIDNotNil()).WithServiceInstance().AllX(ctx) {
			if o.WorkspaceID == nil || *o.WorkspaceID != o.Edges.ServiceInstance.WorkspaceID {
				t.Errorf("demo order #%d is not in its service's workspace", o.Number)
			}
		}
		// The demo USER is a member of one organization and follows, in
		// the portal, a problem they reported that waits for their answer.
		in, err := env.Identity.Login(t.Context(), "user@demo.leitstand.test", demo.Password)
		if err != nil {
			t.Fatal(err)
		}
		uctx := authz.WithPrincipal(t.Context(), in.Principal)
		mine, err := env.Orgs.Mine(uctx)
		if err != nil || len(mine) != 1 {
			t.Fatalf("the demo USER's organizations: %+v %v, want one", mine, err)
		}
		waiting, err := env.Orders.List(uctx, orders.Filter{Statuses: []orders.Status{orders.WaitingForCustomer}})
		if err != nil || len(waiting.Items) == 0 {
			t.Errorf("the demo USER has no order waiting for them: %+v %v", waiting, err)
		}
		reported, err := env.Alerts.List(uctx, alerts.Filter{})
		if err != nil || !slices.ContainsFunc(reported.Items, func(a alerts.Alert) bool { return a.OrderID != nil }) {
			t.Errorf("the demo USER sees no alert turned into an order: %v", err)
		}
		if n, _ := c.ProcessStep.Query().Where(processstep.DoneTimeNotNil()).Count(ctx); n == 0 {
			t.Error("no demo process step is ticked")
		}
		if n, _ := c.TimeEntry.Query().Where(timeentry.Billable(true), timeentry.InvoiceTimeIsNil()).Count(ctx); n < 10 {
			t.Errorf("%d billable demo time entries not yet invoiced, want some to bill", n)
		}
		// Three courses; licences in every state; a session with a
		// waitlist; the expiring ones noticed for their admins.
		if p, err := env.Training.Courses(ctx, true, 0, ""); err != nil || p.Total != 3 {
			t.Errorf("demo courses: %+v %v, want three", p, err)
		}
		for _, st := range []string{training.Valid, training.Expiring, training.Expired, training.Revoked} {
			if p, err := env.Training.Licences(ctx, training.LicenceFilter{State: st}); err != nil || p.Total == 0 {
				t.Errorf("no demo licence is %s (%v)", st, err)
			}
		}
		if p, err := env.Training.Sessions(ctx, training.SessionFilter{}); err != nil || p.Total == 0 || p.Sessions[0].Waitlisted == 0 {
			t.Errorf("the demo's next session has no waitlist: %+v %v", p, err)
		}
		if n, _ := c.LicenceNotice.Query().Count(ctx); n == 0 {
			t.Error("no demo licence notice")
		}
		for _, j := range env.Jobs.Jobs() {
			if n, _ := c.JobRun.Query().Where(jobrun.Job(j.Name)).Count(ctx); n == 0 {
				t.Errorf("job %s has no first run", j.Name)
			}
		}
	})
}

// With the demo's fleet running, the demo's invoices are e-mailed to its
// mail server on loopback and show as sent; the next start points the
// settings at the port the server listens on then.
func TestTheDemoMailsItsInvoicesToItsOwnMailServer(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	ctx := authz.System(t.Context())
	fleet := demo.StartFleet()
	t.Cleanup(fleet.Close)
	env.Demo.Fleet = fleet
	if err := env.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	c := env.DB.Client
	total := c.Invoice.Query().CountX(ctx)
	if sent := c.InvoiceDelivery.Query().Where(invoicedelivery.StatusEQ(invoicedelivery.StatusSENT)).CountX(ctx); total == 0 || sent != total {
		t.Errorf("%d of %d demo invoices were sent", sent, total)
	}
	before, _, _ := env.Settings.Get(ctx)
	again := demo.StartFleet()
	t.Cleanup(again.Close)
	if err := again.AttachMail(ctx, env.Settings); err != nil {
		t.Fatal(err)
	}
	after, _, _ := env.Settings.Get(ctx)
	if after.SMTP.Host != "127.0.0.1" || after.SMTP.Port == before.SMTP.Port {
		t.Errorf("after a restart the mail settings are %s:%d (were %s:%d)", after.SMTP.Host, after.SMTP.Port, before.SMTP.Host, before.SMTP.Port)
	}
}
