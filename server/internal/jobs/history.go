package jobs

import (
	"bytes"
	"context"
	"fmt"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/jobrun"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Status is a job as the dashboard shows it.
type Status struct {
	Job     *Job
	NextRun time.Time
	// LastRun is the most recent attempt; nil when the job never ran.
	LastRun *RunRecord
	// Running is true while an attempt runs or a retry is pending.
	Running bool
	Week    Statistics
}

// Statistics sum up finished runs.
type Statistics struct {
	Runs, Succeeded, Failed int
	AverageDuration         time.Duration
}

// SuccessRate is Succeeded/Runs, 0 without runs.
func (s Statistics) SuccessRate() float64 {
	if s.Runs == 0 {
		return 0
	}
	return float64(s.Succeeded) / float64(s.Runs)
}

// StatsWindow is the period ListJobs sums up.
const StatsWindow = 7 * 24 * time.Hour

// Statuses returns every registered job with its last run and the
// statistics of the last 7 days, in two statements whatever the number of
// jobs.
func (r *Runner) Statuses(ctx context.Context) ([]Status, error) {
	if err := tenancy.LicenseeOnly(ctx, "the scheduled jobs"); err != nil {
		return nil, err
	}
	now := r.now()
	var stats []struct {
		Job       string  `json:"job"`
		Runs      int     `json:"runs"`
		Succeeded int     `json:"succeeded"`
		AvgUs     float64 `json:"avg_us"`
	}
	err := r.client.JobRun.Query().
		Where(jobrun.StartTimeGTE(now.Add(-StatsWindow)), jobrun.OutcomeNEQ(jobrun.OutcomeRUNNING)).
		GroupBy(jobrun.FieldJob).
		Aggregate(
			func(s *sql.Selector) string { return sql.As("COUNT(*)", "runs") },
			func(s *sql.Selector) string {
				return sql.As("SUM(CASE WHEN "+s.C(jobrun.FieldOutcome)+" = 'SUCCEEDED' THEN 1 ELSE 0 END)", "succeeded")
			},
			func(s *sql.Selector) string {
				return sql.As("COALESCE(AVG("+s.C(jobrun.FieldDurationUs)+"), 0)", "avg_us")
			},
		).Scan(ctx, &stats)
	if err != nil {
		return nil, fmt.Errorf("job statistics: %w", err)
	}
	last, err := r.client.JobRun.Query().Where(func(s *sql.Selector) {
		t := sql.Table(jobrun.Table).As("latest")
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("(" + s.C(jobrun.FieldJob) + ", " + s.C(jobrun.FieldStartTime) + ") IN (")
			b.Join(sql.Select(t.C(jobrun.FieldJob), sql.Max(t.C(jobrun.FieldStartTime))).From(t).GroupBy(t.C(jobrun.FieldJob)))
			b.WriteString(")")
		}))
	}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("last job runs: %w", err)
	}
	lastBy := map[string]*ent.JobRun{}
	for _, run := range last {
		// Two runs can start in the same microsecond; the later id (UUIDv7)
		// is the later run.
		if cur := lastBy[run.Job]; cur == nil || run.StartTime.After(cur.StartTime) ||
			(run.StartTime.Equal(cur.StartTime) && bytes.Compare(run.ID[:], cur.ID[:]) > 0) {
			lastBy[run.Job] = run
		}
	}
	out := make([]Status, 0, len(r.jobs))
	for i := range r.jobs {
		j := &r.jobs[i]
		last := lastBy[j.Name]
		st := Status{Job: j, NextRun: j.Schedule.Next(now), LastRun: recordOf(last)}
		st.Running = last != nil && inProgress(last, now)
		for _, s := range stats {
			if s.Job == j.Name {
				st.Week = Statistics{Runs: s.Runs, Succeeded: s.Succeeded, Failed: s.Runs - s.Succeeded,
					AverageDuration: time.Duration(s.AvgUs * float64(time.Microsecond))}
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// RunFilter narrows a list of runs; zero fields do not filter.
type RunFilter struct {
	Job     string
	Outcome Outcome
}

// ListRuns returns one page of runs, newest first.
func (r *Runner) ListRuns(ctx context.Context, f RunFilter, pageSize int32, pageToken string) ([]*RunRecord, string, error) {
	if err := tenancy.LicenseeOnly(ctx, "the scheduled jobs"); err != nil {
		return nil, "", err
	}
	fp := paging.Fingerprint("job-runs", f)
	var cursor uuid.UUID
	q := r.client.JobRun.Query()
	if ok, err := paging.Decode(pageToken, fp, &cursor); err != nil {
		return nil, "", err
	} else if ok {
		q.Where(jobrun.IDLT(cursor))
	}
	if f.Job != "" {
		if _, err := r.Job(f.Job); err != nil {
			return nil, "", apierr.Invalid("job_name", "job.unknown", "there is no job %q", f.Job)
		}
		q.Where(jobrun.Job(f.Job))
	}
	if f.Outcome != "" {
		q.Where(jobrun.OutcomeEQ(jobrun.Outcome(f.Outcome)))
	}
	size := paging.Size(pageSize)
	// Ids are UUIDv7, so their order is the order the runs started in.
	rows, err := q.Order(ent.Desc(jobrun.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list job runs: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.JobRun) any { return last.ID })
	out := make([]*RunRecord, len(rows))
	for i, row := range rows {
		out[i] = recordOf(row)
	}
	return out, next, nil
}

// GetRun returns one run.
func (r *Runner) GetRun(ctx context.Context, id uuid.UUID, display string) (*RunRecord, error) {
	// A scoped caller finds no run by id: the table is the platform's.
	run, err := r.client.JobRun.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("job run", display)
	}
	if err != nil {
		return nil, fmt.Errorf("get job run: %w", err)
	}
	return recordOf(run), nil
}

// Bucket sums up the finished runs that started in one span of time.
type Bucket struct {
	Start        time.Time
	Runs, Failed int
	Average, Max time.Duration
}

// History returns a job's finished runs in [start, end) grouped in SQL into
// buckets of an hour (ranges up to two days) or a day, every bucket of the
// range included.
func (r *Runner) History(ctx context.Context, name string, start, end time.Time) (time.Duration, []Bucket, error) {
	if err := tenancy.LicenseeOnly(ctx, "the scheduled jobs"); err != nil {
		return 0, nil, err
	}
	if _, err := r.Job(name); err != nil {
		return 0, nil, err
	}
	width := time.Hour
	if end.Sub(start) > 48*time.Hour {
		width = 24 * time.Hour
	}
	start = start.UTC().Truncate(width)
	end = end.UTC()
	var rows []struct {
		Bucket int64   `json:"bucket"`
		Runs   int     `json:"runs"`
		Failed int     `json:"failed"`
		AvgUs  float64 `json:"avg_us"`
		MaxUs  float64 `json:"max_us"`
	}
	secs := int64(width / time.Second)
	err := r.client.JobRun.Query().
		Where(jobrun.Job(name), jobrun.StartTimeGTE(start), jobrun.StartTimeLT(end), jobrun.OutcomeNEQ(jobrun.OutcomeRUNNING)).
		Modify(func(s *sql.Selector) {
			bucket := fmt.Sprintf("(%s / %d)", db.EpochSeconds(r.dialect, s.C(jobrun.FieldStartTime)), secs)
			s.Select(
				sql.As(bucket, "bucket"),
				sql.As("COUNT(*)", "runs"),
				sql.As("SUM(CASE WHEN "+s.C(jobrun.FieldOutcome)+" = 'SUCCEEDED' THEN 0 ELSE 1 END)", "failed"),
				sql.As("COALESCE(AVG("+s.C(jobrun.FieldDurationUs)+"), 0)", "avg_us"),
				sql.As("COALESCE(MAX("+s.C(jobrun.FieldDurationUs)+"), 0)", "max_us"),
			).GroupBy(bucket)
		}).Scan(ctx, &rows)
	if err != nil {
		return 0, nil, fmt.Errorf("job history: %w", err)
	}
	byStart := map[int64]int{}
	var out []Bucket
	for t := start; t.Before(end); t = t.Add(width) {
		byStart[t.Unix()/secs] = len(out)
		out = append(out, Bucket{Start: t})
	}
	for _, row := range rows {
		i, ok := byStart[row.Bucket]
		if !ok {
			continue
		}
		out[i].Runs, out[i].Failed = row.Runs, row.Failed
		out[i].Average = time.Duration(row.AvgUs * float64(time.Microsecond))
		out[i].Max = time.Duration(row.MaxUs * float64(time.Microsecond))
	}
	return width, out, nil
}
