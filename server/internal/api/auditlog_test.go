package api_test

import (
	"testing"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// namesOf maps the listed events' target ids to the names they carry.
func namesOf(es []*adminv1.AuditEvent) map[string]string {
	out := map[string]string{}
	for _, e := range es {
		out[e.GetTargetId()] = e.GetTargetName()
	}
	return out
}

// The audit log names the objects its events are about, as they are named
// now; a removed object keeps only its id. One event is read by its id, and the system's own
// events are listed apart from the users'.
func TestAuditEventsOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		hc := apptest.HTTPClient(srv)
		op := env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		o := env.Org(t, "Heidekraut Imkerei")
		kept, err := env.Infra.CreateServer(sys, infra.ServerValues{Name: "heide-01", Provider: "OTHER", Kind: "HOST", IPAddress: "192.0.2.7"})
		if err != nil {
			t.Fatal(err)
		}
		gone, err := env.Infra.CreateServer(sys, infra.ServerValues{Name: "heide-02", Provider: "OTHER", Kind: "HOST", IPAddress: "192.0.2.8"})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Infra.DeleteServer(sys, gone.ID); err != nil {
			t.Fatal(err)
		}
		orgID, keptID, goneID, opID := ids.Format(ids.Organization, o.ID), ids.Format(ids.Server, kept.ID), ids.Format(ids.Server, gone.ID), ids.Format(ids.User, op.ID)
		tok, err := adminv1connect.NewAuthServiceClient(hc, srv.URL).CreateApiToken(t.Context(),
			connect.NewRequest(&adminv1.CreateApiTokenRequest{Name: "billing export script"}))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{orgID: "Heidekraut Imkerei", keptID: "heide-01", goneID: "", opID: op.DisplayName,
			tok.Msg.GetApiToken().GetId(): "billing export script"}
		// A caller who is not signed in is refused, and audited without an
		// actor too: not as the system.
		if _, err := adminv1connect.NewMemberServiceClient(srv.Client(), srv.URL).ListMembers(t.Context(),
			connect.NewRequest(&adminv1.ListMembersRequest{})); connect.CodeOf(err) != connect.CodeUnauthenticated {
			t.Fatalf("ListMembers without credentials: %v", err)
		}

		for name, c := range map[string]adminv1connect.AuditServiceClient{
			"connect": adminv1connect.NewAuditServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewAuditServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				ctx := t.Context()
				res, err := c.ListAuditEvents(ctx, connect.NewRequest(&adminv1.ListAuditEventsRequest{}))
				if err != nil {
					t.Fatal(err)
				}
				got := namesOf(res.Msg.GetAuditEvents())
				for id, name := range want {
					if n, ok := got[id]; !ok || n != name {
						t.Errorf("target %s named %q (listed: %v), want %q", id, n, ok, name)
					}
				}

				// One event by its id, named as in the list.
				var orgEvent *adminv1.AuditEvent
				for _, e := range res.Msg.GetAuditEvents() {
					if e.GetTargetId() == orgID {
						orgEvent = e
					}
				}
				one, err := c.GetAuditEvent(ctx, connect.NewRequest(&adminv1.GetAuditEventRequest{Id: orgEvent.GetId()}))
				if err != nil {
					t.Fatal(err)
				}
				if e := one.Msg.GetAuditEvent(); e.GetId() != orgEvent.GetId() || e.GetSequence() != orgEvent.GetSequence() ||
					e.GetTargetName() != "Heidekraut Imkerei" || e.GetAction() != orgEvent.GetAction() || e.GetAfterJson() != orgEvent.GetAfterJson() {
					t.Errorf("GetAuditEvent = %v, want the listed %v", e, orgEvent)
				}
				_, err = c.GetAuditEvent(ctx, connect.NewRequest(&adminv1.GetAuditEventRequest{Id: "aud_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				if connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("unknown event: %v, want not_found", err)
				}
				_, err = c.GetAuditEvent(ctx, connect.NewRequest(&adminv1.GetAuditEventRequest{Id: orgID}))
				if _, ok := fieldsOf(err)["id"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
					t.Errorf("an organization's id as an event's: %v, want invalid_argument at id", err)
				}

				// The system's own events: none has an actor.
				sysRes, err := c.ListAuditEvents(ctx, connect.NewRequest(&adminv1.ListAuditEventsRequest{Filter: &adminv1.AuditFilter{SystemOnly: true}}))
				if err != nil {
					t.Fatal(err)
				}
				if len(sysRes.Msg.GetAuditEvents()) == 0 {
					t.Error("no system events listed")
				}
				for _, e := range sysRes.Msg.GetAuditEvents() {
					if e.GetActorId() != "" || e.GetActorEmail() != "system" {
						t.Errorf("system events list %s by %s", e.GetAction(), e.GetActorEmail())
					}
				}
				_, err = c.ListAuditEvents(ctx, connect.NewRequest(&adminv1.ListAuditEventsRequest{Filter: &adminv1.AuditFilter{SystemOnly: true, ActorId: opID}}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument {
					t.Errorf("system_only with actor_id: %v, want invalid_argument", err)
				}
			})
		}
	})
}

// The audit log names the payments' objects as staff know them: a bank
// statement by its file and account, a bank entry by its day, amount and
// sender.
func TestTheAuditLogNamesBankStatementsAndEntries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		day := calendar.On(env.Clock.Now(), time.UTC)
		file := demo.CAMT053(demo.PlatformSettings.Bank.IBAN, "STMT-1", env.Clock.Now(), []demo.Booking{
			{Ref: "A1", Day: day, AmountCents: 23800, Remittance: "Danke", Name: "Acme GmbH"}})
		st, lines, err := env.Payments.Import(sys, "maerz.xml", file, false)
		if err != nil || len(lines) != 1 {
			t.Fatalf("import = %v %v", lines, err)
		}
		if _, err := env.Payments.Ignore(sys, lines[0].ID, "Spende, keine Rechnung"); err != nil {
			t.Fatal(err)
		}
		res, err := adminv1connect.NewAuditServiceClient(hc, srv.URL).ListAuditEvents(t.Context(),
			connect.NewRequest(&adminv1.ListAuditEventsRequest{Filter: &adminv1.AuditFilter{SystemOnly: true}}))
		if err != nil {
			t.Fatal(err)
		}
		names := namesOf(res.Msg.GetAuditEvents())
		if got, want := names[ids.Format(ids.BankStatement, st.ID)], "maerz.xml · "+demo.PlatformSettings.Bank.IBAN; got != want {
			t.Errorf("statement named %q, want %q", got, want)
		}
		if got, want := names[ids.Format(ids.BankLine, lines[0].ID)], day.String()+" · 238,00 € · Acme GmbH"; got != want {
			t.Errorf("bank entry named %q, want %q", got, want)
		}
	})
}

// An offer is named in the audit log by the item it sells and the
// reseller that sells it.
func TestTheAuditLogNamesOffers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		item, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud M", Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		_, owner := env.ResellerOwner(t, "Nordhost", "owner@nordhost.example")
		offer, err := env.Catalog.CreateOffer(env.As(t, owner), item.ID, catalog.OfferValues{MonthlyPriceCents: 10900, Bookable: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		res, err := adminv1connect.NewAuditServiceClient(hc, srv.URL).ListAuditEvents(t.Context(),
			connect.NewRequest(&adminv1.ListAuditEventsRequest{}))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := namesOf(res.Msg.GetAuditEvents())[ids.Format(ids.ProductOffer, offer.ID)], "Nextcloud M · Nordhost"; got != want {
			t.Errorf("offer named %q, want %q", got, want)
		}
	})
}
