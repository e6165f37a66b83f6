package api_test

import (
	"bytes"
	"testing"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The owner sets the dunning levels, the run writes a reminder for an
// overdue invoice, and the owner finds it in the list and the CSV
// export, downloads its letter, reads where the organization's dunning
// stands, and holds and releases it; bad input is refused at its field
// and changes nothing.
func TestDunningOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		sys := authz.System(ctx)
		if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		settingsc := adminv1connect.NewSettingsServiceClient(hc, srv.URL)
		c := adminv1connect.NewDunningServiceClient(hc, srv.URL)

		levels := &adminv1.DunningSettings{Enabled: true, ReminderDays: 10, FirstNoticeDays: 10, SecondNoticeDays: 30, PayWithinDays: 7}
		_, err := settingsc.UpdateSettings(ctx, connect.NewRequest(&adminv1.UpdateSettingsRequest{
			Settings: &adminv1.Settings{Dunning: levels}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"dunning"}}}))
		if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["settings.dunning.first_notice_days"] == "" {
			t.Errorf("levels not increasing = %v (fields %v)", err, f)
		}
		levels.FirstNoticeDays, levels.FirstNoticeFeeCents = 20, 250
		saved, err := settingsc.UpdateSettings(ctx, connect.NewRequest(&adminv1.UpdateSettingsRequest{
			Settings: &adminv1.Settings{Dunning: levels}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"dunning"}}}))
		if err != nil || saved.Msg.GetSettings().GetDunning().GetFirstNoticeFeeCents() != 250 || saved.Msg.GetSettings().GetDunning().GetReminderDays() != 10 {
			t.Fatalf("dunning settings = %v %v", saved, err)
		}

		org := env.Org(t, "Acme")
		oid := ids.Format(ids.Organization, org.ID)
		inv, err := env.Invoices.Manual(sys, org.ID, []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62",
			UnitPriceCents: 10000}}, nil, nil, "Projekt", false)
		if err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(env.Clock.Now().AddDate(0, 0, 14+10))
		// The session expired meanwhile: sign in again.
		if _, err := adminv1connect.NewAuthServiceClient(hc, srv.URL).Login(ctx, connect.NewRequest(&adminv1.LoginRequest{
			Email: "owner@example.com", Password: apptest.Password})); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Invoices.MarkOverdue(sys); err != nil {
			t.Fatal(err)
		}
		if r, err := env.Dunning.Run(sys); err != nil || r.Written["REMINDER"] != 1 {
			t.Fatalf("run = %+v %v", r, err)
		}

		list, err := c.ListDunningNotices(ctx, connect.NewRequest(&adminv1.ListDunningNoticesRequest{OrganizationId: oid,
			Levels: []adminv1.DunningLevel{adminv1.DunningLevel_DUNNING_LEVEL_REMINDER}}))
		if err != nil || len(list.Msg.GetNotices()) != 1 || list.Msg.GetTotalSize() != 1 {
			t.Fatalf("list = %v %v", list, err)
		}
		n := list.Msg.GetNotices()[0]
		// The organization has no billing address: the notice says so.
		if n.GetInvoiceNumber() != inv.Number || n.GetOpenCents() != 11900 || n.GetOrganizationName() != "Acme" ||
			n.GetStatus() != adminv1.DunningNoticeStatus_DUNNING_NOTICE_STATUS_FAILED || n.GetAnswer() == "" {
			t.Errorf("notice = %v", n)
		}
		if none, err := c.ListDunningNotices(ctx, connect.NewRequest(&adminv1.ListDunningNoticesRequest{
			Levels: []adminv1.DunningLevel{adminv1.DunningLevel_DUNNING_LEVEL_SECOND_NOTICE}})); err != nil || len(none.Msg.GetNotices()) != 0 {
			t.Errorf("second notices = %v %v", none, err)
		}
		code, _, rows := export(t, hc, srv, "leitstand.admin.v1.DunningService/ListDunningNotices", `{"organizationId":"`+oid+`"}`)
		if code != 200 || len(rows) != 2 {
			t.Errorf("CSV export = %d %v", code, rows)
		}
		pdf, err := c.GetDunningNoticePdf(ctx, connect.NewRequest(&adminv1.GetDunningNoticePdfRequest{Id: n.GetId()}))
		if err != nil || !bytes.HasPrefix(pdf.Msg.GetContent(), []byte("%PDF-")) || pdf.Msg.GetFileName() != "Zahlungserinnerung-"+inv.Number+".pdf" {
			t.Errorf("PDF = %v", err)
		}

		before := env.Fingerprint(t)
		today := env.Clock.Now().Format(time.DateOnly)
		for _, bad := range []struct {
			req   *adminv1.SetDunningHoldRequest
			field string
		}{
			{&adminv1.SetDunningHoldRequest{OrganizationId: oid, Until: "morgen", Reason: "x"}, "until"},
			{&adminv1.SetDunningHoldRequest{OrganizationId: oid, Until: "2020-01-01", Reason: "x"}, "until"},
			{&adminv1.SetDunningHoldRequest{OrganizationId: oid, Until: today, Reason: ""}, "reason"},
			{&adminv1.SetDunningHoldRequest{OrganizationId: "org_x", Until: today, Reason: "x"}, "organization_id"},
		} {
			_, err := c.SetDunningHold(ctx, connect.NewRequest(bad.req))
			if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f[bad.field] == "" {
				t.Errorf("hold %v = %v (fields %v)", bad.req, err, f)
			}
		}
		if _, err := c.ReleaseDunningHold(ctx, connect.NewRequest(&adminv1.ReleaseDunningHoldRequest{OrganizationId: oid, Reason: "x"})); connect.CodeOf(err) != connect.CodeFailedPrecondition {
			t.Errorf("release without a hold = %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused call changed something")
		}
		until := env.Clock.Now().AddDate(0, 0, 30).Format(time.DateOnly)
		held, err := c.SetDunningHold(ctx, connect.NewRequest(&adminv1.SetDunningHoldRequest{OrganizationId: oid, Until: until, Reason: "Ratenzahlung"}))
		if err != nil || held.Msg.GetHold().GetUntil() != until || held.Msg.GetHold().GetCreatedByEmail() != "owner@example.com" {
			t.Fatalf("hold = %v %v", held, err)
		}
		st, err := c.GetOrganizationDunning(ctx, connect.NewRequest(&adminv1.GetOrganizationDunningRequest{OrganizationId: oid}))
		if err != nil || !st.Msg.GetEnabled() || st.Msg.GetHold().GetReason() != "Ratenzahlung" || len(st.Msg.GetInvoices()) != 1 || len(st.Msg.GetNotices()) != 1 {
			t.Fatalf("state = %v %v", st, err)
		}
		oi := st.Msg.GetInvoices()[0]
		if oi.GetLevel() != adminv1.DunningLevel_DUNNING_LEVEL_REMINDER || oi.GetNextLevel() != adminv1.DunningLevel_DUNNING_LEVEL_FIRST_NOTICE ||
			oi.GetNextDate() <= until {
			t.Errorf("open invoice = %v, want the first notice after the hold", oi)
		}
		if _, err := c.ReleaseDunningHold(ctx, connect.NewRequest(&adminv1.ReleaseDunningHoldRequest{OrganizationId: oid, Reason: "bezahlt"})); err != nil {
			t.Fatal(err)
		}
		if st, err = c.GetOrganizationDunning(ctx, connect.NewRequest(&adminv1.GetOrganizationDunningRequest{OrganizationId: oid})); err != nil || st.Msg.GetHold() != nil {
			t.Errorf("after the release = %v %v", st, err)
		}
	})
}
