package jobs

import (
	"time"

	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

func toProtoJob(s jobs.Status) *adminv1.Job {
	j := &adminv1.Job{
		Name: s.Job.Name, Title: s.Job.Title, Description: s.Job.Description,
		Schedule: s.Job.Schedule.String(), CatchUp: s.Job.CatchUp,
		NextRunTime: timestamppb.New(s.NextRun), Running: s.Running,
		Last_7Days: &adminv1.JobStatistics{
			Runs: int32(s.Week.Runs), Succeeded: int32(s.Week.Succeeded), Failed: int32(s.Week.Failed),
			SuccessRate: s.Week.SuccessRate(), AverageDuration: durationpb.New(s.Week.AverageDuration),
		},
	}
	if s.LastRun != nil {
		j.LastRun = toProtoRun(s.LastRun)
	}
	return j
}

func toProtoRun(r *ent.JobRun) *adminv1.JobRun {
	out := &adminv1.JobRun{
		Id: ids.Format(ids.JobRun, r.ID), JobName: r.Job, Trigger: triggerToProto(jobs.Trigger(r.Trigger)),
		Attempt: int32(r.Attempt), StartTime: timestamppb.New(r.StartTime), Outcome: outcomeToProto(jobs.Outcome(r.Outcome)),
		Error: r.Error, Summary: r.Summary, TriggeredById: ids.FormatPtr(ids.User, r.TriggeredBy),
		TriggeredByEmail: r.TriggeredByEmail, Replica: r.Replica,
	}
	if r.ScheduledTime != nil {
		out.ScheduledTime = timestamppb.New(*r.ScheduledTime)
	}
	if r.EndTime != nil {
		out.EndTime = timestamppb.New(*r.EndTime)
	}
	if r.DurationUs != nil {
		out.Duration = durationpb.New(time.Duration(*r.DurationUs) * time.Microsecond)
	}
	if r.RetryTime != nil {
		out.RetryTime = timestamppb.New(*r.RetryTime)
	}
	return out
}

func toProtoHistory(width time.Duration, buckets []jobs.Bucket) *adminv1.GetJobHistoryResponse {
	out := &adminv1.GetJobHistoryResponse{BucketWidth: durationpb.New(width)}
	for _, b := range buckets {
		out.Buckets = append(out.Buckets, &adminv1.JobHistoryBucket{
			StartTime: timestamppb.New(b.Start), Runs: int32(b.Runs), Failed: int32(b.Failed),
			AverageDuration: durationpb.New(b.Average), MaxDuration: durationpb.New(b.Max),
		})
	}
	return out
}

func triggerToProto(t jobs.Trigger) adminv1.JobTrigger {
	switch t {
	case jobs.TriggerSchedule:
		return adminv1.JobTrigger_JOB_TRIGGER_SCHEDULE
	case jobs.TriggerCatchUp:
		return adminv1.JobTrigger_JOB_TRIGGER_CATCH_UP
	case jobs.TriggerManual:
		return adminv1.JobTrigger_JOB_TRIGGER_MANUAL
	}
	return adminv1.JobTrigger_JOB_TRIGGER_UNSPECIFIED
}

var outcomes = map[jobs.Outcome]adminv1.JobRunOutcome{
	jobs.OutcomeRunning:     adminv1.JobRunOutcome_JOB_RUN_OUTCOME_RUNNING,
	jobs.OutcomeSucceeded:   adminv1.JobRunOutcome_JOB_RUN_OUTCOME_SUCCEEDED,
	jobs.OutcomeFailed:      adminv1.JobRunOutcome_JOB_RUN_OUTCOME_FAILED,
	jobs.OutcomeInterrupted: adminv1.JobRunOutcome_JOB_RUN_OUTCOME_INTERRUPTED,
}

func outcomeToProto(o jobs.Outcome) adminv1.JobRunOutcome { return outcomes[o] }

func outcomeFromProto(o adminv1.JobRunOutcome) jobs.Outcome {
	for k, v := range outcomes {
		if v == o {
			return k
		}
	}
	return ""
}
