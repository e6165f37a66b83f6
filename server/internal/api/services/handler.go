// Package services serves ServiceInstanceService.
package services

import (
	"context"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	infraapi "github.com/leitstand/leitstand/server/internal/api/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Handler implements adminv1connect.ServiceInstanceServiceHandler.
type Handler struct{ services *instance.Service }

var _ adminv1connect.ServiceInstanceServiceHandler = (*Handler)(nil)

// New returns the ServiceInstanceService handler.
func New(s *instance.Service) *Handler { return &Handler{services: s} }

// ListServiceInstances implements ServiceInstanceService.ListServiceInstances.
func (h *Handler) ListServiceInstances(ctx context.Context, req *connect.Request[adminv1.ListServiceInstancesRequest]) (*connect.Response[adminv1.ListServiceInstancesResponse], error) {
	m := req.Msg
	f := m.GetFilter()
	filter := instance.Filter{
		PageSize: m.GetPageSize(), PageToken: m.GetPageToken(), OrderBy: m.GetOrderBy(),
		Query: f.GetQuery(), Statuses: statuses.FromProtos(f.GetStatuses()),
	}
	var err error
	if filter.OrganizationID, err = ids.ParseOptional(ids.Organization, "filter.organization_id", f.GetOrganizationId()); err != nil {
		return nil, err
	}
	if filter.WorkspaceID, err = ids.ParseOptional(ids.Workspace, "filter.workspace_id", f.GetWorkspaceId()); err != nil {
		return nil, err
	}
	if filter.CatalogItemID, err = ids.ParseOptional(ids.CatalogItem, "filter.catalog_item_id", f.GetCatalogItemId()); err != nil {
		return nil, err
	}
	if filter.ServerID, err = ids.ParseOptional(ids.Server, "filter.server_id", f.GetServerId()); err != nil {
		return nil, err
	}
	filter.Healths = healths.FromProtos(f.GetHealths())
	page, err := h.services.List(ctx, filter)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListServiceInstancesResponse{NextPageToken: page.NextPageToken, TotalSize: int32(page.TotalSize)}
	for _, i := range page.Items {
		out.ServiceInstances = append(out.ServiceInstances, toProtoInstance(i))
	}
	return connect.NewResponse(out), nil
}

// GetServiceInstance implements ServiceInstanceService.GetServiceInstance.
func (h *Handler) GetServiceInstance(ctx context.Context, req *connect.Request[adminv1.GetServiceInstanceRequest]) (*connect.Response[adminv1.GetServiceInstanceResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetServiceInstanceResponse{ServiceInstance: toProtoInstance(*i)}), nil
}

// BookService implements ServiceInstanceService.BookService.
func (h *Handler) BookService(ctx context.Context, req *connect.Request[adminv1.BookServiceRequest]) (*connect.Response[adminv1.BookServiceResponse], error) {
	m := req.Msg
	item, err := ids.Parse(ids.CatalogItem, "catalog_item_id", m.GetCatalogItemId())
	if err != nil {
		return nil, err
	}
	ws, err := ids.Parse(ids.Workspace, "workspace_id", m.GetWorkspaceId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.Book(ctx, item, ws, m.GetName(), m.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.BookServiceResponse{ServiceInstance: toProtoInstance(*i)}), nil
}

// UpdateServiceInstance implements ServiceInstanceService.UpdateServiceInstance.
func (h *Handler) UpdateServiceInstance(ctx context.Context, req *connect.Request[adminv1.UpdateServiceInstanceRequest]) (*connect.Response[adminv1.UpdateServiceInstanceResponse], error) {
	si := req.Msg.GetServiceInstance()
	id, err := ids.Parse(ids.Service, "service_instance.id", si.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.Update(ctx, id, fromProtoValues(si), req.Msg.GetUpdateMask().GetPaths(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateServiceInstanceResponse{ServiceInstance: toProtoInstance(*i)}), nil
}

// SetServiceStatus implements ServiceInstanceService.SetServiceStatus.
func (h *Handler) SetServiceStatus(ctx context.Context, req *connect.Request[adminv1.SetServiceStatusRequest]) (*connect.Response[adminv1.SetServiceStatusResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.SetStatus(ctx, id, statuses.FromProto(req.Msg.GetStatus()), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetServiceStatusResponse{ServiceInstance: toProtoInstance(*i)}), nil
}

// ListServiceStatusHistory implements ServiceInstanceService.ListServiceStatusHistory.
func (h *Handler) ListServiceStatusHistory(ctx context.Context, req *connect.Request[adminv1.ListServiceStatusHistoryRequest]) (*connect.Response[adminv1.ListServiceStatusHistoryResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	changes, next, err := h.services.History(ctx, id, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListServiceStatusHistoryResponse{NextPageToken: next}
	for _, c := range changes {
		out.StatusChanges = append(out.StatusChanges, toProtoStatusChange(c))
	}
	return connect.NewResponse(out), nil
}

// ScheduleDecommission implements ServiceInstanceService.ScheduleDecommission.
func (h *Handler) ScheduleDecommission(ctx context.Context, req *connect.Request[adminv1.ScheduleDecommissionRequest]) (*connect.Response[adminv1.ScheduleDecommissionResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.ScheduleDecommission(ctx, id, req.Msg.GetDecommissionTime().AsTime(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ScheduleDecommissionResponse{ServiceInstance: toProtoInstance(*i)}), nil
}

// CancelDecommission implements ServiceInstanceService.CancelDecommission.
func (h *Handler) CancelDecommission(ctx context.Context, req *connect.Request[adminv1.CancelDecommissionRequest]) (*connect.Response[adminv1.CancelDecommissionResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.CancelDecommission(ctx, id, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CancelDecommissionResponse{ServiceInstance: toProtoInstance(*i)}), nil
}

// ListLogbookEntries implements ServiceInstanceService.ListLogbookEntries.
func (h *Handler) ListLogbookEntries(ctx context.Context, req *connect.Request[adminv1.ListLogbookEntriesRequest]) (*connect.Response[adminv1.ListLogbookEntriesResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	entries, next, err := h.services.Logbook(ctx, id, visibilities.FromProto(req.Msg.GetVisibility()), req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListLogbookEntriesResponse{NextPageToken: next}
	for _, e := range entries {
		out.LogbookEntries = append(out.LogbookEntries, toProtoLogbookEntry(e))
	}
	return connect.NewResponse(out), nil
}

// AddLogbookEntry implements ServiceInstanceService.AddLogbookEntry.
func (h *Handler) AddLogbookEntry(ctx context.Context, req *connect.Request[adminv1.AddLogbookEntryRequest]) (*connect.Response[adminv1.AddLogbookEntryResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	e, err := h.services.AddLogbookEntry(ctx, id, visibilities.FromProto(req.Msg.GetVisibility()), req.Msg.GetText())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.AddLogbookEntryResponse{LogbookEntry: toProtoLogbookEntry(*e)}), nil
}

// ListServiceCredentials implements ServiceInstanceService.ListServiceCredentials.
func (h *Handler) ListServiceCredentials(ctx context.Context, req *connect.Request[adminv1.ListServiceCredentialsRequest]) (*connect.Response[adminv1.ListServiceCredentialsResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	cs, err := h.services.Credentials(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListServiceCredentialsResponse{ServiceCredentials: make([]*adminv1.ServiceCredential, len(cs))}
	for i, c := range cs {
		out.ServiceCredentials[i] = toProtoCredential(c)
	}
	return connect.NewResponse(out), nil
}

// SetServiceCredential implements ServiceInstanceService.SetServiceCredential.
func (h *Handler) SetServiceCredential(ctx context.Context, req *connect.Request[adminv1.SetServiceCredentialRequest]) (*connect.Response[adminv1.SetServiceCredentialResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	c, err := h.services.SetCredential(ctx, id, req.Msg.GetName(), req.Msg.GetValue())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.SetServiceCredentialResponse{ServiceCredential: toProtoCredential(*c)}), nil
}

// DeleteServiceCredential implements ServiceInstanceService.DeleteServiceCredential.
func (h *Handler) DeleteServiceCredential(ctx context.Context, req *connect.Request[adminv1.DeleteServiceCredentialRequest]) (*connect.Response[adminv1.DeleteServiceCredentialResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	if err := h.services.DeleteCredential(ctx, id, req.Msg.GetName()); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteServiceCredentialResponse{}), nil
}

// RevealServiceCredential implements ServiceInstanceService.RevealServiceCredential.
func (h *Handler) RevealServiceCredential(ctx context.Context, req *connect.Request[adminv1.RevealServiceCredentialRequest]) (*connect.Response[adminv1.RevealServiceCredentialResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	v, err := h.services.RevealCredential(ctx, id, req.Msg.GetName(), req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RevealServiceCredentialResponse{Value: v}), nil
}

// ListServiceContainers implements ServiceInstanceService.ListServiceContainers.
func (h *Handler) ListServiceContainers(ctx context.Context, req *connect.Request[adminv1.ListServiceContainersRequest]) (*connect.Response[adminv1.ListServiceContainersResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	linked, err := h.services.ListContainers(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListServiceContainersResponse{}
	for _, c := range linked {
		out.ServiceContainers = append(out.ServiceContainers, toProtoLinked(c))
	}
	return connect.NewResponse(out), nil
}

// LinkServiceContainer implements ServiceInstanceService.LinkServiceContainer.
func (h *Handler) LinkServiceContainer(ctx context.Context, req *connect.Request[adminv1.LinkServiceContainerRequest]) (*connect.Response[adminv1.LinkServiceContainerResponse], error) {
	m := req.Msg
	id, err := ids.Parse(ids.Service, "service_instance_id", m.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	ctr, err := ids.Parse(ids.Container, "container_id", m.GetContainerId())
	if err != nil {
		return nil, err
	}
	l, err := h.services.LinkContainer(ctx, id, ctr, roles.FromProto(m.GetRole()), m.GetPrimary())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.LinkServiceContainerResponse{ServiceContainer: toProtoLinked(*l)}), nil
}

// UnlinkServiceContainer implements ServiceInstanceService.UnlinkServiceContainer.
func (h *Handler) UnlinkServiceContainer(ctx context.Context, req *connect.Request[adminv1.UnlinkServiceContainerRequest]) (*connect.Response[adminv1.UnlinkServiceContainerResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	ctr, err := ids.Parse(ids.Container, "container_id", req.Msg.GetContainerId())
	if err != nil {
		return nil, err
	}
	if err := h.services.UnlinkContainer(ctx, id, ctr); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UnlinkServiceContainerResponse{}), nil
}

// act runs a service action and converts its outcome.
func (h *Handler) act(ctx context.Context, rawID string, action provider.Action, reason string) (*adminv1.ServiceInstance, []*adminv1.Container, error) {
	id, err := ids.Parse(ids.Service, "id", rawID)
	if err != nil {
		return nil, nil, err
	}
	i, results, err := h.services.Act(ctx, id, action, reason)
	if err != nil {
		return nil, nil, err
	}
	out := make([]*adminv1.Container, len(results))
	for n, r := range results {
		out[n] = infraapi.ContainerToProto(&r)
	}
	return toProtoInstance(*i), out, nil
}

// StartService implements ServiceInstanceService.StartService.
func (h *Handler) StartService(ctx context.Context, req *connect.Request[adminv1.StartServiceRequest]) (*connect.Response[adminv1.StartServiceResponse], error) {
	i, results, err := h.act(ctx, req.Msg.GetId(), provider.Start, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.StartServiceResponse{ServiceInstance: i, Containers: results}), nil
}

// StopService implements ServiceInstanceService.StopService.
func (h *Handler) StopService(ctx context.Context, req *connect.Request[adminv1.StopServiceRequest]) (*connect.Response[adminv1.StopServiceResponse], error) {
	i, results, err := h.act(ctx, req.Msg.GetId(), provider.Stop, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.StopServiceResponse{ServiceInstance: i, Containers: results}), nil
}

// RestartService implements ServiceInstanceService.RestartService.
func (h *Handler) RestartService(ctx context.Context, req *connect.Request[adminv1.RestartServiceRequest]) (*connect.Response[adminv1.RestartServiceResponse], error) {
	i, results, err := h.act(ctx, req.Msg.GetId(), provider.Restart, req.Msg.GetReason())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RestartServiceResponse{ServiceInstance: i, Containers: results}), nil
}

// GetServiceUptime implements ServiceInstanceService.GetServiceUptime.
func (h *Handler) GetServiceUptime(ctx context.Context, req *connect.Request[adminv1.GetServiceUptimeRequest]) (*connect.Response[adminv1.GetServiceUptimeResponse], error) {
	id, err := ids.Parse(ids.Service, "service_instance_id", req.Msg.GetServiceInstanceId())
	if err != nil {
		return nil, err
	}
	u, err := h.services.GetUptime(ctx, id, int(req.Msg.GetDays()))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(toProtoUptime(u)), nil
}
