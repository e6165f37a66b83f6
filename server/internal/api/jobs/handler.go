// Package jobs serves JobService.
package jobs

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/jobs"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.JobServiceHandler.
type Handler struct{ runner *jobs.Runner }

var _ adminv1connect.JobServiceHandler = (*Handler)(nil)

// New returns the JobService handler.
func New(r *jobs.Runner) *Handler { return &Handler{runner: r} }

// ListJobs implements JobService.ListJobs.
func (h *Handler) ListJobs(ctx context.Context, _ *connect.Request[adminv1.ListJobsRequest]) (*connect.Response[adminv1.ListJobsResponse], error) {
	st, err := h.runner.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListJobsResponse{}
	for _, s := range st {
		out.Jobs = append(out.Jobs, toProtoJob(s))
	}
	return connect.NewResponse(out), nil
}

// ListJobRuns implements JobService.ListJobRuns.
func (h *Handler) ListJobRuns(ctx context.Context, req *connect.Request[adminv1.ListJobRunsRequest]) (*connect.Response[adminv1.ListJobRunsResponse], error) {
	f := jobs.RunFilter{Job: req.Msg.GetJobName(), Outcome: outcomes.FromProto(req.Msg.GetOutcome())}
	runs, next, err := h.runner.ListRuns(ctx, f, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListJobRunsResponse{NextPageToken: next}
	for _, r := range runs {
		out.JobRuns = append(out.JobRuns, toProtoRun(r))
	}
	return connect.NewResponse(out), nil
}

// GetJobRun implements JobService.GetJobRun.
func (h *Handler) GetJobRun(ctx context.Context, req *connect.Request[adminv1.GetJobRunRequest]) (*connect.Response[adminv1.GetJobRunResponse], error) {
	id, err := ids.Parse(ids.JobRun, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	run, err := h.runner.GetRun(ctx, id, req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetJobRunResponse{JobRun: toProtoRun(run)}), nil
}

// GetJobHistory implements JobService.GetJobHistory.
func (h *Handler) GetJobHistory(ctx context.Context, req *connect.Request[adminv1.GetJobHistoryRequest]) (*connect.Response[adminv1.GetJobHistoryResponse], error) {
	width, buckets, err := h.runner.History(ctx, req.Msg.GetJobName(), req.Msg.GetStartTime().AsTime(), req.Msg.GetEndTime().AsTime())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(toProtoHistory(width, buckets)), nil
}

// TriggerJob implements JobService.TriggerJob.
func (h *Handler) TriggerJob(ctx context.Context, req *connect.Request[adminv1.TriggerJobRequest]) (*connect.Response[adminv1.TriggerJobResponse], error) {
	run, err := h.runner.Trigger(ctx, req.Msg.GetJobName(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.TriggerJobResponse{JobRun: toProtoRun(run)}), nil
}

// RetryJobRun implements JobService.RetryJobRun.
func (h *Handler) RetryJobRun(ctx context.Context, req *connect.Request[adminv1.RetryJobRunRequest]) (*connect.Response[adminv1.RetryJobRunResponse], error) {
	id, err := ids.Parse(ids.JobRun, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	run, err := h.runner.Retry(ctx, id, req.Msg.GetId(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RetryJobRunResponse{JobRun: toProtoRun(run)}), nil
}
