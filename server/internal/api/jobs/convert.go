package jobs

import (
	"time"

	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	triggers = protoenum.ByName[jobs.Trigger, adminv1.JobTrigger](jobs.TriggerSchedule, jobs.TriggerCatchUp, jobs.TriggerManual)
	outcomes = protoenum.ByName[jobs.Outcome, adminv1.JobRunOutcome](
		jobs.OutcomeRunning, jobs.OutcomeSucceeded, jobs.OutcomeFailed, jobs.OutcomeInterrupted)
)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{triggers, outcomes} }

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

func toProtoRun(r *jobs.RunRecord) *adminv1.JobRun {
	out := &adminv1.JobRun{
		Id: ids.Format(ids.JobRun, r.ID), JobName: r.Job, Trigger: triggers.ToProto(r.Trigger),
		Attempt: int32(r.Attempt), StartTime: timestamppb.New(r.StartTime), Outcome: outcomes.ToProto(r.Outcome),
		Error: r.Error, Summary: r.Summary, SummaryCode: r.SummaryCode, SummaryParams: r.SummaryParams, TriggeredById: ids.FormatPtr(ids.User, r.TriggeredBy),
		TriggeredByEmail: r.TriggeredByEmail, Replica: r.Replica, Reason: r.Reason, RetryOfId: ids.FormatPtr(ids.JobRun, r.RetryOf),
		ScheduledTime: protoconv.Time(r.ScheduledTime), EndTime: protoconv.Time(r.EndTime), RetryTime: protoconv.Time(r.RetryTime),
	}
	if r.Duration != nil {
		out.Duration = durationpb.New(*r.Duration)
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
