package orders

import (
	"context"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

func toProtoEntry(e order.TimeEntry) *adminv1.TimeEntry {
	return &adminv1.TimeEntry{
		Id: ids.Format(ids.TimeEntry, e.ID), OrderId: ids.Format(ids.Order, e.OrderID), OrderNumber: e.OrderNumber, OrderTitle: e.OrderTitle,
		UserId: ids.FormatPtr(ids.User, e.UserID), UserName: e.UserName, Date: e.Date.Format("2006-01-02"), Minutes: int32(e.Minutes),
		Description: e.Description, Billable: e.Billable, StartTime: protoconv.Time(e.StartTime), InvoiceTime: protoconv.Time(e.InvoiceTime),
		CreateTime: timestamppb.New(e.CreateTime),
	}
}

// timeValues reads an entry's editable fields; prefix is the path of the
// message they came in.
func timeValues(prefix, userID, date string, minutes int32, description string, billable bool) (order.TimeValues, error) {
	v := order.TimeValues{Minutes: int(minutes), Description: description, Billable: billable}
	var err error
	if v.UserID, err = ids.ParseOptional(ids.User, prefix+"user_id", userID); err != nil {
		return v, err
	}
	d, err := order.ParseDate(prefix+"date", date)
	if err != nil {
		return v, err
	}
	if d != nil {
		v.Date = *d
	}
	return v, nil
}

// ListTimeEntries implements OrderService.ListTimeEntries.
func (h *Handler) ListTimeEntries(ctx context.Context, req *connect.Request[adminv1.ListTimeEntriesRequest]) (*connect.Response[adminv1.ListTimeEntriesResponse], error) {
	orderID, err := ids.ParseOptional(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	orgID, err := ids.ParseOptional(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	es, next, err := h.orders.TimeEntries(ctx, orderID, orgID, req.Msg.GetPageSize(), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListTimeEntriesResponse{NextPageToken: next}
	for _, e := range es {
		out.TimeEntries = append(out.TimeEntries, toProtoEntry(e))
	}
	return connect.NewResponse(out), nil
}

// CreateTimeEntry implements OrderService.CreateTimeEntry.
func (h *Handler) CreateTimeEntry(ctx context.Context, req *connect.Request[adminv1.CreateTimeEntryRequest]) (*connect.Response[adminv1.CreateTimeEntryResponse], error) {
	m := req.Msg
	orderID, err := ids.Parse(ids.Order, "order_id", m.GetOrderId())
	if err != nil {
		return nil, err
	}
	v, err := timeValues("", m.GetUserId(), m.GetDate(), m.GetMinutes(), m.GetDescription(), m.GetBillable())
	if err != nil {
		return nil, err
	}
	e, err := h.orders.CreateTimeEntry(ctx, orderID, v)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.CreateTimeEntryResponse{TimeEntry: toProtoEntry(*e)}), nil
}

// UpdateTimeEntry implements OrderService.UpdateTimeEntry.
func (h *Handler) UpdateTimeEntry(ctx context.Context, req *connect.Request[adminv1.UpdateTimeEntryRequest]) (*connect.Response[adminv1.UpdateTimeEntryResponse], error) {
	te := req.Msg.GetTimeEntry()
	id, err := ids.Parse(ids.TimeEntry, "time_entry.id", te.GetId())
	if err != nil {
		return nil, err
	}
	v, err := timeValues("time_entry.", te.GetUserId(), te.GetDate(), te.GetMinutes(), te.GetDescription(), te.GetBillable())
	if err != nil {
		return nil, err
	}
	e, err := h.orders.UpdateTimeEntry(ctx, id, v, req.Msg.GetUpdateMask().GetPaths())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.UpdateTimeEntryResponse{TimeEntry: toProtoEntry(*e)}), nil
}

// DeleteTimeEntry implements OrderService.DeleteTimeEntry.
func (h *Handler) DeleteTimeEntry(ctx context.Context, req *connect.Request[adminv1.DeleteTimeEntryRequest]) (*connect.Response[adminv1.DeleteTimeEntryResponse], error) {
	id, err := ids.Parse(ids.TimeEntry, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	if err := h.orders.DeleteTimeEntry(ctx, id); err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.DeleteTimeEntryResponse{}), nil
}

// StartTimer implements OrderService.StartTimer.
func (h *Handler) StartTimer(ctx context.Context, req *connect.Request[adminv1.StartTimerRequest]) (*connect.Response[adminv1.StartTimerResponse], error) {
	orderID, err := ids.Parse(ids.Order, "order_id", req.Msg.GetOrderId())
	if err != nil {
		return nil, err
	}
	e, err := h.orders.StartTimer(ctx, orderID, req.Msg.GetDescription(), req.Msg.GetBillable())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.StartTimerResponse{TimeEntry: toProtoEntry(*e)}), nil
}

// StopTimer implements OrderService.StopTimer.
func (h *Handler) StopTimer(ctx context.Context, _ *connect.Request[adminv1.StopTimerRequest]) (*connect.Response[adminv1.StopTimerResponse], error) {
	e, err := h.orders.StopTimer(ctx)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.StopTimerResponse{TimeEntry: toProtoEntry(*e)}), nil
}

// GetUnbilledTime implements OrderService.GetUnbilledTime.
func (h *Handler) GetUnbilledTime(ctx context.Context, req *connect.Request[adminv1.GetUnbilledTimeRequest]) (*connect.Response[adminv1.GetUnbilledTimeResponse], error) {
	orgID, err := ids.Parse(ids.Organization, "organization_id", req.Msg.GetOrganizationId())
	if err != nil {
		return nil, err
	}
	perOrder, total, err := h.orders.Unbilled(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := &adminv1.GetUnbilledTimeResponse{Minutes: total}
	for _, u := range perOrder {
		out.Orders = append(out.Orders, &adminv1.UnbilledOrder{OrderId: ids.Format(ids.Order, u.OrderID), OrderNumber: u.OrderNumber,
			OrderTitle: u.OrderTitle, Minutes: u.Minutes, Entries: int32(u.Entries)})
	}
	return connect.NewResponse(out), nil
}
