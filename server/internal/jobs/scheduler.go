package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
)

// Scheduler runs the registered jobs on their schedules with gocron. Every
// replica that runs jobs starts one; the runner's locks and run records make
// each scheduled time run once among them.
type Scheduler struct {
	runner *Runner
	cron   gocron.Scheduler
	cancel context.CancelFunc
	// firing counts scheduled starts still under way on this replica,
	// including those that found another replica on the job and are
	// waiting to see the slot done.
	firing atomic.Int32
}

// RecoverEvery is how often a scheduler looks for runs whose replica died.
const RecoverEvery = time.Minute

// Start recovers runs interrupted by a crash, makes up missed runs, and
// starts the timers. Stop it with Shutdown.
func (r *Runner) Start(ctx context.Context) (*Scheduler, error) {
	ctx, cancel := context.WithCancel(ctx)
	s := &Scheduler{runner: r, cancel: cancel}
	cron, err := gocron.NewScheduler(
		gocron.WithClock(r.clock),
		gocron.WithLocation(time.UTC),
		gocron.WithLogger(gocronLogger{r.logger}),
		gocron.WithStopTimeout(30*time.Second),
	)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	s.cron = cron
	for i := range r.jobs {
		j := &r.jobs[i]
		_, err := cron.NewJob(
			gocron.CronJob(j.Schedule.String(), false),
			gocron.NewTask(func(ctx context.Context) { s.fire(ctx, j) }),
			gocron.WithName(j.Name),
			gocron.WithCronImplementation(j.Schedule),
			gocron.WithContext(ctx),
			// A run that is still going (or waiting to retry) when its next
			// time comes is not started twice; that slot is skipped.
			gocron.WithSingletonMode(gocron.LimitModeReschedule),
		)
		if err != nil {
			cancel()
			return nil, fmt.Errorf("jobs: schedule %s: %w", j.Name, err)
		}
	}
	_, err = cron.NewJob(gocron.DurationJob(RecoverEvery),
		gocron.NewTask(func(ctx context.Context) {
			if _, err := r.Recover(ctx); err != nil && ctx.Err() == nil {
				r.logger.Error("jobs: recover interrupted runs", "err", err)
			}
		}),
		gocron.WithName("recover-interrupted-runs"),
		gocron.WithContext(ctx),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
	)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if _, err := r.Recover(ctx); err != nil {
		cancel()
		return nil, err
	}
	if err := r.CatchUp(ctx); err != nil {
		cancel()
		return nil, err
	}
	cron.Start()
	return s, nil
}

// fire is what gocron calls at a scheduled time: it runs the slot that time
// belongs to, which another replica may already have taken.
func (s *Scheduler) fire(ctx context.Context, j *Job) {
	s.firing.Add(1)
	defer s.firing.Add(-1)
	r := s.runner
	slot := j.Schedule.Prev(r.now())
	if _, err := r.RunSlot(ctx, j, TriggerSchedule, slot); err != nil && ctx.Err() == nil {
		r.logger.Error("job: scheduled run", "job", j.Name, "slot", slot, "err", err)
	}
}

// NextRun returns when gocron will next start the named job on this replica.
// gocron keeps a slot that fired in its list until that run completes (or,
// for a run it skipped because the previous one was still busy, until a
// later one does), so the first slot after now is the next run.
func (s *Scheduler) NextRun(name string) (time.Time, bool) {
	now := s.runner.clock.Now()
	for _, j := range s.cron.Jobs() {
		if j.Name() != name {
			continue
		}
		runs, err := j.NextRuns(3)
		if err != nil {
			return time.Time{}, false
		}
		for _, t := range runs {
			if t.After(now) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// Firing reports how many scheduled starts are under way on this replica.
func (s *Scheduler) Firing() int { return int(s.firing.Load()) }

// Shutdown stops the timers and interrupts running jobs, waiting up to 30
// seconds for them to record how they ended.
func (s *Scheduler) Shutdown() error {
	s.cancel()
	return s.cron.Shutdown()
}

type gocronLogger struct{ l *slog.Logger }

func (g gocronLogger) Debug(msg string, args ...any) { g.l.Debug("gocron: "+msg, args...) }
func (g gocronLogger) Info(msg string, args ...any)  { g.l.Debug("gocron: "+msg, args...) }
func (g gocronLogger) Warn(msg string, args ...any)  { g.l.Warn("gocron: "+msg, args...) }
func (g gocronLogger) Error(msg string, args ...any) { g.l.Error("gocron: "+msg, args...) }
