package order

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/ordercomment"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
	"github.com/leitstand/leitstand/server/internal/search"
)

// withNames reads the names of what orders refer to: one statement per
// kind, whatever the page's size.
func withNames(q *ent.OrderQuery) *ent.OrderQuery {
	return q.WithOrganization(func(q *ent.OrganizationQuery) { q.Select(organization.FieldName) }).
		WithWorkspace(func(q *ent.WorkspaceQuery) { q.Select(workspace.FieldName) }).
		WithServiceInstance(func(q *ent.ServiceInstanceQuery) { q.Select(serviceinstance.FieldName) }).
		WithAssignee(func(q *ent.UserQuery) { q.Select(user.FieldDisplayName, user.FieldEmail) })
}

// today is the day it is, at midnight UTC.
// begun reports whether day (a date at midnight UTC) has begun anywhere:
// staff record the time of their own calendar's today, which is ahead of
// UTC's in the evening east of Greenwich (Berlin after 23:00 UTC). No
// calendar is more than 14 hours ahead of UTC.
func (s *Service) begun(day time.Time) bool {
	latest := s.clock.Now().UTC().Add(14 * time.Hour)
	return !day.After(time.Date(latest.Year(), latest.Month(), latest.Day(), 0, 0, 0, 0, time.UTC))
}

func (s *Service) today() time.Time {
	now := s.clock.Now().UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// orderOf makes an Order of a row and the edges it was read with.
func (s *Service) orderOf(r *ent.Order) Order {
	o := Order{
		ID: r.ID, Number: r.Number, OrganizationID: r.OrganizationID,
		Values: Values{Title: r.Title, Description: r.Description, Kind: Kind(r.Kind), Priority: Priority(r.Priority),
			AssigneeID: r.AssigneeID, WorkspaceID: r.WorkspaceID, ServiceInstanceID: r.ServiceInstanceID},
		Status: Status(r.Status), StatusTime: r.StatusTime, CreatedByEmail: r.CreatedByEmail,
		CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
	}
	if r.DueDate != nil {
		d := r.DueDate.UTC()
		o.DueDate = &d
		o.Overdue = !Closed(o.Status) && d.Before(s.today())
	}
	if e := r.Edges.Organization; e != nil {
		o.OrganizationName = e.Name
	}
	if e := r.Edges.Workspace; e != nil {
		o.WorkspaceName = e.Name
	}
	if e := r.Edges.ServiceInstance; e != nil {
		o.ServiceName = e.Name
	}
	if e := r.Edges.Assignee; e != nil {
		o.AssigneeName = e.DisplayName
		if o.AssigneeName == "" {
			o.AssigneeName = e.Email
		}
	}
	return o
}

func commentOf(r *ent.OrderComment) Comment {
	return Comment{ID: r.ID, OrderID: r.OrderID, CreateTime: r.CreateTime, AuthorID: r.AuthorID, AuthorEmail: r.AuthorEmail,
		Visibility: Visibility(r.Visibility), Text: r.Text, Code: r.Code, Params: maps.Clone(r.Params)}
}

// Get returns one order.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Order, error) {
	r, err := load(ctx, s.client, id)
	if err != nil {
		return nil, err
	}
	o := s.orderOf(r)
	return &o, s.withProgress(ctx, &o)
}

// Filter selects a page of orders and says in which order.
type Filter struct {
	PageSize  int32
	PageToken string
	// Query matches the title, folded, or is the order's number ("1042",
	// "#1042").
	Query string
	// OrganizationID, ServiceInstanceID, AssigneeID: nil matches every
	// one. Unassigned keeps the orders assigned to nobody.
	OrganizationID, ServiceInstanceID, AssigneeID *uuid.UUID
	Unassigned                                    bool
	Statuses                                      []Status
	Kinds                                         []Kind
	Priorities                                    []Priority
	// Overdue keeps the orders due before today that are not closed.
	Overdue bool
	// OrderBy is "create_time desc" (the default) or "create_time".
	OrderBy string
}

// Page is one page of orders.
type Page struct {
	Items         []Order
	NextPageToken string
	TotalSize     int
}

// Orders are the orders List accepts.
var Orders = []string{"create_time desc", "create_time"}

type cursor struct {
	Time  time.Time `json:"t"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of the orders the caller sees.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	orderBy := f.OrderBy
	if orderBy == "" {
		orderBy = "create_time desc"
	}
	if !slices.Contains(Orders, orderBy) {
		return nil, apierr.Invalid("order_by", "order_by.in", "must be one of %s", strings.Join(Orders, ", "))
	}
	if f.Unassigned && f.AssigneeID != nil {
		return nil, apierr.Invalid("filter.unassigned", "unassigned.exclusive", "either orders assigned to nobody or to assignee_id, not both")
	}
	desc := orderBy == "create_time desc"
	var where []predicate.Order
	if q := strings.TrimSpace(f.Query); q != "" {
		match := predicate.Order(search.Match(order.FieldSearchKey, textfold.Fold(q)))
		if n, err := strconv.ParseInt(strings.TrimPrefix(q, "#"), 10, 64); err == nil && n > 0 {
			match = order.Or(match, order.Number(n))
		}
		where = append(where, match)
	}
	if f.OrganizationID != nil {
		where = append(where, order.OrganizationID(*f.OrganizationID))
	}
	if f.ServiceInstanceID != nil {
		where = append(where, order.ServiceInstanceID(*f.ServiceInstanceID))
	}
	if f.AssigneeID != nil {
		where = append(where, order.AssigneeID(*f.AssigneeID))
	}
	if f.Unassigned {
		where = append(where, order.AssigneeIDIsNil())
	}
	if len(f.Statuses) > 0 {
		where = append(where, order.StatusIn(convert[order.Status](f.Statuses)...))
	}
	if len(f.Kinds) > 0 {
		where = append(where, order.KindIn(convert[order.Kind](f.Kinds)...))
	}
	if len(f.Priorities) > 0 {
		where = append(where, order.PriorityIn(convert[order.Priority](f.Priorities)...))
	}
	if f.Overdue {
		where = append(where, order.DueDateLT(s.today()), order.StatusNotIn(order.StatusDONE, order.StatusCANCELLED))
	}
	fp := paging.Fingerprint("orders", f.Query, f.OrganizationID, f.ServiceInstanceID, f.AssigneeID, f.Unassigned,
		f.Statuses, f.Kinds, f.Priorities, f.Overdue, orderBy)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Order.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(desc, paging.Key{Column: order.FieldCreateTime, Value: c.Time},
			paging.Key{Column: order.FieldID, Value: c.ID}))
	}
	dir := sql.OrderAsc()
	if desc {
		dir = sql.OrderDesc()
	}
	size := paging.Size(f.PageSize)
	rows, err := withNames(q.Order(order.ByCreateTime(dir), order.ByID(dir))).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list orders: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Order.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count orders: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Order) any {
		return cursor{Time: last.CreateTime, ID: last.ID, Total: total}
	})
	page.Items = make([]Order, len(rows))
	ptrs := make([]*Order, len(rows))
	for i, r := range rows {
		page.Items[i] = s.orderOf(r)
		ptrs[i] = &page.Items[i]
	}
	return page, s.withProgress(ctx, ptrs...)
}

// convert turns a domain enum list into the ent column's type.
func convert[T ~string, S ~string](xs []S) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = T(x)
	}
	return out
}

type commentCursor struct {
	Time time.Time `json:"t"`
	ID   uuid.UUID `json:"i"`
}

// Comments returns one page of an order's comments, oldest first; vis ""
// for every comment.
func (s *Service) Comments(ctx context.Context, id uuid.UUID, vis Visibility, pageSize int32, pageToken string) ([]Comment, string, error) {
	ok, err := s.client.Order.Query().Where(order.ID(id)).Exist(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("find order: %w", err)
	}
	if !ok {
		return nil, "", apierr.NotFound("order", ids.Format(ids.Order, id))
	}
	fp := paging.Fingerprint("order-comments", id, vis)
	var c commentCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, "", err
	}
	q := s.client.OrderComment.Query().Where(ordercomment.OrderID(id))
	if vis != "" {
		q.Where(ordercomment.VisibilityEQ(ordercomment.Visibility(vis)))
	}
	if hasCursor {
		q.Where(paging.After(false, paging.Key{Column: ordercomment.FieldCreateTime, Value: c.Time},
			paging.Key{Column: ordercomment.FieldID, Value: c.ID}))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(ordercomment.ByCreateTime(), ordercomment.ByID()).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("order comments: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.OrderComment) any {
		return commentCursor{Time: last.CreateTime, ID: last.ID}
	})
	var authors []uuid.UUID
	for _, r := range rows {
		if r.AuthorID != nil {
			authors = append(authors, *r.AuthorID)
		}
	}
	customers := map[uuid.UUID]bool{}
	if len(authors) > 0 {
		users, err := s.client.User.Query().Where(user.IDIn(authors...), user.PlatformRoleEQ(user.PlatformRoleUSER)).IDs(ctx)
		if err != nil {
			return nil, "", fmt.Errorf("comment authors: %w", err)
		}
		for _, u := range users {
			customers[u] = true
		}
	}
	out := make([]Comment, len(rows))
	for i, r := range rows {
		out[i] = commentOf(r)
		out[i].ByCustomer = r.AuthorID != nil && customers[*r.AuthorID]
	}
	return out, next, nil
}

// Names returns "#number title" of the orders with these ids that the
// caller sees, for the audit trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Order.Query().Where(order.IDIn(idList...)).
		Select(order.FieldID, order.FieldNumber, order.FieldTitle).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name orders: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = fmt.Sprintf("#%d %s", r.Number, r.Title)
	}
	return out, nil
}
