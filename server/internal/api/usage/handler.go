// Package usage serves UsageService.
package usage

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/usage"
)

// Handler implements adminv1connect.UsageServiceHandler.
type Handler struct{ usage *usage.Service }

var _ adminv1connect.UsageServiceHandler = (*Handler)(nil)

// New returns the UsageService handler.
func New(s *usage.Service) *Handler { return &Handler{usage: s} }

// ReportUsage implements UsageService.ReportUsage.
func (h *Handler) ReportUsage(ctx context.Context, req *connect.Request[adminv1.ReportUsageRequest]) (*connect.Response[adminv1.ReportUsageResponse], error) {
	events := make([]usage.Event, len(req.Msg.GetEvents()))
	for i, e := range req.Msg.GetEvents() {
		var err error
		if events[i], err = fromProtoEvent(e, i); err != nil {
			return nil, err
		}
	}
	results, err := h.usage.Report(ctx, events)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ReportUsageResponse{}
	for _, r := range results {
		out.Results = append(out.Results, &adminv1.ReportedUsageEvent{EventId: r.EventID,
			OrganizationId: ids.Format(ids.Organization, r.Organization), Outcome: outcomes.ToProto(r.Outcome)})
	}
	return connect.NewResponse(out), nil
}

// ListUsageSnapshots implements UsageService.ListUsageSnapshots.
func (h *Handler) ListUsageSnapshots(ctx context.Context, req *connect.Request[adminv1.ListUsageSnapshotsRequest]) (*connect.Response[adminv1.ListUsageSnapshotsResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	f := usage.Filter{Organization: org, PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
	if f.Workspace, err = optionalID(ids.Workspace, "workspace_id", m.GetWorkspaceId()); err != nil {
		return nil, err
	}
	if f.From, err = day("from_day", m.GetFromDay(), true); err != nil {
		return nil, err
	}
	if f.To, err = day("to_day", m.GetToDay(), true); err != nil {
		return nil, err
	}
	page, err := h.usage.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListUsageSnapshotsResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, s := range page.Snapshots {
		out.Snapshots = append(out.Snapshots, toProtoSnapshot(s))
	}
	return connect.NewResponse(out), nil
}

// GetUsageSummary implements UsageService.GetUsageSummary.
func (h *Handler) GetUsageSummary(ctx context.Context, req *connect.Request[adminv1.GetUsageSummaryRequest]) (*connect.Response[adminv1.GetUsageSummaryResponse], error) {
	m := req.Msg
	org, err := ids.Parse(ids.Organization, "organization_id", m.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	from, err := day("from_day", m.GetFromDay(), false)
	if err != nil {
		return nil, err
	}
	to, err := day("to_day", m.GetToDay(), false)
	if err != nil {
		return nil, err
	}
	s, err := h.usage.Summary(ctx, org, from, to)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetUsageSummaryResponse{AverageStorageGb: s.AverageStorageGB,
		DaysMeasured: int32(s.DaysMeasured), PeakStorageBytes: s.PeakStorageBytes, TrafficBytes: s.TrafficBytes}), nil
}
