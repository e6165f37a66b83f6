package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jonboulle/clockwork"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/jobrun"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// start is where every test's clock begins: just after a full hour.
var start = time.Date(2026, 11, 21, 9, 59, 0, 0, time.UTC)

// cluster is one database with any number of replicas on it, each with its
// own connection pool, as separate server processes would have.
type cluster struct {
	t      *testing.T
	d      testdb.Dialect
	driver string
	dsn    string
	first  *db.DB
	// local is the lock of the single SQLite process all replicas share.
	local *jobs.LocalLocker
}

func newCluster(t *testing.T, d testdb.Dialect) *cluster {
	t.Helper()
	driver, dsn := testdb.New(t, d)
	c := &cluster{t: t, d: d, driver: driver, dsn: dsn, local: jobs.NewLocalLocker()}
	c.first = c.open()
	if err := c.first.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *cluster) open() *db.DB {
	c.t.Helper()
	conn, err := db.OpenDSN(context.Background(), c.driver, c.dsn, db.Options{})
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { conn.Close() })
	return conn
}

// replica is one server's job engine.
type replica struct {
	*jobs.Runner
	db    *db.DB
	clock *clockwork.FakeClock
}

// replica starts a runner named name on its own pool, with its own fake
// clock at now, running js.
func (c *cluster) replica(name string, now time.Time, js []jobs.Job) *replica {
	c.t.Helper()
	conn := c.open()
	var locker jobs.Locker = c.local
	if conn.Dialect == dialect.Postgres {
		locker = jobs.PostgresLocker{DB: conn.SQL, KeepAlive: 20 * time.Millisecond}
	}
	fake := clockwork.NewFakeClockAt(now)
	logger := slog.New(slog.NewTextHandler(testWriter{c.t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	r, err := jobs.NewRunner(jobs.Options{
		Client: conn.Client, Dialect: conn.Dialect, Clock: fake, Locker: locker, Logger: logger, Replica: name,
		Audit:   audit.NewWriter(conn.Client, clock.NewManual(now), logger, make([]byte, 32)),
		Backoff: 10 * time.Second,
	}, js)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(r.Close)
	return &replica{Runner: r, db: conn, clock: fake}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

// idle reports whether nobody holds job's lock.
func (c *cluster) idle(job string) bool {
	c.t.Helper()
	if c.d == testdb.Postgres {
		var n int
		if err := c.first.SQL.QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'`).Scan(&n); err != nil {
			c.t.Fatal(err)
		}
		return n == 0
	}
	l, ok, _ := c.local.TryLock(context.Background(), job)
	if ok {
		l.Unlock()
	}
	return ok
}

// runs returns the recorded runs of job, oldest first.
func (c *cluster) runs(job string) []*ent.JobRun {
	c.t.Helper()
	rs, err := c.first.Client.JobRun.Query().Where(jobrun.Job(job)).
		Order(ent.Asc(jobrun.FieldStartTime), ent.Asc(jobrun.FieldAttempt)).All(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	return rs
}

// eventually polls cond until it holds, failing the test after 10 s. It
// waits for work in other goroutines to finish, not for a schedule: the
// clocks only move when a test advances them.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// counter is a job that counts its calls.
func counter(name, schedule string, calls *atomic.Int32) jobs.Job {
	return jobs.Job{
		Name: name, Title: name, Schedule: jobs.MustSchedule(schedule), CatchUp: true,
		Run: func(context.Context, jobs.Run) (jobs.Summary, error) {
			n := calls.Add(1)
			return jobs.Summary{Text: fmt.Sprintf("call %d", n)}, nil
		},
	}
}

func TestRunSlotRunsOnceAmongConcurrentReplicas(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		c := newCluster(t, d)
		var calls atomic.Int32
		job := counter("tick", "0 * * * *", &calls)
		slot := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
		var replicas []*replica
		for i := range 3 {
			replicas = append(replicas, c.replica(fmt.Sprintf("r%d", i), slot, []jobs.Job{job}))
		}
		// Each replica's timer fires at the slot; some start at once,
		// others only after the first has finished.
		var wg sync.WaitGroup
		for round := range 2 {
			for _, r := range replicas {
				wg.Add(1)
				go func() {
					defer wg.Done()
					j, _ := r.Job("tick")
					if _, err := r.RunSlot(authz.System(context.Background()), j, jobs.TriggerSchedule, slot); err != nil {
						t.Errorf("round %d: %v", round, err)
					}
				}()
			}
			wg.Wait()
		}
		if calls.Load() != 1 {
			t.Errorf("the job ran %d times for one slot, want 1", calls.Load())
		}
		runs := c.runs("tick")
		if len(runs) != 1 || runs[0].Outcome != jobrun.OutcomeSUCCEEDED || !runs[0].ScheduledTime.Equal(slot) {
			t.Fatalf("runs = %v, want one succeeded run for %s", runs, slot)
		}
	})
}

func TestThreeSchedulersRunEachScheduledTimeOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		c := newCluster(t, d)
		var calls atomic.Int32
		job := counter("tick", "0 * * * *", &calls)
		var replicas []*replica
		var schedulers []*jobs.Scheduler
		for i := range 3 {
			r := c.replica(fmt.Sprintf("r%d", i), start, []jobs.Job{job})
			s, err := r.Start(authz.System(t.Context()))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Shutdown() })
			replicas = append(replicas, r)
			schedulers = append(schedulers, s)
		}
		const hours = 5
		for h := 1; h <= hours; h++ {
			slot := time.Date(2026, 11, 21, 9+h, 0, 0, 0, time.UTC)
			for i, s := range schedulers {
				// Every replica is done with the last slot (the losers may
				// still be looking whether it got done) and has armed this one.
				eventually(t, fmt.Sprintf("replica %d has armed %s", i, slot), func() bool {
					if s.Firing() != 0 {
						return false
					}
					next, ok := s.NextRun("tick")
					return ok && next.Equal(slot)
				})
			}
			for _, r := range replicas {
				r.clock.Advance(slot.Sub(r.clock.Now()))
			}
			eventually(t, fmt.Sprintf("%s is recorded and its lock released", slot), func() bool {
				runs := c.runs("tick")
				return len(runs) == h && runs[h-1].Outcome == jobrun.OutcomeSUCCEEDED && c.idle("tick")
			})
		}
		runs := c.runs("tick")
		seen := map[time.Time]bool{}
		for i, run := range runs {
			want := time.Date(2026, 11, 21, 10+i, 0, 0, 0, time.UTC)
			if !run.ScheduledTime.Equal(want) || run.Trigger != jobrun.TriggerSCHEDULE || seen[want] {
				t.Errorf("run %d: slot %v trigger %s, want %v SCHEDULE once", i, run.ScheduledTime, run.Trigger, want)
			}
			seen[want] = true
		}
		if calls.Load() != hours {
			t.Errorf("the job ran %d times in %d scheduled hours", calls.Load(), hours)
		}
	})
}

func TestAnotherReplicaTakesOverWhenTheLockHolderLosesItsConnection(t *testing.T) {
	requirePostgres := func(t *testing.T, d testdb.Dialect) bool {
		if d != testdb.Postgres {
			t.Skip("a lost connection releasing the lock is Postgres behaviour; SQLite runs in one process")
			return false
		}
		return true
	}
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		if !requirePostgres(t, d) {
			return
		}
		t.Parallel()
		c := newCluster(t, d)
		started := make(chan struct{})
		var calls atomic.Int32
		job := jobs.Job{
			Name: "slow", Title: "Slow", Schedule: jobs.MustSchedule("0 * * * *"), CatchUp: true,
			Run: func(ctx context.Context, run jobs.Run) (jobs.Summary, error) {
				if calls.Add(1) == 1 {
					close(started)
					<-ctx.Done() // the first attempt hangs until it loses its lock
					return jobs.Summary{}, ctx.Err()
				}
				return jobs.Summary{Text: fmt.Sprintf("attempt %d done", run.Attempt)}, nil
			},
		}
		slot := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
		a := c.replica("a", slot, []jobs.Job{job})
		b := c.replica("b", slot.Add(time.Minute), []jobs.Job{job})
		ja, _ := a.Job("slow")
		doneA := make(chan struct{})
		go func() {
			defer close(doneA)
			a.RunSlot(authz.System(context.Background()), ja, jobs.TriggerSchedule, slot) //nolint:errcheck
		}()
		<-started

		// B cannot take the job while A holds the lock.
		if n, err := b.Recover(t.Context()); err != nil || n != 0 {
			t.Fatalf("Recover while A runs = %d, %v; want 0", n, err)
		}
		// Cut A's lock connection, as a network failure or a dead replica would.
		var terminated bool
		err := c.first.SQL.QueryRowContext(t.Context(),
			`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted LIMIT 1`).Scan(&terminated)
		if err != nil || !terminated {
			t.Fatalf("terminate the lock holder: %v, %v", terminated, err)
		}
		// A notices, stops its run and leaves the record to the next holder.
		select {
		case <-doneA:
		case <-time.After(10 * time.Second):
			t.Fatal("A did not stop after losing its lock")
		}
		n, err := b.Recover(t.Context())
		if err != nil || n != 1 {
			t.Fatalf("Recover after A died = %d, %v; want 1", n, err)
		}
		eventually(t, "B has run the slot again", func() bool {
			runs := c.runs("slow")
			return len(runs) == 2 && runs[1].Outcome == jobrun.OutcomeSUCCEEDED
		})
		runs := c.runs("slow")
		if runs[0].Outcome != jobrun.OutcomeINTERRUPTED || runs[0].Replica != "a" || runs[0].Attempt != 1 {
			t.Errorf("A's run = %s attempt %d on %s, want INTERRUPTED attempt 1 on a", runs[0].Outcome, runs[0].Attempt, runs[0].Replica)
		}
		if runs[1].Replica != "b" || runs[1].Attempt != 2 || !runs[1].ScheduledTime.Equal(slot) || runs[1].Summary != "attempt 2 done" {
			t.Errorf("B's run = attempt %d of %v on %s (%q), want attempt 2 of %v on b", runs[1].Attempt, runs[1].ScheduledTime, runs[1].Replica, runs[1].Summary, slot)
		}
	})
}

func TestFailedRunsAreRetriedWithBackoff(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		tests := []struct {
			name string
			// errs are the results of consecutive attempts.
			errs         []error
			wantOutcomes []jobrun.Outcome
		}{
			{"succeeds on the third attempt", []error{errors.New("provider timeout"), errors.New("provider timeout"), nil},
				[]jobrun.Outcome{jobrun.OutcomeFAILED, jobrun.OutcomeFAILED, jobrun.OutcomeSUCCEEDED}},
			{"permanent error is not retried", []error{jobs.Permanent(errors.New("settings incomplete"))},
				[]jobrun.Outcome{jobrun.OutcomeFAILED}},
			{"gives up after three retries", []error{errors.New("a"), errors.New("b"), errors.New("c"), errors.New("d"), nil},
				[]jobrun.Outcome{jobrun.OutcomeFAILED, jobrun.OutcomeFAILED, jobrun.OutcomeFAILED, jobrun.OutcomeFAILED}},
		}
		c := newCluster(t, d)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				name := fmt.Sprintf("flaky-%d", i)
				var calls atomic.Int32
				job := jobs.Job{Name: name, Title: name, Schedule: jobs.MustSchedule("0 * * * *"),
					Run: func(context.Context, jobs.Run) (jobs.Summary, error) {
						return jobs.Summary{}, tt.errs[calls.Add(1)-1]
					}}
				r := c.replica("r", start, []jobs.Job{job})
				j, _ := r.Job(name)
				done := make(chan struct{})
				go func() {
					defer close(done)
					r.RunSlot(authz.System(context.Background()), j, jobs.TriggerSchedule, start) //nolint:errcheck
				}()
				// Whenever the run waits for its retry, move the clock there.
				waiting, stop := context.WithCancel(t.Context())
				go func() { <-done; stop() }()
				for r.clock.BlockUntilContext(waiting, 1) == nil {
					r.clock.Advance(2 * time.Minute)
				}
				stop()
				runs := c.runs(name)
				if len(runs) != len(tt.wantOutcomes) {
					t.Fatalf("%d attempts, want %d", len(runs), len(tt.wantOutcomes))
				}
				for k, run := range runs {
					if run.Outcome != tt.wantOutcomes[k] || run.Attempt != k+1 {
						t.Errorf("attempt %d: %s, want %s", run.Attempt, run.Outcome, tt.wantOutcomes[k])
					}
					last := k == len(runs)-1
					if (run.RetryTime != nil) == last {
						t.Errorf("attempt %d: retry time %v, want one on every failed attempt but the last", run.Attempt, run.RetryTime)
					}
					if run.RetryTime != nil {
						// 10 s doubled per attempt, ±25 %.
						wait := run.RetryTime.Sub(*run.EndTime)
						base := 10 * time.Second << (run.Attempt - 1)
						if wait < base*3/4 || wait > base*5/4 {
							t.Errorf("attempt %d: retry after %s, want %s ±25%%", run.Attempt, wait, base)
						}
					}
				}
				if tt.errs[0] != nil && runs[0].Error != tt.errs[0].Error() {
					t.Errorf("error = %q, want %q", runs[0].Error, tt.errs[0])
				}
			})
		}
	})
}

func TestACrashedRunIsMarkedInterruptedOnTheNextStart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		c := newCluster(t, d)
		slot := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
		// What a replica that died mid-run leaves behind: a scheduled run and
		// a manual one, both still marked running.
		ctx := t.Context()
		c.first.Client.JobRun.Create().SetJob("tick").SetTrigger(jobrun.TriggerSCHEDULE).SetAttempt(1).
			SetScheduledTime(slot).SetStartTime(slot).SetOutcome(jobrun.OutcomeRUNNING).SetReplica("dead:1").ExecX(ctx)
		c.first.Client.JobRun.Create().SetJob("report").SetTrigger(jobrun.TriggerMANUAL).SetAttempt(1).
			SetStartTime(slot).SetOutcome(jobrun.OutcomeRUNNING).SetReplica("dead:1").ExecX(ctx)

		var ticks, reports atomic.Int32
		r := c.replica("new", start, []jobs.Job{counter("tick", "0 * * * *", &ticks), counter("report", "0 3 * * *", &reports)})
		s, err := r.Start(authz.System(ctx))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Shutdown()
		eventually(t, "the scheduled run is taken over", func() bool {
			runs := c.runs("tick")
			return len(runs) == 2 && runs[1].Outcome == jobrun.OutcomeSUCCEEDED
		})
		tick := c.runs("tick")
		if tick[0].Outcome != jobrun.OutcomeINTERRUPTED || tick[0].EndTime == nil || tick[0].Error == "" {
			t.Errorf("crashed run = %s (end %v, %q), want INTERRUPTED with an end and a reason", tick[0].Outcome, tick[0].EndTime, tick[0].Error)
		}
		if tick[1].Attempt != 2 || !tick[1].ScheduledTime.Equal(slot) {
			t.Errorf("take-over = attempt %d for %v, want attempt 2 for %v", tick[1].Attempt, tick[1].ScheduledTime, slot)
		}
		report := c.runs("report")
		if len(report) != 1 || report[0].Outcome != jobrun.OutcomeINTERRUPTED || reports.Load() != 0 {
			t.Errorf("crashed manual run: %d runs, outcome %s, %d calls; want it marked interrupted and not rerun", len(report), report[0].Outcome, reports.Load())
		}
	})
}

func TestMissedRunsAreMadeUpOnceAfterDowntime(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		c := newCluster(t, d)
		// The job's work comes from the state: every item due by now that
		// is not done yet. It records which items each call did.
		var mu sync.Mutex
		var due []time.Time
		done := map[time.Time]int{}
		for h := range 8 {
			due = append(due, start.Add(time.Duration(h)*time.Hour+30*time.Minute))
		}
		job := jobs.Job{Name: "settle", Title: "Settle", Schedule: jobs.MustSchedule("0 * * * *"), CatchUp: true,
			Run: func(_ context.Context, run jobs.Run) (jobs.Summary, error) {
				mu.Lock()
				defer mu.Unlock()
				n := 0
				for _, t := range due {
					if !t.After(run.Now) && done[t] == 0 {
						done[t]++
						n++
					}
				}
				return jobs.Summary{Text: fmt.Sprintf("settled %d", n)}, nil
			}}

		// First server: runs at 10:00, then goes down.
		r1 := c.replica("first", start, []jobs.Job{job})
		s1, err := r1.Start(authz.System(t.Context()))
		if err != nil {
			t.Fatal(err)
		}
		r1.clock.BlockUntilContext(t.Context(), 2) //nolint:errcheck
		r1.clock.Advance(time.Minute)
		eventually(t, "the 10:00 run", func() bool { return len(c.runs("settle")) == 1 && c.runs("settle")[0].EndTime != nil })
		s1.Shutdown()

		// Nobody runs the job at 11:00, 12:00, 13:00 and 14:00. A server
		// starting at 14:20 makes them up in one catch-up run for 14:00.
		back := time.Date(2026, 11, 21, 14, 20, 0, 0, time.UTC)
		r2 := c.replica("second", back, []jobs.Job{job})
		s2, err := r2.Start(authz.System(t.Context()))
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Shutdown()
		eventually(t, "the catch-up run", func() bool { return len(c.runs("settle")) == 2 && c.runs("settle")[1].EndTime != nil })
		// And the schedule goes on at 15:00.
		eventually(t, "the catch-up run's lock is released", func() bool { return c.idle("settle") })
		r2.clock.BlockUntilContext(t.Context(), 2) //nolint:errcheck
		r2.clock.Advance(40 * time.Minute)
		eventually(t, "the 15:00 run", func() bool { return len(c.runs("settle")) == 3 && c.runs("settle")[2].EndTime != nil })

		runs := c.runs("settle")
		want := []struct {
			trigger jobrun.Trigger
			slot    string
			summary string
		}{
			{jobrun.TriggerSCHEDULE, "10:00", "settled 0"},
			{jobrun.TriggerCATCH_UP, "14:00", "settled 4"}, // 10:30 … 13:30, each once
			{jobrun.TriggerSCHEDULE, "15:00", "settled 1"}, // 14:30
		}
		for i, w := range want {
			if runs[i].Trigger != w.trigger || runs[i].ScheduledTime.Format("15:04") != w.slot || runs[i].Summary != w.summary {
				t.Errorf("run %d = %s %s %q, want %s %s %q", i, runs[i].Trigger, runs[i].ScheduledTime.Format("15:04"), runs[i].Summary, w.trigger, w.slot, w.summary)
			}
		}
		for item, n := range done {
			if n != 1 {
				t.Errorf("item due %s done %d times", item.Format("15:04"), n)
			}
		}
	})
}

func TestTriggerIsAuditedAndRefusedWhileRunning(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		c := newCluster(t, d)
		release := make(chan struct{})
		job := jobs.Job{Name: "report", Title: "Monthly Report", Schedule: jobs.MustSchedule("0 3 * * *"),
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				<-release
				return jobs.Summary{Text: "reported"}, nil
			}}
		a := c.replica("a", start, []jobs.Job{job})
		b := c.replica("b", start, []jobs.Job{job})
		ctx := authz.System(t.Context())
		run, err := a.Trigger(ctx, "report", "month-end check")
		if err != nil || run.Outcome != jobs.OutcomeRunning || run.Trigger != jobs.TriggerManual {
			t.Fatalf("Trigger = %v, %v", run, err)
		}
		for _, r := range []*replica{a, b} {
			_, err := r.Trigger(ctx, "report", "again")
			var ae *apierr.Error
			if !errors.As(err, &ae) || !errors.Is(err, apierr.ErrFailedPrecondition) {
				t.Fatalf("second Trigger = %v, want FailedPrecondition", err)
			}
		}
		if _, err := a.Trigger(ctx, "no-such-job", ""); !errors.Is(err, apierr.ErrNotFound) {
			t.Errorf("Trigger(unknown) = %v, want NotFound", err)
		}
		close(release)
		eventually(t, "the run finishes", func() bool { return c.runs("report")[0].Outcome == jobrun.OutcomeSUCCEEDED })
		if got := c.runs("report"); len(got) != 1 || got[0].Summary != "reported" {
			t.Errorf("runs = %v", got)
		}
		ev, err := c.first.Client.AuditEvent.Query().Order(ent.Desc("sequence")).First(t.Context())
		if err != nil || ev.TargetType != "job" || ev.TargetID != "report" || ev.Reason != "month-end check" {
			t.Errorf("audit event = %+v, %v", ev, err)
		}
		// Free again as soon as the run is recorded as finished.
		if _, err := b.Trigger(ctx, "report", ""); err != nil {
			t.Errorf("Trigger after the run = %v", err)
		}
	})
}

// A run's summary keeps its code and values only when the job declares
// that code with those values: clients word summaries by code and have
// texts only for declared ones. Anything else stays English-only.
func TestASummaryKeepsItsCodeOnlyWhenTheJobDeclaresIt(t *testing.T) {
	tidied := jobs.SummaryCode{Code: "rows-tidied", Params: []string{"rows"}}
	tests := []struct {
		name     string
		report   jobs.Summary
		wantCode string
	}{
		{"declared", tidied.Of("tidied 3 rows", map[string]string{"rows": "3"}), "rows-tidied"},
		{"undeclared code", jobs.Summary{Code: "rows-swept", Params: map[string]string{"rows": "3"}, Text: "swept 3 rows"}, ""},
		{"missing value", tidied.Of("tidied rows", map[string]string{}), ""},
		{"extra value", tidied.Of("tidied 3 rows", map[string]string{"rows": "3", "tables": "1"}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newCluster(t, testdb.SQLite)
			job := jobs.Job{Name: "tidy", Title: "Tidy", Schedule: jobs.MustSchedule("0 * * * *"), Summaries: []jobs.SummaryCode{tidied},
				Run: func(context.Context, jobs.Run) (jobs.Summary, error) { return tt.report, nil }}
			r := c.replica("r", start, []jobs.Job{job})
			run, err := r.RunNow(authz.System(t.Context()), "tidy")
			if err != nil || run.Outcome != jobs.OutcomeSucceeded {
				t.Fatalf("RunNow = %v, %v", run, err)
			}
			if run.Summary != tt.report.Text || run.SummaryCode != tt.wantCode {
				t.Errorf("summary = %q (code %q), want %q (code %q)", run.Summary, run.SummaryCode, tt.report.Text, tt.wantCode)
			}
			if tt.wantCode != "" && run.SummaryParams["rows"] != "3" {
				t.Errorf("summary params = %v, want rows=3", run.SummaryParams)
			}
			if tt.wantCode == "" && len(run.SummaryParams) != 0 {
				t.Errorf("summary params = %v kept without their code", run.SummaryParams)
			}
		})
	}
}

// What a run changes is audited as the job's work, named after the job:
// a run has no request whose procedure would name it.
func TestARunsChangesAreAuditedAsTheJob(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		c := newCluster(t, d)
		w := audit.NewWriter(c.first.Client, clock.NewManual(start), slog.New(slog.DiscardHandler), make([]byte, 32))
		job := jobs.Job{Name: "tidy-up", Title: "Tidy Up", Schedule: jobs.MustSchedule("0 3 * * *"),
			Run: func(ctx context.Context, _ jobs.Run) (jobs.Summary, error) {
				return jobs.Summary{Text: "tidied"}, w.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
					log.Record(audit.Event{TargetType: "thing", TargetID: "t1", After: map[string]bool{"tidy": true}})
					return nil
				})
			}}
		r := c.replica("a", start, []jobs.Job{job})
		if run, err := r.RunNow(authz.System(t.Context()), "tidy-up"); err != nil || run.Outcome != jobs.OutcomeSucceeded {
			t.Fatalf("RunNow = %+v, %v", run, err)
		}
		ev, err := c.first.Client.AuditEvent.Query().Order(ent.Desc("sequence")).First(t.Context())
		if err != nil || ev.Action != "job.tidy_up" || ev.TargetID != "t1" || ev.ActorID != nil {
			t.Errorf("audit event = %+v, %v, want action job.tidy_up by the system", ev, err)
		}
	})
}
