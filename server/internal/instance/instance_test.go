package instance_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The lifecycle written out by hand, independently of instance.Transitions:
// "x" where a change is allowed, rows from, columns to, in the order
// ONLINE, PROVISIONING, MAINTENANCE, DISRUPTION, INCIDENT, SUSPENDED,
// DECOMMISSIONED.
var lifecycle = map[instance.Status]string{
	instance.Online:         ". x x x x x x",
	instance.Provisioning:   "x . x x x x x",
	instance.Maintenance:    "x x . x x x x",
	instance.Disruption:     "x x x . x x x",
	instance.Incident:       "x x x x . x x",
	instance.Suspended:      "x x x . . . x",
	instance.Decommissioned: ". . . . . . .",
}

func allowed(from, to instance.Status) bool {
	return strings.Fields(lifecycle[from])[slices.Index(instance.Statuses(), to)] == "x"
}

func TestTransitionsAreTheLifecycle(t *testing.T) {
	t.Parallel()
	for _, from := range instance.Statuses() {
		for _, to := range instance.Statuses() {
			if got, want := instance.CanTransition(from, to), allowed(from, to); got != want {
				t.Errorf("%s → %s allowed = %v, want %v", from, to, got, want)
			}
		}
		if got := instance.ByHand(from); got != (from != instance.Decommissioned) {
			t.Errorf("%s set by hand = %v", from, got)
		}
	}
	if instance.ByHand("") || instance.ByHand("ARCHIVED") {
		t.Error("an unknown status is set by hand")
	}
}

// The table in docs/services.md is instance.Transitions.
func TestTheDocsShowTheTransitions(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../../docs/services.md")
	if err != nil {
		t.Fatal(err)
	}
	table := apptest.TransitionTable(instance.Statuses(), func(from, to instance.Status) string {
		switch {
		case instance.CanTransition(from, to) && instance.ByHand(to):
			return "staff"
		case instance.CanTransition(from, to):
			return "decommission"
		}
		return ""
	})
	if !strings.Contains(string(doc), table) {
		t.Errorf("docs/services.md does not show the transitions as they are; the table should read:\n%s", table)
	}
}

// fixture is an organization with a workspace and a bookable item.
type fixture struct {
	env  *apptest.Env
	org  *organization.Summary
	ws   uuid.UUID
	item *catalog.Item
}

func setup(t *testing.T, d testdb.Dialect) fixture {
	t.Helper()
	env := apptest.New(t, d)
	sys := authz.System(t.Context())
	org := env.Org(t, "Nordlicht Medien")
	ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Marketing", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	item, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud M", Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	return fixture{env: env, org: org, ws: ws.ID, item: item}
}

func TestBookingKeepsThePriceOfItsDay(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		seq := env.LastSeq(t)
		svc, err := env.Services.Book(ctx, f.item.ID, f.ws, "", "ordered by mail")
		if err != nil {
			t.Fatal(err)
		}
		if svc.Name != "Nextcloud M" || svc.Status != instance.Provisioning || svc.MonthlyPriceCents != 8900 || svc.Currency != "EUR" ||
			svc.OrganizationID != f.org.ID || svc.OrganizationName != "Nordlicht Medien" || svc.WorkspaceName != "Marketing" ||
			svc.CatalogItemName != "Nextcloud M" || !svc.StatusTime.Equal(env.Clock.Now()) {
			t.Errorf("booked = %+v", svc)
		}
		e := env.OneEventSince(t, seq)
		if e.TargetID != ids.Format(ids.Service, svc.ID) || e.Reason != "ordered by mail" || apptest.State(t, e.After)["status"] != "PROVISIONING" {
			t.Errorf("audit = %+v", e)
		}
		history, _, err := env.Services.History(ctx, svc.ID, 0, "")
		if err != nil || len(history) != 1 || history[0].From != "" || history[0].To != instance.Provisioning ||
			history[0].Source != instance.Staff || history[0].ActorEmail != "operator@example.com" {
			t.Errorf("history = %+v %v", history, err)
		}
		log, _, err := env.Services.Logbook(ctx, svc.ID, "", 0, "")
		if err != nil || len(log) != 1 || log[0].Code != "service-booked" || log[0].Visibility != instance.Customer ||
			log[0].Params["price_cents"] != "8900" || log[0].Text != "Booked Nextcloud M at 89.00 EUR a month" {
			t.Errorf("logbook = %+v %v", log, err)
		}

		// A new price of the item applies to new bookings only.
		sys := authz.System(t.Context())
		if _, err := env.Catalog.Update(sys, f.item.ID, catalog.Values{MonthlyPriceCents: 9900}, []string{"monthly_price_cents"}, ""); err != nil {
			t.Fatal(err)
		}
		named, err := env.Services.Book(ctx, f.item.ID, f.ws, "  Nextcloud Vertrieb ", "")
		if err != nil || named.Name != "Nextcloud Vertrieb" || named.MonthlyPriceCents != 9900 {
			t.Errorf("second booking = %+v %v", named, err)
		}
		if again, err := env.Services.Get(ctx, svc.ID); err != nil || again.MonthlyPriceCents != 8900 {
			t.Errorf("first booking after the price change = %+v %v", again, err)
		}
		// Retiring the item keeps its instances as they are.
		if _, err := env.Catalog.Retire(sys, f.item.ID, "replaced"); err != nil {
			t.Fatal(err)
		}
		page, err := env.Services.List(ctx, instance.Filter{CatalogItemID: &f.item.ID})
		if err != nil || page.TotalSize != 2 || page.Items[0].Status != instance.Provisioning {
			t.Errorf("instances of the retired item = %+v %v", page, err)
		}
	})
}

func TestBookingIsRefusedWithTheReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		sys := authz.System(t.Context())
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		off, err := env.Catalog.Create(sys, catalog.Values{Name: "Gitea L", Category: catalog.CategoryL, MonthlyPriceCents: 14900}, "")
		if err != nil {
			t.Fatal(err)
		}
		old, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud Classic", Category: catalog.CategoryM, Bookable: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Catalog.Retire(sys, old.ID, "replaced"); err != nil {
			t.Fatal(err)
		}
		status := func(org uuid.UUID, s string) uuid.UUID {
			t.Helper()
			if _, err := env.Orgs.Update(sys, org, organization.Values{Status: s}, []string{"status"}, "fixture"); err != nil {
				t.Fatal(err)
			}
			return org
		}
		suspended := env.Org(t, "Hanse Handel")
		sws, err := env.Orgs.CreateWorkspace(sys, suspended.ID, "Shop", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		status(suspended.ID, organization.StatusSuspended)
		closed := env.Org(t, "Eifel Druckhaus")
		cws, err := env.Orgs.CreateWorkspace(sys, closed.ID, "Shop", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		status(closed.ID, organization.StatusClosed)

		before := env.Fingerprint(t)
		for _, c := range []struct {
			name     string
			item, ws uuid.UUID
			bookName string
			want     error
			says     string
			field    string
		}{
			{"not bookable", off.ID, f.ws, "", apierr.ErrFailedPrecondition, "Gitea L is not bookable", ""},
			{"retired", old.ID, f.ws, "", apierr.ErrFailedPrecondition, "Nextcloud Classic is retired", ""},
			{"suspended organization", f.item.ID, sws.ID, "", apierr.ErrFailedPrecondition, "Hanse Handel is suspended", ""},
			{"closed organization", f.item.ID, cws.ID, "", apierr.ErrFailedPrecondition, "Eifel Druckhaus is closed", ""},
			{"unknown item", uuid.Must(uuid.NewV7()), f.ws, "", apierr.ErrNotFound, "catalog item", ""},
			{"unknown workspace", f.item.ID, uuid.Must(uuid.NewV7()), "", apierr.ErrNotFound, "workspace", ""},
			{"name too long", f.item.ID, f.ws, strings.Repeat("n", 201), apierr.ErrInvalidArgument, "name", "name"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := env.Services.Book(ctx, c.item, c.ws, c.bookName, "")
				apptest.WantErr(t, err, c.want, c.field)
				if !strings.Contains(err.Error(), c.says) {
					t.Errorf("error %q does not say %q", err, c.says)
				}
			})
		}
		if after := env.Fingerprint(t); after != before {
			t.Errorf("a refused booking changed something:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// Every pair of statuses, set by hand: allowed where the lifecycle allows
// and the target is set by hand; a refused change changes nothing.
func TestSetStatusFollowsTheLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		sys := authz.System(t.Context())
		for _, from := range instance.Statuses() {
			for _, to := range instance.Statuses() {
				svc, err := env.Services.Book(sys, f.item.ID, f.ws, fmt.Sprintf("%s to %s", from, to), "")
				if err != nil {
					t.Fatal(err)
				}
				if from != instance.Provisioning {
					if _, err := env.Services.ChangeStatus(sys, svc.ID, from, instance.Sync, "fixture"); err != nil {
						t.Fatalf("to %s: %v", from, err)
					}
				}
				env.Clock.Advance(time.Minute)
				seq := env.LastSeq(t)
				got, err := env.Services.SetStatus(ctx, svc.ID, to, "because")
				switch {
				case to == instance.Decommissioned:
					apptest.WantErr(t, err, apierr.ErrInvalidArgument, "status")
					env.NoEventsSince(t, seq)
				case from == to:
					if err != nil || got.Status != to {
						t.Errorf("%s → %s: %+v %v, want no change", from, to, got, err)
					}
					env.NoEventsSince(t, seq)
				case allowed(from, to):
					if err != nil || got.Status != to || !got.StatusTime.Equal(env.Clock.Now()) {
						t.Errorf("%s → %s: %+v %v", from, to, got, err)
						continue
					}
					e := env.OneEventSince(t, seq)
					if e.Reason != "because" || apptest.State(t, e.Before)["status"] != string(from) || apptest.State(t, e.After)["status"] != string(to) {
						t.Errorf("%s → %s audited as %+v", from, to, e)
					}
					history, _, _ := env.Services.History(ctx, svc.ID, 1, "")
					if len(history) != 1 || history[0].From != from || history[0].To != to || history[0].Reason != "because" ||
						history[0].Source != instance.Staff || history[0].ActorID == nil {
						t.Errorf("%s → %s history = %+v", from, to, history)
					}
					log, _, _ := env.Services.Logbook(ctx, svc.ID, instance.Customer, 1, "")
					if len(log) != 1 || log[0].Code != "status-changed" || log[0].Params["from"] != string(from) ||
						log[0].Params["to"] != string(to) || log[0].Params["reason"] != "because" {
						t.Errorf("%s → %s logbook = %+v", from, to, log)
					}
				default:
					apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
					env.NoEventsSince(t, seq)
					if now, _ := env.Services.Get(ctx, svc.ID); now.Status != from {
						t.Errorf("%s → %s refused, but the status is %s", from, to, now.Status)
					}
				}
			}
		}
		svc, err := env.Services.Book(sys, f.item.ID, f.ws, "no reason", "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = env.Services.SetStatus(ctx, svc.ID, instance.Online, "  ")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")
		_, err = env.Services.SetStatus(ctx, uuid.Must(uuid.NewV7()), instance.Online, "x")
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}

func TestUpdateChangesNameNotesAndPriceWithAReason(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		svc, err := env.Services.Book(ctx, f.item.ID, f.ws, "", "")
		if err != nil {
			t.Fatal(err)
		}
		got, err := env.Services.Update(ctx, svc.ID, instance.Values{Name: " Nextcloud Team ", Notes: "## Setup\n\n- LDAP off\n", MonthlyPriceCents: 1},
			[]string{"name", "notes"}, "")
		if err != nil || got.Name != "Nextcloud Team" || got.Notes != "## Setup\n\n- LDAP off" || got.MonthlyPriceCents != 8900 {
			t.Errorf("updated = %+v %v", got, err)
		}
		before := env.Fingerprint(t)
		seq := env.LastSeq(t)
		for _, c := range []struct {
			name   string
			v      instance.Values
			paths  []string
			reason string
			field  string
		}{
			{"price without a reason", instance.Values{MonthlyPriceCents: 7900}, []string{"monthly_price_cents"}, " ", "reason"},
			{"negative price", instance.Values{MonthlyPriceCents: -1}, []string{"monthly_price_cents"}, "x", "service_instance.monthly_price_cents"},
			{"blank name", instance.Values{Name: " "}, []string{"name"}, "", "service_instance.name"},
			{"notes too long", instance.Values{Notes: strings.Repeat("n", 20001)}, []string{"notes"}, "", "service_instance.notes"},
			{"unknown path", instance.Values{}, []string{"status"}, "", "update_mask"},
		} {
			_, err := env.Services.Update(ctx, svc.ID, c.v, c.paths, c.reason)
			apptest.WantErr(t, err, apierr.ErrInvalidArgument, c.field)
		}
		env.NoEventsSince(t, seq)
		if after := env.Fingerprint(t); after != before {
			t.Errorf("a refused update changed something")
		}
		// The same values again change nothing.
		if _, err := env.Services.Update(ctx, svc.ID, instance.Values{Name: "Nextcloud Team"}, []string{"name"}, ""); err != nil {
			t.Fatal(err)
		}
		env.NoEventsSince(t, seq)

		got, err = env.Services.Update(ctx, svc.ID, instance.Values{MonthlyPriceCents: 7900}, []string{"monthly_price_cents"}, "loyalty discount")
		if err != nil || got.MonthlyPriceCents != 7900 {
			t.Fatalf("price = %+v %v", got, err)
		}
		e := env.OneEventSince(t, seq)
		if e.Reason != "loyalty discount" || apptest.State(t, e.After)["monthly_price_cents"] != float64(7900) {
			t.Errorf("audit = %+v", e)
		}
		log, _, _ := env.Services.Logbook(ctx, svc.ID, instance.Internal, 0, "")
		if len(log) != 1 || log[0].Code != "price-changed" || log[0].Params["from_cents"] != "8900" || log[0].Params["to_cents"] != "7900" ||
			log[0].Text != "Monthly price changed from 89.00 EUR to 79.00 EUR: loyalty discount" {
			t.Errorf("logbook = %+v", log)
		}
	})
}

func TestDecommissionIsScheduledAndCancelled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		svc, err := env.Services.Book(ctx, f.item.ID, f.ws, "", "")
		if err != nil {
			t.Fatal(err)
		}
		seq := env.LastSeq(t)
		_, err = env.Services.ScheduleDecommission(ctx, svc.ID, env.Clock.Now().Add(-time.Hour), "contract ends")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "decommission_time")
		_, err = env.Services.ScheduleDecommission(ctx, svc.ID, env.Clock.Now().Add(time.Hour), "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")
		_, err = env.Services.CancelDecommission(ctx, svc.ID, "changed their mind")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		env.NoEventsSince(t, seq)

		at := env.Clock.Now().Add(30 * 24 * time.Hour).Truncate(time.Second)
		got, err := env.Services.ScheduleDecommission(ctx, svc.ID, at, "contract ends")
		if err != nil || got.DecommissionTime == nil || !got.DecommissionTime.Equal(at) {
			t.Fatalf("scheduled = %+v %v", got, err)
		}
		if e := env.OneEventSince(t, seq); e.Reason != "contract ends" || apptest.State(t, e.After)["decommission_time"] != at.Format(time.RFC3339) {
			t.Errorf("audit = %+v", e)
		}
		got, err = env.Services.CancelDecommission(ctx, svc.ID, "contract extended")
		if err != nil || got.DecommissionTime != nil {
			t.Fatalf("cancelled = %+v %v", got, err)
		}
		log, _, _ := env.Services.Logbook(ctx, svc.ID, instance.Internal, 0, "")
		if len(log) != 2 || log[0].Code != "decommission-cancelled" || log[1].Code != "decommission-scheduled" ||
			log[1].Params["time"] != at.Format(time.RFC3339) || log[0].Params["reason"] != "contract extended" {
			t.Errorf("logbook = %+v", log)
		}

		// Decommissioned is final: nothing but the logbook changes.
		sys := authz.System(t.Context())
		if _, err := env.Services.ChangeStatus(sys, svc.ID, instance.Decommissioned, instance.Staff, "decommissioned"); err != nil {
			t.Fatal(err)
		}
		seq = env.LastSeq(t)
		_, err = env.Services.SetStatus(ctx, svc.ID, instance.Online, "back")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		_, err = env.Services.Update(ctx, svc.ID, instance.Values{Name: "x"}, []string{"name"}, "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		_, err = env.Services.ScheduleDecommission(ctx, svc.ID, at, "again")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		env.NoEventsSince(t, seq)
		if _, err := env.Services.AddLogbookEntry(ctx, svc.ID, instance.Internal, "Data exported for the customer"); err != nil {
			t.Error(err)
		}
	})
}

func TestLogbookPagesNewestFirstByVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		svc, err := env.Services.Book(ctx, f.item.ID, f.ws, "", "")
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			env.Clock.Advance(time.Minute)
			vis := instance.Internal
			if i%2 == 0 {
				vis = instance.Customer
			}
			e, err := env.Services.AddLogbookEntry(ctx, svc.ID, vis, fmt.Sprintf("  entry %d ", i))
			if err != nil || e.Text != fmt.Sprintf("entry %d", i) || e.AuthorEmail != "operator@example.com" || e.Code != "" {
				t.Fatalf("entry = %+v %v", e, err)
			}
		}
		var texts []string
		token := ""
		for {
			page, next, err := env.Services.Logbook(ctx, svc.ID, "", 2, token)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page {
				texts = append(texts, e.Text)
			}
			if token = next; token == "" {
				break
			}
		}
		if want := "entry 4,entry 3,entry 2,entry 1,entry 0,Booked Nextcloud M at 89.00 EUR a month"; strings.Join(texts, ",") != want {
			t.Errorf("logbook = %v, want %s", texts, want)
		}
		internal, _, err := env.Services.Logbook(ctx, svc.ID, instance.Internal, 0, "")
		if err != nil || len(internal) != 2 || internal[0].Text != "entry 3" {
			t.Errorf("internal = %+v %v", internal, err)
		}
		_, _, err = env.Services.Logbook(ctx, svc.ID, instance.Customer, 2, token+"x")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "page_token")
		seq := env.LastSeq(t)
		_, err = env.Services.AddLogbookEntry(ctx, svc.ID, "PUBLIC", "  ")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "visibility", "text")
		env.NoEventsSince(t, seq)
	})
}

func TestListFiltersPagesAndScopes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		sys := authz.System(t.Context())
		other := env.Org(t, "Hanse Handel")
		ows, err := env.Orgs.CreateWorkspace(sys, other.ID, "Shop", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for i, n := range []string{"Nextcloud Vertrieb", "Nextcloud Einkauf", "Dateiablage Köln", "Nextcloud Marketing", "Nextcloud Straße"} {
			env.Clock.Advance(time.Minute)
			ws := f.ws
			if i%2 == 1 {
				ws = ows.ID
			}
			svc, err := env.Services.Book(sys, f.item.ID, ws, n, "")
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
			if i == 4 {
				if _, err := env.Services.SetStatus(sys, svc.ID, instance.Online, "ready"); err != nil {
					t.Fatal(err)
				}
			}
		}
		list := func(f instance.Filter) []string {
			t.Helper()
			var out []string
			for {
				page, err := env.Services.List(sys, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, i := range page.Items {
					out = append(out, i.Name)
				}
				if f.PageToken = page.NextPageToken; f.PageToken == "" {
					return out
				}
			}
		}
		byName := slices.Sorted(slices.Values(names))
		if got := list(instance.Filter{PageSize: 2}); !slices.Equal(got, byName) {
			t.Errorf("by name = %v, want %v", got, byName)
		}
		if got := list(instance.Filter{PageSize: 2, OrderBy: "create_time desc"}); !slices.Equal(got, []string{names[4], names[3], names[2], names[1], names[0]}) {
			t.Errorf("newest first = %v", got)
		}
		if got := list(instance.Filter{Query: "STRASSE"}); !slices.Equal(got, []string{"Nextcloud Straße"}) {
			t.Errorf("folded search = %v", got)
		}
		if got := list(instance.Filter{Query: "koln"}); !slices.Equal(got, []string{"Dateiablage Köln"}) {
			t.Errorf("folded search = %v", got)
		}
		if got := list(instance.Filter{OrganizationID: &other.ID}); !slices.Equal(got, []string{"Nextcloud Einkauf", "Nextcloud Marketing"}) {
			t.Errorf("of an organization = %v", got)
		}
		if got := list(instance.Filter{WorkspaceID: &f.ws, Statuses: []instance.Status{instance.Provisioning}}); !slices.Equal(got, []string{"Dateiablage Köln", "Nextcloud Vertrieb"}) {
			t.Errorf("provisioning in a workspace = %v", got)
		}
		_, err = env.Services.List(sys, instance.Filter{OrderBy: "status"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "order_by")
		page, err := env.Services.List(sys, instance.Filter{PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		_, err = env.Services.List(sys, instance.Filter{PageSize: 2, PageToken: page.NextPageToken, OrderBy: "create_time"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "page_token")

		// A customer's user (an ADMIN, who sees every workspace) sees their
		// organizations' instances; a reseller's staff their customers'.
		cust := env.User(t, "kunde@hanse.example", authz.RoleUser)
		env.Member(t, other.ID, cust.ID, organization.RoleAdmin)
		seen, err := env.Services.List(env.As(t, cust), instance.Filter{})
		if err != nil || seen.TotalSize != 2 {
			t.Errorf("the customer sees %+v %v, want their organization's two", seen, err)
		}
		reseller, owner := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		rorg := env.ResellerOrg(t, reseller, "Kunde von Partner A")
		rctx := env.As(t, owner)
		rws, err := env.Orgs.CreateWorkspace(rctx, rorg, "Produktion", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		// The licensee's item is booked for a reseller's customer only under
		// the reseller's offer, at the offer's price.
		_, err = env.Services.Book(rctx, f.item.ID, rws.ID, "", "")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if _, err := env.Catalog.CreateOffer(rctx, f.item.ID, catalog.OfferValues{MonthlyPriceCents: 12900, Bookable: true}, ""); err != nil {
			t.Fatal(err)
		}
		mine, err := env.Services.Book(rctx, f.item.ID, rws.ID, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if mine.MonthlyPriceCents != 12900 {
			t.Errorf("booked under the offer at %d cents, want the offer's 12900", mine.MonthlyPriceCents)
		}
		seen, err = env.Services.List(rctx, instance.Filter{})
		if err != nil || seen.TotalSize != 1 || seen.Items[0].ID != mine.ID {
			t.Errorf("the reseller sees %+v %v, want their customer's one", seen, err)
		}
		_, err = env.Services.Book(rctx, f.item.ID, f.ws, "", "")
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}

// A page of services reads the names of what they refer to in one statement
// per kind: a page of 30 costs what a page of 3 costs.
func TestListingCostsTheSameStatementsForAnyPageSize(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		sys := authz.System(t.Context())
		for i := range 30 {
			org := env.Org(t, fmt.Sprintf("Kunde %02d", i))
			ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Production", nil, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := env.Services.Book(sys, f.item.ID, ws.ID, fmt.Sprintf("Nextcloud %02d", i), ""); err != nil {
				t.Fatal(err)
			}
		}
		statements := func(size int32) (int64, *instance.Page) {
			before := env.Statements.Load()
			page, err := env.Services.List(sys, instance.Filter{PageSize: size})
			if err != nil {
				t.Fatal(err)
			}
			return env.Statements.Load() - before, page
		}
		small, p3 := statements(3)
		large, p30 := statements(30)
		if len(p3.Items) != 3 || len(p30.Items) != 30 || p30.Items[29].OrganizationName != "Kunde 29" || p30.Items[0].WorkspaceName != "Production" {
			t.Fatalf("pages of %d and %d", len(p3.Items), len(p30.Items))
		}
		if small != large {
			t.Errorf("a page of 3 took %d statements, a page of 30 took %d: the list must not query per row", small, large)
		}
	})
}
