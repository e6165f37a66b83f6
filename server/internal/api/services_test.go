package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An operator books an item, names it, sets its status with a reason and
// sees the history and the logbook follow, changes its price with a
// reason, schedules and cancels its decommission; bad input is refused at
// its field and changes nothing. Over Connect and over gRPC.
func TestServicesOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		sys := authz.System(ctx)
		org := env.Org(t, "Nordlicht Medien")
		ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Marketing", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		item, err := env.Catalog.Create(sys, catalog.Values{Name: "Nextcloud M", Category: catalog.CategoryM, MonthlyPriceCents: 8900, Bookable: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		itemID, wsID := ids.Format(ids.CatalogItem, item.ID), ids.Format(ids.Workspace, ws.ID)
		for name, c := range map[string]adminv1connect.ServiceInstanceServiceClient{
			"connect": adminv1connect.NewServiceInstanceServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewServiceInstanceServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				// Bad input: refused at its field, nothing changed.
				before := env.Fingerprint(t)
				_, err := c.BookService(ctx, connect.NewRequest(&adminv1.BookServiceRequest{CatalogItemId: "srv_01kaj5m8d0e6xv1ks8wq6a5j0p", WorkspaceId: wsID}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["catalog_item_id"] == "" {
					t.Errorf("a server's id as item = %v (fields %v)", err, fieldsOf(err))
				}
				booked, err := c.BookService(ctx, connect.NewRequest(&adminv1.BookServiceRequest{CatalogItemId: itemID, WorkspaceId: wsID, Name: "Nextcloud " + name}))
				if err != nil {
					t.Fatal(err)
				}
				svc := booked.Msg.GetServiceInstance()
				if svc.GetStatus() != adminv1.ServiceStatus_SERVICE_STATUS_PROVISIONING || svc.GetMonthlyPriceCents() != 8900 ||
					svc.GetOrganizationName() != "Nordlicht Medien" || svc.GetWorkspaceName() != "Marketing" || svc.GetCatalogItemName() != "Nextcloud M" {
					t.Errorf("booked = %v", svc)
				}
				before = env.Fingerprint(t)
				_, err = c.SetServiceStatus(ctx, connect.NewRequest(&adminv1.SetServiceStatusRequest{Id: svc.GetId(),
					Status: adminv1.ServiceStatus_SERVICE_STATUS_DECOMMISSIONED, Reason: "gone"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["status"] == "" {
					t.Errorf("decommissioned by hand = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.SetServiceStatus(ctx, connect.NewRequest(&adminv1.SetServiceStatusRequest{Id: svc.GetId(),
					Status: adminv1.ServiceStatus_SERVICE_STATUS_ONLINE}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["reason"] == "" {
					t.Errorf("no reason = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.UpdateServiceInstance(ctx, connect.NewRequest(&adminv1.UpdateServiceInstanceRequest{
					ServiceInstance: &adminv1.ServiceInstance{Id: svc.GetId(), MonthlyPriceCents: 7900},
					UpdateMask:      &fieldmaskpb.FieldMask{Paths: []string{"monthly_price_cents"}}}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["reason"] == "" {
					t.Errorf("price without a reason = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.ScheduleDecommission(ctx, connect.NewRequest(&adminv1.ScheduleDecommissionRequest{Id: svc.GetId(),
					DecommissionTime: timestamppb.New(env.Clock.Now().Add(-time.Hour)), Reason: "past"}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["decommission_time"] == "" {
					t.Errorf("in the past = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.CancelDecommission(ctx, connect.NewRequest(&adminv1.CancelDecommissionRequest{Id: svc.GetId(), Reason: "none"}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("cancel what is not scheduled = %v", err)
				}
				if after := env.Fingerprint(t); after != before {
					t.Errorf("a refused call changed something:\nbefore %s\nafter  %s", before, after)
				}

				// The status, with its history and logbook.
				set, err := c.SetServiceStatus(ctx, connect.NewRequest(&adminv1.SetServiceStatusRequest{Id: svc.GetId(),
					Status: adminv1.ServiceStatus_SERVICE_STATUS_ONLINE, Reason: "handed over"}))
				if err != nil || set.Msg.GetServiceInstance().GetStatus() != adminv1.ServiceStatus_SERVICE_STATUS_ONLINE {
					t.Fatalf("online = %v %v", set, err)
				}
				_, err = c.SetServiceStatus(ctx, connect.NewRequest(&adminv1.SetServiceStatusRequest{Id: svc.GetId(),
					Status: adminv1.ServiceStatus_SERVICE_STATUS_SUSPENDED, Reason: "unpaid"}))
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.SetServiceStatus(ctx, connect.NewRequest(&adminv1.SetServiceStatusRequest{Id: svc.GetId(),
					Status: adminv1.ServiceStatus_SERVICE_STATUS_INCIDENT, Reason: "down"}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("suspended to incident = %v, want failed_precondition", err)
				}
				history, err := c.ListServiceStatusHistory(ctx, connect.NewRequest(&adminv1.ListServiceStatusHistoryRequest{ServiceInstanceId: svc.GetId()}))
				if err != nil {
					t.Fatal(err)
				}
				hs := history.Msg.GetStatusChanges()
				if len(hs) != 3 || hs[0].GetToStatus() != adminv1.ServiceStatus_SERVICE_STATUS_SUSPENDED || hs[0].GetReason() != "unpaid" ||
					hs[0].GetActorEmail() != "operator@example.com" || hs[0].GetSource() != adminv1.StatusSource_STATUS_SOURCE_STAFF ||
					hs[2].GetFromStatus() != adminv1.ServiceStatus_SERVICE_STATUS_UNSPECIFIED {
					t.Errorf("history = %v", hs)
				}
				// Price and decommission.
				if _, err := c.UpdateServiceInstance(ctx, connect.NewRequest(&adminv1.UpdateServiceInstanceRequest{
					ServiceInstance: &adminv1.ServiceInstance{Id: svc.GetId(), MonthlyPriceCents: 7900, Notes: "## Setup"},
					UpdateMask:      &fieldmaskpb.FieldMask{Paths: []string{"monthly_price_cents", "notes"}}, Reason: "discount"})); err != nil {
					t.Fatal(err)
				}
				at := env.Clock.Now().Add(30 * 24 * time.Hour).Truncate(time.Second)
				sched, err := c.ScheduleDecommission(ctx, connect.NewRequest(&adminv1.ScheduleDecommissionRequest{Id: svc.GetId(),
					DecommissionTime: timestamppb.New(at), Reason: "contract ends"}))
				if err != nil || !sched.Msg.GetServiceInstance().GetDecommissionTime().AsTime().Equal(at) {
					t.Errorf("scheduled = %v %v", sched, err)
				}
				if _, err := c.AddLogbookEntry(ctx, connect.NewRequest(&adminv1.AddLogbookEntryRequest{ServiceInstanceId: svc.GetId(),
					Visibility: adminv1.LogbookVisibility_LOGBOOK_VISIBILITY_CUSTOMER, Text: "We will call you"})); err != nil {
					t.Fatal(err)
				}
				customer, err := c.ListLogbookEntries(ctx, connect.NewRequest(&adminv1.ListLogbookEntriesRequest{ServiceInstanceId: svc.GetId(),
					Visibility: adminv1.LogbookVisibility_LOGBOOK_VISIBILITY_CUSTOMER}))
				if err != nil {
					t.Fatal(err)
				}
				var codes []string
				for _, e := range customer.Msg.GetLogbookEntries() {
					codes = append(codes, e.GetCode()+":"+e.GetParams()["to"])
				}
				if want := []string{":", "status-changed:SUSPENDED", "status-changed:ONLINE", "service-booked:"}; !slices.Equal(codes, want) {
					t.Errorf("customer logbook = %v, want %v", codes, want)
				}
				internal, err := c.ListLogbookEntries(ctx, connect.NewRequest(&adminv1.ListLogbookEntriesRequest{ServiceInstanceId: svc.GetId(),
					Visibility: adminv1.LogbookVisibility_LOGBOOK_VISIBILITY_INTERNAL}))
				if err != nil || len(internal.Msg.GetLogbookEntries()) != 2 {
					t.Errorf("internal logbook = %v %v", internal, err)
				}
				got, err := c.GetServiceInstance(ctx, connect.NewRequest(&adminv1.GetServiceInstanceRequest{Id: svc.GetId()}))
				if g := got.Msg.GetServiceInstance(); err != nil || g.GetMonthlyPriceCents() != 7900 || g.GetNotes() != "## Setup" ||
					g.GetStatus() != adminv1.ServiceStatus_SERVICE_STATUS_SUSPENDED {
					t.Errorf("get = %v %v", got, err)
				}
				list, err := c.ListServiceInstances(ctx, connect.NewRequest(&adminv1.ListServiceInstancesRequest{
					Filter: &adminv1.ServiceInstanceFilter{Query: "nextcloud " + name, OrganizationId: ids.Format(ids.Organization, org.ID),
						Statuses: []adminv1.ServiceStatus{adminv1.ServiceStatus_SERVICE_STATUS_SUSPENDED}}}))
				if err != nil || list.Msg.GetTotalSize() != 1 || list.Msg.GetServiceInstances()[0].GetId() != svc.GetId() {
					t.Errorf("list = %v %v", list, err)
				}
			})
		}
	})
}

// The services list downloads as CSV through the generic export, with its
// filter, for the caller's scope.
func TestExportServesTheServicesList(t *testing.T) {
	env, srv := server(t, testdb.SQLite)
	hc := apptest.HTTPClient(srv)
	env.SignIn(t, hc, srv.URL, "developer@example.com", authz.RoleDeveloper)
	sys := authz.System(t.Context())
	org := env.Org(t, "Kunde GmbH")
	ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Production", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	_, svc := env.BookedService(t, ws.ID, "Nextcloud M")
	if _, err := env.Services.SetStatus(sys, svc, "MAINTENANCE", "update"); err != nil {
		t.Fatal(err)
	}
	item, err := env.Catalog.Create(sys, catalog.Values{Name: "Managed Mail", Category: catalog.CategoryS, MonthlyPriceCents: 1900, Bookable: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.Services.Book(sys, item.ID, ws.ID, "Mail kunde.de", ""); err != nil {
		t.Fatal(err)
	}
	status, _, records := export(t, hc, srv, "leitstand.admin.v1.ServiceInstanceService/ListServiceInstances",
		`{"filter":{"statuses":["SERVICE_STATUS_MAINTENANCE"]}}`)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if got := column(t, records, "name"); !slices.Equal(got, []string{"Nextcloud M"}) {
		t.Errorf("services %v", got)
	}
	if got := column(t, records, "organization_name"); !slices.Equal(got, []string{"Kunde GmbH"}) {
		t.Errorf("organizations %v", got)
	}
}

// Containers are linked and listed with their role, the list filters by
// the server they run on and their health, the uptime answers per day, and
// a service whose primary container nothing controls is refused with the
// reason; bad input is refused at its field and changes nothing. Over
// Connect and over gRPC.
func TestServiceContainersOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		sys := authz.System(ctx)
		org := env.Org(t, "Nordlicht Medien")
		ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Marketing", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]adminv1connect.ServiceInstanceServiceClient{
			"connect": adminv1connect.NewServiceInstanceServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewServiceInstanceServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				_, svcID := env.BookedService(t, ws.ID, "Nextcloud "+name)
				svc := ids.Format(ids.Service, svcID)
				serverID, ctrID := env.AssignedServer(t, "web-"+name, org.ID)
				ctr := ids.Format(ids.Container, ctrID)

				before := env.Fingerprint(t)
				_, err := c.LinkServiceContainer(ctx, connect.NewRequest(&adminv1.LinkServiceContainerRequest{ServiceInstanceId: svc, ContainerId: ctr}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["role"] == "" {
					t.Errorf("no role = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.LinkServiceContainer(ctx, connect.NewRequest(&adminv1.LinkServiceContainerRequest{ServiceInstanceId: svc,
					ContainerId: ids.Format(ids.Server, serverID), Role: adminv1.ContainerRole_CONTAINER_ROLE_APPLICATION}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["container_id"] == "" {
					t.Errorf("a server's id as container = %v (fields %v)", err, fieldsOf(err))
				}
				_, err = c.StopService(ctx, connect.NewRequest(&adminv1.StopServiceRequest{Id: svc, Reason: "move"}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("stop without containers = %v", err)
				}
				_, err = c.GetServiceUptime(ctx, connect.NewRequest(&adminv1.GetServiceUptimeRequest{ServiceInstanceId: svc, Days: 9}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["days"] == "" {
					t.Errorf("9 days = %v (fields %v)", err, fieldsOf(err))
				}
				if after := env.Fingerprint(t); after != before {
					t.Errorf("a refused call changed something:\nbefore %s\nafter  %s", before, after)
				}

				linked, err := c.LinkServiceContainer(ctx, connect.NewRequest(&adminv1.LinkServiceContainerRequest{ServiceInstanceId: svc,
					ContainerId: ctr, Role: adminv1.ContainerRole_CONTAINER_ROLE_APPLICATION, Primary: true}))
				if err != nil || linked.Msg.GetServiceContainer().GetContainer().GetName() != "web-"+name+"-web" ||
					!linked.Msg.GetServiceContainer().GetPrimary() {
					t.Fatalf("linked = %v %v", linked, err)
				}
				list, err := c.ListServiceContainers(ctx, connect.NewRequest(&adminv1.ListServiceContainersRequest{ServiceInstanceId: svc}))
				if err != nil || len(list.Msg.GetServiceContainers()) != 1 ||
					list.Msg.GetServiceContainers()[0].GetRole() != adminv1.ContainerRole_CONTAINER_ROLE_APPLICATION ||
					list.Msg.GetServiceContainers()[0].GetContainer().GetControllable() {
					t.Errorf("containers = %v %v", list, err)
				}
				// Nothing controls the container: refused, naming why.
				before = env.Fingerprint(t)
				_, err = c.RestartService(ctx, connect.NewRequest(&adminv1.RestartServiceRequest{Id: svc, Reason: "update"}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("restart = %v", err)
				}
				if after := env.Fingerprint(t); after != before {
					t.Error("a refused restart changed something")
				}

				page, err := c.ListServiceInstances(ctx, connect.NewRequest(&adminv1.ListServiceInstancesRequest{
					Filter: &adminv1.ServiceInstanceFilter{ServerId: ids.Format(ids.Server, serverID),
						Healths: []adminv1.ServiceHealth{adminv1.ServiceHealth_SERVICE_HEALTH_HEALTHY}}}))
				if err != nil || page.Msg.GetTotalSize() != 1 || page.Msg.GetServiceInstances()[0].GetHealth() != adminv1.ServiceHealth_SERVICE_HEALTH_HEALTHY ||
					page.Msg.GetServiceInstances()[0].GetPrimaryContainerCount() != 1 {
					t.Errorf("on the server, healthy = %v %v", page, err)
				}
				up, err := c.GetServiceUptime(ctx, connect.NewRequest(&adminv1.GetServiceUptimeRequest{ServiceInstanceId: svc, Days: 14}))
				if err != nil || len(up.Msg.GetDays()) != 14 || up.Msg.Availability != nil {
					t.Errorf("uptime of a service still provisioning = %v %v", up, err)
				}
				if _, err := c.UnlinkServiceContainer(ctx, connect.NewRequest(&adminv1.UnlinkServiceContainerRequest{ServiceInstanceId: svc, ContainerId: ctr})); err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}
