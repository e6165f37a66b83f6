package infra

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Connections implements adminv1connect.ConnectionServiceHandler.
type Connections struct{ svc *infra.Service }

var _ adminv1connect.ConnectionServiceHandler = (*Connections)(nil)

// NewConnections returns the ConnectionService handler.
func NewConnections(s *infra.Service) *Connections { return &Connections{svc: s} }

// ListConnections implements ConnectionService.ListConnections.
func (h *Connections) ListConnections(ctx context.Context, req *connect.Request[adminv1.ListConnectionsRequest]) (*connect.Response[adminv1.ListConnectionsResponse], error) {
	cs, err := h.svc.ListConnections(ctx, providerKinds.FromProto(req.Msg.GetKind()), connectionHealths.FromProto(req.Msg.GetHealth()))
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListConnectionsResponse{}
	for i := range cs {
		out.Connections = append(out.Connections, toProtoConnection(&cs[i]))
	}
	return connect.NewResponse(out), nil
}

// GetConnection implements ConnectionService.GetConnection.
func (h *Connections) GetConnection(ctx context.Context, req *connect.Request[adminv1.GetConnectionRequest]) (*connect.Response[adminv1.GetConnectionResponse], error) {
	id, err := ids.Parse(ids.Connection, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	c, dss, err := h.svc.GetConnection(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetConnectionResponse{Connection: toProtoConnection(c)}
	for _, d := range dss {
		out.Datasources = append(out.Datasources, toProtoDatasource(d))
	}
	return connect.NewResponse(out), nil
}

// CreateConnection implements ConnectionService.CreateConnection.
func (h *Connections) CreateConnection(ctx context.Context, req *connect.Request[adminv1.CreateConnectionRequest]) (*connect.Response[adminv1.CreateConnectionResponse], error) {
	c, err := h.svc.CreateConnection(ctx, settingsFromProto(req.Msg.GetSettings()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateConnectionResponse{Connection: toProtoConnection(c)}), nil
}

// UpdateConnection implements ConnectionService.UpdateConnection.
func (h *Connections) UpdateConnection(ctx context.Context, req *connect.Request[adminv1.UpdateConnectionRequest]) (*connect.Response[adminv1.UpdateConnectionResponse], error) {
	id, err := ids.Parse(ids.Connection, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	c, err := h.svc.UpdateConnection(ctx, id, settingsFromProto(req.Msg.GetSettings()), req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateConnectionResponse{Connection: toProtoConnection(c)}), nil
}

// DeleteConnection implements ConnectionService.DeleteConnection.
func (h *Connections) DeleteConnection(ctx context.Context, req *connect.Request[adminv1.DeleteConnectionRequest]) (*connect.Response[adminv1.DeleteConnectionResponse], error) {
	id, err := ids.Parse(ids.Connection, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteConnection(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteConnectionResponse{}), nil
}

// TestConnection implements ConnectionService.TestConnection.
func (h *Connections) TestConnection(ctx context.Context, req *connect.Request[adminv1.TestConnectionRequest]) (*connect.Response[adminv1.TestConnectionResponse], error) {
	var (
		r   *infra.TestResult
		err error
	)
	if s := req.Msg.GetSettings(); s != nil {
		r, err = h.svc.TestSettings(ctx, settingsFromProto(s))
	} else {
		id, perr := ids.Parse(ids.Connection, "connection_id", req.Msg.GetConnectionId())
		if perr != nil {
			return nil, perr
		}
		r, err = h.svc.TestConnection(ctx, id)
	}
	if err != nil {
		return nil, err
	}
	out := &adminv1.TestConnectionResponse{Ok: r.OK(), Reachable: r.Reachable, Authenticated: r.Authenticated,
		Authorized: r.Authorized, Message: r.Message, Code: r.Code, ProviderVersion: r.Version, LatencyMs: r.Latency.Milliseconds()}
	if r.Connection != nil {
		out.Connection = toProtoConnection(r.Connection)
	}
	return connect.NewResponse(out), nil
}

// DiscoverServers implements ConnectionService.DiscoverServers.
func (h *Connections) DiscoverServers(ctx context.Context, req *connect.Request[adminv1.DiscoverServersRequest]) (*connect.Response[adminv1.DiscoverServersResponse], error) {
	id, err := ids.Parse(ids.Connection, "connection_id", req.Msg.GetConnectionId())
	if err != nil {
		return nil, err
	}
	found, seen, err := h.svc.DiscoverServers(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.DiscoverServersResponse{Seen: int32(seen)}
	for _, d := range found {
		out.Servers = append(out.Servers, &adminv1.DiscoveredServer{
			ExternalId: d.ID, Name: d.Name, Kind: serverKinds.ToProto(d.Kind), ParentExternalId: d.ParentID,
			Location: d.Location, IpAddress: d.IP, Status: d.Status,
			Specs:            &adminv1.ServerSpecs{Cores: int32(d.Cores), MemoryBytes: d.MemoryBytes, DiskBytes: d.DiskBytes},
			MatchingServerId: ids.FormatPtr(ids.Server, d.MatchingServer),
		})
	}
	return connect.NewResponse(out), nil
}

// ImportServers implements ConnectionService.ImportServers.
func (h *Connections) ImportServers(ctx context.Context, req *connect.Request[adminv1.ImportServersRequest]) (*connect.Response[adminv1.ImportServersResponse], error) {
	id, err := ids.Parse(ids.Connection, "connection_id", req.Msg.GetConnectionId())
	if err != nil {
		return nil, err
	}
	vs, err := h.svc.ImportServers(ctx, id, req.Msg.GetExternalIds())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ImportServersResponse{}
	for _, v := range vs {
		out.Servers = append(out.Servers, toProtoServer(v))
	}
	return connect.NewResponse(out), nil
}

// CreateDatasource implements ConnectionService.CreateDatasource.
func (h *Connections) CreateDatasource(ctx context.Context, req *connect.Request[adminv1.CreateDatasourceRequest]) (*connect.Response[adminv1.CreateDatasourceResponse], error) {
	sid, err := ids.Parse(ids.Server, "server_id", req.Msg.GetServerId())
	if err != nil {
		return nil, err
	}
	cid, err := ids.Parse(ids.Connection, "connection_id", req.Msg.GetConnectionId())
	if err != nil {
		return nil, err
	}
	d, err := h.svc.CreateDatasource(ctx, sid, cid, req.Msg.GetExternalId())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateDatasourceResponse{Datasource: toProtoDatasource(*d)}), nil
}

// DeleteDatasource implements ConnectionService.DeleteDatasource.
func (h *Connections) DeleteDatasource(ctx context.Context, req *connect.Request[adminv1.DeleteDatasourceRequest]) (*connect.Response[adminv1.DeleteDatasourceResponse], error) {
	id, err := ids.Parse(ids.Datasource, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteDatasource(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteDatasourceResponse{}), nil
}
