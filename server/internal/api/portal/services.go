package portal

import (
	"context"

	"connectrpc.com/connect"

	portalv1 "github.com/leitstand/leitstand/gen/go/leitstand/portal/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/portal/v1/portalv1connect"
	"github.com/leitstand/leitstand/server/internal/api/services"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Services implements portalv1connect.ServiceInstanceServiceHandler.
type Services struct{ services *instance.Service }

var _ portalv1connect.ServiceInstanceServiceHandler = (*Services)(nil)

func toInstance(i instance.Instance) *portalv1.ServiceInstance {
	a := services.ToProtoInstance(i)
	return &portalv1.ServiceInstance{
		Id: a.Id, Name: a.Name, CatalogItemName: a.CatalogItemName,
		OrganizationId: a.OrganizationId, OrganizationName: a.OrganizationName,
		WorkspaceId: a.WorkspaceId, WorkspaceName: a.WorkspaceName,
		Status: a.Status, StatusTime: a.StatusTime, Health: a.Health,
		MonthlyPriceCents: a.MonthlyPriceCents, Currency: a.Currency,
		DecommissionTime: a.DecommissionTime, CreateTime: a.CreateTime,
	}
}

// ListServiceInstances implements ServiceInstanceService.ListServiceInstances.
func (h *Services) ListServiceInstances(ctx context.Context, req *connect.Request[portalv1.ListServiceInstancesRequest]) (*connect.Response[portalv1.ListServiceInstancesResponse], error) {
	m := req.Msg
	f := instance.Filter{PageSize: m.GetPageSize(), PageToken: m.GetPageToken()}
	var err error
	if f.OrganizationID, err = ids.ParseOptional(ids.Organization, "organization_id", m.GetOrganizationId()); err != nil {
		return nil, err
	}
	if f.WorkspaceID, err = ids.ParseOptional(ids.Workspace, "workspace_id", m.GetWorkspaceId()); err != nil {
		return nil, err
	}
	page, err := h.services.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListServiceInstancesResponse{NextPageToken: page.NextPageToken}
	for _, i := range page.Items {
		out.ServiceInstances = append(out.ServiceInstances, toInstance(i))
	}
	return connect.NewResponse(out), nil
}

// GetServiceInstance implements ServiceInstanceService.GetServiceInstance.
func (h *Services) GetServiceInstance(ctx context.Context, req *connect.Request[portalv1.GetServiceInstanceRequest]) (*connect.Response[portalv1.GetServiceInstanceResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	i, err := h.services.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&portalv1.GetServiceInstanceResponse{ServiceInstance: toInstance(*i)}), nil
}

// GetServiceUptime implements ServiceInstanceService.GetServiceUptime. The
// service is read first, so an instance the caller does not see answers
// not_found before its history is.
func (h *Services) GetServiceUptime(ctx context.Context, req *connect.Request[portalv1.GetServiceUptimeRequest]) (*connect.Response[portalv1.GetServiceUptimeResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if _, err := h.services.Get(ctx, id); err != nil {
		return nil, err
	}
	u, err := h.services.GetUptime(ctx, id, int(req.Msg.GetDays()))
	if err != nil {
		return nil, err
	}
	a := services.ToProtoUptime(u)
	return connect.NewResponse(&portalv1.GetServiceUptimeResponse{Days: a.Days, Availability: a.Availability}), nil
}

// ListServiceLogbook implements ServiceInstanceService.ListServiceLogbook:
// the entries written for the customer only.
func (h *Services) ListServiceLogbook(ctx context.Context, req *connect.Request[portalv1.ListServiceLogbookRequest]) (*connect.Response[portalv1.ListServiceLogbookResponse], error) {
	id, err := ids.Parse(ids.Service, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if _, err := h.services.Get(ctx, id); err != nil {
		return nil, err
	}
	entries, next, err := h.services.Logbook(ctx, id, instance.Customer, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &portalv1.ListServiceLogbookResponse{NextPageToken: next}
	for _, e := range entries {
		a := services.ToProtoLogbookEntry(e)
		out.Entries = append(out.Entries, &portalv1.LogbookEntry{Id: a.Id, CreateTime: a.CreateTime, Text: a.Text, Code: a.Code, Params: a.Params})
	}
	return connect.NewResponse(out), nil
}
