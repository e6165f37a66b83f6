package api_test

import (
	"strconv"
	"testing"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An operator opens an order about a service, assigns it, moves it along
// the workflow with the reasons it needs, comments, and finds it by its
// number; bad input is refused at its field and changes nothing. Over
// Connect and over gRPC.
func TestOrdersOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		op := env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		org := env.Org(t, "Nordlicht Medien")
		ws, err := env.Orgs.CreateWorkspace(authz.System(ctx), org.ID, "Marketing", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		_, svcID := env.BookedService(t, ws.ID, "Nextcloud M")
		customer := env.User(t, "kunde@example.com", authz.RoleUser)
		orgID, svc := ids.Format(ids.Organization, org.ID), ids.Format(ids.Service, svcID)
		for name, c := range map[string]adminv1connect.OrderServiceClient{
			"connect": adminv1connect.NewOrderServiceClient(hc, srv.URL),
			"grpc":    adminv1connect.NewOrderServiceClient(hc, srv.URL, connect.WithGRPC()),
		} {
			t.Run(name, func(t *testing.T) {
				before := env.Fingerprint(t)
				for field, req := range map[string]*adminv1.CreateOrderRequest{
					"kind":        {OrganizationId: orgID, Title: "x"},
					"title":       {OrganizationId: orgID, Title: " ", Kind: adminv1.OrderKind_ORDER_KIND_SUPPORT},
					"due_date":    {OrganizationId: orgID, Title: "x", Kind: adminv1.OrderKind_ORDER_KIND_SUPPORT, DueDate: "2026-13-40"},
					"assignee_id": {OrganizationId: orgID, Title: "x", Kind: adminv1.OrderKind_ORDER_KIND_SUPPORT, AssigneeId: ids.Format(ids.User, customer.ID)},
				} {
					_, err := c.CreateOrder(ctx, connect.NewRequest(req))
					if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)[field] == "" {
						t.Errorf("bad %s = %v (fields %v)", field, err, fieldsOf(err))
					}
				}
				if after := env.Fingerprint(t); after != before {
					t.Errorf("a refused order changed something:\nbefore %s\nafter  %s", before, after)
				}

				created, err := c.CreateOrder(ctx, connect.NewRequest(&adminv1.CreateOrderRequest{OrganizationId: orgID,
					ServiceInstanceId: svc, Title: "Restore a folder " + name, Kind: adminv1.OrderKind_ORDER_KIND_SUPPORT,
					Priority: adminv1.OrderPriority_ORDER_PRIORITY_HIGH, AssigneeId: ids.Format(ids.User, op.ID), DueDate: "2030-01-31"}))
				if err != nil {
					t.Fatal(err)
				}
				o := created.Msg.GetOrder()
				if o.GetStatus() != adminv1.OrderStatus_ORDER_STATUS_OPEN || o.GetServiceInstanceName() != "Nextcloud M" ||
					o.GetDueDate() != "2030-01-31" || o.GetNumber() < 1 || o.GetAssigneeId() != ids.Format(ids.User, op.ID) {
					t.Errorf("created = %v", o)
				}
				_, err = c.SetOrderStatus(ctx, connect.NewRequest(&adminv1.SetOrderStatusRequest{Id: o.GetId(), Status: adminv1.OrderStatus_ORDER_STATUS_CANCELLED}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["reason"] == "" {
					t.Errorf("cancel without a reason = %v (fields %v)", err, fieldsOf(err))
				}
				if _, err := c.SetOrderStatus(ctx, connect.NewRequest(&adminv1.SetOrderStatusRequest{Id: o.GetId(),
					Status: adminv1.OrderStatus_ORDER_STATUS_DONE})); err != nil {
					t.Fatal(err)
				}
				_, err = c.UpdateOrder(ctx, connect.NewRequest(&adminv1.UpdateOrderRequest{Order: &adminv1.Order{Id: o.GetId(), Title: "later"},
					UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("change a done order = %v", err)
				}
				if _, err := c.AddOrderComment(ctx, connect.NewRequest(&adminv1.AddOrderCommentRequest{OrderId: o.GetId(),
					Visibility: adminv1.OrderCommentVisibility_ORDER_COMMENT_VISIBILITY_CUSTOMER, Text: "Restored."})); err != nil {
					t.Fatal(err)
				}
				comments, err := c.ListOrderComments(ctx, connect.NewRequest(&adminv1.ListOrderCommentsRequest{OrderId: o.GetId()}))
				if err != nil || len(comments.Msg.GetComments()) != 2 || comments.Msg.GetComments()[0].GetCode() != "status-changed" ||
					comments.Msg.GetComments()[1].GetVisibility() != adminv1.OrderCommentVisibility_ORDER_COMMENT_VISIBILITY_CUSTOMER {
					t.Errorf("comments = %v %v", comments, err)
				}
				// Time: bad input refused at its field; a timer's minutes count
				// once it stops.
				before = env.Fingerprint(t)
				_, err = c.CreateTimeEntry(ctx, connect.NewRequest(&adminv1.CreateTimeEntryRequest{OrderId: o.GetId(), Date: "2026-03-01", Minutes: 2000}))
				if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["minutes"] == "" {
					t.Errorf("2000 minutes = %v (fields %v)", err, fieldsOf(err))
				}
				if after := env.Fingerprint(t); after != before {
					t.Error("a refused time entry changed something")
				}
				if _, err := c.SetOrderStatus(ctx, connect.NewRequest(&adminv1.SetOrderStatusRequest{Id: o.GetId(),
					Status: adminv1.OrderStatus_ORDER_STATUS_IN_PROGRESS, Reason: "one more folder"})); err != nil {
					t.Fatal(err)
				}
				if _, err := c.StartTimer(ctx, connect.NewRequest(&adminv1.StartTimerRequest{OrderId: o.GetId(), Billable: true})); err != nil {
					t.Fatal(err)
				}
				env.Clock.Advance(20 * time.Minute)
				stopped, err := c.StopTimer(ctx, connect.NewRequest(&adminv1.StopTimerRequest{}))
				if err != nil || stopped.Msg.GetTimeEntry().GetMinutes() != 20 {
					t.Fatalf("stopped = %v %v", stopped, err)
				}
				unbilled, err := c.GetUnbilledTime(ctx, connect.NewRequest(&adminv1.GetUnbilledTimeRequest{OrganizationId: orgID}))
				if err != nil || len(unbilled.Msg.GetOrders()) == 0 || unbilled.Msg.GetMinutes() < 20 {
					t.Errorf("unbilled = %v %v", unbilled, err)
				}
				entries, err := c.ListTimeEntries(ctx, connect.NewRequest(&adminv1.ListTimeEntriesRequest{OrderId: o.GetId()}))
				if err != nil || len(entries.Msg.GetTimeEntries()) != 1 || entries.Msg.GetTimeEntries()[0].GetUserId() != ids.Format(ids.User, op.ID) {
					t.Errorf("entries = %v %v", entries, err)
				}

				list, err := c.ListOrders(ctx, connect.NewRequest(&adminv1.ListOrdersRequest{Filter: &adminv1.OrderFilter{
					Query: "#" + strconv.FormatInt(o.GetNumber(), 10), Statuses: []adminv1.OrderStatus{adminv1.OrderStatus_ORDER_STATUS_IN_PROGRESS}}}))
				if err != nil || list.Msg.GetTotalSize() != 1 || list.Msg.GetOrders()[0].GetId() != o.GetId() {
					t.Errorf("by number = %v %v", list, err)
				}
			})
		}
	})
}
