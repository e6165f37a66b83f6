package organization

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
)

// Organization is a customer: one billing account.
type Organization struct {
	ID              uuid.UUID
	BillingEntityID uuid.UUID
	Values
	CreateTime, UpdateTime time.Time
	// BillingDay is the day of the month it is billed on, in TimeZone, the
	// time zone of its billing entity's invoice calendar.
	BillingDay int
	TimeZone   *time.Location
	// AccountManager is its account manager, a staff user (SetManagedBilling).
	AccountManager *uuid.UUID
	// Partner: it refers others (package partner); ReferredBy is the
	// partner that referred it.
	Partner    bool
	ReferredBy *uuid.UUID
	// RejectionReason says why its sign-up was rejected, as the applicant
	// reads it.
	RejectionReason string
}

// Workspace is a part of an organization's account, with its admin.
type Workspace struct {
	ID, OrganizationID uuid.UUID
	Name               string
	AdminUserID        *uuid.UUID
	// Admin is the admin's user, where it was loaded.
	Admin *User
	// Members are the users put into it, where they were loaded.
	Members                []User
	CreateTime, UpdateTime time.Time
}

// User is a user as an organization shows them.
type User struct {
	ID                 uuid.UUID
	Email, DisplayName string
}

// Member is a user's membership as an organization shows it.
type Member struct {
	// ID is the membership's.
	ID     uuid.UUID
	UserID uuid.UUID
	// Role is OWNER, ADMIN or MEMBER.
	Role       string
	CreateTime time.Time
	// User is the member's user, where it was loaded.
	User *User
}

func organizationOf(o *ent.Organization) Organization {
	return Organization{
		ID: o.ID, BillingEntityID: o.BillingEntityID,
		Values: Values{
			Name: o.Name, LegalName: o.LegalName, Status: o.Status.String(),
			Address:      Address{Line1: o.AddressLine1, Line2: o.AddressLine2, PostalCode: o.PostalCode, City: o.City, CountryCode: o.CountryCode},
			VATID:        o.VatID,
			BillingEmail: o.BillingEmail,
			Managed:      o.Managed,
			EInvoice: EInvoice{Format: o.EinvoiceFormat.String(), BuyerReference: o.BuyerReference,
				ElectronicAddress: o.EinvoiceAddress, PublicSector: o.PublicSector},
		},
		CreateTime: o.CreateTime, UpdateTime: o.UpdateTime,
		AccountManager: o.AccountManagerID, Partner: o.Partner, ReferredBy: o.ReferredByID,
		RejectionReason: o.RejectionReason,
	}
}

func userOf(u *ent.User) *User {
	if u == nil {
		return nil
	}
	return &User{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName}
}

// workspaceOf converts a workspace, with its admin where the edge was
// loaded.
func workspaceOf(w *ent.Workspace) Workspace {
	return Workspace{ID: w.ID, OrganizationID: w.OrganizationID, Name: w.Name, AdminUserID: w.AdminUserID,
		Admin: userOf(w.Edges.Admin), CreateTime: w.CreateTime, UpdateTime: w.UpdateTime}
}

func workspacesOf(ws []*ent.Workspace) []Workspace {
	out := make([]Workspace, len(ws))
	for i, w := range ws {
		out[i] = workspaceOf(w)
	}
	return out
}

// memberOf converts a membership, with its user where the edge was loaded.
func memberOf(m *ent.Membership) Member {
	return Member{ID: m.ID, UserID: m.UserID, Role: m.Role.String(), CreateTime: m.CreateTime, User: userOf(m.Edges.User)}
}
