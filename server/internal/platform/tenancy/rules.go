package tenancy

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/schema"
	"github.com/leitstand/leitstand/server/ent/serverassignment"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/ent/workspacemember"
)

// Where returns the condition that confines rows of type typ (an
// ent.TypeX) to what ctx's caller may see: nothing to add for an unscoped
// caller. The data layer applies it to every ent query by itself; read
// models that select from a table by hand (counts in a subquery) apply it
// to their selector: Confine(ctx, ent.TypeMembership, sub).
func Where(ctx context.Context, typ string) func(*sql.Selector) {
	c := CallerOf(ctx)
	if !c.Scoped() {
		return func(*sql.Selector) {}
	}
	return rule(c, typ)
}

// Confine applies Where(ctx, typ) to sel and returns it.
func Confine(ctx context.Context, typ string, sel *sql.Selector) *sql.Selector {
	Where(ctx, typ)(sel)
	return sel
}

// rule is the condition for a scoped caller c on rows of type typ, from
// the type's declared scope. An undeclared type matches nothing.
func rule(c Caller, typ string) func(*sql.Selector) {
	sc, ok := ent.Scopes[typ]
	if !ok {
		return none
	}
	switch sc.Kind {
	case schema.ScopeBillingEntity:
		if c.Kind == Reseller {
			return func(s *sql.Selector) { s.Where(sql.EQ(s.C(sc.Field), c.BillingEntity)) }
		}
		return func(s *sql.Selector) { s.Where(sql.In(s.C(sc.Field), entitiesOfMember(c.User))) }
	case schema.ScopeOffering:
		return func(s *sql.Selector) {
			mine := sql.In(s.C(sc.Field), entitiesOfMember(c.User))
			if c.Kind == Reseller {
				mine = sql.EQ(s.C(sc.Field), c.BillingEntity)
			}
			s.Where(sql.Or(mine, sql.In(s.C(sc.Field), licensee())))
		}
	case schema.ScopeBillingEntityShared:
		// Their entity's rows, or those shared with it.
		if c.Kind == Reseller {
			return func(s *sql.Selector) {
				s.Where(sql.Or(sql.EQ(s.C(sc.Field), c.BillingEntity), sql.In(s.C("id"), sharedWith(sc, c.BillingEntity))))
			}
		}
		return func(s *sql.Selector) {
			s.Where(sql.Or(sql.In(s.C(sc.Field), entitiesOfMember(c.User)),
				sql.In(s.C("id"), sharedWithAny(sc, entitiesOfMember(c.User)))))
		}
	case schema.ScopeOrganization:
		if c.Kind == Reseller && typ == ent.TypeOrganization {
			return func(s *sql.Selector) { s.Where(sql.EQ(s.C(organization.FieldBillingEntityID), c.BillingEntity)) }
		}
		if c.Kind == Customer && sc.Workspace != "" {
			return func(s *sql.Selector) {
				s.Where(sql.And(sql.In(s.C(sc.Field), organizationsOf(c)), inWorkspaces(c.User, s.C(sc.Workspace))))
			}
		}
		return func(s *sql.Selector) { s.Where(sql.In(s.C(sc.Field), organizationsOf(c))) }
	case schema.ScopeUser:
		switch {
		case c.Kind == Reseller:
			return func(s *sql.Selector) { s.Where(sql.In(s.C(sc.Field), usersOfEntity(c.BillingEntity))) }
		case typ == ent.TypeUser:
			// A customer's user sees themselves and the members of their
			// organizations.
			return func(s *sql.Selector) {
				s.Where(sql.Or(sql.EQ(s.C(sc.Field), c.User), sql.In(s.C(sc.Field), fellowMembers(c.User))))
			}
		default:
			return func(s *sql.Selector) { s.Where(sql.EQ(s.C(sc.Field), c.User)) }
		}
	case schema.ScopeServer:
		return func(s *sql.Selector) { s.Where(sql.In(s.C(sc.Field), serversOf(c))) }
	case schema.ScopeContainer:
		return func(s *sql.Selector) { s.Where(sql.In(s.C(sc.Field), containersOf(c))) }
	case schema.ScopeShared:
		// Every row; writes are refused (the scope is read-only).
		return func(*sql.Selector) {}
	}
	return none
}

// writeRule is the condition for a scoped caller c's update or delete of
// rows of type typ: the rows they see, except where they read more than
// they keep — rows shared with them, and the licensee's offering, which
// they read and only their owner changes.
func writeRule(c Caller, typ string) func(*sql.Selector) {
	sc := ent.Scopes[typ]
	switch {
	case sc.Kind == schema.ScopeOffering && c.Kind != Reseller:
		return none
	case (sc.Kind == schema.ScopeBillingEntityShared || sc.Kind == schema.ScopeOffering) && c.Kind == Reseller:
		return func(s *sql.Selector) { s.Where(sql.EQ(s.C(sc.Field), c.BillingEntity)) }
	}
	return rule(c, typ)
}

// sharedWith: the ids of the rows the share table of sc shares with the
// billing entity be.
func sharedWith(sc ent.Scope, be uuid.UUID) *sql.Selector {
	t := sql.Table(sc.Shares).As("scope_shr")
	return sql.Select(t.C(sc.SharesRow)).From(t).Where(sql.EQ(t.C(sc.SharesEntity), be))
}

// sharedWithAny: the ids of the rows shared with any of the billing
// entities entities selects.
func sharedWithAny(sc ent.Scope, entities *sql.Selector) *sql.Selector {
	t := sql.Table(sc.Shares).As("scope_shr")
	return sql.Select(t.C(sc.SharesRow)).From(t).Where(sql.In(t.C(sc.SharesEntity), entities))
}

// none matches no row: what a scoped caller finds of the platform's own
// records, and of anything whose scope is unknown.
func none(s *sql.Selector) { s.Where(sql.False()) }

// The subqueries below name their tables with aliases of their own, so
// they nest inside any query, including one on the same table.

// organizationsOf: the organizations a scoped caller reaches.
func organizationsOf(c Caller) *sql.Selector {
	if c.Kind == Reseller {
		return organizationsOfEntity(c.BillingEntity)
	}
	return organizationsOfMember(c.User)
}

func organizationsOfEntity(be uuid.UUID) *sql.Selector {
	t := sql.Table(organization.Table).As("scope_org")
	return sql.Select(t.C(organization.FieldID)).From(t).Where(sql.EQ(t.C(organization.FieldBillingEntityID), be))
}

func organizationsOfMember(u uuid.UUID) *sql.Selector {
	t := sql.Table(membership.Table).As("scope_mem")
	return sql.Select(t.C(membership.FieldOrganizationID)).From(t).Where(sql.EQ(t.C(membership.FieldUserID), u))
}

// inWorkspaces is the workspace rule for a customer's user u on a row of
// the organization in orgCol and the workspace in wsCol: an OWNER or ADMIN
// of the organization sees every workspace's rows, a MEMBER those of the
// workspaces they belong to (or administer), and everyone the rows of no
// workspace. The workspaces are one small set, computed once per query
// (a hashed subplan), rather than a disjunction tested row by row.
func inWorkspaces(u uuid.UUID, wsCol string) *sql.Predicate {
	adm := sql.Table(membership.Table).As("scope_adm")
	wm := sql.Table(workspacemember.Table).As("scope_wsm")
	ws := sql.Table(workspace.Table).As("scope_wsv")
	visible := sql.Select(ws.C(workspace.FieldID)).From(ws).Where(sql.Or(
		sql.In(ws.C(workspace.FieldOrganizationID), sql.Select(adm.C(membership.FieldOrganizationID)).From(adm).Where(sql.And(
			sql.EQ(adm.C(membership.FieldUserID), u),
			sql.In(adm.C(membership.FieldRole), membership.RoleOWNER.String(), membership.RoleADMIN.String())))),
		sql.EQ(ws.C(workspace.FieldAdminUserID), u),
		sql.In(ws.C(workspace.FieldID), sql.Select(wm.C(workspacemember.FieldWorkspaceID)).From(wm).Where(sql.EQ(wm.C(workspacemember.FieldUserID), u))),
	))
	return sql.Or(sql.IsNull(wsCol), sql.In(wsCol, visible))
}

// licensee: the licensee's billing entity, as a subquery.
func licensee() *sql.Selector {
	t := sql.Table(billingentity.Table).As("scope_lic")
	return sql.Select(t.C(billingentity.FieldID)).From(t).Where(sql.EQ(t.C(billingentity.FieldKind), billingentity.KindLICENSEE.String()))
}

// entitiesOfMember: the billing entities whose organizations u is a member
// of.
func entitiesOfMember(u uuid.UUID) *sql.Selector {
	t := sql.Table(organization.Table).As("scope_ent")
	return sql.Select(t.C(organization.FieldBillingEntityID)).From(t).
		Where(sql.In(t.C(organization.FieldID), organizationsOfMember(u)))
}

// usersOfEntity: a reseller's staff, and the users without a platform role
// who are members of its organizations — never the platform's staff or
// another reseller's.
func usersOfEntity(be uuid.UUID) *sql.Selector {
	t := sql.Table(user.Table).As("scope_usr")
	m := sql.Table(membership.Table).As("scope_umem")
	return sql.Select(t.C(user.FieldID)).From(t).Where(sql.Or(
		sql.EQ(t.C(user.FieldBillingEntityID), be),
		sql.And(
			sql.IsNull(t.C(user.FieldBillingEntityID)),
			sql.EQ(t.C(user.FieldPlatformRole), user.PlatformRoleUSER.String()),
			sql.In(t.C(user.FieldID), sql.Select(m.C(membership.FieldUserID)).From(m).
				Where(sql.In(m.C(membership.FieldOrganizationID), organizationsOfEntity(be)))),
		),
	))
}

// fellowMembers: the users who share an organization with u.
func fellowMembers(u uuid.UUID) *sql.Selector {
	t := sql.Table(membership.Table).As("scope_fel")
	return sql.Select(t.C(membership.FieldUserID)).From(t).Where(sql.In(t.C(membership.FieldOrganizationID), organizationsOfMember(u)))
}

// serversOf: the servers assigned to the caller's organizations.
func serversOf(c Caller) *sql.Selector {
	t := sql.Table(serverassignment.Table).As("scope_asg")
	return sql.Select(t.C(serverassignment.FieldServerID)).From(t).Where(sql.In(t.C(serverassignment.FieldOrganizationID), organizationsOf(c)))
}

// containersOf: the containers on the caller's servers.
func containersOf(c Caller) *sql.Selector {
	t := sql.Table(container.Table).As("scope_ctr")
	return sql.Select(t.C(container.FieldID)).From(t).Where(sql.In(t.C(container.FieldServerID), serversOf(c)))
}

// Visible returns, as a subquery, the ids of the rows of type typ that
// ctx's caller sees; nil when they see every row. For a read model that
// joins or counts rows of another table by hand.
func Visible(ctx context.Context, typ string) *sql.Selector {
	c := CallerOf(ctx)
	if !c.Scoped() {
		return nil
	}
	t := sql.Table(ent.Scopes[typ].Table).As("scope_vis")
	sel := sql.Select(t.C("id")).From(t)
	rule(c, typ)(sel)
	return sel
}
