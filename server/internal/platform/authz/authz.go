// Package authz decides who may call what. The table of platform roles and
// their permissions is read from the API contract itself (the `granted_to`
// option of each Permission value in proto/leitstand/admin/v1/authz.proto), so
// the interceptor, ListRoles and the documentation cannot disagree.
package authz

import (
	"slices"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

// Role is a platform role: OWNER, OPERATOR, DEVELOPER or USER.
type Role string

// The platform roles.
const (
	RoleOwner     Role = "OWNER"
	RoleOperator  Role = "OPERATOR"
	RoleDeveloper Role = "DEVELOPER"
	RoleUser      Role = "USER"
)

// Roles lists every platform role, most powerful first.
func Roles() []Role { return []Role{RoleOwner, RoleOperator, RoleDeveloper, RoleUser} }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles(), r) }

// Permission names one capability, e.g. ORGANIZATIONS_READ.
type Permission string

// The permissions domain code refers to by name.
const (
	OrganizationsRead   Permission = "ORGANIZATIONS_READ"
	OrganizationsWrite  Permission = "ORGANIZATIONS_WRITE"
	MembersRead         Permission = "MEMBERS_READ"
	MembersWrite        Permission = "MEMBERS_WRITE"
	PlatformRolesManage Permission = "PLATFORM_ROLES_MANAGE"
	PermissionsManage   Permission = "PERMISSIONS_MANAGE"
	AuditRead           Permission = "AUDIT_READ"
	APITokensManage     Permission = "API_TOKENS_MANAGE"
	ServersRead         Permission = "SERVERS_READ"
	CatalogRead         Permission = "CATALOG_READ"
	ServicesRead        Permission = "SERVICES_READ"
	OrdersRead          Permission = "ORDERS_READ"
	OrdersWrite         Permission = "ORDERS_WRITE"
	AlertsRead          Permission = "ALERTS_READ"
	FeedbackRead        Permission = "FEEDBACK_READ"
	PlansRead           Permission = "PLANS_READ"
	ContractsRead       Permission = "CONTRACTS_READ"
	InvoicesRead        Permission = "INVOICES_READ"
	PaymentsRead        Permission = "PAYMENTS_READ"
	TiersChange         Permission = "TIERS_CHANGE"
	AccountsRead        Permission = "ACCOUNTS_READ"
	AccountsWrite       Permission = "ACCOUNTS_WRITE"
	TrainingRead        Permission = "TRAINING_READ"
	TrainingWrite       Permission = "TRAINING_WRITE"
	BillingEntitiesRead Permission = "BILLING_ENTITIES_READ"
	WebhooksRead        Permission = "WEBHOOKS_READ"
	WebhooksManage      Permission = "WEBHOOKS_MANAGE"
	ImagesRead          Permission = "IMAGES_READ"
)

// Capability is what the licensee lets a reseller's staff do beyond
// reading their own customers (BillingEntityCapability in the contract).
type Capability string

// The capabilities.
const (
	ManageCustomers Capability = "MANAGE_CUSTOMERS"
	IssueInvoices   Capability = "ISSUE_INVOICES"
	SeeUsageReports Capability = "SEE_USAGE_REPORTS"
)

// Capabilities lists every capability in the order of the contract.
func Capabilities() []Capability {
	return []Capability{ManageCustomers, IssueInvoices, SeeUsageReports}
}

// Valid reports whether c is a known capability.
func (c Capability) Valid() bool { return slices.Contains(Capabilities(), c) }

var (
	allPermissions []Permission
	rolePerms      = map[Role][]Permission{}
	// needs is the capability a reseller's staff need for a permission.
	needs = map[Permission]Capability{}
)

func init() {
	values := adminv1.Permission(0).Descriptor().Values()
	for i := range values.Len() {
		v := values.Get(i)
		if v.Number() == 0 {
			continue
		}
		p := PermissionFromProto(adminv1.Permission(v.Number()))
		allPermissions = append(allPermissions, p)
		granted := proto.GetExtension(v.Options(), adminv1.E_GrantedTo).([]adminv1.PlatformRole)
		for _, r := range granted {
			role := RoleFromProto(r)
			rolePerms[role] = append(rolePerms[role], p)
		}
		if c := proto.GetExtension(v.Options(), adminv1.E_ResellerNeeds).(adminv1.BillingEntityCapability); c != 0 {
			needs[p] = CapabilityFromProto(c)
		}
	}
}

// Needs returns the capability a reseller's staff need to hold p, if any.
func Needs(p Permission) (Capability, bool) {
	c, ok := needs[p]
	return c, ok
}

// ForReseller is what a reseller's staff member holding ps keeps while
// their billing entity has the capabilities caps: the permissions that
// need a capability it lacks are dropped.
func ForReseller(ps []Permission, caps []Capability) []Permission {
	return slices.DeleteFunc(slices.Clone(ps), func(p Permission) bool {
		c, ok := needs[p]
		return ok && !slices.Contains(caps, c)
	})
}

// All lists every permission in the order of the contract.
func All() []Permission { return slices.Clone(allPermissions) }

// Valid reports whether p is a known permission.
func (p Permission) Valid() bool { return slices.Contains(allPermissions, p) }

// RolePermissions lists the permissions role r holds by itself.
func RolePermissions(r Role) []Permission { return slices.Clone(rolePerms[r]) }

// RoleHas reports whether role r holds p without any extra grant.
func RoleHas(r Role, p Permission) bool { return slices.Contains(rolePerms[r], p) }

// Effective is what a user with role r and extra grants holds. A USER holds
// nothing, whatever was granted: that role has no access to the
// administration API at all.
func Effective(r Role, extra []Permission) []Permission {
	if r == RoleUser || !r.Valid() {
		return nil
	}
	out := RolePermissions(r)
	for _, p := range extra {
		if !slices.Contains(out, p) && p.Valid() {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b Permission) int {
		return slices.Index(allPermissions, a) - slices.Index(allPermissions, b)
	})
	return out
}

// permissions and roles convert between the domain and the contract.
var (
	permissions  = protoenum.All[Permission, adminv1.Permission]()
	roles        = protoenum.ByName[Role, adminv1.PlatformRole](Roles()...)
	capabilities = protoenum.ByName[Capability, adminv1.BillingEntityCapability](Capabilities()...)
)

// Enums are the conversion tables of this package, for the test that every
// value of the contract is known.
func Enums() []protoenum.Table { return []protoenum.Table{permissions, roles, capabilities} }

// CapabilityFromProto converts the API's enum to a Capability ("" for
// unspecified).
func CapabilityFromProto(c adminv1.BillingEntityCapability) Capability {
	return capabilities.FromProto(c)
}

// CapabilitiesToProto converts a list of Capabilities.
func CapabilitiesToProto(cs []Capability) []adminv1.BillingEntityCapability {
	return capabilities.ToProtos(cs)
}

// CapabilitiesFromProto converts a list of the API's capabilities.
func CapabilitiesFromProto(cs []adminv1.BillingEntityCapability) []Capability {
	return capabilities.FromProtos(cs)
}

// PermissionFromProto converts the API's enum to a Permission ("" for
// unspecified).
func PermissionFromProto(p adminv1.Permission) Permission { return permissions.FromProto(p) }

// PermissionToProto converts a Permission to the API's enum.
func PermissionToProto(p Permission) adminv1.Permission { return permissions.ToProto(p) }

// PermissionsToProto converts a list of Permissions.
func PermissionsToProto(ps []Permission) []adminv1.Permission { return permissions.ToProtos(ps) }

// RoleFromProto converts the API's enum to a Role ("" for unspecified).
func RoleFromProto(r adminv1.PlatformRole) Role { return roles.FromProto(r) }

// RoleToProto converts a Role to the API's enum.
func RoleToProto(r Role) adminv1.PlatformRole { return roles.ToProto(r) }

// AccessOf returns the access rule a method declares, or nil if none.
func AccessOf(m protoreflect.MethodDescriptor) *adminv1.Access {
	a, _ := proto.GetExtension(m.Options(), adminv1.E_Access).(*adminv1.Access)
	if a == nil || a.GetRule() == nil {
		return nil
	}
	return a
}
