package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/mixin"
)

// Scope declares whose rows a table holds: the tenancy the data layer
// enforces for every query and mutation of the table
// (platform/tenancy installs it from these declarations; ent's code
// generation refuses a schema that declares none, and so does a test).
//
// Three kinds of caller meet a scope: platform staff and the server itself
// see every row; a reseller's staff see the rows of their billing entity;
// a customer's user sees the rows of the organizations they are a member
// of.
type Scope struct {
	// Kind is what the rows belong to, one of the Scope* constants.
	Kind string `json:"kind"`
	// Field is the column that names the owner (the row's own id for the
	// owning table itself).
	Field string `json:"field,omitempty"`
	// ReadOnly: scoped callers may read the rows they are given, never
	// write any; the platform keeps them.
	ReadOnly bool `json:"read_only,omitempty"`
	// Reason says why a table is the platform's alone (ScopePlatform), or
	// why everyone reads it (ScopeShared).
	Reason string `json:"reason,omitempty"`
	// Workspace is the column that names the workspace a row of an
	// organization belongs to (empty: the rows are the whole
	// organization's). A customer's user who is an OWNER or ADMIN of the
	// organization sees every workspace's rows; a MEMBER only those of the
	// workspaces they belong to, and the rows of no workspace.
	Workspace string `json:"workspace,omitempty"`
	// Shares names, for ScopeBillingEntityShared, the table that shares
	// rows with other billing entities, SharesRow its column naming the
	// shared row and SharesEntity its column naming the entity it is
	// shared with.
	Shares       string `json:"shares,omitempty"`
	SharesRow    string `json:"shares_row,omitempty"`
	SharesEntity string `json:"shares_entity,omitempty"`
}

// The kinds of owner a row may have.
const (
	// ScopeBillingEntity: rows of a billing entity (the licensee or a
	// reseller). A customer's user sees those of the entities their
	// organizations belong to.
	ScopeBillingEntity = "billing_entity"
	// ScopeBillingEntityShared: rows of a billing entity that the
	// platform may share with other billing entities through a table of
	// shares (Scope.Shares). A reseller's staff read their entity's rows
	// and those shared with it, and change only their own; a customer's
	// user reads, never writes, the rows of their organizations' billing
	// entities and those shared with them.
	ScopeBillingEntityShared = "billing_entity_shared"
	// ScopeOrganization: rows of a customer organization.
	ScopeOrganization = "organization"
	// ScopeUser: rows of a user: a reseller's staff see those of their own
	// staff and of their customers' users, a customer's user their own.
	ScopeUser = "user"
	// ScopeServer: rows of a server, visible to those whose organizations
	// the server is assigned to.
	ScopeServer = "server"
	// ScopeContainer: rows of a container, visible with its server.
	ScopeContainer = "container"
	// ScopePlatform: the platform operator's own records; no scoped caller
	// reads or writes them.
	ScopePlatform = "platform"
	// ScopeShared: the platform's records that every caller reads and no
	// scoped caller writes.
	ScopeShared = "shared"
	// ScopeOffering: what a billing entity sells. Its own staff keep its
	// rows, as with ScopeBillingEntity; the licensee's rows are read by
	// every caller as well, since resellers sell from them; a customer's
	// user reads those of the entities their organizations belong to.
	// Another reseller's rows stay out of sight.
	ScopeOffering = "offering"
)

// Name implements schema.Annotation.
func (Scope) Name() string { return "Scope" }

// scoped is the mixin that carries a table's Scope.
type scoped struct {
	mixin.Schema
	scope Scope
}

func (m scoped) Annotations() []schema.Annotation { return []schema.Annotation{m.scope} }

// ownedByBillingEntity: the rows belong to the billing entity in field.
func ownedByBillingEntity(field string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeBillingEntity, Field: field}}
}

// offeredByBillingEntity: the rows are the offering of the billing
// entity in field; the licensee's are read by all (ScopeOffering).
func offeredByBillingEntity(field string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeOffering, Field: field}}
}

// sharedWithBillingEntities: the rows belong to the billing entity in
// field and are shared with others through the rows of table shares, whose
// column row names the shared row and column entity the billing entity it
// is shared with (see ScopeBillingEntityShared). The shares table has a
// scope of its own, usually readOnly(ownedByBillingEntity(entity)): each
// entity reads the shares made to it, the platform makes them.
func sharedWithBillingEntities(field, shares, row, entity string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeBillingEntityShared, Field: field, Shares: shares, SharesRow: row, SharesEntity: entity}}
}

// ownedByOrganization: the rows belong to the organization in field.
func ownedByOrganization(field string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeOrganization, Field: field}}
}

// ownedByUser: the rows belong to the user in field.
func ownedByUser(field string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeUser, Field: field}}
}

// ofServer: the rows describe the server in field; the platform keeps
// them, those it is assigned to read them.
func ofServer(field string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeServer, Field: field, ReadOnly: true}}
}

// ofContainer: the rows describe the container in field, read with its
// server.
func ofContainer(field string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeContainer, Field: field, ReadOnly: true}}
}

// inWorkspace narrows an organization's rows to the workspace in field
// (see Scope.Workspace).
func inWorkspace(m ent.Mixin, field string) ent.Mixin {
	s := m.(scoped)
	s.scope.Workspace = field
	return s
}

// readOnly marks a scoped table as kept by the platform.
func readOnly(m ent.Mixin) ent.Mixin {
	s := m.(scoped)
	s.scope.ReadOnly = true
	return s
}

// platformOnly: the rows are the platform operator's; reason says why no
// reseller or customer reaches them.
func platformOnly(reason string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopePlatform, Reason: reason}}
}

// sharedByPlatform: the rows are the platform operator's and every caller
// reads them; reason says why resellers' staff and customers see them all.
func sharedByPlatform(reason string) ent.Mixin {
	return scoped{scope: Scope{Kind: ScopeShared, ReadOnly: true, Reason: reason}}
}
