package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/alert"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billingentity"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/savedview"
	"github.com/leitstand/leitstand/server/internal/training"
	"github.com/leitstand/leitstand/server/internal/usagereport"
	"github.com/leitstand/leitstand/server/internal/webhook"
)

// tenant is what one billing entity holds in the matrix below.
type tenant struct {
	name                  string
	owner, customer       uuid.UUID
	org, workspace        uuid.UUID
	server, container     uuid.UUID
	service               uuid.UUID
	order                 uuid.UUID
	alert                 uuid.UUID
	discount              uuid.UUID
	invoice, payment      uuid.UUID
	bankLine              uuid.UUID
	upgrade               uuid.UUID
	session, registration uuid.UUID
	licence               uuid.UUID
	hook, delivery        uuid.UUID
	image                 uuid.UUID
	report                uuid.UUID
	view                  uuid.UUID
	// ownItem and offer are a reseller's own catalog item and its offer of
	// the licensee's; nil for the licensee, whose items everyone reads.
	ownItem, offer       uuid.UUID
	ownerEmail, custMail string
	// entity is its billing entity; pending an organization that signed
	// up under it and waits for approval.
	entity, pending uuid.UUID
}

// Two resellers and the licensee. Each reseller's owner, signed in, names
// the other reseller's and the licensee's organizations, workspaces,
// members, users, servers, containers, the licensee's connection and job
// run by id — to read, change and delete them — and finds nothing: every
// call answers not_found, no row changes, every attempt is in the audit
// trail. The same calls on their own customer's objects succeed, so the
// refusals are the scope's and not a mistyped id's.
func TestTenantsCannotReachEachOther(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		// The tenants' webhooks post to a receiver on loopback.
		env.Webhooks.AllowPrivateTargets(true)
		receiver := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		defer receiver.Close()
		item, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud S", Category: catalog.CategoryS, MonthlyPriceCents: 2900, Bookable: true}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		itemID := ids.Format(ids.CatalogItem, item.ID)
		pl, err := env.Plans.Create(sys, plan.Values{Name: "Basis", Rank: 20, Terms: plan.Terms{MonthlyFeeCents: 2900, IncludedUsers: 5}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		planID := ids.Format(ids.Plan, pl.ID)
		higher, err := env.Plans.Create(sys, plan.Values{Name: "Business", Rank: 50, Terms: plan.Terms{MonthlyFeeCents: 9900, IncludedUsers: 20}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}

		// A training held for the customers of all three: each has a
		// registration and, once completed, a licence.
		course, err := env.Training.CreateCourse(sys, training.CourseValues{Title: "Datenschutz", Language: "de", DurationMinutes: 60})
		if err != nil {
			t.Fatal(err)
		}
		trainer := env.User(t, "trainer@platform.example", authz.RoleOperator)
		session, err := env.Training.Schedule(sys, course.ID, training.Place{Start: env.Clock.Now().Add(-time.Hour), Location: "Kiel",
			Trainer: trainer.ID, Capacity: 10})
		if err != nil {
			t.Fatal(err)
		}
		sessionID := ids.Format(ids.TrainingSession, session.ID)

		setup := func(name, domain string, entity uuid.UUID, reseller bool, owner *member.User) tenant {
			tn := tenant{name: name, owner: owner.ID, ownerEmail: owner.Email, entity: entity}
			handle := strings.ReplaceAll(strings.ToLower(name), " ", "-")
			if _, err := env.BillingEntities.Update(sys, entity, billingentity.Values{SignupHandle: handle, AcceptSignups: true},
				[]string{"signup_handle", "accept_signups", "auto_approve_signups"}, "fixture"); err != nil {
				t.Fatal(err)
			}
			pending, err := env.Orgs.SignUp(reqctx.With(t.Context(), &reqctx.Info{RemoteAddr: "192.0.2.1:1"}), organization.SignUpRequest{
				Handle: handle, OrganizationName: "Bewerber bei " + name, DisplayName: "Bewerberin", Email: "bewerbung@" + domain,
				Pw: "ein-langes-passwort-" + handle})
			if err != nil || pending.Status != organization.StatusPendingApproval {
				t.Fatalf("sign-up under %s: %+v %v", name, pending, err)
			}
			tn.pending = pending.OrganizationID
			ctx := sys
			if reseller {
				ctx = env.As(t, owner)
			}
			o, err := env.Orgs.Create(ctx, organization.Values{Name: "Kunde von " + name, Address: organization.Address{
				Line1: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", CountryCode: "DE"}}, uuid.Nil, "fixture")
			if err != nil {
				t.Fatal(err)
			}
			tn.org = o.ID
			ws, err := env.Orgs.CreateWorkspace(ctx, tn.org, "Produktion", nil, "fixture")
			if err != nil {
				t.Fatal(err)
			}
			tn.workspace = ws.ID
			tn.custMail = "kunde@" + domain
			cust := env.User(t, tn.custMail, authz.RoleUser)
			env.Member(t, tn.org, cust.ID, organization.RoleMember)
			tn.customer = cust.ID
			tn.server, tn.container = env.AssignedServer(t, "srv-"+domain, tn.org)
			if reseller {
				// It sells the licensee's item under an offer of its own,
				// and an item of its own.
				of, err := env.Catalog.CreateOffer(ctx, item.ID, catalog.OfferValues{MonthlyPriceCents: 3400, Bookable: true}, "fixture")
				if err != nil {
					t.Fatal(err)
				}
				own, err := env.Catalog.Create(ctx, catalog.Values{Name: "Eigenes Paket " + name, Category: catalog.CategoryS,
					MonthlyPriceCents: 1500, Bookable: true}, "fixture")
				if err != nil {
					t.Fatal(err)
				}
				tn.offer, tn.ownItem = of.ID, own.ID
			}
			// A reseller's staff book for their own customers.
			svc, err := env.Services.Book(ctx, item.ID, tn.workspace, "Nextcloud "+name, "fixture")
			if err != nil {
				t.Fatal(err)
			}
			tn.service = svc.ID
			if _, err := env.Services.SetCredential(ctx, svc.ID, "admin login", "geheim "+name); err != nil {
				t.Fatal(err)
			}
			ord, err := env.Orders.Create(ctx, tn.org, order.Values{Title: "Onboarding " + name, Kind: order.Project})
			if err != nil {
				t.Fatal(err)
			}
			tn.order = ord.ID
			labels, err := env.Alerts.Labels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			alr, err := env.Alerts.Report(ctx, alert.Report{OrganizationID: tn.org, LabelID: labels[0].ID, Priority: order.High, Text: "Down " + name})
			if err != nil {
				t.Fatal(err)
			}
			tn.alert = alr.ID
			dsc, err := env.Contracts.GrantDiscount(ctx, tn.org, contract.Grant{Workspace: &tn.workspace, Name: "Treue " + name,
				BasisPoints: 500, Reason: "fixture"})
			if err != nil {
				t.Fatal(err)
			}
			tn.discount = dsc.ID
			// Each billing entity issues its own invoices, paid into an
			// account of its own.
			set := demo.PlatformSettings
			set.Bank.IBAN = map[string]string{"Leitstand": "DE89370400440532013000", "Partner A": "DE02120300000000202051",
				"Partner B": "DE02500105170137075030"}[name]
			if _, _, err := env.Settings.Update(ctx, set, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
				t.Fatal(err)
			}
			inv, err := env.Invoices.Manual(ctx, tn.org, []invoice.ManualLine{{Description: "Einrichtung " + name, Quantity: 1,
				Unit: "C62", UnitPriceCents: 10000}}, nil, nil, "fixture", false)
			if err != nil {
				t.Fatal(err)
			}
			tn.invoice = inv.ID
			pay, _, err := env.Payments.Record(ctx, payment.Receipt{Invoice: inv.ID, Method: payment.BankTransfer, AmountCents: 5000,
				Currency: inv.Currency, ValueDate: inv.IssueDate, Reference: inv.Number}, false)
			if err != nil {
				t.Fatal(err)
			}
			tn.payment = pay.ID
			// A credit on its account that names no invoice waits for staff.
			_, lines, err := env.Payments.Import(ctx, "auszug.xml", demo.CAMT053(set.Bank.IBAN, "STMT-"+name, env.Clock.Now(),
				[]demo.Booking{{Ref: "R-" + name, Day: inv.IssueDate, AmountCents: 4200, Remittance: "Danke", Name: "Unbekannt"}}), false)
			if err != nil || len(lines) != 1 {
				t.Fatalf("bank statement of %s: %v %v", name, lines, err)
			}
			tn.bankLine = lines[0].ID
			up, err := env.Upgrades.Ask(ctx, tn.org, higher.ID, "mehr Nutzer "+name)
			if err != nil {
				t.Fatal(err)
			}
			tn.upgrade = up.ID
			// A webhook endpoint of its own, with a delivery in its log.
			hook, _, err := env.Webhooks.Create(ctx, nil, webhook.Values{URL: receiver.URL + "/" + name,
				EventTypes: []string{webhook.TypeInvoiceIssued}, Enabled: true})
			if err != nil {
				t.Fatal(err)
			}
			tn.hook = hook.ID
			sent, err := env.Webhooks.SendTest(ctx, hook.ID)
			if err != nil {
				t.Fatal(err)
			}
			tn.delivery = sent.ID
			// An image of its own, shared with nobody.
			img, err := env.Images.Create(ctx, nil, image.Values{Name: "Debian 12 " + name, Kind: image.OS, OS: "Debian",
				Version: "12.7", SizeBytes: 1 << 30, Source: "https://images.example.com/" + domain + "/debian-12.qcow2"})
			if err != nil {
				t.Fatal(err)
			}
			tn.image = img.ID
			// Its usage report of last month, as the monthly job stores it.
			last := usagereport.MonthOf(env.Clock.Now()).Add(-1)
			if _, err := env.UsageReports.StoreMonth(sys, entity, last); err != nil {
				t.Fatal(err)
			}
			reports, err := env.UsageReports.List(sys, &entity, 1, "")
			if err != nil || len(reports.Reports) != 1 {
				t.Fatalf("stored usage report of %s: %+v %v", name, reports, err)
			}
			tn.report = reports.Reports[0].ID
			// A view of the organizations its owner shares with their team.
			view, err := env.Views.Create(env.As(t, owner), savedview.Values{Page: "organizations", Name: "Geteilt " + name,
				Parameters: map[string]string{"status": "ACTIVE"}, Shared: true})
			if err != nil {
				t.Fatal(err)
			}
			tn.view = view.ID
			reg, err := env.Training.Register(ctx, session.ID, tn.org, training.Person{User: &cust.ID})
			if err != nil {
				t.Fatal(err)
			}
			tn.session, tn.registration = session.ID, reg.ID
			if _, _, err := env.Training.MarkAttendance(sys, reg.ID, training.Present); err != nil {
				t.Fatal(err)
			}
			return tn
		}
		if err := env.Alerts.EnsureLabels(sys); err != nil {
			t.Fatal(err)
		}
		licOwner := env.User(t, "owner@platform.example", authz.RoleOwner)
		licensee, err := tenancy.Licensee(sys, env.DB.Client)
		if err != nil {
			t.Fatal(err)
		}
		lic := setup("Leitstand", "platform.example", licensee, false, licOwner)
		beA, ownerA := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		a := setup("Partner A", "partner-a.example", beA, true, ownerA)
		beB, ownerB := env.ResellerOwner(t, "Partner B", "owner@partner-b.example")
		b := setup("Partner B", "partner-b.example", beB, true, ownerB)
		// A licensee's image shared with both resellers: each reads it,
		// sees only its own share, and changes nothing of it.
		sharedImg, err := env.Images.Create(sys, nil, image.Values{Name: "Ubuntu 24.04 LTS", Kind: image.OS, OS: "Ubuntu",
			Version: "24.04.1", SizeBytes: 1 << 30, Source: "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Images.Share(sys, sharedImg.ID, []uuid.UUID{beA, beB}); err != nil {
			t.Fatal(err)
		}
		sharedID := ids.Format(ids.Image, sharedImg.ID)
		conn, err := env.Infra.CreateConnection(sys, connectionSettings("Hetzner"))
		if err != nil {
			t.Fatal(err)
		}
		run, err := env.Jobs.RunNow(sys, "session-cleanup")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Training.Complete(sys, session.ID); err != nil {
			t.Fatal(err)
		}
		for _, tn := range []*tenant{&lic, &a, &b} {
			ls, err := env.Training.Licences(sys, training.LicenceFilter{Organization: &tn.org})
			if err != nil || len(ls.Licences) != 1 {
				t.Fatalf("licences of %s: %+v %v", tn.name, ls, err)
			}
			tn.licence = ls.Licences[0].ID
		}
		before := env.Fingerprint(t)
		for _, pair := range []struct{ attacker, other tenant }{{a, b}, {b, a}} {
			hc := apptest.HTTPClient(srv)
			if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
				jsonBody(map[string]string{"email": pair.attacker.ownerEmail, "password": apptest.Password}), nil); code != "" {
				t.Fatalf("sign in %s: %s", pair.attacker.name, code)
			}
			// Their own customer answers.
			for _, c := range reach(pair.attacker) {
				if !c.read {
					continue
				}
				if code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil); code != "" {
					t.Errorf("%s on its own %s: %s %v", pair.attacker.name, c.proc, code, resp)
				}
			}
			// Servers and containers are the platform's: their own are read,
			// never changed.
			own := ids.Format(ids.Server, pair.attacker.server)
			if code, _ := call(t, hc, srv, "/leitstand.admin.v1.ServerService/UpdateServer",
				`{"server":{"id":"`+own+`","name":"weg"},"updateMask":"name"}`, nil); code != "permission_denied" {
				t.Errorf("%s renamed its assigned server: %q", pair.attacker.name, code)
			}
			var procs []string
			for _, victim := range []tenant{pair.other, lic} {
				calls := reach(victim)
				calls = append(calls,
					probe{proc: "ConnectionService/GetConnection", body: `{"id":"` + ids.Format(ids.Connection, conn.ID) + `"}`},
					probe{proc: "ConnectionService/UpdateConnection", body: `{"id":"` + ids.Format(ids.Connection, conn.ID) + `","settings":{"name":"taken","kind":"PROVIDER_KIND_HETZNER"},"updateMask":"name"}`},
					probe{proc: "ConnectionService/DeleteConnection", body: `{"id":"` + ids.Format(ids.Connection, conn.ID) + `"}`},
					probe{proc: "JobService/GetJobRun", body: `{"id":"` + ids.Format(ids.JobRun, run.ID) + `"}`},
					probe{proc: "JobService/RetryJobRun", body: `{"id":"` + ids.Format(ids.JobRun, run.ID) + `"}`},
				)
				for i, c := range calls {
					// The probes in windows of the denied-attempt limiter of
					// their own (it writes 60 a minute one by one), so every
					// one is written by itself.
					if i%40 == 0 {
						env.Audit.FlushDenied()
					}
					code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil)
					if code != "not_found" {
						t.Errorf("%s → %s's %s: %q %v, want not_found", pair.attacker.name, victim.name, c.proc, code, resp)
					}
					procs = append(procs, "/leitstand.admin.v1."+c.proc)
				}
				// Booking into another tenant's workspace finds no workspace.
				code, resp := call(t, hc, srv, "/leitstand.admin.v1.ServiceInstanceService/BookService",
					`{"catalogItemId":"`+itemID+`","workspaceId":"`+ids.Format(ids.Workspace, victim.workspace)+`"}`, nil)
				if code != "not_found" {
					t.Errorf("%s booked into %s's workspace: %q %v, want not_found", pair.attacker.name, victim.name, code, resp)
				}
				procs = append(procs, "/leitstand.admin.v1.ServiceInstanceService/BookService")
			}
			// Of the saved views, they see their own only: another reseller's
			// and the licensee's shared views are another team's.
			if code, resp := call(t, hc, srv, "/leitstand.admin.v1.ViewService/ListSavedViews", `{"page":"organizations"}`, nil); code != "" ||
				len(resp["views"].([]any)) != 1 || resp["views"].([]any)[0].(map[string]any)["id"] != ids.Format(ids.SavedView, pair.attacker.view) {
				t.Errorf("%s lists saved views as %q %v, want its own one", pair.attacker.name, code, resp)
			}
			// The services list holds their own customer's service only.
			if code, resp := call(t, hc, srv, "/leitstand.admin.v1.ServiceInstanceService/ListServiceInstances", `{}`, nil); code != "" || resp["totalSize"] != float64(1) {
				t.Errorf("%s lists services as %q %v, want its customer's one", pair.attacker.name, code, resp)
			}
			// The licensee's catalog is shared: a reseller's staff read it
			// (they sell from it) and change nothing of it; an offer of
			// their own sets their price.
			for _, c := range []probe{
				{proc: "CatalogService/GetCatalogItem", body: `{"id":"` + itemID + `"}`, read: true},
				{proc: "CatalogService/ListCatalogItems", body: `{}`, read: true},
				{proc: "CatalogService/UpdateCatalogItem", body: `{"item":{"id":"` + itemID + `","monthlyPriceCents":"1"},"updateMask":"monthlyPriceCents"}`},
				{proc: "CatalogService/RetireCatalogItem", body: `{"id":"` + itemID + `","reason":"x"}`},
			} {
				code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil)
				switch {
				case c.read && code != "":
					t.Errorf("%s reads the catalog with %s: %q %v", pair.attacker.name, c.proc, code, resp)
				case !c.read && code != "permission_denied":
					t.Errorf("%s → the platform's catalog, %s: %q %v, want permission_denied", pair.attacker.name, c.proc, code, resp)
				}
				if c.proc == "CatalogService/ListCatalogItems" && resp["totalSize"] != float64(2) {
					t.Errorf("%s lists the catalog as %v, want the licensee's item and its own", pair.attacker.name, resp)
				}
			}
			// The plans are the platform's and shared too: a reseller's
			// staff read the tiers they sell and change none of them.
			for _, c := range []probe{
				{proc: "PlanService/GetPlan", body: `{"id":"` + planID + `"}`, read: true},
				{proc: "PlanService/ListPlans", body: `{}`, read: true},
				{proc: "PlanService/ListPlanVersions", body: `{"planId":"` + planID + `"}`, read: true},
				{proc: "PlanService/UpdatePlan", body: `{"plan":{"id":"` + planID + `","terms":{"monthlyFeeCents":"1"}},"updateMask":"terms.monthlyFeeCents"}`},
				{proc: "PlanService/RetirePlan", body: `{"id":"` + planID + `","reason":"x"}`},
				{proc: "PlanService/CreatePlan", body: `{"name":"Eigener","rank":99,"terms":{}}`},
			} {
				code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil)
				switch {
				case c.read && code != "":
					t.Errorf("%s reads the plans with %s: %q %v", pair.attacker.name, c.proc, code, resp)
				case !c.read && code != "permission_denied":
					t.Errorf("%s → the platform's plans, %s: %q %v, want permission_denied", pair.attacker.name, c.proc, code, resp)
				}
				if c.proc == "PlanService/ListPlans" && resp["totalSize"] != float64(3) {
					t.Errorf("%s lists the plans as %v, want the standard plan, Basis and Business", pair.attacker.name, resp)
				}
			}
			// The trainings are the platform's: a reseller's staff read the
			// catalogue and the sessions (their own customers' people on the
			// roster only) and hold none of them.
			courseID := ids.Format(ids.Course, course.ID)
			for _, c := range []probe{
				{proc: "TrainingService/ListCourses", body: `{}`, read: true},
				{proc: "TrainingService/GetTrainingSession", body: `{"id":"` + sessionID + `"}`, read: true},
				{proc: "TrainingService/CreateCourse", body: `{"course":{"title":"Eigener Kurs","language":"de","durationMinutes":60}}`},
				{proc: "TrainingService/UpdateCourse", body: `{"id":"` + courseID + `","course":{"title":"Umbenannt"},"updateMask":"title"}`},
				{proc: "TrainingService/DeleteCourse", body: `{"id":"` + courseID + `"}`},
				{proc: "TrainingService/ScheduleTrainingSession", body: `{"courseId":"` + courseID + `","place":{"startTime":"2026-04-01T09:00:00Z","location":"x","trainerId":"` + ids.Format(ids.User, trainer.ID) + `","capacity":5}}`},
				{proc: "TrainingService/CancelTrainingSession", body: `{"id":"` + sessionID + `","reason":"x"}`},
				{proc: "TrainingService/CompleteTrainingSession", body: `{"id":"` + sessionID + `"}`},
				{proc: "TrainingService/MarkAttendance", body: `{"id":"` + ids.Format(ids.Registration, pair.attacker.registration) + `","attendance":"ATTENDANCE_ABSENT"}`},
			} {
				code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil)
				switch {
				case c.read && code != "":
					t.Errorf("%s reads the trainings with %s: %q %v", pair.attacker.name, c.proc, code, resp)
				case !c.read && code != "permission_denied":
					t.Errorf("%s → the platform's trainings, %s: %q %v, want permission_denied", pair.attacker.name, c.proc, code, resp)
				}
				if regs, ok := resp["registrations"].([]any); c.proc == "TrainingService/GetTrainingSession" && (!ok || len(regs) != 1) {
					t.Errorf("%s sees the roster as %v, want its own customer's one", pair.attacker.name, resp["registrations"])
				}
			}
			// Images: their own and the licensee's shared with them are
			// listed; the shared one is read with their own share only,
			// and only its owner changes it. Sharing is the licensee's:
			// refused for every image alike.
			code, resp := call(t, hc, srv, "/leitstand.admin.v1.ImageService/ListImages", `{}`, nil)
			if code != "" || resp["totalSize"] != float64(2) {
				t.Errorf("%s lists images as %q %v, want its own and the shared one", pair.attacker.name, code, resp)
			}
			code, resp = call(t, hc, srv, "/leitstand.admin.v1.ImageService/GetImage", `{"id":"`+sharedID+`"}`, nil)
			if shares, _ := resp["image"].(map[string]any)["sharedWith"].([]any); code != "" || len(shares) != 1 ||
				shares[0].(map[string]any)["billingEntityId"] != ids.Format(ids.BillingEntity, pair.attacker.entity) {
				t.Errorf("%s reads the shared image as %q %v, want it with its own share only", pair.attacker.name, code, resp)
			}
			for _, c := range []probe{
				{proc: "ImageService/UpdateImage", body: `{"id":"` + sharedID + `","image":{"name":"Übernommen"},"updateMask":"name"}`},
				{proc: "ImageService/DeleteImage", body: `{"id":"` + sharedID + `"}`},
				{proc: "ImageService/ShareImage", body: `{"id":"` + ids.Format(ids.Image, pair.attacker.image) + `","billingEntityIds":["` + ids.Format(ids.BillingEntity, pair.other.entity) + `"]}`},
				{proc: "ImageService/ShareImage", body: `{"id":"` + ids.Format(ids.Image, lic.image) + `","billingEntityIds":["` + ids.Format(ids.BillingEntity, pair.attacker.entity) + `"]}`},
				{proc: "ImageService/UnshareImage", body: `{"id":"` + sharedID + `","billingEntityIds":["` + ids.Format(ids.BillingEntity, pair.other.entity) + `"]}`},
				{proc: "ImageService/ListImages", body: `{"sharedWithBillingEntityId":"` + ids.Format(ids.BillingEntity, pair.other.entity) + `"}`},
			} {
				if code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil); code != "permission_denied" {
					t.Errorf("%s → %s %s: %q %v, want permission_denied", pair.attacker.name, c.proc, c.body, code, resp)
				}
			}
			// Billing entities are the licensee's to change: a reseller's
			// staff are refused their own and the others' alike.
			for _, be := range []uuid.UUID{pair.attacker.entity, pair.other.entity, licensee} {
				beID := ids.Format(ids.BillingEntity, be)
				for _, c := range []probe{
					{proc: "BillingEntityService/UpdateBillingEntity", body: `{"billingEntity":{"id":"` + beID + `","capabilities":["BILLING_ENTITY_CAPABILITY_ISSUE_INVOICES"]},"updateMask":"capabilities"}`},
					{proc: "BillingEntityService/SuspendBillingEntity", body: `{"id":"` + beID + `","reason":"x"}`},
					{proc: "BillingEntityService/AddBillingEntityStaff", body: `{"billingEntityId":"` + beID + `","email":"spy@probe.example","platformRole":"PLATFORM_ROLE_OWNER"}`},
				} {
					if code, resp := call(t, hc, srv, "/leitstand.admin.v1."+c.proc, c.body, nil); code != "permission_denied" {
						t.Errorf("%s → %s: %q %v, want permission_denied", pair.attacker.name, c.proc, code, resp)
					}
				}
			}
			if code, resp := call(t, hc, srv, "/leitstand.admin.v1.BillingEntityService/ListBillingEntities", `{}`, nil); code != "" ||
				len(resp["billingEntities"].([]any)) != 1 {
				t.Errorf("%s lists the billing entities as %q %v, want its own", pair.attacker.name, code, resp)
			}
			if code, resp := call(t, hc, srv, "/leitstand.admin.v1.SignUpService/ListSignUps", `{}`, nil); code != "" ||
				len(resp["signUps"].([]any)) != 1 || resp["pendingCount"] != float64(1) {
				t.Errorf("%s lists the sign-ups as %q %v, want its own one", pair.attacker.name, code, resp)
			}
			// Only its own customers' consumption of the licensee's items.
			if code, resp := call(t, hc, srv, "/leitstand.admin.v1.BillingEntityService/GetWholesaleReport",
				`{"firstMonth":"2020-01","lastMonth":"2021-12"}`, nil); code != "" || len(resp["totals"].([]any)) != 1 {
				t.Errorf("%s reads the wholesale report as %q %v, want its own entity's", pair.attacker.name, code, resp)
			}
			code, resp = call(t, hc, srv, "/leitstand.admin.v1.AuditService/ListAuditEvents", `{}`, nil)
			if code != "" || resp["auditEvents"] != nil {
				t.Errorf("%s lists the platform's audit trail: %q %v", pair.attacker.name, code, resp["auditEvents"])
			}
			// An event of the trail, named by its id, is not found either.
			platformEvent := env.Events(t, func(e audit.Entry) bool { return true })[0]
			code, resp = call(t, hc, srv, "/leitstand.admin.v1.AuditService/GetAuditEvent", `{"id":"`+ids.Format(ids.AuditEvent, platformEvent.ID)+`"}`, nil)
			if code != "not_found" {
				t.Errorf("%s reads an event of the platform's audit trail: %q %v, want not_found", pair.attacker.name, code, resp)
			}
			procs = append(procs, "/leitstand.admin.v1.AuditService/GetAuditEvent")
			env.Audit.FlushDenied()
			assertAudited(t, env, pair.attacker, procs)
		}
		if after := env.Fingerprint(t); after != before {
			t.Errorf("a refused call changed something:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// probe is one call naming a tenant's object; read: its own customer's
// staff may make it.
type probe struct {
	proc, body string
	read       bool
}

// reach lists the calls that name tn's objects.
func reach(tn tenant) []probe {
	org, ws := ids.Format(ids.Organization, tn.org), ids.Format(ids.Workspace, tn.workspace)
	owner, cust := ids.Format(ids.User, tn.owner), ids.Format(ids.User, tn.customer)
	srv, ctr := ids.Format(ids.Server, tn.server), ids.Format(ids.Container, tn.container)
	svc, ord := ids.Format(ids.Service, tn.service), ids.Format(ids.Order, tn.order)
	alr, dsc := ids.Format(ids.Alert, tn.alert), ids.Format(ids.Discount, tn.discount)
	inv, pay := ids.Format(ids.Invoice, tn.invoice), ids.Format(ids.Payment, tn.payment)
	bln := ids.Format(ids.BankLine, tn.bankLine)
	upr := ids.Format(ids.UpgradeRequest, tn.upgrade)
	reg, licence := ids.Format(ids.Registration, tn.registration), ids.Format(ids.Licence, tn.licence)
	be, pending := ids.Format(ids.BillingEntity, tn.entity), ids.Format(ids.Organization, tn.pending)
	hook, whd := ids.Format(ids.WebhookEndpoint, tn.hook), ids.Format(ids.WebhookDelivery, tn.delivery)
	var offering []probe
	if tn.offer != uuid.Nil {
		item, ofr := ids.Format(ids.CatalogItem, tn.ownItem), ids.Format(ids.ProductOffer, tn.offer)
		offering = []probe{
			{proc: "CatalogService/GetCatalogItem", body: `{"id":"` + item + `"}`, read: true},
			{proc: "CatalogService/UpdateCatalogItem", body: `{"item":{"id":"` + item + `","monthlyPriceCents":"1"},"updateMask":"monthlyPriceCents"}`},
			{proc: "CatalogService/RetireCatalogItem", body: `{"id":"` + item + `","reason":"x"}`},
			{proc: "CatalogService/GetProductOffer", body: `{"id":"` + ofr + `"}`, read: true},
			{proc: "CatalogService/UpdateProductOffer", body: `{"offer":{"id":"` + ofr + `","monthlyPriceCents":"1"},"updateMask":"monthlyPriceCents"}`},
			{proc: "CatalogService/RetireProductOffer", body: `{"id":"` + ofr + `","reason":"x"}`},
			{proc: "CatalogService/CreateProductOffer", body: `{"billingEntityId":"` + be + `","catalogItemId":"` + item + `","monthlyPriceCents":"1"}`},
		}
	}
	img := ids.Format(ids.Image, tn.image)
	urep := ids.Format(ids.UsageReport, tn.report)
	view := ids.Format(ids.SavedView, tn.view)
	return append(offering, []probe{
		{proc: "CatalogService/ListBookableItems", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "BillingEntityService/GetWholesaleReport", body: `{"firstMonth":"2026-01","lastMonth":"2026-12","billingEntityId":"` + be + `"}`, read: true},
		{proc: "BillingEntityService/GetWholesaleReport", body: `{"billingEntityId":"` + be + `"}`, read: true},
		{proc: "ImageService/GetImage", body: `{"id":"` + img + `"}`, read: true},
		{proc: "ImageService/UpdateImage", body: `{"id":"` + img + `","image":{"name":"Übernommen"},"updateMask":"name"}`},
		{proc: "ImageService/DeleteImage", body: `{"id":"` + img + `"}`},
		{proc: "UsageReportService/GetUsageReport", body: `{"query":{"billingEntityId":"` + be + `","fromMonth":"2026-01","toMonth":"2026-02"}}`, read: true},
		{proc: "UsageReportService/GetUsageReport", body: `{"query":{"organizationId":"` + org + `","fromMonth":"2026-01","toMonth":"2026-02"}}`, read: true},
		{proc: "UsageReportService/ListUsageReportRows", body: `{"query":{"billingEntityId":"` + be + `","fromMonth":"2026-02","toMonth":"2026-02"}}`, read: true},
		{proc: "UsageReportService/RenderUsageReportPdf", body: `{"query":{"organizationId":"` + org + `","fromMonth":"2026-02","toMonth":"2026-02"},"language":"de"}`, read: true},
		{proc: "UsageReportService/ListStoredUsageReports", body: `{"billingEntityId":"` + be + `"}`, read: true},
		{proc: "UsageReportService/GetStoredUsageReport", body: `{"id":"` + urep + `"}`, read: true},
		{proc: "UsageReportService/RenderUsageReportPdf", body: `{"storedReportId":"` + urep + `","language":"en"}`, read: true},
		{proc: "UsageReportService/ListUsageReportRows", body: `{"storedReportId":"` + urep + `"}`, read: true},
		{proc: "BillingEntityService/GetBillingEntity", body: `{"id":"` + be + `"}`, read: true},
		{proc: "SettingsService/GetSettings", body: `{"billingEntityId":"` + be + `"}`, read: true},
		{proc: "SettingsService/UpdateSettings", body: `{"billingEntityId":"` + be + `","settings":{"invoice":{"numberPrefix":"X-"}},"updateMask":"invoice.numberPrefix","reason":"x"}`},
		{proc: "SettingsService/RemoveLogo", body: `{"billingEntityId":"` + be + `","reason":"x"}`},
		{proc: "PaymentService/ListPaymentAccounts", body: `{"billingEntityId":"` + be + `"}`, read: true},
		{proc: "PaymentService/SetPaymentAccount", body: `{"billingEntityId":"` + be + `","provider":"PAYMENT_PROVIDER_MOLLIE","apiKey":"test_probeprobeprobe"}`},
		{proc: "SignUpService/ListSignUps", body: `{"billingEntityId":"` + be + `"}`, read: true},
		{proc: "SignUpService/ApproveSignUp", body: `{"organizationId":"` + pending + `","reason":"x"}`},
		{proc: "SignUpService/RejectSignUp", body: `{"organizationId":"` + pending + `","reason":"x"}`},
		{proc: "TrainingService/ListRegistrations", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "TrainingService/ListLicences", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "TrainingService/GetLicence", body: `{"id":"` + licence + `"}`, read: true},
		{proc: "TrainingService/GetCertificatePdf", body: `{"id":"` + licence + `"}`, read: true},
		{proc: "TrainingService/RevokeLicence", body: `{"id":"` + licence + `","reason":"x"}`},
		{proc: "TrainingService/CancelRegistration", body: `{"id":"` + reg + `","reason":"x"}`},
		{proc: "TrainingService/RegisterAttendee", body: `{"sessionId":"` + ids.Format(ids.TrainingSession, tn.session) + `","organizationId":"` + org + `","name":"X","email":"x@probe.example"}`},
		{proc: "WebhookService/GetWebhookEndpoint", body: `{"id":"` + hook + `"}`, read: true},
		{proc: "WebhookService/ListWebhookDeliveries", body: `{"endpointId":"` + hook + `"}`, read: true},
		{proc: "WebhookService/UpdateWebhookEndpoint", body: `{"id":"` + hook + `","endpoint":{"enabled":false},"updateMask":"enabled"}`},
		{proc: "WebhookService/RotateWebhookSecret", body: `{"id":"` + hook + `"}`},
		{proc: "WebhookService/SendTestEvent", body: `{"id":"` + hook + `"}`},
		{proc: "WebhookService/GetWebhookDelivery", body: `{"id":"` + whd + `"}`, read: true},
		{proc: "WebhookService/ReplayWebhookDelivery", body: `{"id":"` + whd + `"}`},
		{proc: "WebhookService/DeleteWebhookEndpoint", body: `{"id":"` + hook + `"}`},
		{proc: "ViewService/UpdateSavedView", body: `{"id":"` + view + `","view":{"name":"Übernommen"},"updateMask":"name"}`},
		{proc: "ViewService/DeleteSavedView", body: `{"id":"` + view + `"}`},
		{proc: "OrganizationService/GetOrganization", body: `{"id":"` + org + `"}`, read: true},
		{proc: "OrganizationService/ListWorkspaces", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "OrganizationService/UpdateOrganization", body: `{"organization":{"id":"` + org + `","name":"Übernommen"},"updateMask":"name","reason":"x"}`},
		{proc: "OrganizationService/UpdateWorkspace", body: `{"workspace":{"id":"` + ws + `","name":"Übernommen"},"updateMask":"name","reason":"x"}`},
		{proc: "OrganizationService/CreateWorkspace", body: `{"organizationId":"` + org + `","name":"Hintertür","reason":"x"}`},
		{proc: "OrganizationService/AddOrganizationMember", body: `{"organizationId":"` + org + `","email":"spy@example.net","role":"ORGANIZATION_ROLE_OWNER","reason":"x"}`},
		{proc: "OrganizationService/SetOrganizationRole", body: `{"organizationId":"` + org + `","userId":"` + cust + `","role":"ORGANIZATION_ROLE_OWNER","reason":"x"}`},
		{proc: "OrganizationService/RemoveOrganizationMember", body: `{"organizationId":"` + org + `","userId":"` + cust + `","reason":"x"}`},
		{proc: "MemberService/GetMember", body: `{"id":"` + cust + `"}`, read: true},
		{proc: "MemberService/GetMember", body: `{"id":"` + owner + `"}`},
		{proc: "MemberService/DisableMember", body: `{"id":"` + cust + `","reason":"x"}`},
		{proc: "MemberService/DisableMember", body: `{"id":"` + owner + `","reason":"x"}`},
		{proc: "MemberService/SetPlatformRole", body: `{"id":"` + owner + `","platformRole":"PLATFORM_ROLE_USER","reason":"x"}`},
		{proc: "ServerService/GetServer", body: `{"id":"` + srv + `"}`, read: true},
		{proc: "ServerService/GetServerMetrics", body: `{"serverId":"` + srv + `"}`, read: true},
		{proc: "ServerService/ListServerEvents", body: `{"serverId":"` + srv + `"}`, read: true},
		{proc: "ServerService/UpdateServer", body: `{"server":{"id":"` + srv + `","name":"weg"},"updateMask":"name"}`},
		{proc: "ServerService/DeleteServer", body: `{"id":"` + srv + `"}`},
		{proc: "ContainerService/GetContainer", body: `{"id":"` + ctr + `"}`, read: true},
		{proc: "ContainerService/GetContainerMetrics", body: `{"containerId":"` + ctr + `"}`, read: true},
		{proc: "ContainerService/StopContainer", body: `{"id":"` + ctr + `","reason":"x"}`},
		{proc: "ServiceInstanceService/GetServiceInstance", body: `{"id":"` + svc + `"}`, read: true},
		{proc: "ServiceInstanceService/ListServiceStatusHistory", body: `{"serviceInstanceId":"` + svc + `"}`, read: true},
		{proc: "ServiceInstanceService/ListLogbookEntries", body: `{"serviceInstanceId":"` + svc + `"}`, read: true},
		{proc: "ServiceInstanceService/UpdateServiceInstance", body: `{"serviceInstance":{"id":"` + svc + `","name":"Übernommen"},"updateMask":"name"}`},
		{proc: "ServiceInstanceService/SetServiceStatus", body: `{"id":"` + svc + `","status":"SERVICE_STATUS_SUSPENDED","reason":"x"}`},
		{proc: "ServiceInstanceService/ScheduleDecommission", body: `{"id":"` + svc + `","decommissionTime":"2030-01-01T00:00:00Z","reason":"x"}`},
		{proc: "ServiceInstanceService/CancelDecommission", body: `{"id":"` + svc + `","reason":"x"}`},
		{proc: "ServiceInstanceService/AddLogbookEntry", body: `{"serviceInstanceId":"` + svc + `","visibility":"LOGBOOK_VISIBILITY_CUSTOMER","text":"x"}`},
		{proc: "ServiceInstanceService/ListServiceCredentials", body: `{"serviceInstanceId":"` + svc + `"}`, read: true},
		{proc: "ServiceInstanceService/SetServiceCredential", body: `{"serviceInstanceId":"` + svc + `","name":"admin login","value":"x"}`},
		{proc: "ServiceInstanceService/DeleteServiceCredential", body: `{"serviceInstanceId":"` + svc + `","name":"admin login"}`},
		{proc: "ServiceInstanceService/RevealServiceCredential", body: `{"serviceInstanceId":"` + svc + `","name":"admin login","reason":"x"}`},
		{proc: "ServiceInstanceService/ListServiceContainers", body: `{"serviceInstanceId":"` + svc + `"}`, read: true},
		{proc: "ServiceInstanceService/GetServiceUptime", body: `{"serviceInstanceId":"` + svc + `","days":7}`, read: true},
		{proc: "ServiceInstanceService/LinkServiceContainer", body: `{"serviceInstanceId":"` + svc + `","containerId":"` + ctr + `","role":"CONTAINER_ROLE_APPLICATION"}`},
		{proc: "ServiceInstanceService/StopService", body: `{"id":"` + svc + `","reason":"x"}`},
		{proc: "OrderService/GetOrder", body: `{"id":"` + ord + `"}`, read: true},
		{proc: "OrderService/ListOrderComments", body: `{"orderId":"` + ord + `"}`, read: true},
		{proc: "OrderService/UpdateOrder", body: `{"order":{"id":"` + ord + `","title":"Übernommen"},"updateMask":"title"}`},
		{proc: "OrderService/SetOrderStatus", body: `{"id":"` + ord + `","status":"ORDER_STATUS_CANCELLED","reason":"x"}`},
		{proc: "OrderService/AddOrderComment", body: `{"orderId":"` + ord + `","visibility":"ORDER_COMMENT_VISIBILITY_CUSTOMER","text":"x"}`},
		{proc: "OrderService/CreateOrder", body: `{"organizationId":"` + org + `","title":"Fremd","kind":"ORDER_KIND_SUPPORT"}`},
		{proc: "OrderService/ListTimeEntries", body: `{"orderId":"` + ord + `"}`, read: true},
		{proc: "OrderService/GetUnbilledTime", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "OrderService/CreateTimeEntry", body: `{"orderId":"` + ord + `","date":"2026-01-05","minutes":15,"billable":true}`},
		{proc: "OrderService/StartTimer", body: `{"orderId":"` + ord + `"}`},
		{proc: "OrderService/ListOrderProcesses", body: `{"orderId":"` + ord + `"}`, read: true},
		{proc: "ContractService/GetContract", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "ContractService/ListContracts", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "ContractService/SetCustomTerms", body: `{"organizationId":"` + org + `","customTerms":{"monthlyFeeCents":"0"},"reason":"x"}`},
		{proc: "ContractService/ScheduleTransition", body: `{"organizationId":"` + org + `","planId":"pln_01kaj5m8d0e6xv1ks8wq6a5j0p","reason":"x"}`},
		{proc: "ContractService/CancelTransition", body: `{"organizationId":"` + org + `","reason":"x"}`},
		{proc: "ContractService/ListDiscounts", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "ContractService/GrantDiscount", body: `{"organizationId":"` + org + `","name":"Übernommen","basisPoints":10000,"reason":"x"}`},
		{proc: "ContractService/EndDiscount", body: `{"discountId":"` + dsc + `","reason":"x"}`},
		{proc: "InvoiceService/PreviewInvoice", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "InvoiceService/CreateManualInvoice", body: `{"organizationId":"` + org + `","lines":[{"description":"x","quantity":"1","unitPriceCents":"100"}]}`},
		{proc: "InvoiceService/BillOrganization", body: `{"organizationId":"` + org + `"}`},
		{proc: "InvoiceService/GetInvoice", body: `{"id":"` + inv + `"}`, read: true},
		{proc: "PaymentService/GetPayment", body: `{"id":"` + pay + `"}`, read: true},
		{proc: "PaymentService/GetOrganizationBalance", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "PaymentService/RecordPayment", body: `{"invoiceId":"` + inv + `","method":"PAYMENT_METHOD_MANUAL","amountCents":"100","currency":"EUR","valueDate":"2026-01-05"}`},
		{proc: "PaymentService/RefundPayment", body: `{"id":"` + pay + `","reason":"x"}`},
		{proc: "PaymentService/ReversePayment", body: `{"id":"` + pay + `","reason":"x"}`},
		{proc: "BankStatementService/AssignBankLine", body: `{"id":"` + bln + `","invoiceId":"` + inv + `","reason":"x"}`},
		{proc: "BankStatementService/IgnoreBankLine", body: `{"id":"` + bln + `","reason":"x"}`},
		{proc: "DunningService/GetOrganizationDunning", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "DunningService/SetDunningHold", body: `{"organizationId":"` + org + `","until":"2026-12-31","reason":"x"}`},
		{proc: "DunningService/ReleaseDunningHold", body: `{"organizationId":"` + org + `","reason":"x"}`},
		{proc: "AccountService/GetAccountHistory", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "AccountService/GrantReverseTrial", body: `{"organizationId":"` + org + `","reason":"x"}`},
		{proc: "AccountService/CancelReverseTrial", body: `{"organizationId":"` + org + `","reason":"x"}`},
		{proc: "AccountService/SetManagedBilling", body: `{"organizationId":"` + org + `","managed":true,"accountManagerUserId":"` + owner + `","reason":"x"}`},
		{proc: "AccountService/ResetUsage", body: `{"organizationId":"` + org + `","reason":"x"}`},
		{proc: "UpgradeRequestService/ListUpgradeRequests", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "UpgradeRequestService/ApproveUpgradeRequest", body: `{"id":"` + upr + `","reason":"x"}`},
		{proc: "UpgradeRequestService/ApproveUpgradeRequest", body: `{"id":"` + upr + `","reason":"x","preview":true}`},
		{proc: "UpgradeRequestService/DenyUpgradeRequest", body: `{"id":"` + upr + `","reason":"x"}`},
		{proc: "PartnerService/SetPartner", body: `{"organizationId":"` + org + `","partner":true,"commissionBasisPoints":1000,"reason":"x"}`},
		{proc: "PartnerService/SetReferral", body: `{"organizationId":"` + org + `","reason":"x"}`},
		{proc: "PartnerService/ListReferrals", body: `{"partnerId":"` + org + `"}`, read: true},
		{proc: "PartnerService/ListReferralLedger", body: `{"partnerId":"` + org + `"}`, read: true},
		{proc: "PartnerService/ListExternalLedOrganizations", body: `{"partnerId":"` + org + `"}`, read: true},
		{proc: "PartnerService/RecordPartnerPayout", body: `{"partnerId":"` + org + `","amountCents":"100","paidOn":"2026-03-01"}`},
		{proc: "UsageService/ListUsageSnapshots", body: `{"organizationId":"` + org + `"}`, read: true},
		{proc: "UsageService/GetUsageSummary", body: `{"organizationId":"` + org + `","fromDay":"2026-02-01","toDay":"2026-02-28"}`, read: true},
		{proc: "UsageService/ReportUsage", body: `{"events":[{"eventId":"probe-1","organizationId":"` + org + `","metric":"USAGE_METRIC_STORAGE_BYTES","quantity":"1","day":"2026-03-13"}]}`},
		{proc: "AlertService/GetAlert", body: `{"id":"` + alr + `"}`, read: true},
		{proc: "AlertService/AcknowledgeAlert", body: `{"id":"` + alr + `"}`},
		{proc: "AlertService/ResolveAlert", body: `{"id":"` + alr + `","resolution":"x"}`},
		{proc: "AlertService/CreateOrderFromAlert", body: `{"id":"` + alr + `"}`},
		{proc: "OrderService/RemoveOrderProcess", body: `{"orderId":"` + ord + `","processId":"prc_01kaj5m8d0e6xv1ks8wq6a5j0p"}`},
	}...)
}

// assertAudited fails unless every procedure attacker was refused is in
// the audit trail as a denied attempt of theirs.
func assertAudited(t *testing.T, env *apptest.Env, attacker tenant, procs []string) {
	t.Helper()
	events, _, err := audit.List(authz.System(t.Context()), env.DB.Client, audit.Filter{ActorID: &attacker.owner, Outcome: audit.Denied}, 500, "")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range events {
		seen[e.Action] = true
	}
	for _, p := range procs {
		if !seen[p] {
			t.Errorf("%s's attempt at %s is not in the audit trail", attacker.name, p)
		}
	}
}

func connectionSettings(name string) infra.ConnectionSettings {
	return infra.ConnectionSettings{Name: name, Kind: provider.Hetzner, Credentials: infra.Credentials{Token: "t"}}
}
