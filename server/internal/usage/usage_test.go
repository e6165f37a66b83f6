package usage_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/usagecounter"
	"github.com/leitstand/leitstand/server/ent/usageevent"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/usage"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const gb = usage.BytesPerGB

// fixture is an organization with a workspace, a booked service and a
// server assigned to it.
type fixture struct {
	env     *apptest.Env
	org, ws uuid.UUID
	service uuid.UUID
	server  uuid.UUID
}

func setup(t *testing.T, d testdb.Dialect) fixture {
	t.Helper()
	env := apptest.New(t, d)
	sys := authz.System(t.Context())
	o := env.Org(t, "Acme")
	ws, err := env.Orgs.CreateWorkspace(sys, o.ID, "Production", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	_, svc := env.BookedService(t, ws.ID, "Nextcloud")
	srv, _ := env.AssignedServer(t, "web1", o.ID)
	return fixture{env: env, org: o.ID, ws: ws.ID, service: svc, server: srv}
}

// container adds a container using disk bytes to the fixture's server,
// linked to service (uuid.Nil: linked to nothing).
func (f fixture) container(t *testing.T, name string, disk int64, service uuid.UUID) uuid.UUID {
	t.Helper()
	sys := authz.System(t.Context())
	now := f.env.Clock.Now()
	c, err := f.env.DB.Client.Container.Create().SetServerID(f.server).SetName(name).SetSourceConnectionID(uuid.New()).
		SetSource(container.SourceDOCKER).SetStatus(container.StatusRUNNING).SetDiskUsed(disk).
		SetFirstSeenTime(now).SetLastSeenTime(now).Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	if service != uuid.Nil {
		if _, err := f.env.Services.LinkContainer(sys, service, c.ID, instance.Application, false); err != nil {
			t.Fatal(err)
		}
	}
	return c.ID
}

func day(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestTheSnapshotMeasuresTheLinkedContainers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		sys := authz.System(t.Context())
		f.container(t, "nc-app", 3*gb, f.service)
		f.container(t, "nc-db", 2*gb, f.service)
		f.container(t, "stray", 7*gb, uuid.Nil) // on the server, carrying no service
		gone := f.container(t, "old", 11*gb, f.service)
		if err := f.env.DB.Client.Container.UpdateOneID(gone).SetGoneTime(f.env.Clock.Now()).Exec(sys); err != nil {
			t.Fatal(err)
		}
		// A decommissioned service's containers are not counted.
		ows, err := f.env.Orgs.CreateWorkspace(sys, f.org, "Staging", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		_, old := f.env.BookedService(t, ows.ID, "Wiki")
		f.container(t, "wiki", 13*gb, old)
		if err := f.env.DB.Client.ServiceInstance.UpdateOneID(old).SetStatus("DECOMMISSIONED").Exec(sys); err != nil {
			t.Fatal(err)
		}

		// Just after midnight UTC the day before is measured.
		f.env.Clock.Set(time.Date(2026, 3, 15, 0, 5, 0, 0, time.UTC))
		seq := f.env.LastSeq(t)
		res, err := f.env.Usage.Snapshot(sys)
		if err != nil {
			t.Fatal(err)
		}
		if res.Day != day("2026-03-14") || res.Written != 1 || res.Unchanged != 0 {
			t.Errorf("snapshot = %+v, want 2026-03-14 written once", res)
		}
		rows := f.env.DB.Client.UsageSnapshot.Query().AllX(sys)
		if len(rows) != 1 || rows[0].Day != "2026-03-14" || rows[0].Source != usagesnapshot.SourceCONTAINERS ||
			rows[0].WorkspaceID == nil || *rows[0].WorkspaceID != f.ws || rows[0].StorageBytes != 5*gb || rows[0].TrafficBytes != 0 {
			t.Fatalf("snapshots = %+v, want 5 GB of the production workspace", rows)
		}
		if e := f.env.OneEventSince(t, seq); e.TargetType != "usage" {
			t.Errorf("audited %+v", e)
		}
		counter := f.env.DB.Client.UsageCounter.Query().OnlyX(sys)
		if counter.Month != "2026-03" || counter.PeakStorageBytes != 5*gb {
			t.Errorf("counter = %+v", counter)
		}

		// A rerun of the day (a retry, another replica) writes nothing new;
		// one after a change updates the same row.
		seq = f.env.LastSeq(t)
		f.env.Clock.Advance(time.Hour)
		if res, err = f.env.Usage.Snapshot(sys); err != nil || res.Written != 0 || res.Unchanged != 1 {
			t.Errorf("rerun = %+v %v", res, err)
		}
		f.env.NoEventsSince(t, seq)
		f.container(t, "nc-cache", gb, f.service)
		if res, err = f.env.Usage.Snapshot(sys); err != nil || res.Written != 1 {
			t.Errorf("rerun after a change = %+v %v", res, err)
		}
		if n := f.env.DB.Client.UsageSnapshot.Query().CountX(sys); n != 1 {
			t.Errorf("%d snapshots after reruns, want the one", n)
		}
		if r := f.env.DB.Client.UsageSnapshot.Query().OnlyX(sys); r.StorageBytes != 6*gb {
			t.Errorf("rerun stored %d bytes, want 6 GB", r.StorageBytes)
		}

		// After three days without a run, the next measures the day before
		// it and makes nothing up for the days missed.
		f.env.Clock.Set(time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC))
		if res, err = f.env.Usage.Snapshot(sys); err != nil || res.Day != day("2026-03-17") {
			t.Errorf("after downtime = %+v %v", res, err)
		}
		days := f.env.DB.Client.UsageSnapshot.Query().Order(usagesnapshot.ByDay()).Select(usagesnapshot.FieldDay).StringsX(sys)
		if len(days) != 2 || days[0] != "2026-03-14" || days[1] != "2026-03-17" {
			t.Errorf("days = %v, want 2026-03-14 and 2026-03-17 only", days)
		}
	})
}

func TestReportingIsIdempotentByEventID(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		ctx := f.env.AsRole(t, "owner@example.com", authz.RoleOwner)
		sys := authz.System(t.Context())
		d13 := day("2026-03-13")
		batch := []usage.Event{
			{ID: "mail-1", Organization: f.org, Workspace: f.ws, Metric: usage.StorageBytes, Quantity: 4 * gb, Day: d13},
			{ID: "cdn-1", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 300, Day: d13},
			{ID: "cdn-2", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 200, Day: d13},
			// The latest storage report of a day counts.
			{ID: "mail-2", Organization: f.org, Workspace: f.ws, Metric: usage.StorageBytes, Quantity: 3 * gb, Day: d13},
		}
		res, err := f.env.Usage.Report(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Outcome != usage.Accepted {
				t.Errorf("first report: %+v", r)
			}
		}
		check := func(when string) {
			t.Helper()
			if n := f.env.DB.Client.UsageEvent.Query().CountX(sys); n != 4 {
				t.Errorf("%s: %d events, want 4", when, n)
			}
			ws := f.env.DB.Client.UsageSnapshot.Query().Where(usagesnapshot.WorkspaceID(f.ws)).OnlyX(sys)
			whole := f.env.DB.Client.UsageSnapshot.Query().Where(usagesnapshot.WorkspaceIDIsNil()).OnlyX(sys)
			if ws.Source != usagesnapshot.SourceREPORTED || ws.StorageBytes != 3*gb || whole.TrafficBytes != 500 || whole.StorageBytes != 0 {
				t.Errorf("%s: snapshots %+v %+v, want the latest storage (3 GB) and the summed traffic (500)", when, ws, whole)
			}
			c := f.env.DB.Client.UsageCounter.Query().Where(usagecounter.Month("2026-03")).OnlyX(sys)
			if c.TrafficBytes != 500 || c.PeakStorageBytes != 3*gb {
				t.Errorf("%s: counter %+v", when, c)
			}
		}
		check("first report")

		// The same batch again: every event a duplicate, nothing written,
		// nothing audited.
		seq := f.env.LastSeq(t)
		res, err = f.env.Usage.Report(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Outcome != usage.Duplicate {
				t.Errorf("report again: %+v", r)
			}
		}
		f.env.NoEventsSince(t, seq)
		check("reported again")

		// A used id with another payload is refused, and the batch with it.
		changed := batch[1]
		changed.Quantity = 999
		_, err = f.env.Usage.Report(ctx, []usage.Event{
			{ID: "cdn-3", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 1, Day: d13}, changed})
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		if e, _ := apierr.As(err); e == nil || !strings.Contains(e.Message, `"cdn-1"`) {
			t.Errorf("refusal %v does not name the event id", err)
		}
		check("refused")
		if f.env.DB.Client.UsageEvent.Query().Where(usageevent.EventID("cdn-3")).ExistX(sys) {
			t.Error("an event of a refused batch was kept")
		}
		// Within one batch too.
		_, err = f.env.Usage.Report(ctx, []usage.Event{
			{ID: "dup", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 1, Day: d13},
			{ID: "dup", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 2, Day: d13}})
		apptest.WantErr(t, err, apierr.ErrAlreadyExists)
		check("refused within a batch")
	})
}

func TestReportsAreRefusedAtTheirField(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		ctx := f.env.AsRole(t, "owner@example.com", authz.RoleOwner)
		other := f.env.Org(t, "Other")
		ows, err := f.env.Orgs.CreateWorkspace(authz.System(t.Context()), other.ID, "Elsewhere", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		ok := usage.Event{ID: "ok", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 1, Day: day("2026-03-14")}
		tests := []struct {
			name  string
			edit  func(e *usage.Event)
			want  error
			field string
		}{
			{"no id", func(e *usage.Event) { e.ID = "" }, apierr.ErrInvalidArgument, "events[1].event_id"},
			{"no metric", func(e *usage.Event) { e.Metric = "" }, apierr.ErrInvalidArgument, "events[1].metric"},
			{"negative", func(e *usage.Event) { e.Quantity = -1 }, apierr.ErrInvalidArgument, "events[1].quantity"},
			{"tomorrow", func(e *usage.Event) { e.Day = day("2026-03-15") }, apierr.ErrInvalidArgument, "events[1].day"},
			{"before the retention", func(e *usage.Event) { e.Day = day("2024-12-31") }, apierr.ErrInvalidArgument, "events[1].day"},
			{"another organization's workspace", func(e *usage.Event) { e.Workspace = ows.ID }, apierr.ErrInvalidArgument, "events[1].workspace_id"},
			{"unknown organization", func(e *usage.Event) { e.Organization = uuid.New() }, apierr.ErrNotFound, ""},
			{"first day kept", func(e *usage.Event) { e.Day = day("2025-01-01") }, nil, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := ok
				e.ID = "e-" + tt.name[:3]
				tt.edit(&e)
				first := ok
				first.ID = "first-" + tt.name[:3]
				_, err := f.env.Usage.Report(ctx, []usage.Event{first, e})
				apptest.WantErr(t, err, tt.want, tt.field)
			})
		}
	})
}

func TestStorageDaysSumsAnOrganizationsDays(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		sys := authz.System(t.Context())
		ctx := f.env.AsRole(t, "owner@example.com", authz.RoleOwner)
		f.container(t, "nc", 10*gb, f.service)
		// Measured on 2026-03-13 and 14; reported on 12 (before the
		// period), 13 and 14, for a workspace and the whole organization.
		for _, at := range []string{"2026-03-14", "2026-03-15"} {
			f.env.Clock.Set(day(at).Time().Add(5 * time.Minute))
			if _, err := f.env.Usage.Snapshot(sys); err != nil {
				t.Fatal(err)
			}
		}
		other := f.env.Org(t, "Other")
		if _, err := f.env.Usage.Report(ctx, []usage.Event{
			{ID: "a", Organization: f.org, Workspace: f.ws, Metric: usage.StorageBytes, Quantity: 2 * gb, Day: day("2026-03-12")},
			{ID: "b", Organization: f.org, Workspace: f.ws, Metric: usage.StorageBytes, Quantity: 2 * gb, Day: day("2026-03-13")},
			{ID: "c", Organization: f.org, Metric: usage.StorageBytes, Quantity: gb, Day: day("2026-03-14")},
			{ID: "d", Organization: f.org, Metric: usage.TrafficBytes, Quantity: 50 * gb, Day: day("2026-03-14")},
			{ID: "e", Organization: other.ID, Metric: usage.StorageBytes, Quantity: 99 * gb, Day: day("2026-03-14")},
		}); err != nil {
			t.Fatal(err)
		}
		// Both organizations at once, each over its own period: the
		// other's is one day long.
		got, err := usage.StorageDays(sys, f.env.DB.Client, map[uuid.UUID]calendar.Period{
			f.org:    {Start: day("2026-03-13"), End: day("2026-03-15")},
			other.ID: {Start: day("2026-03-14"), End: day("2026-03-15")},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []charges.Snapshot{{Day: day("2026-03-13"), Bytes: 12 * gb}, {Day: day("2026-03-14"), Bytes: 11 * gb}}
		if mine := got[f.org]; len(mine) != len(want) || mine[0] != want[0] || mine[1] != want[1] {
			t.Errorf("storage days = %+v, want %+v", mine, want)
		}
		if theirs := got[other.ID]; len(theirs) != 1 || theirs[0] != (charges.Snapshot{Day: day("2026-03-14"), Bytes: 99 * gb}) {
			t.Errorf("the other organization's storage days = %+v", theirs)
		}
		// A period without snapshots has none; days without one are left
		// out, not counted as empty.
		if got, err := usage.StorageDays(sys, f.env.DB.Client, map[uuid.UUID]calendar.Period{
			f.org: {Start: day("2026-02-01"), End: day("2026-03-01")}}); err != nil || len(got[f.org]) != 0 {
			t.Errorf("empty period = %+v %v", got, err)
		}
		s, err := f.env.Usage.Summary(ctx, f.org, day("2026-03-01"), day("2026-03-31"))
		if err != nil {
			t.Fatal(err)
		}
		if s.DaysMeasured != 3 || s.PeakStorageBytes != 12*gb || s.TrafficBytes != 50*gb || math.Abs(s.AverageStorageGB-25.0/3) > 1e-9 {
			t.Errorf("summary = %+v", s)
		}
		page, err := f.env.Usage.List(ctx, usage.Filter{Organization: f.org, From: day("2026-03-13"), PageSize: 2})
		if err != nil || len(page.Snapshots) != 2 || page.TotalSize != 4 || page.NextPageToken == "" || page.Snapshots[0].Day != day("2026-03-14") {
			t.Fatalf("first page = %+v %v", page, err)
		}
		seen := len(page.Snapshots)
		for page.NextPageToken != "" {
			if page, err = f.env.Usage.List(ctx, usage.Filter{Organization: f.org, From: day("2026-03-13"), PageSize: 2, PageToken: page.NextPageToken}); err != nil {
				t.Fatal(err)
			}
			seen += len(page.Snapshots)
		}
		if seen != 4 {
			t.Errorf("paged through %d snapshots, want 4", seen)
		}
	})
}

func TestCleanupKeepsTheLookBackAndTheResetKeepsHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		sys := authz.System(t.Context())
		ctx := f.env.AsRole(t, "owner@example.com", authz.RoleOwner)
		// Reports over the fourteen months before March 2026 and a few
		// days before them.
		var events []usage.Event
		for _, s := range []string{"2025-01-01", "2025-01-31", "2025-03-01", "2026-02-28", "2026-03-14"} {
			events = append(events, usage.Event{ID: "t-" + s, Organization: f.org, Metric: usage.TrafficBytes, Quantity: 10, Day: day(s)})
		}
		if _, err := f.env.Usage.Report(ctx, events); err != nil {
			t.Fatal(err)
		}
		months := f.env.DB.Client.UsageCounter.Query().CountX(sys)
		// A year later, on a Sunday at 03:00, everything before 2026-01-01
		// goes; the twelve months before March 2027 stay whole.
		f.env.Clock.Set(time.Date(2027, 3, 7, 3, 0, 0, 0, time.UTC))
		res, err := f.env.Usage.Cleanup(sys)
		if err != nil {
			t.Fatal(err)
		}
		if res.Before != day("2026-01-01") || res.Snapshots != 3 || res.Events != 3 {
			t.Errorf("cleanup = %+v, want 3 snapshots and 3 events before 2026-01-01", res)
		}
		days := f.env.DB.Client.UsageSnapshot.Query().Order(usagesnapshot.ByDay()).Select(usagesnapshot.FieldDay).StringsX(sys)
		if len(days) != 2 || days[0] != "2026-02-28" || days[1] != "2026-03-14" {
			t.Errorf("kept %v", days)
		}
		if n := f.env.DB.Client.UsageCounter.Query().CountX(sys); n != months {
			t.Errorf("%d counters after the clean-up, want all %d months kept", n, months)
		}
		// Again: nothing more to remove, nothing audited.
		seq := f.env.LastSeq(t)
		if res, err := f.env.Usage.Cleanup(sys); err != nil || res.Snapshots+res.Events != 0 {
			t.Errorf("second cleanup = %+v %v", res, err)
		}
		f.env.NoEventsSince(t, seq)

		// The monthly reset starts April's counters at zero and keeps
		// March's and every month's before.
		f.env.Clock.Set(time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC))
		r, err := f.env.Usage.MonthlyReset(sys)
		if err != nil {
			t.Fatal(err)
		}
		if r.Month != "2027-04" || r.Started != 1 || r.Kept != months {
			t.Errorf("reset = %+v, want one counter started and %d kept", r, months)
		}
		march := f.env.DB.Client.UsageCounter.Query().Where(usagecounter.Month("2026-03")).OnlyX(sys)
		april := f.env.DB.Client.UsageCounter.Query().Where(usagecounter.Month("2027-04")).OnlyX(sys)
		if march.TrafficBytes != 10 || april.TrafficBytes != 0 || april.PeakStorageBytes != 0 {
			t.Errorf("march %+v, april %+v", march, april)
		}
		if r, err := f.env.Usage.MonthlyReset(sys); err != nil || r.Started != 0 {
			t.Errorf("second reset = %+v %v", r, err)
		}
		if n := f.env.DB.Client.UsageCounter.Query().CountX(sys); n != months+1 {
			t.Errorf("%d counters, want %d", n, months+1)
		}
	})
}

// The nightly run reads and writes in batches: measuring five
// organizations costs the statements measuring one does.
func TestTheSnapshotCostsTheSameStatementsForAnyNumberOfOrganizations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		cost := func(orgs int) int64 {
			env := apptest.New(t, d)
			sys := authz.System(t.Context())
			for i := range orgs {
				o := env.Org(t, "Org "+string(rune('A'+i)))
				ws, err := env.Orgs.CreateWorkspace(sys, o.ID, "Production", nil, "")
				if err != nil {
					t.Fatal(err)
				}
				_, svc := env.BookedService(t, ws.ID, "Item "+string(rune('A'+i)))
				_, ctr := env.AssignedServer(t, "srv-"+string(rune('a'+i)), o.ID)
				if _, err := env.Services.LinkContainer(sys, svc, ctr, instance.Application, true); err != nil {
					t.Fatal(err)
				}
			}
			env.Clock.Set(time.Date(2026, 3, 15, 0, 5, 0, 0, time.UTC))
			start := env.Statements.Load()
			if res, err := env.Usage.Snapshot(sys); err != nil || res.Written != orgs {
				t.Fatalf("snapshot = %+v %v", res, err)
			}
			return env.Statements.Load() - start
		}
		if one, five := cost(1), cost(5); one != five {
			t.Errorf("the snapshot of one organization took %d statements, of five %d", one, five)
		}
	})
}

// A reset of the counters starts them at zero: the days up to the reset
// no longer count, not even a late report of one of them, and the days
// after it count again. The snapshots, which invoices charge from, keep
// every day.
func TestAResetCountsTheDaysAfterIt(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		ctx := authz.System(t.Context())
		org := env.Org(t, "Acme").ID
		today := calendar.On(env.Clock.Now(), time.UTC)
		n := 0
		report := func(day calendar.Date, traffic int64) {
			t.Helper()
			n++
			if _, err := env.Usage.Report(ctx, []usage.Event{{ID: "e" + string(rune('a'+n)), Organization: org,
				Metric: usage.TrafficBytes, Quantity: traffic, Day: day}}); err != nil {
				t.Fatal(err)
			}
		}
		counter := func() (int64, string) {
			t.Helper()
			c, err := env.DB.Client.UsageCounter.Query().Where(usagecounter.OrganizationID(org), usagecounter.Month(today.String()[:7])).Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return c.TrafficBytes, c.ResetDay
		}
		report(today.AddDays(-1), 7*gb)
		if _, err := env.Usage.ResetCounters(ctx, org, " "); err == nil {
			t.Error("a reset without a reason was taken")
		}
		r, err := env.Usage.ResetCounters(ctx, org, "Backup-Lauf, bereinigt")
		if err != nil || r.TrafficBefore != 7*gb || r.Day != today {
			t.Fatalf("reset = %+v %v", r, err)
		}
		if b, day := counter(); b != 0 || day != today.String() {
			t.Errorf("after the reset: %d bytes, reset day %q", b, day)
		}
		report(today, gb)
		if b, _ := counter(); b != 0 {
			t.Errorf("today's report after the reset counted: %d", b)
		}
		env.Clock.Advance(24 * time.Hour)
		report(today.AddDays(1), 2*gb)
		if b, _ := counter(); b != 2*gb {
			t.Errorf("the day after the reset: %d bytes, want 2 GB", b)
		}
		snaps, err := env.DB.Client.UsageSnapshot.Query().Where(usagesnapshot.OrganizationID(org)).All(ctx)
		if err != nil || len(snaps) != 3 {
			t.Errorf("snapshots = %d %v, want every day kept", len(snaps), err)
		}
	})
}
