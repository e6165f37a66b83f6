package api_test

import (
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestJobsDashboardShowsTriggeredRuns(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		for name, c := range map[string]adminv1connect.JobServiceClient{
			"connect": adminv1connect.NewJobServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewJobServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				ctx := t.Context()
				before := runsOf(t, c, "session-cleanup")
				tr, err := c.TriggerJob(ctx, connect.NewRequest(&adminv1.TriggerJobRequest{JobName: "session-cleanup", Reason: "after the incident"}))
				if err != nil {
					t.Fatal(err)
				}
				run := tr.Msg.GetJobRun()
				if run.GetOutcome() != adminv1.JobRunOutcome_JOB_RUN_OUTCOME_RUNNING || run.GetTrigger() != adminv1.JobTrigger_JOB_TRIGGER_MANUAL ||
					run.GetTriggeredByEmail() != "operator@example.com" || !strings.HasPrefix(run.GetId(), "run_") ||
					run.GetReason() != "after the incident" || run.GetRetryOfId() != "" {
					t.Errorf("TriggerJob = %v", run)
				}
				var got *adminv1.JobRun
				deadline := time.Now().Add(10 * time.Second)
				for got.GetOutcome() != adminv1.JobRunOutcome_JOB_RUN_OUTCOME_SUCCEEDED {
					if time.Now().After(deadline) {
						t.Fatalf("the run did not finish: %v", got)
					}
					res, err := c.GetJobRun(ctx, connect.NewRequest(&adminv1.GetJobRunRequest{Id: run.GetId()}))
					if err != nil {
						t.Fatal(err)
					}
					got = res.Msg.GetJobRun()
					time.Sleep(5 * time.Millisecond)
				}
				if !strings.Contains(got.GetSummary(), "expired sessions") || got.GetDuration() == nil || got.GetEndTime() == nil ||
					got.GetReason() != "after the incident" || got.GetTriggeredById() == "" {
					t.Errorf("finished run = %v", got)
				}
				if got.GetSummaryCode() != "sessions-removed" || got.GetSummaryParams()["sessions"] == "" {
					t.Errorf("summary code = %q %v, want sessions-removed with its values", got.GetSummaryCode(), got.GetSummaryParams())
				}
				if n := runsOf(t, c, "session-cleanup"); n != before+1 {
					t.Errorf("ListJobRuns shows %d runs, want %d", n, before+1)
				}

				list, err := c.ListJobs(ctx, connect.NewRequest(&adminv1.ListJobsRequest{}))
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, j := range list.Msg.GetJobs() {
					names = append(names, j.GetName())
					if j.GetName() != "session-cleanup" {
						continue
					}
					if j.GetLastRun().GetId() != run.GetId() || j.GetRunning() || j.GetSchedule() != "0 * * * *" ||
						!j.GetNextRunTime().AsTime().Equal(time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)) {
						t.Errorf("session-cleanup = last %s running %v schedule %q next %v", j.GetLastRun().GetId(), j.GetRunning(), j.GetSchedule(), j.GetNextRunTime().AsTime())
					}
					if st := j.GetLast_7Days(); int(st.GetRuns()) != before+1 || st.GetSuccessRate() != 1 {
						t.Errorf("7-day statistics = %v, want %d runs, all succeeded", st, before+1)
					}
				}
				if strings.Join(names, ",") != "session-cleanup,audit-verification,server-sync,metrics-cleanup,plan-transitions,usage-snapshot,usage-monthly-reset,usage-cleanup,service-decommission,billing-run,invoice-delivery,overdue-check,payment-events,payment-reconciliation,webhook-cleanup,dunning,dunning-delivery,trial-reverts,licence-expiry,referral-commissions,usage-reports-monthly,webhook-delivery,webhook-log-cleanup,storage-cleanup" {
					t.Errorf("jobs = %v", names)
				}

				// The run's day, in hourly buckets: it shows up in the 09:00 bucket
				// of the jobs' clock (the fake clock stands at 09:30).
				hist, err := c.GetJobHistory(ctx, connect.NewRequest(&adminv1.GetJobHistoryRequest{
					JobName:   "session-cleanup",
					StartTime: timestamppb.New(time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)),
					EndTime:   timestamppb.New(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)),
				}))
				if err != nil {
					t.Fatal(err)
				}
				bs := hist.Msg.GetBuckets()
				if len(bs) != 24 || hist.Msg.GetBucketWidth().AsDuration() != time.Hour {
					t.Fatalf("%d buckets of %s, want 24 of 1h", len(bs), hist.Msg.GetBucketWidth().AsDuration())
				}
				for i, b := range bs {
					want := 0
					if i == 9 {
						want = before + 1
					}
					if int(b.GetRuns()) != want || b.GetFailed() != 0 {
						t.Errorf("bucket %s: %d runs, %d failed; want %d, 0", b.GetStartTime().AsTime().Format("15:04"), b.GetRuns(), b.GetFailed(), want)
					}
				}
			})
		}
		n := len(env.Events(t, func(e audit.Entry) bool { return e.TargetType == "job" && e.Reason == "after the incident" }))
		if n != 2 {
			t.Errorf("%d audited triggers, want 2", n)
		}
	})
}

func runsOf(t *testing.T, c adminv1connect.JobServiceClient, job string) int {
	t.Helper()
	res, err := c.ListJobRuns(t.Context(), connect.NewRequest(&adminv1.ListJobRunsRequest{JobName: job, PageSize: 500}))
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Msg.GetJobRuns())
}

func TestJobRunsPageAndFilterByOutcome(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "dev@example.com", authz.RoleDeveloper)
		c := adminv1connect.NewJobServiceClient(hc, srv.URL)
		ctx := t.Context()
		at := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
		for i := range 7 {
			outcome := jobs.OutcomeSucceeded
			if i%3 == 0 {
				outcome = jobs.OutcomeFailed
			}
			start := at.Add(time.Duration(i) * time.Hour)
			end := start.Add(time.Duration(i+1) * time.Second)
			took := end.Sub(start)
			env.JobRun(t, jobs.RunRecord{Job: "session-cleanup", Trigger: jobs.TriggerSchedule, Attempt: 1,
				ScheduledTime: &start, StartTime: start, EndTime: &end, Duration: &took,
				Outcome: outcome, Error: map[bool]string{true: "provider timeout"}[outcome == jobs.OutcomeFailed]})
		}
		var all []*adminv1.JobRun
		token := ""
		for {
			res, err := c.ListJobRuns(ctx, connect.NewRequest(&adminv1.ListJobRunsRequest{PageSize: 3, PageToken: token}))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, res.Msg.GetJobRuns()...)
			if token = res.Msg.GetNextPageToken(); token == "" {
				break
			}
		}
		if len(all) != 7 || all[0].GetStartTime().AsTime().Before(all[6].GetStartTime().AsTime()) {
			t.Fatalf("paged through %d runs, want 7 newest first", len(all))
		}
		failed, err := c.ListJobRuns(ctx, connect.NewRequest(&adminv1.ListJobRunsRequest{Outcome: adminv1.JobRunOutcome_JOB_RUN_OUTCOME_FAILED}))
		if err != nil {
			t.Fatal(err)
		}
		if len(failed.Msg.GetJobRuns()) != 3 || failed.Msg.GetJobRuns()[0].GetError() != "provider timeout" {
			t.Errorf("failed runs = %v", failed.Msg.GetJobRuns())
		}
		// Two days of history come in hourly buckets; a week in daily ones.
		week, err := c.GetJobHistory(ctx, connect.NewRequest(&adminv1.GetJobHistoryRequest{JobName: "session-cleanup",
			StartTime: timestamppb.New(at.Add(-6 * 24 * time.Hour)), EndTime: timestamppb.New(at.Add(24 * time.Hour))}))
		if err != nil {
			t.Fatal(err)
		}
		last := week.Msg.GetBuckets()[len(week.Msg.GetBuckets())-1]
		if len(week.Msg.GetBuckets()) != 7 || last.GetRuns() != 7 || last.GetFailed() != 3 ||
			last.GetAverageDuration().AsDuration() != 4*time.Second || last.GetMaxDuration().AsDuration() != 7*time.Second {
			t.Errorf("last day = %v of %d buckets; want 7 runs, 3 failed, avg 4s, max 7s", last, len(week.Msg.GetBuckets()))
		}
		// A developer reads but cannot run.
		_, err = c.TriggerJob(ctx, connect.NewRequest(&adminv1.TriggerJobRequest{JobName: "session-cleanup"}))
		if connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("TriggerJob as developer = %v, want PermissionDenied", err)
		}
	})
}

func TestJobServiceRefusesBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "owner@example.com", authz.RoleOwner)
		c := adminv1connect.NewJobServiceClient(hc, srv.URL)
		ctx := t.Context()
		day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
		tests := []struct {
			name  string
			call  func() error
			code  connect.Code
			field string
		}{
			{"run id of another kind", func() error {
				_, err := c.GetJobRun(ctx, connect.NewRequest(&adminv1.GetJobRunRequest{Id: "org_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				return err
			}, connect.CodeInvalidArgument, "id"},
			{"unknown run", func() error {
				_, err := c.GetJobRun(ctx, connect.NewRequest(&adminv1.GetJobRunRequest{Id: "run_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
				return err
			}, connect.CodeNotFound, ""},
			{"unknown job to trigger", func() error {
				_, err := c.TriggerJob(ctx, connect.NewRequest(&adminv1.TriggerJobRequest{JobName: "billing"}))
				return err
			}, connect.CodeNotFound, ""},
			{"runs of an unknown job", func() error {
				_, err := c.ListJobRuns(ctx, connect.NewRequest(&adminv1.ListJobRunsRequest{JobName: "billing"}))
				return err
			}, connect.CodeInvalidArgument, "job_name"},
			{"history ending before it starts", func() error {
				_, err := c.GetJobHistory(ctx, connect.NewRequest(&adminv1.GetJobHistoryRequest{JobName: "session-cleanup",
					StartTime: timestamppb.New(day), EndTime: timestamppb.New(day.Add(-time.Hour))}))
				return err
			}, connect.CodeInvalidArgument, ""},
			{"history over more than 90 days", func() error {
				_, err := c.GetJobHistory(ctx, connect.NewRequest(&adminv1.GetJobHistoryRequest{JobName: "session-cleanup",
					StartTime: timestamppb.New(day.Add(-100 * 24 * time.Hour)), EndTime: timestamppb.New(day)}))
				return err
			}, connect.CodeInvalidArgument, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.call()
				if connect.CodeOf(err) != tt.code {
					t.Fatalf("got %v, want %s", err, tt.code)
				}
				if tt.field != "" {
					if _, ok := fieldsOf(err)[tt.field]; !ok {
						t.Errorf("violations %v do not name %s", fieldsOf(err), tt.field)
					}
				}
			})
		}
		if runs, _, _ := env.Jobs.ListRuns(authz.System(ctx), jobs.RunFilter{}, 500, ""); len(runs) != 0 {
			t.Errorf("bad input left %d runs", len(runs))
		}
	})
}

func TestFailedJobRunIsRetried(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		c := adminv1connect.NewJobServiceClient(hc, srv.URL)
		ctx := t.Context()
		start := time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)
		end := start.Add(time.Second)
		for i, o := range []jobs.Outcome{jobs.OutcomeFailed, jobs.OutcomeSucceeded} {
			at := start.Add(time.Duration(i) * time.Minute)
			env.JobRun(t, jobs.RunRecord{Job: "session-cleanup", Trigger: jobs.TriggerSchedule, Attempt: 4,
				ScheduledTime: &at, StartTime: at, EndTime: &end, Outcome: o, Error: map[bool]string{true: "database gone"}[o == jobs.OutcomeFailed]})
		}
		env.JobRun(t, jobs.RunRecord{Job: "server-sync", Trigger: jobs.TriggerSchedule, Attempt: 1,
			ScheduledTime: &start, StartTime: start, EndTime: &end, Outcome: jobs.OutcomeSucceeded})
		listed := func(job string, o adminv1.JobRunOutcome) []*adminv1.JobRun {
			t.Helper()
			res, err := c.ListJobRuns(ctx, connect.NewRequest(&adminv1.ListJobRunsRequest{JobName: job, Outcome: o}))
			if err != nil {
				t.Fatal(err)
			}
			return res.Msg.GetJobRuns()
		}
		// The runs of one job leave out the others'.
		if runs := listed("session-cleanup", 0); len(runs) != 2 || runs[0].GetJobName() != "session-cleanup" || runs[1].GetJobName() != "session-cleanup" {
			t.Errorf("runs of session-cleanup = %v", runs)
		}
		failed := listed("session-cleanup", adminv1.JobRunOutcome_JOB_RUN_OUTCOME_FAILED)[0]
		succeeded := listed("session-cleanup", adminv1.JobRunOutcome_JOB_RUN_OUTCOME_SUCCEEDED)[0]

		// A run that succeeded is not retried; neither is one of another kind.
		_, err := c.RetryJobRun(ctx, connect.NewRequest(&adminv1.RetryJobRunRequest{Id: succeeded.GetId()}))
		if connect.CodeOf(err) != connect.CodeFailedPrecondition {
			t.Errorf("retry of a run that succeeded = %v, want FailedPrecondition", err)
		}
		_, err = c.RetryJobRun(ctx, connect.NewRequest(&adminv1.RetryJobRunRequest{Id: "run_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
		if connect.CodeOf(err) != connect.CodeNotFound {
			t.Errorf("retry of an unknown run = %v, want NotFound", err)
		}
		_, err = c.RetryJobRun(ctx, connect.NewRequest(&adminv1.RetryJobRunRequest{Id: "org_01kaj5m8d0e6xv1ks8wq6a5j0p"}))
		if _, ok := fieldsOf(err)["id"]; connect.CodeOf(err) != connect.CodeInvalidArgument || !ok {
			t.Errorf("retry of an organization id = %v, want InvalidArgument at id", err)
		}

		res, err := c.RetryJobRun(ctx, connect.NewRequest(&adminv1.RetryJobRunRequest{Id: failed.GetId(), Reason: "database is back"}))
		if err != nil {
			t.Fatal(err)
		}
		run := res.Msg.GetJobRun()
		wantReason := "Retry of " + failed.GetId() + ": database is back"
		if run.GetId() == failed.GetId() || run.GetJobName() != "session-cleanup" || run.GetTrigger() != adminv1.JobTrigger_JOB_TRIGGER_MANUAL ||
			run.GetAttempt() != 1 || run.GetRetryOfId() != failed.GetId() || run.GetReason() != wantReason ||
			run.GetTriggeredByEmail() != "operator@example.com" || run.GetScheduledTime() != nil {
			t.Errorf("RetryJobRun = %v", run)
		}
		var got *adminv1.JobRun
		for deadline := time.Now().Add(10 * time.Second); got.GetOutcome() != adminv1.JobRunOutcome_JOB_RUN_OUTCOME_SUCCEEDED; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the retry did not finish: %v", got)
			}
			r, err := c.GetJobRun(ctx, connect.NewRequest(&adminv1.GetJobRunRequest{Id: run.GetId()}))
			if err != nil {
				t.Fatal(err)
			}
			got = r.Msg.GetJobRun()
		}
		if got.GetRetryOfId() != failed.GetId() || got.GetReason() != wantReason {
			t.Errorf("the finished retry = %v", got)
		}
		events := env.Events(t, func(e audit.Entry) bool { return e.TargetType == "job" && e.Reason == wantReason })
		if len(events) != 1 || events[0].TargetID != "session-cleanup" {
			t.Errorf("audited retries = %v, want one of session-cleanup", events)
		}
		// A retry without a reason still names the run.
		res, err = c.RetryJobRun(ctx, connect.NewRequest(&adminv1.RetryJobRunRequest{Id: failed.GetId()}))
		if err != nil {
			t.Fatal(err)
		}
		if r := res.Msg.GetJobRun().GetReason(); r != "Retry of "+failed.GetId() {
			t.Errorf("reason of a retry without one = %q", r)
		}

		// A developer reads runs but does not retry them.
		dev := apptest.HTTPClient(srv)
		env.SignIn(t, dev, srv.URL, "dev@example.com", authz.RoleDeveloper)
		_, err = adminv1connect.NewJobServiceClient(dev, srv.URL).RetryJobRun(ctx, connect.NewRequest(&adminv1.RetryJobRunRequest{Id: failed.GetId()}))
		if connect.CodeOf(err) != connect.CodePermissionDenied {
			t.Errorf("RetryJobRun as developer = %v, want PermissionDenied", err)
		}
	})
}
