package member

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// User is a platform user: staff, or a customer's user (role USER).
type User struct {
	ID                 uuid.UUID
	Email, DisplayName string
	PlatformRole       authz.Role
	Disabled           bool
	LastLoginTime      *time.Time
	CreateTime         time.Time
}

// Membership is a user's membership of an organization.
type Membership struct {
	OrganizationID   uuid.UUID
	OrganizationName string
	// Role is the user's role in the organization (OWNER, ADMIN, MEMBER).
	Role string
}

// Grant is a permission given to a user on top of their role.
type Grant struct {
	Permission authz.Permission
	// GrantedByID is who gave it; nil when the system did.
	GrantedByID *uuid.UUID
	Reason      string
	CreateTime  time.Time
}

func userOf(u *ent.User) *User {
	return &User{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, PlatformRole: authz.Role(u.PlatformRole),
		Disabled: u.Disabled, LastLoginTime: u.LastLoginTime, CreateTime: u.CreateTime}
}

// membershipOf converts a membership loaded with its organization.
func membershipOf(m *ent.Membership) Membership {
	out := Membership{OrganizationID: m.OrganizationID, Role: m.Role.String()}
	if o := m.Edges.Organization; o != nil {
		out.OrganizationName = o.Name
	}
	return out
}

func grantOf(g *ent.PermissionGrant) Grant {
	return Grant{Permission: authz.Permission(g.Permission), GrantedByID: g.GrantedByID, Reason: g.Reason, CreateTime: g.CreateTime}
}
