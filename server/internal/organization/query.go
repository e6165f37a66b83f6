package organization

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// ListParams select a page of organizations.
type ListParams struct {
	PageSize  int32
	PageToken string
	// Query matches name or legal name, case-insensitively.
	Query    string
	Statuses []string
	// OrderBy is "name", "name desc", "create_time" or "create_time desc".
	OrderBy string
}

// Page is one page of organizations.
type Page struct {
	Items         []Summary
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Name string    `json:"n,omitempty"`
	Time time.Time `json:"t,omitzero"`
	ID   uuid.UUID `json:"i"`
	// Total is the match count taken with the first page; later pages
	// carry it instead of counting every match again.
	Total int `json:"c,omitempty"`
}

// List returns one page of organizations with their member and workspace
// counts. The counts are correlated subqueries of the one page query, so a
// page costs the same number of statements whatever its size.
func (s *Service) List(ctx context.Context, p ListParams) (*Page, error) {
	key, version := cacheKey(ctx, "list", p)
	return s.pages.Load(ctx, key, version, func(ctx context.Context) (*Page, changes.Deps, error) {
		page, err := s.list(ctx, p)
		return page, listDeps(ctx), err
	})
}

// listDeps: a page of organizations changes with any organization (a new
// one, a rename that moves it between pages) and its counts with any
// workspace or membership; a caller who sees only some users counts only
// those, so then with any user too.
func listDeps(ctx context.Context) changes.Deps {
	d := changes.Deps{Whole: []string{ent.TypeOrganization, ent.TypeWorkspace, ent.TypeMembership, ent.TypeSettings}}
	if tenancy.Visible(ctx, ent.TypeUser) != nil {
		d.Whole = append(d.Whole, ent.TypeUser)
	}
	return d
}

func (s *Service) list(ctx context.Context, p ListParams) (*Page, error) {
	orderBy := p.OrderBy
	if orderBy == "" {
		orderBy = "name"
	}
	var byName, desc bool
	switch orderBy {
	case "name":
		byName = true
	case "name desc":
		byName, desc = true, true
	case "create_time":
	case "create_time desc":
		desc = true
	default:
		return nil, apierr.Invalid("order_by", "order_by.in", "must be one of name, name desc, create_time, create_time desc")
	}

	var where []predicate.Organization
	if p.Query != "" {
		where = append(where, organization.Or(organization.NameContainsFold(p.Query), organization.LegalNameContainsFold(p.Query)))
	}
	if len(p.Statuses) > 0 {
		st := make([]organization.Status, len(p.Statuses))
		for i, v := range p.Statuses {
			st[i] = organization.Status(v)
		}
		where = append(where, organization.StatusIn(st...))
	}

	fp := paging.Fingerprint("organizations", p.Query, p.Statuses, orderBy)
	var c cursor
	hasCursor, err := paging.Decode(p.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}

	q := s.client.Organization.Query().Where(where...)
	if hasCursor {
		q.Where(after(byName, desc, c))
	}
	order := sql.OrderAsc()
	if desc {
		order = sql.OrderDesc()
	}
	if byName {
		q.Order(organization.ByName(order), organization.ByID(order))
	} else {
		q.Order(organization.ByCreateTime(order), organization.ByID(order))
	}
	size := paging.Size(p.PageSize)
	q.Limit(size + 1)
	q.Modify(withCounts(ctx))
	rows, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list organizations: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Organization.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count organizations: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Organization) any {
		return cursor{Name: last.Name, Time: last.CreateTime, ID: last.ID, Total: total}
	})
	page.Items = make([]Summary, len(rows))
	for i, o := range rows {
		page.Items[i] = summarize(o)
	}
	items := make([]*Organization, len(page.Items))
	for i := range page.Items {
		items[i] = &page.Items[i].Organization
	}
	if err := s.withBillingDays(ctx, items...); err != nil {
		return nil, err
	}
	return page, nil
}

// after is the keyset predicate "comes after the cursor in this order".
func after(byName, desc bool, c cursor) predicate.Organization {
	key := paging.Key{Column: organization.FieldCreateTime, Value: c.Time}
	if byName {
		key = paging.Key{Column: organization.FieldName, Value: c.Name}
	}
	return paging.After(desc, key, paging.Key{Column: organization.FieldID, Value: c.ID})
}

// withCounts adds member_count and workspace_count to the selected columns,
// counting only the members and workspaces the caller sees.
func withCounts(ctx context.Context) func(*sql.Selector) {
	return func(s *sql.Selector) {
		m := sql.Table(membership.Table).As("mc")
		w := sql.Table(workspace.Table).As("wc")
		members := tenancy.Confine(ctx, ent.TypeMembership,
			sql.Select(sql.Count("*")).From(m).Where(sql.ColumnsEQ(m.C(membership.FieldOrganizationID), s.C(organization.FieldID))))
		if users := tenancy.Visible(ctx, ent.TypeUser); users != nil {
			members.Where(sql.In(m.C(membership.FieldUserID), users))
		}
		s.AppendSelectExprAs(members, "member_count")
		s.AppendSelectExprAs(tenancy.Confine(ctx, ent.TypeWorkspace,
			sql.Select(sql.Count("*")).From(w).Where(sql.ColumnsEQ(w.C(workspace.FieldOrganizationID), s.C(organization.FieldID)))),
			"workspace_count")
	}
}

func summarize(o *ent.Organization) Summary {
	return Summary{Organization: organizationOf(o), MemberCount: db.Int(o.Value("member_count")), WorkspaceCount: db.Int(o.Value("workspace_count"))}
}

// Details is an organization with its workspaces and members.
type Details struct {
	Summary
	Workspaces []Workspace
	Members    []Member
}

// Get returns one organization with its workspaces (by name) and members
// (by display name), and the workspaces' members: four statements, whatever the organization's size.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Details, error) {
	key, version := cacheKey(ctx, "get", id)
	return s.details.Load(ctx, key, version, func(ctx context.Context) (*Details, changes.Deps, error) {
		d, err := s.get(ctx, id)
		if err != nil {
			return nil, changes.Deps{}, err
		}
		return d, d.deps(), nil
	})
}

// deps: an organization's page shows its own row, its workspaces, its
// memberships and its members' names. A new workspace or membership refers
// to the organization, so writing it names the organization too.
func (d *Details) deps() changes.Deps {
	ids := make([]uuid.UUID, 0, 1+len(d.Workspaces)+2*len(d.Members))
	ids = append(ids, d.ID)
	for _, w := range d.Workspaces {
		ids = append(ids, w.ID)
	}
	for _, m := range d.Members {
		ids = append(ids, m.ID, m.UserID)
	}
	return changes.Deps{IDs: ids, Types: []string{ent.TypeOrganization, ent.TypeWorkspace, ent.TypeMembership, ent.TypeUser, ent.TypeWorkspaceMember},
		// Its billing day follows the invoice calendar's time zone; a
		// workspace member taken out is a deleted row that names only
		// itself, so any change of workspace members drops the page.
		Whole: []string{ent.TypeSettings, ent.TypeWorkspaceMember}}
}

// get reads an organization without the cache, e.g. right after a change.
func (s *Service) get(ctx context.Context, id uuid.UUID) (*Details, error) {
	o, err := s.client.Organization.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get organization: %w", err)
	}
	wss, err := s.client.Workspace.Query().Where(workspace.OrganizationID(id)).
		Order(workspace.ByName()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list workspaces: %w", err)
	}
	members, err := s.members(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &Details{Summary: Summary{Organization: organizationOf(o), MemberCount: len(members), WorkspaceCount: len(wss)},
		Workspaces: workspacesOf(wss), Members: members}
	if err := s.withBillingDays(ctx, &d.Organization); err != nil {
		return nil, err
	}
	users := make(map[uuid.UUID]*User, len(members))
	for _, m := range members {
		users[m.UserID] = m.User
	}
	// A workspace admin is always a member (removing a member clears it), so
	// the admins come from the members already loaded.
	for i, w := range d.Workspaces {
		if w.AdminUserID != nil {
			d.Workspaces[i].Admin = users[*w.AdminUserID]
		}
	}
	if err := s.withMembers(ctx, d.Workspaces); err != nil {
		return nil, err
	}
	return d, nil
}

// members loads an organization's memberships joined with their users'
// names in one statement, ordered by display name and e-mail.
func (s *Service) members(ctx context.Context, orgID uuid.UUID) ([]Member, error) {
	q := s.client.Membership.Query().Where(membership.OrganizationID(orgID))
	q.Modify(func(sel *sql.Selector) {
		u := sql.Table(user.Table).As("mu")
		sel.Join(u).On(sel.C(membership.FieldUserID), u.C(user.FieldID))
		if users := tenancy.Visible(ctx, ent.TypeUser); users != nil {
			sel.Where(sql.In(sel.C(membership.FieldUserID), users))
		}
		sel.AppendSelectAs(u.C(user.FieldEmail), "member_email")
		sel.AppendSelectAs(u.C(user.FieldDisplayName), "member_display_name")
		sel.OrderBy(u.C(user.FieldDisplayName), u.C(user.FieldEmail))
	})
	ms, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	out := make([]Member, len(ms))
	for i, m := range ms {
		out[i] = memberOf(m)
		out[i].User = &User{ID: m.UserID, Email: db.Text(m.Value("member_email")), DisplayName: db.Text(m.Value("member_display_name"))}
	}
	return out, nil
}

// ListWorkspaces pages through an organization's workspaces by name.
func (s *Service) ListWorkspaces(ctx context.Context, orgID uuid.UUID, pageSize int32, pageToken string) ([]Workspace, string, error) {
	if err := s.mustExist(ctx, orgID); err != nil {
		return nil, "", err
	}
	fp := paging.Fingerprint("workspaces", orgID)
	var c cursor
	q := s.client.Workspace.Query().Where(workspace.OrganizationID(orgID)).WithAdmin()
	if ok, err := paging.Decode(pageToken, fp, &c); err != nil {
		return nil, "", err
	} else if ok {
		q.Where(workspace.Or(workspace.NameGT(c.Name), workspace.And(workspace.Name(c.Name), workspace.IDGT(c.ID))))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(workspace.ByName(), workspace.ByID()).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list workspaces: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.Workspace) any { return cursor{Name: last.Name, ID: last.ID} })
	out := workspacesOf(rows)
	if err := s.withMembers(ctx, out); err != nil {
		return nil, "", err
	}
	return out, next, nil
}

func (s *Service) mustExist(ctx context.Context, id uuid.UUID) error {
	ok, err := s.client.Organization.Query().Where(organization.ID(id)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("find organization: %w", err)
	}
	if !ok {
		return apierr.NotFound("organization", ids.Format(ids.Organization, id))
	}
	return nil
}
