package instance

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/servicelogbookentry"
	"github.com/leitstand/leitstand/server/ent/servicestatuschange"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Filter selects a page of instances and says in which order.
type Filter struct {
	PageSize  int32
	PageToken string
	// Query matches the name, folded (case, accents, ß).
	Query string
	// OrganizationID, WorkspaceID, CatalogItemID: nil matches every one.
	OrganizationID, WorkspaceID, CatalogItemID *uuid.UUID
	Statuses                                   []Status
	// ServerID: only instances with a container linked on this server.
	ServerID *uuid.UUID
	// Healths: only instances whose primary containers are in one of
	// these states of health.
	Healths []Health
	// OrderBy is "name" (the default) or "create_time", each optionally
	// followed by " desc".
	OrderBy string
}

// Page is one page of instances.
type Page struct {
	Items         []Instance
	NextPageToken string
	TotalSize     int
}

// Orders are the orders List accepts.
var Orders = []string{"name", "name desc", "create_time", "create_time desc"}

// cursor is the last instance of a page: its sort key and id.
type cursor struct {
	Name  string    `json:"n,omitempty"`
	Time  time.Time `json:"t,omitzero"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// withNames reads the names of what the instances refer to: one statement
// per kind, whatever the page's size.
func withNames(q *ent.ServiceInstanceQuery) *ent.ServiceInstanceQuery {
	return q.WithOrganization(func(q *ent.OrganizationQuery) { q.Select(organization.FieldName) }).
		WithWorkspace(func(q *ent.WorkspaceQuery) { q.Select(workspace.FieldName) }).
		WithCatalogItem(func(q *ent.CatalogItemQuery) { q.Select(catalogitem.FieldName, catalogitem.FieldIcon) })
}

// List returns one page of the instances the caller sees. Ties of the
// order go by id, so pages neither skip nor repeat an instance.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	orderBy := f.OrderBy
	if orderBy == "" {
		orderBy = "name"
	}
	if !slices.Contains(Orders, orderBy) {
		return nil, apierr.Invalid("order_by", "order_by.in", "must be one of %s", strings.Join(Orders, ", "))
	}
	key, desc := strings.CutSuffix(orderBy, " desc")
	var where []predicate.ServiceInstance
	query := strings.TrimSpace(f.Query)
	if query != "" {
		where = append(where, predicate.ServiceInstance(search.Match(serviceinstance.FieldSearchKey, textfold.Fold(query))))
	}
	if f.OrganizationID != nil {
		where = append(where, serviceinstance.OrganizationID(*f.OrganizationID))
	}
	if f.WorkspaceID != nil {
		where = append(where, serviceinstance.WorkspaceID(*f.WorkspaceID))
	}
	if f.CatalogItemID != nil {
		where = append(where, serviceinstance.CatalogItemID(*f.CatalogItemID))
	}
	if len(f.Statuses) > 0 {
		st := make([]serviceinstance.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = serviceinstance.Status(v)
		}
		where = append(where, serviceinstance.StatusIn(st...))
	}
	if f.ServerID != nil {
		where = append(where, serviceinstance.HasContainerLinksWith(
			servicecontainerlink.HasContainerWith(container.ServerID(*f.ServerID))))
	}
	if len(f.Healths) > 0 {
		where = append(where, HasHealth(f.Healths...))
	}

	fp := paging.Fingerprint("services", query, f.OrganizationID, f.WorkspaceID, f.CatalogItemID, f.Statuses,
		f.ServerID, f.Healths, orderBy)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.ServiceInstance.Query().Where(where...)
	if hasCursor {
		q.Where(after(key == "name", desc, c))
	}
	order := sql.OrderAsc()
	if desc {
		order = sql.OrderDesc()
	}
	if key == "name" {
		q.Order(serviceinstance.ByName(order), serviceinstance.ByID(order))
	} else {
		q.Order(serviceinstance.ByCreateTime(order), serviceinstance.ByID(order))
	}
	size := paging.Size(f.PageSize)
	rows, err := withNames(q).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.ServiceInstance.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count services: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.ServiceInstance) any {
		return cursor{Name: last.Name, Time: last.CreateTime, ID: last.ID, Total: total}
	})
	page.Items = make([]Instance, len(rows))
	ptrs := make([]*Instance, len(rows))
	for i, r := range rows {
		page.Items[i] = instanceOf(r)
		ptrs[i] = &page.Items[i]
	}
	if err := s.completed(ctx, ptrs...); err != nil {
		return nil, err
	}
	return page, nil
}

// after is the keyset predicate "comes after the cursor in this order".
func after(byName, desc bool, c cursor) predicate.ServiceInstance {
	key := paging.Key{Column: serviceinstance.FieldCreateTime, Value: c.Time}
	if byName {
		key = paging.Key{Column: serviceinstance.FieldName, Value: c.Name}
	}
	return paging.After(desc, key, paging.Key{Column: serviceinstance.FieldID, Value: c.ID})
}

// mustExist refuses an instance the caller does not see.
func (s *Service) mustExist(ctx context.Context, id uuid.UUID) error {
	ok, err := s.client.ServiceInstance.Query().Where(serviceinstance.ID(id)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("find service: %w", err)
	}
	if !ok {
		return apierr.NotFound("service", ids.Format(ids.Service, id))
	}
	return nil
}

// timeCursor is the last row of a page that goes newest first.
type timeCursor struct {
	Time time.Time `json:"t"`
	ID   uuid.UUID `json:"i"`
}

// History returns one page of an instance's status history, newest first.
func (s *Service) History(ctx context.Context, id uuid.UUID, pageSize int32, pageToken string) ([]StatusChange, string, error) {
	if err := s.mustExist(ctx, id); err != nil {
		return nil, "", err
	}
	fp := paging.Fingerprint("service-history", id)
	var c timeCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, "", err
	}
	q := s.client.ServiceStatusChange.Query().Where(servicestatuschange.ServiceInstanceID(id))
	if hasCursor {
		q.Where(servicestatuschange.Or(servicestatuschange.ChangeTimeLT(c.Time),
			servicestatuschange.And(servicestatuschange.ChangeTime(c.Time), servicestatuschange.IDLT(c.ID))))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(servicestatuschange.ByChangeTime(sql.OrderDesc()), servicestatuschange.ByID(sql.OrderDesc())).
		Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("status history: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.ServiceStatusChange) any {
		return timeCursor{Time: last.ChangeTime, ID: last.ID}
	})
	out := make([]StatusChange, len(rows))
	for i, r := range rows {
		out[i] = statusChangeOf(r)
	}
	return out, next, nil
}

// Logbook returns one page of an instance's logbook, newest first; vis ""
// for every entry.
func (s *Service) Logbook(ctx context.Context, id uuid.UUID, vis Visibility, pageSize int32, pageToken string) ([]LogbookEntry, string, error) {
	if err := s.mustExist(ctx, id); err != nil {
		return nil, "", err
	}
	fp := paging.Fingerprint("service-logbook", id, vis)
	var c timeCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, "", err
	}
	q := s.client.ServiceLogbookEntry.Query().Where(servicelogbookentry.ServiceInstanceID(id))
	if vis != "" {
		q.Where(servicelogbookentry.VisibilityEQ(servicelogbookentry.Visibility(vis)))
	}
	if hasCursor {
		q.Where(servicelogbookentry.Or(servicelogbookentry.CreateTimeLT(c.Time),
			servicelogbookentry.And(servicelogbookentry.CreateTime(c.Time), servicelogbookentry.IDLT(c.ID))))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(servicelogbookentry.ByCreateTime(sql.OrderDesc()), servicelogbookentry.ByID(sql.OrderDesc())).
		Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("logbook: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.ServiceLogbookEntry) any {
		return timeCursor{Time: last.CreateTime, ID: last.ID}
	})
	out := make([]LogbookEntry, len(rows))
	for i, r := range rows {
		out[i] = logbookEntryOf(r)
	}
	return out, next, nil
}

// Names returns the names of the instances with these ids that the caller
// sees, for the audit trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.ServiceInstance.Query().Where(serviceinstance.IDIn(idList...)).
		Select(serviceinstance.FieldID, serviceinstance.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name services: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
