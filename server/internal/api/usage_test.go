package api_test

import (
	"fmt"
	"strings"
	"testing"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// Another system reports usage with an owner's token: a batch is taken
// once, sent again it is answered as duplicates, and a used id with
// another payload is refused naming it; bad input is refused at its field.
// The daily snapshot and the reports show in the list and the summary.
// Over Connect and over gRPC.
func TestUsageOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		ctx := t.Context()
		sys := authz.System(ctx)
		for _, name := range []string{"connect", "grpc"} {
			var opts []connect.ClientOption
			if name == "grpc" {
				opts = append(opts, connect.WithGRPC())
			}
			c := adminv1connect.NewUsageServiceClient(hc, srv.URL, opts...)
			t.Run(name, func(t *testing.T) {
				o := env.Org(t, "Acme "+name)
				org := ids.Format(ids.Organization, o.ID)
				ws, err := env.Orgs.CreateWorkspace(sys, o.ID, "Production", nil, "")
				if err != nil {
					t.Fatal(err)
				}
				_, svc := env.BookedService(t, ws.ID, "Nextcloud "+name)
				_, ctr := env.AssignedServer(t, "web-"+name, o.ID)
				if err := env.DB.Client.Container.UpdateOneID(ctr).SetDiskUsed(4_000_000_000).Exec(sys); err != nil {
					t.Fatal(err)
				}
				if _, err := env.Services.LinkContainer(sys, svc, ctr, "APPLICATION", true); err != nil {
					t.Fatal(err)
				}
				if run, err := env.Jobs.RunNow(sys, "usage-snapshot"); err != nil || run.SummaryCode != "usage-snapshot-taken" {
					t.Fatalf("snapshot run = %+v %v", run, err)
				}

				batch := &adminv1.ReportUsageRequest{Events: []*adminv1.UsageEvent{
					{EventId: "cdn:2026-03-13:1", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Quantity: 7_000_000_000, Day: "2026-03-13"},
					{EventId: "mail/42", OrganizationId: org, WorkspaceId: ids.Format(ids.Workspace, ws.ID),
						Metric: adminv1.UsageMetric_USAGE_METRIC_STORAGE_BYTES, Quantity: 2_000_000_000, Day: "2026-03-13"},
				}}
				res, err := c.ReportUsage(ctx, connect.NewRequest(batch))
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range res.Msg.GetResults() {
					if r.GetOutcome() != adminv1.UsageEventOutcome_USAGE_EVENT_OUTCOME_ACCEPTED || r.GetOrganizationId() != org {
						t.Errorf("first report: %v", r)
					}
				}
				before := env.Fingerprint(t)
				res, err = c.ReportUsage(ctx, connect.NewRequest(batch))
				if err != nil || len(res.Msg.GetResults()) != 2 {
					t.Fatalf("report again = %v %v", res, err)
				}
				for _, r := range res.Msg.GetResults() {
					if r.GetOutcome() != adminv1.UsageEventOutcome_USAGE_EVENT_OUTCOME_DUPLICATE {
						t.Errorf("report again: %v", r)
					}
				}
				batch.Events[0].Quantity = 1
				_, err = c.ReportUsage(ctx, connect.NewRequest(batch))
				if connect.CodeOf(err) != connect.CodeAlreadyExists || !strings.Contains(err.Error(), "cdn:2026-03-13:1") {
					t.Errorf("another payload under a used id = %v", err)
				}
				// protovalidate's refusals name the repeated field, the
				// domain's the element.
				bad := []struct {
					event *adminv1.UsageEvent
					field string
				}{
					{&adminv1.UsageEvent{EventId: " x", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Day: "2026-03-13"}, "events.event_id"},
					{&adminv1.UsageEvent{EventId: "x", OrganizationId: org, Day: "2026-03-13"}, "events.metric"},
					{&adminv1.UsageEvent{EventId: "x", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Quantity: -1, Day: "2026-03-13"}, "events.quantity"},
					{&adminv1.UsageEvent{EventId: "x", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Day: "2026-03-15"}, "events[0].day"},
					{&adminv1.UsageEvent{EventId: "x", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Day: "2026-02-30"}, "events[0].day"},
					{&adminv1.UsageEvent{EventId: "x", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Day: "2024-03-13"}, "events[0].day"},
					{&adminv1.UsageEvent{EventId: "x", OrganizationId: "ws_01kaj5m8d0e6xv1ks8wq6a5j0p", Metric: adminv1.UsageMetric_USAGE_METRIC_TRAFFIC_BYTES, Day: "2026-03-13"}, "events.organization_id"},
				}
				for _, b := range bad {
					_, err := c.ReportUsage(ctx, connect.NewRequest(&adminv1.ReportUsageRequest{Events: []*adminv1.UsageEvent{b.event}}))
					if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f[b.field] == "" {
						t.Errorf("%v = %v (fields %v), want %s", b.event, err, f, b.field)
					}
				}
				if after := env.Fingerprint(t); after != before {
					t.Errorf("a refused or repeated report changed something:\nbefore %s\nafter  %s", before, after)
				}

				list, err := c.ListUsageSnapshots(ctx, connect.NewRequest(&adminv1.ListUsageSnapshotsRequest{OrganizationId: org}))
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, s := range list.Msg.GetSnapshots() {
					got = append(got, fmt.Sprintf("%s %s %s %d/%d", s.GetDay(), strings.TrimPrefix(s.GetSource().String(), "USAGE_SOURCE_"),
						s.GetWorkspaceId(), s.GetStorageBytes(), s.GetTrafficBytes()))
				}
				wsID := ids.Format(ids.Workspace, ws.ID)
				if want := "2026-03-13 REPORTED " + wsID + " 2000000000/0, 2026-03-13 REPORTED  0/7000000000, 2026-03-13 CONTAINERS " + wsID + " 4000000000/0"; strings.Join(got, ", ") != want {
					t.Errorf("snapshots = %v, want %s", got, want)
				}
				if list.Msg.GetTotalSize() != 3 {
					t.Errorf("total = %d, want 3", list.Msg.GetTotalSize())
				}
				sum, err := c.GetUsageSummary(ctx, connect.NewRequest(&adminv1.GetUsageSummaryRequest{OrganizationId: org, FromDay: "2026-03-01", ToDay: "2026-03-31"}))
				if err != nil {
					t.Fatal(err)
				}
				if s := sum.Msg; s.GetAverageStorageGb() != 6 || s.GetDaysMeasured() != 1 || s.GetTrafficBytes() != 7_000_000_000 || s.GetPeakStorageBytes() != 6_000_000_000 {
					t.Errorf("summary = %v", s)
				}
				_, err = c.GetUsageSummary(ctx, connect.NewRequest(&adminv1.GetUsageSummaryRequest{OrganizationId: org, FromDay: "2026-03-31", ToDay: "2026-03-01"}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["to_day"] == "" {
					t.Errorf("a period ending before it starts = %v (fields %v)", err, f)
				}
			})
		}
	})
}

// A reseller's owner holds USAGE_REPORT and USAGE_READ, yet neither reads
// nor reports the usage of the licensee's organization: it is not found,
// and nothing changes.
func TestAResellerCannotReachTheLicenseesUsage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		ctx := t.Context()
		sys := authz.System(ctx)
		lic := env.Org(t, "Licensee Kunde")
		_, owner := env.ResellerOwner(t, "Partner A", "owner@partner-a.example")
		hc := apptest.HTTPClient(srv)
		if code, _ := call(t, hc, srv, "/leitstand.admin.v1.AuthService/Login",
			jsonBody(map[string]string{"email": owner.Email, "password": apptest.Password}), nil); code != "" {
			t.Fatalf("sign in: %s", code)
		}
		org := ids.Format(ids.Organization, lic.ID)
		c := adminv1connect.NewUsageServiceClient(hc, srv.URL)
		before := env.Fingerprint(t)
		_, err := c.ReportUsage(ctx, connect.NewRequest(&adminv1.ReportUsageRequest{Events: []*adminv1.UsageEvent{
			{EventId: "spy-1", OrganizationId: org, Metric: adminv1.UsageMetric_USAGE_METRIC_STORAGE_BYTES, Quantity: 1, Day: "2026-03-13"}}}))
		if connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("report for the licensee's organization = %v, want not_found", err)
		}
		_, err = c.ListUsageSnapshots(ctx, connect.NewRequest(&adminv1.ListUsageSnapshotsRequest{OrganizationId: org}))
		if connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("list the licensee's usage = %v, want not_found", err)
		}
		_, err = c.GetUsageSummary(ctx, connect.NewRequest(&adminv1.GetUsageSummaryRequest{OrganizationId: org, FromDay: "2026-03-01", ToDay: "2026-03-31"}))
		if connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("summary of the licensee's usage = %v, want not_found", err)
		}
		if after := env.Fingerprint(t); after != before {
			t.Errorf("a refused call changed something:\nbefore %s\nafter  %s", before, after)
		}
		if n := env.DB.Client.UsageEvent.Query().CountX(sys); n != 0 {
			t.Errorf("%d usage events kept", n)
		}
	})
}
