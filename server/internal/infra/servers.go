package infra

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/containermetric"
	"github.com/leitstand/leitstand/server/ent/datasource"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/ent/serverassignment"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/ent/servermetric"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// ServerValues are a server's editable fields.
type ServerValues struct {
	Name        string
	Provider    provider.Kind // PROXMOX, BESZEL, HETZNER, DOCKER, OTHER
	Kind        provider.MachineKind
	Location    string
	IPAddress   string
	Cores       int
	MemoryBytes int64
	DiskBytes   int64
	ParentID    *uuid.UUID
	Notes       string
}

// Assignment is a server's assignment with the names it shows.
type Assignment struct {
	OrganizationID   uuid.UUID
	OrganizationName string
	WorkspaceID      *uuid.UUID
	WorkspaceName    string
}

// ServerView is a server as the API shows it.
type ServerView struct {
	Server
	ParentName      string
	Children        int
	Containers      int
	Running         int
	Assignments     []Assignment
	DatasourceKinds []provider.Kind
}

// DatasourceView is a datasource with the names it shows.
type DatasourceView struct {
	Datasource
	ServerName     string
	ConnectionName string
	Kind           provider.Kind
}

// serverMask lists the fields UpdateServer may change.
var serverMask = fieldmask.Mask[ServerValues]{Fields: []fieldmask.Field[ServerValues]{
	{Path: "name",
		Check: func(v ServerValues) (string, string) {
			if strings.TrimSpace(v.Name) == "" {
				return "name.required", "give the server a name"
			}
			return "", ""
		},
		Copy: func(d *ServerValues, s ServerValues) { d.Name = s.Name }},
	{Path: "location", Copy: func(d *ServerValues, s ServerValues) { d.Location = s.Location }},
	{Path: "ip_address",
		Check: func(v ServerValues) (string, string) {
			if v.IPAddress != "" {
				if _, err := netip.ParseAddr(v.IPAddress); err != nil {
					return "ip_address.ip", "must be an IPv4 or IPv6 address"
				}
			}
			return "", ""
		},
		Copy: func(d *ServerValues, s ServerValues) { d.IPAddress = s.IPAddress }},
	{Path: "specs.cores", Copy: func(d *ServerValues, s ServerValues) { d.Cores = s.Cores }},
	{Path: "specs.memory_bytes", Copy: func(d *ServerValues, s ServerValues) { d.MemoryBytes = s.MemoryBytes }},
	{Path: "specs.disk_bytes", Copy: func(d *ServerValues, s ServerValues) { d.DiskBytes = s.DiskBytes }},
	{Path: "parent_id", Copy: func(d *ServerValues, s ServerValues) { d.ParentID = s.ParentID }},
	{Path: "notes", Copy: func(d *ServerValues, s ServerValues) { d.Notes = s.Notes }},
}}

// ServerPaths are the update-mask paths UpdateServer accepts.
var ServerPaths = serverMask.Paths()

// serverState is what the audit trail keeps of a server.
func serverState(s *ent.Server) map[string]any {
	return map[string]any{"name": s.Name, "provider": s.Provider, "kind": s.Kind, "location": s.Location,
		"ip_address": s.IPAddress, "cores": s.Cores, "memory_bytes": s.MemoryBytes, "disk_bytes": s.DiskBytes,
		"parent_id": ids.FormatPtr(ids.Server, s.ParentID), "notes": s.Notes}
}

func (s *Service) serverNameTaken(ctx context.Context, c *ent.Client, name string, except uuid.UUID) error {
	taken, err := c.Server.Query().Where(server.Name(name), server.IDNEQ(except)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return apierr.AlreadyExists("a server named %q exists", name)
	}
	return nil
}

// checkParent refuses a parent that does not exist or would make id its own
// ancestor.
func checkParent(ctx context.Context, c *ent.Client, id uuid.UUID, parent *uuid.UUID, field string) error {
	if parent == nil {
		return nil
	}
	seen := map[uuid.UUID]bool{id: true}
	for p := parent; p != nil; {
		if seen[*p] {
			return apierr.Invalid(field, "parent_id.cycle", "a server cannot run on itself or on a server that runs on it")
		}
		seen[*p] = true
		row, err := c.Server.Query().Where(server.ID(*p)).Select(server.FieldParentID).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.Invalid(field, "parent_id.exists", "the parent server %s does not exist", ids.Format(ids.Server, *p))
		}
		if err != nil {
			return err
		}
		p = row.ParentID
	}
	return nil
}

// CreateServer enters a server by hand.
func (s *Service) CreateServer(ctx context.Context, v ServerValues) (*ServerView, error) {
	v.Name = strings.TrimSpace(v.Name)
	if err := serverMask.Check(v, serverMask.Leaves(), ""); err != nil {
		return nil, err
	}
	var out *ent.Server
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := s.serverNameTaken(ctx, tx.Client(), v.Name, uuid.Nil); err != nil {
			return err
		}
		id := uuid.Must(uuid.NewV7())
		if err := checkParent(ctx, tx.Client(), id, v.ParentID, "parent_id"); err != nil {
			return err
		}
		var err error
		out, err = s.insertServer(ctx, tx, id, v)
		if err != nil {
			return err
		}
		if err := s.event(ctx, tx.Client(), id, serverevent.KindCREATED, serverEntered(authz.ActorOf(ctx).Name()), nil); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "server", TargetID: ids.Format(ids.Server, id), After: serverState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetServer(ctx, out.ID)
}

func (s *Service) insertServer(ctx context.Context, tx *ent.Tx, id uuid.UUID, v ServerValues) (*ent.Server, error) {
	now := s.now()
	return tx.Server.Create().SetID(id).SetName(v.Name).SetProvider(server.Provider(v.Provider)).SetKind(server.Kind(v.Kind)).
		SetLocation(v.Location).SetIPAddress(v.IPAddress).SetCores(v.Cores).SetMemoryBytes(v.MemoryBytes).
		SetDiskBytes(v.DiskBytes).SetNillableParentID(v.ParentID).SetNotes(v.Notes).
		SetHealthReasons([]string{noDatasource.English}).SetHealthReasonCodes([]coded.Text{noDatasource}).
		SetCreateTime(now).SetUpdateTime(now).Save(ctx)
}

// UpdateServer changes the fields named in paths.
func (s *Service) UpdateServer(ctx context.Context, id uuid.UUID, v ServerValues, paths []string) (*ServerView, error) {
	leaves, err := serverMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	v.Name = strings.TrimSpace(v.Name)
	if err := serverMask.Check(v, leaves, "server"); err != nil {
		return nil, err
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := tx.Server.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("server", ids.Format(ids.Server, id))
		}
		if err != nil {
			return err
		}
		next := serverOf(before).ServerValues
		serverMask.Apply(&next, v, leaves)
		if slices.Contains(leaves, "name") {
			if err := s.serverNameTaken(ctx, tx.Client(), next.Name, id); err != nil {
				return err
			}
		}
		if slices.Contains(leaves, "parent_id") {
			if err := checkParent(ctx, tx.Client(), id, next.ParentID, apierr.Path("server", "parent_id")); err != nil {
				return err
			}
		}
		u := tx.Server.UpdateOneID(id).SetUpdateTime(s.now()).SetName(next.Name).SetLocation(next.Location).
			SetIPAddress(next.IPAddress).SetCores(next.Cores).SetMemoryBytes(next.MemoryBytes).SetDiskBytes(next.DiskBytes).
			SetNotes(next.Notes)
		if next.ParentID == nil {
			u.ClearParentID()
		} else {
			u.SetParentID(*next.ParentID)
		}
		after, err := u.Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "server", TargetID: ids.Format(ids.Server, id), Before: serverState(before), After: serverState(after)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetServer(ctx, id)
}

// DeleteServer removes a server with its history. Refused while servers run
// on it, and while booked services have containers linked on it.
func (s *Service) DeleteServer(ctx context.Context, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		sv, err := tx.Server.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("server", ids.Format(ids.Server, id))
		}
		if err != nil {
			return err
		}
		children, err := tx.Server.Query().Where(server.ParentID(id)).Order(server.ByName()).Select(server.FieldName).Strings(ctx)
		if err != nil {
			return err
		}
		if len(children) > 0 {
			return apierr.FailedPrecondition("%d server(s) run on %s (%s); move or delete them first", len(children), sv.Name, strings.Join(first(children, 3), ", "))
		}
		// A booked service whose containers live here would lose them: the
		// staff unlink them (or the decommission does) first.
		carried, err := tx.ServiceInstance.Query().
			Where(serviceinstance.HasContainerLinksWith(servicecontainerlink.HasContainerWith(container.ServerID(id)))).
			Order(serviceinstance.ByName()).Select(serviceinstance.FieldName).Strings(ctx)
		if err != nil {
			return err
		}
		if len(carried) > 0 {
			return apierr.FailedPrecondition("%d service(s) run on containers of %s (%s); unlink their containers or decommission them first",
				len(carried), sv.Name, strings.Join(first(carried, 3), ", "))
		}
		ctrs, err := tx.Container.Query().Where(container.ServerID(id)).IDs(ctx)
		if err != nil {
			return err
		}
		for chunk := range slices.Chunk(ctrs, 500) {
			if _, err := tx.ContainerMetric.Delete().Where(containermetric.ContainerIDIn(chunk...)).Exec(ctx); err != nil {
				return err
			}
		}
		if _, err := tx.ServerMetric.Delete().Where(servermetric.ServerID(id)).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.ServerEvent.Delete().Where(serverevent.ServerID(id)).Exec(ctx); err != nil {
			return err
		}
		// Datasources, assignments and containers go with the server (ON
		// DELETE CASCADE).
		if err := tx.Server.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "server", TargetID: ids.Format(ids.Server, id), Before: serverState(sv)})
		return nil
	})
}

func first(xs []string, n int) []string {
	if len(xs) > n {
		return append(xs[:n:n], "…")
	}
	return xs
}

// Assign assigns a server to an organization or one of its workspaces.
func (s *Service) Assign(ctx context.Context, serverID, orgID uuid.UUID, wsID *uuid.UUID) (*ServerView, error) {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := s.mustFindServer(ctx, tx.Client(), serverID); err != nil {
			return err
		}
		org, err := tx.Organization.Get(ctx, orgID)
		if ent.IsNotFound(err) {
			return apierr.NotFound("organization", ids.Format(ids.Organization, orgID))
		}
		if err != nil {
			return err
		}
		if wsID != nil {
			ok, err := tx.Workspace.Query().Where(workspace.ID(*wsID), workspace.OrganizationID(orgID)).Exist(ctx)
			if err != nil {
				return err
			}
			if !ok {
				return apierr.Invalid("workspace_id", "workspace_id.organization", "the workspace %s is not one of %s's", ids.Format(ids.Workspace, *wsID), org.Name)
			}
		}
		exists, err := tx.ServerAssignment.Query().Where(serverassignment.ServerID(serverID), serverassignment.OrganizationID(orgID),
			sameWorkspace(wsID)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return apierr.AlreadyExists("the server is already assigned there")
		}
		if _, err := tx.ServerAssignment.Create().SetServerID(serverID).SetOrganizationID(orgID).SetNillableWorkspaceID(wsID).
			SetCreateTime(s.now()).Save(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "server", TargetID: ids.Format(ids.Server, serverID),
			After: map[string]any{"assigned_to": ids.Format(ids.Organization, orgID), "workspace": ids.FormatPtr(ids.Workspace, wsID)}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetServer(ctx, serverID)
}

func sameWorkspace(wsID *uuid.UUID) predicate.ServerAssignment {
	if wsID == nil {
		return serverassignment.WorkspaceIDIsNil()
	}
	return serverassignment.WorkspaceID(*wsID)
}

// Unassign removes an assignment.
func (s *Service) Unassign(ctx context.Context, serverID, orgID uuid.UUID, wsID *uuid.UUID) (*ServerView, error) {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := s.mustFindServer(ctx, tx.Client(), serverID); err != nil {
			return err
		}
		n, err := tx.ServerAssignment.Delete().Where(serverassignment.ServerID(serverID), serverassignment.OrganizationID(orgID),
			sameWorkspace(wsID)).Exec(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apierr.NotFound("assignment", ids.Format(ids.Organization, orgID))
		}
		log.Record(audit.Event{TargetType: "server", TargetID: ids.Format(ids.Server, serverID),
			Before: map[string]any{"assigned_to": ids.Format(ids.Organization, orgID), "workspace": ids.FormatPtr(ids.Workspace, wsID)}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetServer(ctx, serverID)
}

func (s *Service) mustFindServer(ctx context.Context, c *ent.Client, id uuid.UUID) error {
	ok, err := c.Server.Query().Where(server.ID(id)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return apierr.NotFound("server", ids.Format(ids.Server, id))
	}
	return nil
}

// ServerFilter narrows ListServers, and says in which order it lists.
type ServerFilter struct {
	Query          string
	Providers      []provider.Kind
	Location       string
	OrganizationID *uuid.UUID
	Health         []Health
	SyncStatus     SyncStatus
	ParentID       *uuid.UUID
	// OrderBy is "name" (the default), "cpu_usage", "memory_usage",
	// "disk_usage" or "last_sync_time", each optionally followed by " desc".
	OrderBy string
}

// ServerPage is one page of servers.
type ServerPage struct {
	Items         []ServerView
	NextPageToken string
	TotalSize     int
}

// serverCursor is the last row of a page in the page's order: its sort key
// (one of Name, Number, Time, by the order) and id, the tie-breaker.
type serverCursor struct {
	Name   string     `json:"n,omitempty"`
	Number float64    `json:"v,omitempty"`
	Time   *time.Time `json:"t,omitempty"`
	ID     uuid.UUID  `json:"i"`
	Total  int        `json:"c,omitempty"`
}

// serverSortKey is one order of the server list: the SQL expression it sorts
// by and the same value taken from a row, for the cursor.
type serverSortKey struct {
	expr func(*sql.Selector) string
	// cursor stores a row's key in the cursor; after reads it back as a
	// query argument.
	cursor func(*ent.Server, *serverCursor)
	arg    func(serverCursor) any
	// nullable keys (the last sync) count NULL as older than any time.
	nullable bool
}

// shareOf is the share of total in use in hundredths of a percent, an
// integer so the database and the cursor compare it exactly; 0 where the
// total is unknown. Go computes the same value for the cursor (usageShare).
func shareOf(used, total string) func(*sql.Selector) string {
	return func(s *sql.Selector) string {
		return fmt.Sprintf("(CASE WHEN %[2]s > 0 THEN %[1]s * 10000 / %[2]s ELSE 0 END)", s.C(used), s.C(total))
	}
}

func usageShare(used, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return float64(used * 10000 / total)
}

var serverSortKeys = map[string]serverSortKey{
	"name": {
		expr:   func(s *sql.Selector) string { return s.C(server.FieldName) },
		cursor: func(r *ent.Server, c *serverCursor) { c.Name = r.Name },
		arg:    func(c serverCursor) any { return c.Name },
	},
	"cpu_usage": {
		expr:   func(s *sql.Selector) string { return s.C(server.FieldCPUPercent) },
		cursor: func(r *ent.Server, c *serverCursor) { c.Number = r.CPUPercent },
		arg:    func(c serverCursor) any { return c.Number },
	},
	"memory_usage": {
		expr:   shareOf(server.FieldMemoryUsed, server.FieldMemoryTotal),
		cursor: func(r *ent.Server, c *serverCursor) { c.Number = usageShare(r.MemoryUsed, r.MemoryTotal) },
		arg:    func(c serverCursor) any { return int64(c.Number) },
	},
	"disk_usage": {
		expr:   shareOf(server.FieldDiskUsed, server.FieldDiskTotal),
		cursor: func(r *ent.Server, c *serverCursor) { c.Number = usageShare(r.DiskUsed, r.DiskTotal) },
		arg:    func(c serverCursor) any { return int64(c.Number) },
	},
	"last_sync_time": {
		expr:     func(s *sql.Selector) string { return s.C(server.FieldLastSyncSuccessTime) },
		cursor:   func(r *ent.Server, c *serverCursor) { c.Time = r.LastSyncSuccessTime },
		arg:      func(c serverCursor) any { return *c.Time },
		nullable: true,
	},
}

// serverOrder reads order_by into its sort key and direction.
func serverOrder(orderBy string) (serverSortKey, bool, error) {
	if orderBy == "" {
		orderBy = "name"
	}
	name, desc := strings.CutSuffix(orderBy, " desc")
	key, ok := serverSortKeys[name]
	if !ok {
		return key, false, apierr.Invalid("order_by", "order_by.in",
			"must be one of name, cpu_usage, memory_usage, disk_usage, last_sync_time, each optionally followed by \" desc\"")
	}
	return key, desc, nil
}

// orderServers sorts by the key, NULLs first ascending and last descending
// (a server never synced is the one synced longest ago), then by id.
func orderServers(key serverSortKey, desc bool) func(*sql.Selector) {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return func(s *sql.Selector) {
		expr := key.expr(s)
		if key.nullable {
			s.OrderExpr(sql.Expr("(CASE WHEN " + expr + " IS NULL THEN 0 ELSE 1 END)" + dir))
		}
		s.OrderExpr(sql.Expr(expr+dir), sql.Expr(s.C(server.FieldID)+dir))
	}
}

// afterServer is the keyset predicate "comes after the cursor in this order".
func afterServer(key serverSortKey, desc bool, c serverCursor) predicate.Server {
	op := sql.OpGT
	if desc {
		op = sql.OpLT
	}
	return func(s *sql.Selector) {
		expr, id := key.expr(s), s.C(server.FieldID)
		idAfter := sql.P(func(b *sql.Builder) { b.WriteString(id).WriteOp(op).Arg(c.ID) })
		isNull := sql.P(func(b *sql.Builder) { b.WriteString(expr + " IS NULL") })
		if key.nullable && c.Time == nil {
			// The cursor is among the NULLs: the rest of them by id, then
			// (ascending) every row with a time.
			if desc {
				s.Where(sql.And(isNull, idAfter))
			} else {
				s.Where(sql.Or(sql.And(isNull, idAfter), sql.Not(isNull)))
			}
			return
		}
		v := key.arg(c)
		keyAfter := sql.P(func(b *sql.Builder) { b.WriteString(expr).WriteOp(op).Arg(v) })
		keyEqual := sql.P(func(b *sql.Builder) { b.WriteString(expr).WriteOp(sql.OpEQ).Arg(v) })
		next := sql.Or(keyAfter, sql.And(keyEqual, idAfter))
		if key.nullable && desc {
			next = sql.Or(next, isNull)
		}
		s.Where(next)
	}
}

// ListServers pages through servers in the filter's order. Counts of
// children and containers are subqueries of the page query; assignments,
// parents' names and datasource kinds are one statement each for the whole
// page.
func (s *Service) ListServers(ctx context.Context, f ServerFilter, pageSize int32, pageToken string) (*ServerPage, error) {
	key, desc, err := serverOrder(f.OrderBy)
	if err != nil {
		return nil, err
	}
	var where []predicate.Server
	if f.Query != "" {
		where = append(where, server.Or(server.NameContainsFold(f.Query), server.IPAddressContains(f.Query)))
	}
	if len(f.Providers) > 0 {
		ps := make([]server.Provider, len(f.Providers))
		for i, p := range f.Providers {
			ps[i] = server.Provider(p)
		}
		where = append(where, server.ProviderIn(ps...))
	}
	if f.Location != "" {
		where = append(where, server.Location(f.Location))
	}
	if f.OrganizationID != nil {
		where = append(where, server.HasAssignmentsWith(serverassignment.OrganizationID(*f.OrganizationID)))
	}
	if len(f.Health) > 0 {
		hs := make([]server.Health, len(f.Health))
		for i, h := range f.Health {
			hs[i] = server.Health(h)
		}
		where = append(where, server.HealthIn(hs...))
	}
	if f.SyncStatus != "" {
		where = append(where, server.SyncStatusEQ(server.SyncStatus(f.SyncStatus)))
	}
	if f.ParentID != nil {
		where = append(where, server.ParentID(*f.ParentID))
	}
	// The order is part of the fingerprint: a token made for one order is
	// refused for another instead of skipping or repeating servers.
	fp := paging.Fingerprint("servers", f.Query, f.Providers, f.Location, f.OrganizationID, f.Health, f.SyncStatus, f.ParentID, f.OrderBy)
	var c serverCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Server.Query().Where(where...)
	if hasCursor {
		q.Where(afterServer(key, desc, c))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(orderServers(key, desc)).Limit(size + 1).Modify(withServerCounts(ctx)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list servers: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Server.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count servers: %w", err)
		}
	}
	page := &ServerPage{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Server) any {
		c := serverCursor{ID: last.ID, Total: total}
		key.cursor(last, &c)
		return c
	})
	page.Items, err = s.views(ctx, rows)
	return page, err
}

// withServerCounts adds child_count, container_count and running_count,
// counting only the servers and containers the caller sees.
func withServerCounts(ctx context.Context) func(*sql.Selector) {
	return func(sel *sql.Selector) {
		ch := sql.Table(server.Table).As("ch")
		ct := sql.Table(container.Table).As("ct")
		cr := sql.Table(container.Table).As("cr")
		sel.AppendSelectExprAs(tenancy.Confine(ctx, ent.TypeServer,
			sql.Select(sql.Count("*")).From(ch).Where(sql.ColumnsEQ(ch.C(server.FieldParentID), sel.C(server.FieldID)))), "child_count")
		sel.AppendSelectExprAs(tenancy.Confine(ctx, ent.TypeContainer, sql.Select(sql.Count("*")).From(ct).Where(sql.And(
			sql.ColumnsEQ(ct.C(container.FieldServerID), sel.C(server.FieldID)), sql.IsNull(ct.C(container.FieldGoneTime))))), "container_count")
		sel.AppendSelectExprAs(tenancy.Confine(ctx, ent.TypeContainer, sql.Select(sql.Count("*")).From(cr).Where(sql.And(
			sql.ColumnsEQ(cr.C(container.FieldServerID), sel.C(server.FieldID)), sql.IsNull(cr.C(container.FieldGoneTime)),
			sql.EQ(cr.C(container.FieldStatus), container.StatusRUNNING.String())))), "running_count")
	}
}

// views completes rows (selected with withServerCounts) with their
// parents' names, assignments and datasource kinds: three statements.
func (s *Service) views(ctx context.Context, rows []*ent.Server) ([]ServerView, error) {
	out := make([]ServerView, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	idx := make(map[uuid.UUID]int, len(rows))
	serverIDs := make([]uuid.UUID, len(rows))
	var parentIDs []uuid.UUID
	for i, r := range rows {
		out[i] = ServerView{Server: serverOf(r), Children: db.Int(r.Value("child_count")),
			Containers: db.Int(r.Value("container_count")), Running: db.Int(r.Value("running_count"))}
		idx[r.ID] = i
		serverIDs[i] = r.ID
		if r.ParentID != nil {
			parentIDs = append(parentIDs, *r.ParentID)
		}
	}
	if len(parentIDs) > 0 {
		parents, err := s.client.Server.Query().Where(server.IDIn(parentIDs...)).Select(server.FieldID, server.FieldName).All(ctx)
		if err != nil {
			return nil, err
		}
		names := map[uuid.UUID]string{}
		for _, p := range parents {
			names[p.ID] = p.Name
		}
		for i := range out {
			if out[i].ParentID != nil {
				out[i].ParentName = names[*out[i].ParentID]
			}
		}
	}
	as, err := s.client.ServerAssignment.Query().Where(serverassignment.ServerIDIn(serverIDs...)).
		WithOrganization(func(q *ent.OrganizationQuery) { q.Select(organization.FieldName) }).
		WithWorkspace(func(q *ent.WorkspaceQuery) { q.Select(workspace.FieldName) }).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		v := Assignment{OrganizationID: a.OrganizationID, WorkspaceID: a.WorkspaceID}
		if a.Edges.Organization != nil {
			v.OrganizationName = a.Edges.Organization.Name
		}
		if a.Edges.Workspace != nil {
			v.WorkspaceName = a.Edges.Workspace.Name
		}
		i := idx[a.ServerID]
		out[i].Assignments = append(out[i].Assignments, v)
	}
	for i := range out {
		slices.SortFunc(out[i].Assignments, func(a, b Assignment) int {
			return strings.Compare(a.OrganizationName+"\x00"+a.WorkspaceName, b.OrganizationName+"\x00"+b.WorkspaceName)
		})
	}
	dss, err := s.client.Datasource.Query().Where(datasource.ServerIDIn(serverIDs...)).
		WithConnection(func(q *ent.ConnectionQuery) { q.Select("kind") }).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range dss {
		if d.Edges.Connection != nil {
			i := idx[d.ServerID]
			out[i].DatasourceKinds = append(out[i].DatasourceKinds, provider.Kind(d.Edges.Connection.Kind))
		}
	}
	return out, nil
}

// ServerDetails is a server with what hangs off it.
type ServerDetails struct {
	ServerView
	Children    []ServerView
	Ancestors   []ServerView
	Datasources []DatasourceView
}

// GetServer returns one server as lists show it.
func (s *Service) GetServer(ctx context.Context, id uuid.UUID) (*ServerView, error) {
	vs, err := s.serversByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, apierr.NotFound("server", ids.Format(ids.Server, id))
	}
	return &vs[0], nil
}

func (s *Service) serversByID(ctx context.Context, idList ...uuid.UUID) ([]ServerView, error) {
	rows, err := s.client.Server.Query().Where(server.IDIn(idList...)).
		Order(server.ByName()).Modify(withServerCounts(ctx)).All(ctx)
	if err != nil {
		return nil, err
	}
	return s.views(ctx, rows)
}

// ServerDetails returns a server with its children, ancestors and
// datasources.
func (s *Service) ServerDetails(ctx context.Context, id uuid.UUID) (*ServerDetails, error) {
	v, err := s.GetServer(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &ServerDetails{ServerView: *v}
	children, err := s.client.Server.Query().Where(server.ParentID(id)).
		Order(server.ByName()).Modify(withServerCounts(ctx)).All(ctx)
	if err != nil {
		return nil, err
	}
	if d.Children, err = s.views(ctx, children); err != nil {
		return nil, err
	}
	for p, depth := v.ParentID, 0; p != nil && depth < 32; depth++ {
		a, err := s.GetServer(ctx, *p)
		if err != nil {
			break // an ancestor the caller may not see ends the chain
		}
		d.Ancestors = append(d.Ancestors, *a)
		p = a.ParentID
	}
	if d.Datasources, err = s.datasources(ctx, datasource.ServerID(id)); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Service) datasources(ctx context.Context, where ...predicate.Datasource) ([]DatasourceView, error) {
	dss, err := s.client.Datasource.Query().Where(where...).
		WithServer(func(q *ent.ServerQuery) { q.Select(server.FieldName) }).
		WithConnection(func(q *ent.ConnectionQuery) { q.Select("name", "kind") }).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]DatasourceView, len(dss))
	for i, d := range dss {
		out[i] = DatasourceView{Datasource: datasourceOf(d)}
		if d.Edges.Server != nil {
			out[i].ServerName = d.Edges.Server.Name
		}
		if d.Edges.Connection != nil {
			out[i].ConnectionName = d.Edges.Connection.Name
			out[i].Kind = provider.Kind(d.Edges.Connection.Kind)
		}
	}
	slices.SortFunc(out, func(a, b DatasourceView) int {
		return strings.Compare(a.ServerName+"\x00"+a.ConnectionName, b.ServerName+"\x00"+b.ConnectionName)
	})
	return out, nil
}

// event appends to a server's event log.
func (s *Service) event(ctx context.Context, c *ent.Client, serverID uuid.UUID, kind serverevent.Kind, msg coded.Text, containerID *uuid.UUID) error {
	actor := authz.ActorOf(ctx)
	return c.ServerEvent.Create().SetServerID(serverID).SetTime(s.now()).SetKind(kind).SetMessage(msg.English).
		SetMessageCode(msg.Code).SetMessageParams(msg.Params).SetNillableActorID(actor.ID).SetActorEmail(actor.Email).SetNillableContainerID(containerID).Exec(ctx)
}
