// Package member administers the platform's users: their platform roles,
// extra permissions and whether they may sign in.
package member

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/permissiongrant"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/session"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/identity"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Service is the members domain.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	argon2 auth.Argon2Params
}

// NewService returns the members domain; argon2 are the parameters of new
// password hashes.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, argon2 auth.Argon2Params) *Service {
	return &Service{client: client, audit: aw, clock: clk, argon2: argon2}
}

// Member is a user with their grants and organization count.
type Member struct {
	User
	Extra             []authz.Permission
	OrganizationCount int
}

// ListParams select a page of users.
type ListParams struct {
	PageSize  int32
	PageToken string
	Query     string
	Roles     []authz.Role
	// Disabled: nil for all, true for disabled only, false for enabled only.
	Disabled *bool
	// OrderBy is "email", "display_name", "create_time" or "create_time desc".
	OrderBy string
}

// Page is one page of users.
type Page struct {
	Items         []Member
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Key  string    `json:"k,omitempty"`
	Time time.Time `json:"t,omitzero"`
	ID   uuid.UUID `json:"i"`
}

// List returns one page of users, each with grants and organization count
// loaded in a constant number of statements.
func (s *Service) List(ctx context.Context, p ListParams) (*Page, error) {
	orderBy := p.OrderBy
	if orderBy == "" {
		orderBy = "email"
	}
	var where []predicate.User
	if q := strings.TrimSpace(p.Query); q != "" {
		where = append(where, user.Or(user.EmailContainsFold(q), user.DisplayNameContainsFold(q)))
	}
	if len(p.Roles) > 0 {
		rs := make([]user.PlatformRole, len(p.Roles))
		for i, r := range p.Roles {
			rs[i] = user.PlatformRole(r)
		}
		where = append(where, user.PlatformRoleIn(rs...))
	}
	if p.Disabled != nil {
		where = append(where, user.Disabled(*p.Disabled))
	}
	fp := paging.Fingerprint("members", p.Query, p.Roles, p.Disabled, orderBy)
	var c cursor
	hasCursor, err := paging.Decode(p.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.User.Query().Where(where...).WithGrants()
	var field string
	desc := false
	switch orderBy {
	case "email":
		field = user.FieldEmail
	case "display_name":
		field = user.FieldDisplayName
	case "create_time":
		field = user.FieldCreateTime
	case "create_time desc":
		field, desc = user.FieldCreateTime, true
	default:
		return nil, apierr.Invalid("order_by", "order_by.in", "must be one of email, display_name, create_time, create_time desc")
	}
	order := sql.OrderAsc()
	if desc {
		order = sql.OrderDesc()
	}
	if hasCursor {
		var val any = c.Key
		if field == user.FieldCreateTime {
			val = c.Time
		}
		q.Where(paging.After(desc, paging.Key{Column: field, Value: val}, paging.Key{Column: user.FieldID, Value: c.ID}))
	}
	size := paging.Size(p.PageSize)
	q.Order(user.OrderOption(sql.OrderByField(field, order).ToFunc()), user.ByID(order)).Limit(size + 1)
	q.Modify(func(s *sql.Selector) {
		m := sql.Table(membership.Table).As("mc")
		s.AppendSelectExprAs(tenancy.Confine(ctx, ent.TypeMembership,
			sql.Select(sql.Count("*")).From(m).Where(sql.ColumnsEQ(m.C(membership.FieldUserID), s.C(user.FieldID)))), "organization_count")
	})
	rows, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	total, err := s.client.User.Query().Where(where...).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("count users: %w", err)
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.User) any {
		nc := cursor{ID: last.ID, Time: last.CreateTime}
		switch field {
		case user.FieldEmail:
			nc.Key = last.Email
		case user.FieldDisplayName:
			nc.Key = last.DisplayName
		}
		return nc
	})
	for _, u := range rows {
		page.Items = append(page.Items, toMember(u))
	}
	return page, nil
}

func toMember(u *ent.User) Member {
	m := Member{User: *userOf(u)}
	for _, g := range u.Edges.Grants {
		m.Extra = append(m.Extra, authz.Permission(g.Permission))
	}
	m.OrganizationCount = db.Int(u.Value("organization_count"))
	return m
}

// Details is a user with what belongs to them.
type Details struct {
	Member
	// Memberships are the user's organizations, by name.
	Memberships    []Membership
	Grants         []Grant
	RecentActivity []audit.Entry
}

// Get returns one user with organizations, grants and recent activity.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Details, error) {
	u, err := s.client.User.Query().Where(user.ID(id)).WithGrants(func(q *ent.PermissionGrantQuery) {
		q.Order(permissiongrant.ByCreateTime())
	}).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("user", ids.Format(ids.User, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get user: %w", err)
	}
	ms, err := s.client.Membership.Query().Where(membership.UserID(id)).WithOrganization().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list memberships: %w", err)
	}
	events, _, err := audit.List(ctx, s.client, audit.Filter{ActorID: &id}, recentActivity, "")
	if err != nil {
		return nil, fmt.Errorf("recent activity: %w", err)
	}
	m := toMember(u)
	m.OrganizationCount = len(ms)
	d := &Details{Member: m, RecentActivity: events}
	for _, m := range ms {
		d.Memberships = append(d.Memberships, membershipOf(m))
	}
	slices.SortFunc(d.Memberships, func(a, b Membership) int { return strings.Compare(a.OrganizationName, b.OrganizationName) })
	for _, g := range u.Edges.Grants {
		d.Grants = append(d.Grants, grantOf(g))
	}
	return d, nil
}

// recentActivity is how many of a user's latest audit events Get returns.
const recentActivity = 20

func userState(u *ent.User, extra []string) map[string]any {
	return map[string]any{
		"id": ids.Format(ids.User, u.ID), "email": u.Email, "platform_role": u.PlatformRole.String(),
		"disabled": u.Disabled, "extra_permissions": extra,
	}
}

func grantNames(gs []*ent.PermissionGrant) []string {
	out := []string{}
	for _, g := range gs {
		out = append(out, g.Permission)
	}
	slices.Sort(out)
	return out
}

// change loads a user inside the audited transaction, runs fn, and records
// the user's state before and after.
func (s *Service) change(ctx context.Context, id uuid.UUID, reason string, fn func(tx *ent.Tx, u *ent.User) error) (*Member, error) {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		u, err := tx.User.Query().Where(user.ID(id)).WithGrants().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("user", ids.Format(ids.User, id))
		}
		if err != nil {
			return err
		}
		before := userState(u, grantNames(u.Edges.Grants))
		if err := fn(tx, u); err != nil {
			return err
		}
		after, err := tx.User.Query().Where(user.ID(id)).WithGrants().Only(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "user", TargetID: ids.Format(ids.User, id), Reason: reason,
			Before: before, After: userState(after, grantNames(after.Edges.Grants))})
		return nil
	})
	if err != nil {
		return nil, err
	}
	d, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return &d.Member, nil
}

// SetPlatformRole changes a user's role. The last enabled owner cannot be
// demoted; demotion to USER drops extra grants, which a USER cannot use.
func (s *Service) SetPlatformRole(ctx context.Context, id uuid.UUID, role authz.Role, reason string) (*Member, error) {
	if !role.Valid() {
		return nil, apierr.Invalid("platform_role", "enum.defined_only", "choose a platform role")
	}
	now := s.clock.Now()
	return s.change(ctx, id, reason, func(tx *ent.Tx, u *ent.User) error {
		if string(u.PlatformRole) == string(role) {
			return apierr.FailedPrecondition("%s already has the role %s", u.Email, role)
		}
		if u.PlatformRole == user.PlatformRoleOWNER {
			if err := keepAnOwner(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		if role == authz.RoleUser {
			if _, err := tx.PermissionGrant.Delete().Where(permissiongrant.UserID(u.ID)).Exec(ctx); err != nil {
				return err
			}
		}
		return tx.User.UpdateOneID(u.ID).SetPlatformRole(user.PlatformRole(role)).SetUpdateTime(now).Exec(ctx)
	})
}

// keepAnOwner refuses a change that would leave the platform without an
// enabled owner. It runs inside the audit transaction, which serialises
// changes, so two owners demoting each other at once cannot both succeed.
func keepAnOwner(ctx context.Context, tx *ent.Tx, except uuid.UUID) error {
	others, err := tx.User.Query().Where(user.PlatformRoleEQ(user.PlatformRoleOWNER), user.Disabled(false), user.IDNEQ(except)).Count(ctx)
	if err != nil {
		return err
	}
	if others == 0 {
		return apierr.FailedPrecondition("this is the platform's last owner; make another user owner first")
	}
	return nil
}

// mayTouchOwner reports whether a may disable or enable an owner: another
// owner, or the system.
func mayTouchOwner(a authz.Actor) bool {
	return a.Anonymous || a.System || a.Role == authz.RoleOwner
}

// Disable stops a user from signing in and ends their sessions.
func (s *Service) Disable(ctx context.Context, id uuid.UUID, reason string) (*Member, error) {
	caller := authz.ActorOf(ctx)
	now := s.clock.Now()
	return s.change(ctx, id, reason, func(tx *ent.Tx, u *ent.User) error {
		switch {
		case caller.Is(u.ID):
			return apierr.FailedPrecondition("you cannot disable yourself")
		case u.Disabled:
			return apierr.FailedPrecondition("%s is already disabled", u.Email)
		case u.PlatformRole == user.PlatformRoleOWNER && !mayTouchOwner(caller):
			return apierr.PermissionDenied("only an owner can disable an owner")
		}
		if u.PlatformRole == user.PlatformRoleOWNER {
			if err := keepAnOwner(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		if _, err := tx.Session.Update().Where(session.UserID(u.ID), session.RevokeTimeIsNil()).SetRevokeTime(now).Save(ctx); err != nil {
			return err
		}
		return tx.User.UpdateOneID(u.ID).SetDisabled(true).SetUpdateTime(now).Exec(ctx)
	})
}

// ResetSecondFactor removes a staff member's second factor and recovery
// codes (a lost phone); where the platform requires one, they enrol again
// at their next sign-in. Only for others: one's own is turned off with a
// code.
func (s *Service) ResetSecondFactor(ctx context.Context, id uuid.UUID, reason string) (*Member, error) {
	caller := authz.ActorOf(ctx)
	return s.change(ctx, id, reason, func(tx *ent.Tx, u *ent.User) error {
		switch {
		case caller.Is(u.ID):
			return apierr.FailedPrecondition("turn your own second factor off on your security page, with a code")
		case u.TotpEnabledTime == nil && len(u.TotpPendingSecret) == 0:
			return apierr.FailedPrecondition("%s has no second factor", u.Email)
		}
		return identity.ClearSecondFactor(ctx, tx, u.ID)
	})
}

// Enable lets a disabled user sign in again.
func (s *Service) Enable(ctx context.Context, id uuid.UUID, reason string) (*Member, error) {
	caller := authz.ActorOf(ctx)
	now := s.clock.Now()
	return s.change(ctx, id, reason, func(tx *ent.Tx, u *ent.User) error {
		if !u.Disabled {
			return apierr.FailedPrecondition("%s is not disabled", u.Email)
		}
		if u.PlatformRole == user.PlatformRoleOWNER && !mayTouchOwner(caller) {
			return apierr.PermissionDenied("only an owner can enable an owner")
		}
		return tx.User.UpdateOneID(u.ID).SetDisabled(false).SetUpdateTime(now).Exec(ctx)
	})
}

// Grant gives a staff member a permission on top of their role.
func (s *Service) Grant(ctx context.Context, id uuid.UUID, p authz.Permission, reason string) (*Member, error) {
	if !p.Valid() {
		return nil, apierr.Invalid("permission", "enum.defined_only", "choose a permission")
	}
	now := s.clock.Now()
	return s.change(ctx, id, reason, func(tx *ent.Tx, u *ent.User) error {
		role := authz.Role(u.PlatformRole)
		switch {
		case role == authz.RoleUser:
			return apierr.FailedPrecondition("%s has the role USER, which has no access to the administration API; give them a staff role first", u.Email)
		case authz.RoleHas(role, p):
			return apierr.FailedPrecondition("%s already holds %s through the role %s", u.Email, p, role)
		}
		for _, g := range u.Edges.Grants {
			if g.Permission == string(p) {
				return apierr.FailedPrecondition("%s already holds %s as an extra permission", u.Email, p)
			}
		}
		c := tx.PermissionGrant.Create().SetUserID(u.ID).SetPermission(string(p)).SetReason(reason).SetCreateTime(now)
		return c.SetNillableGrantedByID(authz.ActorOf(ctx).ID).Exec(ctx)
	})
}

// Revoke takes back an extra permission.
func (s *Service) Revoke(ctx context.Context, id uuid.UUID, p authz.Permission, reason string) (*Member, error) {
	return s.change(ctx, id, reason, func(tx *ent.Tx, u *ent.User) error {
		n, err := tx.PermissionGrant.Delete().Where(permissiongrant.UserID(u.ID), permissiongrant.Permission(string(p))).Exec(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apierr.FailedPrecondition("%s holds no extra permission %s", u.Email, p)
		}
		return nil
	})
}

// CountByRole returns how many enabled users hold each platform role.
func (s *Service) CountByRole(ctx context.Context) (map[authz.Role]int, error) {
	var rows []struct {
		Role  string `json:"platform_role"`
		Count int    `json:"count"`
	}
	err := s.client.User.Query().Where(user.Disabled(false)).
		GroupBy(user.FieldPlatformRole).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count users by role: %w", err)
	}
	out := map[authz.Role]int{}
	for _, r := range rows {
		out[authz.Role(r.Role)] = r.Count
	}
	return out, nil
}
