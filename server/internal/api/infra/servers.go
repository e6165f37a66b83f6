// Package infra serves ServerService, ConnectionService and
// ContainerService.
package infra

import (
	"context"
	"strings"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Servers implements adminv1connect.ServerServiceHandler.
type Servers struct{ svc *infra.Service }

var _ adminv1connect.ServerServiceHandler = (*Servers)(nil)

// NewServers returns the ServerService handler.
func NewServers(s *infra.Service) *Servers { return &Servers{svc: s} }

// ListServers implements ServerService.ListServers.
func (h *Servers) ListServers(ctx context.Context, req *connect.Request[adminv1.ListServersRequest]) (*connect.Response[adminv1.ListServersResponse], error) {
	f := req.Msg.GetFilter()
	org, err := ids.ParseOptional(ids.Organization, "filter.organization_id", f.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	parent, err := ids.ParseOptional(ids.Server, "filter.parent_id", f.GetParentId())
	if err != nil {
		return nil, err
	}
	filter := infra.ServerFilter{Query: strings.TrimSpace(f.GetQuery()), Location: f.GetLocation(), OrganizationID: org, ParentID: parent,
		OrderBy: req.Msg.GetOrderBy()}
	filter.Providers = providerKinds.FromProtos(f.GetProviders())
	filter.Health = healths.FromProtos(f.GetHealth())
	filter.SyncStatus = syncStatuses.FromProto(f.GetSyncStatus())
	page, err := h.svc.ListServers(ctx, filter, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListServersResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, v := range page.Items {
		out.Servers = append(out.Servers, toProtoServer(v))
	}
	return connect.NewResponse(out), nil
}

// GetServer implements ServerService.GetServer.
func (h *Servers) GetServer(ctx context.Context, req *connect.Request[adminv1.GetServerRequest]) (*connect.Response[adminv1.GetServerResponse], error) {
	id, err := ids.Parse(ids.Server, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	d, err := h.svc.ServerDetails(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetServerResponse{Server: toProtoServer(d.ServerView)}
	for _, c := range d.Children {
		out.Children = append(out.Children, toProtoServer(c))
	}
	for _, a := range d.Ancestors {
		out.Ancestors = append(out.Ancestors, toProtoServer(a))
	}
	for _, ds := range d.Datasources {
		out.Datasources = append(out.Datasources, toProtoDatasource(ds))
	}
	for _, f := range d.Filesystems {
		out.Filesystems = append(out.Filesystems, &adminv1.Filesystem{Name: f.Name, UsedBytes: f.UsedBytes, TotalBytes: f.TotalBytes, Shared: f.Shared})
	}
	return connect.NewResponse(out), nil
}

func serverValues(s *adminv1.Server) (infra.ServerValues, error) {
	parent, err := ids.ParseOptional(ids.Server, "server.parent_id", s.GetParentId())
	if err != nil {
		return infra.ServerValues{}, err
	}
	return infra.ServerValues{Name: s.GetName(), Provider: providerKinds.FromProto(s.GetProvider()), Kind: serverKinds.FromProto(s.GetKind()),
		Location: s.GetLocation(), IPAddress: s.GetIpAddress(), Cores: int(s.GetSpecs().GetCores()),
		MemoryBytes: s.GetSpecs().GetMemoryBytes(), DiskBytes: s.GetSpecs().GetDiskBytes(), ParentID: parent, Notes: s.GetNotes()}, nil
}

// CreateServer implements ServerService.CreateServer.
func (h *Servers) CreateServer(ctx context.Context, req *connect.Request[adminv1.CreateServerRequest]) (*connect.Response[adminv1.CreateServerResponse], error) {
	m := req.Msg
	parent, err := ids.ParseOptional(ids.Server, "parent_id", m.GetParentId())
	if err != nil {
		return nil, err
	}
	v, err := h.svc.CreateServer(ctx, infra.ServerValues{Name: m.GetName(), Provider: providerKinds.FromProto(m.GetProvider()),
		Kind: serverKinds.FromProto(m.GetKind()), Location: m.GetLocation(), IPAddress: m.GetIpAddress(),
		Cores: int(m.GetSpecs().GetCores()), MemoryBytes: m.GetSpecs().GetMemoryBytes(), DiskBytes: m.GetSpecs().GetDiskBytes(),
		ParentID: parent, Notes: m.GetNotes()})
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateServerResponse{Server: toProtoServer(*v)}), nil
}

// UpdateServer implements ServerService.UpdateServer.
func (h *Servers) UpdateServer(ctx context.Context, req *connect.Request[adminv1.UpdateServerRequest]) (*connect.Response[adminv1.UpdateServerResponse], error) {
	id, err := ids.Parse(ids.Server, "server.id", req.Msg.GetServer().GetId())
	if err != nil {
		return nil, err
	}
	vals, err := serverValues(req.Msg.GetServer())
	if err != nil {
		return nil, err
	}
	v, err := h.svc.UpdateServer(ctx, id, vals, req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateServerResponse{Server: toProtoServer(*v)}), nil
}

// DeleteServer implements ServerService.DeleteServer.
func (h *Servers) DeleteServer(ctx context.Context, req *connect.Request[adminv1.DeleteServerRequest]) (*connect.Response[adminv1.DeleteServerResponse], error) {
	id, err := ids.Parse(ids.Server, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteServer(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteServerResponse{}), nil
}

// assignment is what AssignServer and UnassignServer name: a server and
// an organization or one of its workspaces.
type assignment interface {
	GetServerId() string
	GetOrganizationId() string
	GetWorkspaceId() string
}

// assign parses an assignment and hands it to change (Assign or Unassign).
func (h *Servers) assign(ctx context.Context, a assignment,
	change func(ctx context.Context, serverID, orgID uuid.UUID, wsID *uuid.UUID) (*infra.ServerView, error),
) (*adminv1.Server, error) {
	sid, err := ids.Parse(ids.Server, "server_id", a.GetServerId())
	if err != nil {
		return nil, err
	}
	oid, err := ids.Parse(ids.Organization, "organization_id", a.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	wid, err := ids.ParseOptional(ids.Workspace, "workspace_id", a.GetWorkspaceId())
	if err != nil {
		return nil, err
	}
	v, err := change(ctx, sid, oid, wid)
	if err != nil {
		return nil, err
	}
	return toProtoServer(*v), nil
}

// AssignServer implements ServerService.AssignServer.
func (h *Servers) AssignServer(ctx context.Context, req *connect.Request[adminv1.AssignServerRequest]) (*connect.Response[adminv1.AssignServerResponse], error) {
	s, err := h.assign(ctx, req.Msg, h.svc.Assign)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AssignServerResponse{Server: s}), nil
}

// UnassignServer implements ServerService.UnassignServer.
func (h *Servers) UnassignServer(ctx context.Context, req *connect.Request[adminv1.UnassignServerRequest]) (*connect.Response[adminv1.UnassignServerResponse], error) {
	s, err := h.assign(ctx, req.Msg, h.svc.Unassign)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UnassignServerResponse{Server: s}), nil
}

// GetServerMetrics implements ServerService.GetServerMetrics.
func (h *Servers) GetServerMetrics(ctx context.Context, req *connect.Request[adminv1.GetServerMetricsRequest]) (*connect.Response[adminv1.GetServerMetricsResponse], error) {
	id, err := ids.Parse(ids.Server, "server_id", req.Msg.GetServerId())
	if err != nil {
		return nil, err
	}
	w, buckets, err := h.svc.ServerMetrics(ctx, id, rangeFromProto(req.Msg.GetRange()))
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetServerMetricsResponse{Window: window(w)}
	for _, b := range buckets {
		out.Buckets = append(out.Buckets, &adminv1.ServerMetricsBucket{
			StartTime: protoconv.Time(&b.Start), Samples: int32(b.Samples), CpuPercent: agg(b.CPU), MemoryPercent: agg(b.Memory),
			DiskPercent: agg(b.Disk), NetworkInBytesPerSecond: agg(b.In), NetworkOutBytesPerSecond: agg(b.Out),
		})
	}
	return connect.NewResponse(out), nil
}

// ListServerEvents implements ServerService.ListServerEvents.
func (h *Servers) ListServerEvents(ctx context.Context, req *connect.Request[adminv1.ListServerEventsRequest]) (*connect.Response[adminv1.ListServerEventsResponse], error) {
	id, err := ids.Parse(ids.Server, "server_id", req.Msg.GetServerId())
	if err != nil {
		return nil, err
	}
	evs, next, err := h.svc.ServerEvents(ctx, id, eventKinds.FromProto(req.Msg.GetKind()), req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListServerEventsResponse{NextPageToken: next}
	for _, e := range evs {
		out.Events = append(out.Events, toProtoEvent(e))
	}
	return connect.NewResponse(out), nil
}

// GetHealthSummary implements ServerService.GetHealthSummary.
func (h *Servers) GetHealthSummary(ctx context.Context, _ *connect.Request[adminv1.GetHealthSummaryRequest]) (*connect.Response[adminv1.GetHealthSummaryResponse], error) {
	s, err := h.svc.Summary(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(summaryToProto(s)), nil
}

// UpdateHealthThresholds implements ServerService.UpdateHealthThresholds.
func (h *Servers) UpdateHealthThresholds(ctx context.Context, req *connect.Request[adminv1.UpdateHealthThresholdsRequest]) (*connect.Response[adminv1.UpdateHealthThresholdsResponse], error) {
	if err := h.svc.UpdateThresholds(ctx, thresholdsFromProto(req.Msg.GetThresholds())); err != nil {
		return nil, err
	}
	s, err := h.svc.Summary(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateHealthThresholdsResponse{Summary: summaryToProto(s)}), nil
}
