package infra

import (
	"context"
	"strings"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Containers implements adminv1connect.ContainerServiceHandler.
type Containers struct{ svc *infra.Service }

var _ adminv1connect.ContainerServiceHandler = (*Containers)(nil)

// NewContainers returns the ContainerService handler.
func NewContainers(s *infra.Service) *Containers { return &Containers{svc: s} }

// ListContainers implements ContainerService.ListContainers.
func (h *Containers) ListContainers(ctx context.Context, req *connect.Request[adminv1.ListContainersRequest]) (*connect.Response[adminv1.ListContainersResponse], error) {
	f := req.Msg.GetFilter()
	sid, err := ids.ParseOptional(ids.Server, "filter.server_id", f.GetServerId())
	if err != nil {
		return nil, err
	}
	filter := infra.ContainerFilter{ServerID: sid, Query: strings.TrimSpace(f.GetQuery()), IncludeGone: f.GetIncludeGone()}
	filter.Statuses = containerStatuses.FromProtos(f.GetStatuses())
	filter.Health = containerHealths.FromProto(f.GetHealth())
	page, err := h.svc.ListContainers(ctx, filter, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListContainersResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for i := range page.Items {
		out.Containers = append(out.Containers, ContainerToProto(&page.Items[i]))
	}
	return connect.NewResponse(out), nil
}

// GetContainer implements ContainerService.GetContainer.
func (h *Containers) GetContainer(ctx context.Context, req *connect.Request[adminv1.GetContainerRequest]) (*connect.Response[adminv1.GetContainerResponse], error) {
	id, err := ids.Parse(ids.Container, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	c, err := h.svc.GetContainer(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetContainerResponse{Container: ContainerToProto(c)}), nil
}

// GetContainerMetrics implements ContainerService.GetContainerMetrics.
func (h *Containers) GetContainerMetrics(ctx context.Context, req *connect.Request[adminv1.GetContainerMetricsRequest]) (*connect.Response[adminv1.GetContainerMetricsResponse], error) {
	id, err := ids.Parse(ids.Container, "container_id", req.Msg.GetContainerId())
	if err != nil {
		return nil, err
	}
	w, buckets, err := h.svc.ContainerMetrics(ctx, id, rangeFromProto(req.Msg.GetRange()))
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetContainerMetricsResponse{Window: window(w)}
	for _, b := range buckets {
		out.Buckets = append(out.Buckets, &adminv1.ContainerMetricsBucket{
			StartTime: protoconv.Time(&b.Start), Samples: int32(b.Samples), CpuPercent: agg(b.CPU), MemoryUsedBytes: agg(b.Memory),
			DiskUsedBytes: agg(b.Disk), NetworkInBytesPerSecond: agg(b.In), NetworkOutBytesPerSecond: agg(b.Out),
			UnhealthySamples: int32(b.Unhealthy), DownSamples: int32(b.Down),
		})
	}
	return connect.NewResponse(out), nil
}

func (h *Containers) control(ctx context.Context, rawID, reason string, a provider.Action) (*adminv1.Container, error) {
	id, err := ids.Parse(ids.Container, "id", rawID)
	if err != nil {
		return nil, err
	}
	c, err := h.svc.Control(ctx, id, a, reason)
	if err != nil {
		return nil, err
	}
	return ContainerToProto(c), nil
}

// StartContainer implements ContainerService.StartContainer.
func (h *Containers) StartContainer(ctx context.Context, req *connect.Request[adminv1.StartContainerRequest]) (*connect.Response[adminv1.StartContainerResponse], error) {
	c, err := h.control(ctx, req.Msg.GetId(), req.Msg.GetReason(), provider.Start)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.StartContainerResponse{Container: c}), nil
}

// StopContainer implements ContainerService.StopContainer.
func (h *Containers) StopContainer(ctx context.Context, req *connect.Request[adminv1.StopContainerRequest]) (*connect.Response[adminv1.StopContainerResponse], error) {
	c, err := h.control(ctx, req.Msg.GetId(), req.Msg.GetReason(), provider.Stop)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.StopContainerResponse{Container: c}), nil
}

// RestartContainer implements ContainerService.RestartContainer.
func (h *Containers) RestartContainer(ctx context.Context, req *connect.Request[adminv1.RestartContainerRequest]) (*connect.Response[adminv1.RestartContainerResponse], error) {
	c, err := h.control(ctx, req.Msg.GetId(), req.Msg.GetReason(), provider.Restart)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RestartContainerResponse{Container: c}), nil
}
