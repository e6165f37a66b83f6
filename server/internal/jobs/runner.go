package jobs

import (
	"context"
	"fmt"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"log/slog"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jonboulle/clockwork"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/jobrun"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Runner runs jobs: under their lock, with retries, recording every
// attempt. Every replica has one, whether or not it runs the schedule, so
// any replica can serve TriggerJob.
type Runner struct {
	client  *ent.Client
	dialect string
	audit   *audit.Writer
	clock   clockwork.Clock
	locker  Locker
	logger  *slog.Logger
	replica string
	jobs    []Job
	byName  map[string]*Job
	backoff time.Duration
	metrics *metrics

	// base is the context of runs that outlive the request that started
	// them (TriggerJob); cancelled by Close.
	base   context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Options configure a Runner.
type Options struct {
	Client *ent.Client
	// Dialect is the database's (dialect.Postgres or dialect.SQLite).
	Dialect string
	Audit   *audit.Writer
	Clock   clockwork.Clock
	Locker  Locker
	Logger  *slog.Logger
	// Replica names this process in the run history (default host:pid).
	Replica string
	// Backoff is the wait before the first retry; it doubles with each
	// further one, with up to ±25 % jitter (default 10 s).
	Backoff time.Duration
}

// NewRunner returns a Runner for jobs.
func NewRunner(o Options, jobs []Job) (*Runner, error) {
	if o.Clock == nil {
		o.Clock = clockwork.NewRealClock()
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Replica == "" {
		host, _ := os.Hostname()
		o.Replica = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if o.Backoff <= 0 {
		o.Backoff = 10 * time.Second
	}
	r := &Runner{
		client: o.Client, dialect: o.Dialect, audit: o.Audit, clock: o.Clock, locker: o.Locker, logger: o.Logger,
		replica: o.Replica, jobs: jobs, byName: map[string]*Job{}, backoff: o.Backoff,
		metrics: newMetrics(),
	}
	for i := range jobs {
		j := &jobs[i]
		if j.Name == "" || j.Run == nil || j.Schedule.spec == nil {
			return nil, fmt.Errorf("jobs: %q needs a name, a schedule and a function", j.Name)
		}
		if r.byName[j.Name] != nil {
			return nil, fmt.Errorf("jobs: %q registered twice", j.Name)
		}
		r.byName[j.Name] = j
	}
	r.base, r.cancel = context.WithCancel(authz.System(context.Background()))
	return r, nil
}

// Jobs returns the registered jobs in registration order.
func (r *Runner) Jobs() []Job { return r.jobs }

// Job returns the job named name, or NotFound.
func (r *Runner) Job(name string) (*Job, error) {
	j := r.byName[name]
	if j == nil {
		return nil, apierr.NotFound("job", name)
	}
	return j, nil
}

// Close interrupts the runs this runner started and waits for them to
// record how they ended.
func (r *Runner) Close() {
	r.cancel()
	r.wg.Wait()
}

// now is the engine's time in UTC at the precision both databases keep.
func (r *Runner) now() time.Time { return r.clock.Now().UTC().Truncate(time.Microsecond) }

// lockPoll is how often a replica that found a job's lock taken looks
// again whether its slot got done.
const lockPoll = 250 * time.Millisecond

// RunSlot runs job j for a scheduled slot, unless another replica runs or
// already ran that slot. It returns when the run and its retries are over;
// ran says whether this call did the run.
//
// A taken lock does not mean the slot is handled: the holder may be
// finishing an earlier slot that outlasted its time. So a replica that
// finds the lock taken keeps looking until the slot is recorded, it gets
// the lock itself, or the job's next slot is due.
func (r *Runner) RunSlot(ctx context.Context, j *Job, trigger Trigger, slot time.Time) (ran bool, err error) {
	for {
		lock, ok, err := r.locker.TryLock(ctx, j.Name)
		if err != nil {
			return false, err
		}
		done, err := r.client.JobRun.Query().Where(jobrun.Job(j.Name), jobrun.ScheduledTime(slot)).Exist(ctx)
		if err != nil {
			if ok {
				lock.Unlock()
			}
			return false, fmt.Errorf("job %s: %w", j.Name, err)
		}
		if ok {
			// Under the lock the answer cannot change: only the holder
			// writes run records of the job.
			defer lock.Unlock()
			if done {
				return false, nil
			}
			r.attempts(ctx, lock, j, nil, newAttempt{trigger: trigger, slot: &slot, attempt: 1})
			return true, nil
		}
		if done || !r.now().Before(j.Schedule.Next(slot)) {
			return false, nil
		}
		select {
		case <-ctx.Done():
			return false, nil
		case <-time.After(lockPoll + rand.N(lockPoll)):
		}
	}
}

// newAttempt describes the next run record to write.
type newAttempt struct {
	trigger Trigger
	slot    *time.Time
	attempt int
	by      authz.Actor
	// reason and retryOf are kept with a run a person started.
	reason  string
	retryOf *uuid.UUID
}

// Trigger starts a manual run of the named job and returns its record while
// it runs on. It is refused while the job is running anywhere. The run
// record, with the reason and who started it, and the audit event are
// written in one transaction.
func (r *Runner) Trigger(ctx context.Context, name, reason string) (*RunRecord, error) {
	if err := tenancy.LicenseeOnly(ctx, "the scheduled jobs"); err != nil {
		return nil, err
	}
	return r.startManual(ctx, name, newAttempt{reason: reason}, nil)
}

// Retry starts the job of a failed or interrupted run again, as a manual
// run that names the run it retries. Its reason refers to that run (display
// is the run's id as the caller wrote it), followed by the caller's reason.
// It is refused for a run that did not fail and while the job is running.
func (r *Runner) Retry(ctx context.Context, id uuid.UUID, display, reason string) (*RunRecord, error) {
	// A scoped caller finds no run by id: the table is the platform's.
	failed, err := r.client.JobRun.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("job run", display)
	}
	if err != nil {
		return nil, fmt.Errorf("get job run: %w", err)
	}
	if err := tenancy.LicenseeOnly(ctx, "the scheduled jobs"); err != nil {
		return nil, err
	}
	if failed.Outcome != jobrun.OutcomeFAILED && failed.Outcome != jobrun.OutcomeINTERRUPTED {
		return nil, apierr.FailedPrecondition("run %s %s; only a failed or interrupted run can be retried",
			display, map[jobrun.Outcome]string{jobrun.OutcomeRUNNING: "is still running", jobrun.OutcomeSUCCEEDED: "succeeded"}[failed.Outcome])
	}
	text := "Retry of " + display
	if reason != "" {
		text += ": " + reason
	}
	return r.startManual(ctx, failed.Job, newAttempt{reason: text, retryOf: &failed.ID}, map[string]any{"retry_of": display})
}

// startManual takes the named job's lock, records a manual run (a) with its
// audit event, and runs it on in the background; extra goes into the
// event's after state.
func (r *Runner) startManual(ctx context.Context, name string, a newAttempt, extra map[string]any) (*RunRecord, error) {
	j, lock, err := r.lockManual(ctx, name)
	if err != nil {
		return nil, err
	}
	a.trigger, a.attempt, a.by = TriggerManual, 1, authz.ActorOf(ctx)
	var run *ent.JobRun
	err = r.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var err error
		run, err = r.insert(ctx, tx.Client(), j, a)
		if err != nil {
			return err
		}
		after := map[string]any{"job": j.Name, "run": run.ID, "trigger": TriggerManual}
		for k, v := range extra {
			after[k] = v
		}
		log.Record(audit.Event{TargetType: "job", TargetID: j.Name, Reason: a.reason, After: after})
		return nil
	})
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer lock.Unlock()
		r.attempts(r.base, lock, j, run, newAttempt{})
	}()
	return recordOf(run), nil
}

// RunNow runs the named job at once and waits for it: the command line's
// `leitstand jobs run`. It returns the last attempt's record.
func (r *Runner) RunNow(ctx context.Context, name string) (*RunRecord, error) {
	j, lock, err := r.lockManual(ctx, name)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	run := r.attempts(ctx, lock, j, nil, newAttempt{trigger: TriggerManual, attempt: 1, by: authz.ActorOf(ctx)})
	if run == nil {
		return nil, fmt.Errorf("job %s: the run could not be recorded (see the log)", j.Name)
	}
	return recordOf(run), nil
}

// lockManual finds the named job and takes its lock for a manual run;
// FailedPrecondition while the job runs.
func (r *Runner) lockManual(ctx context.Context, name string) (*Job, Lock, error) {
	j, err := r.Job(name)
	if err != nil {
		return nil, nil, err
	}
	lock, ok, err := r.lockSettled(ctx, j)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, r.busy(ctx, j)
	}
	return j, lock, nil
}

// lockSettled takes the job's lock for a manual run. A run records its
// outcome just before it lets go of the lock, so for a moment a finished
// run still holds it; a person who starts the job right then waits that
// moment out instead of being told it is running.
func (r *Runner) lockSettled(ctx context.Context, j *Job) (Lock, bool, error) {
	for range 20 {
		lock, ok, err := r.locker.TryLock(ctx, j.Name)
		if err != nil || ok {
			return lock, ok, err
		}
		last, err := r.latest(ctx, j.Name)
		if err != nil {
			return nil, false, err
		}
		if last == nil || inProgress(last, r.now()) {
			return nil, false, nil // really running, or another replica's scheduled start
		}
		select {
		case <-ctx.Done():
			return nil, false, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
	return nil, false, nil
}

// busy explains that a job is running, naming the run when it is recorded.
func (r *Runner) busy(ctx context.Context, j *Job) error {
	if run, err := r.latest(ctx, j.Name); err == nil && run != nil && inProgress(run, r.now()) {
		return apierr.FailedPrecondition("%s is already running (attempt %d, started %s UTC on %s); try again when it has finished",
			j.Title, run.Attempt, run.StartTime.UTC().Format("2006-01-02 15:04:05"), run.Replica)
	}
	return apierr.FailedPrecondition("%s is already running; try again when it has finished", j.Title)
}

// latest returns the job's most recent attempt, nil when it never ran.
func (r *Runner) latest(ctx context.Context, job string) (*ent.JobRun, error) {
	run, err := r.client.JobRun.Query().Where(jobrun.Job(job)).
		Order(ent.Desc(jobrun.FieldStartTime), ent.Desc(jobrun.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("job %s: %w", job, err)
	}
	return run, nil
}

// inProgress reports whether a job whose latest attempt is run is busy: the
// attempt runs, or it failed and its retry is due (a retry more than a
// minute overdue never came: the server running it stopped).
func inProgress(run *ent.JobRun, now time.Time) bool {
	return run.Outcome == jobrun.OutcomeRUNNING || (run.RetryTime != nil && run.RetryTime.After(now.Add(-time.Minute)))
}

// attempts runs j until an attempt succeeds, fails permanently, or the
// attempts are used up, recording each. first is an already written record
// of the first attempt, or nil to write one from next.
func (r *Runner) attempts(ctx context.Context, lock Lock, j *Job, first *ent.JobRun, next newAttempt) *ent.JobRun {
	run := first
	for {
		if run == nil {
			var err error
			run, err = r.insert(ctx, r.client, j, next)
			if err != nil {
				r.logger.ErrorContext(ctx, "job: record run", "job", j.Name, "err", err)
				return nil
			}
		}
		summary, err, lost := r.call(ctx, lock, j, run)
		switch {
		case lost:
			// The record stays "running": whoever holds the lock next marks
			// it interrupted and takes the slot over (Recover). Writing it
			// here could race with that replica.
			r.logger.Warn("job: lost its lock; leaving the run to another replica", "job", j.Name, "run", run.ID)
			return run
		case err == nil:
			return r.finish(run, OutcomeSucceeded, summary, "", nil)
		case ctx.Err() != nil:
			return r.finish(run, OutcomeInterrupted, summary, "interrupted: the server is shutting down ("+err.Error()+")", nil)
		case IsPermanent(err) || run.Attempt >= MaxAttempts:
			return r.finish(run, OutcomeFailed, summary, err.Error(), nil)
		}
		wait := r.wait(run.Attempt)
		retry := r.now().Add(wait)
		r.finish(run, OutcomeFailed, summary, err.Error(), &retry)
		select {
		case <-r.clock.After(wait):
		case <-ctx.Done():
			return run
		case <-lock.Lost():
			return run
		}
		next = newAttempt{trigger: Trigger(run.Trigger), slot: run.ScheduledTime, attempt: run.Attempt + 1, by: actorOf(run),
			reason: run.Reason, retryOf: run.RetryOf}
		run = nil
	}
}

// wait is the pause before attempt n+1: the backoff doubled n-1 times, with
// ±25 % jitter so replicas and jobs do not retry in step.
func (r *Runner) wait(n int) time.Duration {
	d := r.backoff << (n - 1)
	return d - d/4 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// call runs the job function once. Its context ends when ctx does or the
// lock is lost; a panic becomes an error.
func (r *Runner) call(ctx context.Context, lock Lock, j *Job, run *ent.JobRun) (summary Summary, err error, lost bool) {
	jctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-lock.Lost():
			cancel()
		case <-jctx.Done():
		}
	}()
	func() {
		defer func() {
			if p := recover(); p != nil {
				r.logger.Error("job panicked", "job", j.Name, "panic", p, "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		slot := time.Time{}
		if run.ScheduledTime != nil {
			slot = *run.ScheduledTime
		}
		// The run's changes are audited as the job's work.
		summary, err = j.Run(audit.WithAction(authz.System(jctx), audit.JobAction(j.Name)), Run{Trigger: Trigger(run.Trigger), Slot: slot, Attempt: run.Attempt, Now: run.StartTime})
	}()
	if summary.Code != "" && !j.declares(summary) {
		// Clients could not word it: keep the English, drop the code, and
		// say so where the developer who added it looks.
		r.logger.Error("job reported a summary it does not declare", "job", j.Name, "code", summary.Code, "params", summary.Params)
		summary.Code, summary.Params = "", nil
	}
	// Lost is closed for good once the lock is gone.
	select {
	case <-lock.Lost():
		lost = true
	default:
	}
	return summary, err, lost
}

// insert writes the record of an attempt that starts now.
func (r *Runner) insert(ctx context.Context, c *ent.Client, j *Job, a newAttempt) (*ent.JobRun, error) {
	q := c.JobRun.Create().
		SetJob(j.Name).SetTrigger(jobrun.Trigger(a.trigger)).SetAttempt(a.attempt).
		SetNillableScheduledTime(a.slot).SetStartTime(r.now()).
		SetOutcome(jobrun.OutcomeRUNNING).SetReplica(r.replica).
		SetReason(a.reason).SetNillableRetryOf(a.retryOf)
	if a.by.ID != nil {
		q.SetTriggeredBy(*a.by.ID).SetTriggeredByEmail(a.by.Email)
	}
	run, err := q.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("record run of %s: %w", j.Name, err)
	}
	return run, nil
}

// finish records how an attempt ended. It only changes a record still marked
// running: one that a replica has meanwhile marked interrupted stays so. The
// write outlives a cancelled context, so a shutdown still records it.
func (r *Runner) finish(run *ent.JobRun, o Outcome, summary Summary, errText string, retry *time.Time) *ent.JobRun {
	got, _ := r.record(run, o, summary, errText, retry)
	return got
}

// record is finish that also says whether the record was still running and
// so was changed.
func (r *Runner) record(run *ent.JobRun, o Outcome, summary Summary, errText string, retry *time.Time) (*ent.JobRun, bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.base), 10*time.Second)
	defer cancel()
	end := r.now()
	text := summary.Text
	if len(text) > 1000 {
		text = text[:997] + "…"
	}
	n, err := r.client.JobRun.Update().
		Where(jobrun.ID(run.ID), jobrun.OutcomeEQ(jobrun.OutcomeRUNNING)).
		SetOutcome(jobrun.Outcome(o)).SetEndTime(end).SetDurationUs(end.Sub(run.StartTime).Microseconds()).
		SetSummary(text).SetSummaryCode(summary.Code).SetSummaryParams(summary.Params).
		SetError(errText).SetNillableRetryTime(retry).
		Save(ctx)
	if err != nil {
		r.logger.Error("job: record outcome", "job", run.Job, "run", run.ID, "outcome", o, "err", err)
		return run, false
	}
	if n == 0 {
		return run, false
	}
	r.metrics.observe(run.Job, o, end.Sub(run.StartTime), end)
	level := slog.LevelInfo
	if o != OutcomeSucceeded {
		level = slog.LevelWarn
	}
	r.logger.Log(ctx, level, "job run", "job", run.Job, "attempt", run.Attempt, "trigger", run.Trigger, "outcome", o,
		"duration", end.Sub(run.StartTime), "summary", text, "err", errText)
	if got, err := r.client.JobRun.Get(ctx, run.ID); err == nil {
		return got, true
	}
	return run, true
}

// actorOf is who started run: a retry is attributed to them too.
func actorOf(run *ent.JobRun) authz.Actor {
	return authz.Actor{ID: run.TriggeredBy, Email: run.TriggeredByEmail}
}

// Recover finds runs recorded as running whose job lock nobody holds — the
// replica running them died — and marks them interrupted. An interrupted
// scheduled run counts as a failed attempt: while attempts remain, this
// replica takes the job over and runs the slot again. It returns how many
// runs it marked.
func (r *Runner) Recover(ctx context.Context) (int, error) {
	running, err := r.client.JobRun.Query().Where(jobrun.OutcomeEQ(jobrun.OutcomeRUNNING)).
		Order(ent.Asc(jobrun.FieldStartTime)).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("find running jobs: %w", err)
	}
	byJob := map[string][]*ent.JobRun{}
	var names []string
	for _, run := range running {
		if byJob[run.Job] == nil {
			names = append(names, run.Job)
		}
		byJob[run.Job] = append(byJob[run.Job], run)
	}
	marked := 0
	for _, name := range names {
		lock, ok, err := r.locker.TryLock(ctx, name)
		if err != nil {
			return marked, err
		}
		if !ok {
			continue // its run is alive, here or elsewhere
		}
		var last *ent.JobRun
		for _, run := range byJob[name] {
			// The run may have ended between the query and the lock.
			if _, changed := r.record(run, OutcomeInterrupted, Summary{}, "interrupted: the server running it ("+run.Replica+") stopped before it finished", nil); changed {
				marked++
				last = run
			}
		}
		j := r.byName[name]
		if j == nil || last == nil || last.ScheduledTime == nil || last.Attempt >= MaxAttempts {
			lock.Unlock()
			continue
		}
		r.logger.InfoContext(ctx, "job: taking over an interrupted run", "job", name, "slot", *last.ScheduledTime, "attempt", last.Attempt+1)
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			defer lock.Unlock()
			r.attempts(r.base, lock, j, nil, newAttempt{trigger: Trigger(last.Trigger), slot: last.ScheduledTime, attempt: last.Attempt + 1})
		}()
	}
	return marked, nil
}

// CatchUp starts, for each catch-up job that has run before, a run for the
// latest slot it missed while no server was up. Because such a job derives
// its work from the database, that one run makes up for all missed slots.
func (r *Runner) CatchUp(ctx context.Context) error {
	now := r.now()
	for i := range r.jobs {
		j := &r.jobs[i]
		if !j.CatchUp {
			continue
		}
		last, err := r.client.JobRun.Query().
			Where(jobrun.Job(j.Name), jobrun.ScheduledTimeNotNil()).
			Order(ent.Desc(jobrun.FieldScheduledTime)).First(ctx)
		if ent.IsNotFound(err) {
			continue // never ran: nothing to make up
		}
		if err != nil {
			return fmt.Errorf("catch up %s: %w", j.Name, err)
		}
		slot := j.Schedule.Prev(now)
		if slot.IsZero() || !slot.After(*last.ScheduledTime) {
			continue
		}
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			if _, err := r.RunSlot(r.base, j, TriggerCatchUp, slot); err != nil {
				r.logger.Error("job: catch up", "job", j.Name, "err", err)
			}
		}()
	}
	return nil
}
