package organization

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/ent/workspacemember"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/leitwegid"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/vatid"
)

// Address is a postal address.
type Address struct {
	Line1, Line2, PostalCode, City, CountryCode string
}

// Values are an organization's editable fields.
type Values struct {
	Name, LegalName string
	Status          string
	Address         Address
	VATID           string
	BillingEmail    string
	Managed         bool
	EInvoice        EInvoice
}

// The e-invoice formats an organization may prefer.
const (
	EInvoiceZUGFeRD      = "ZUGFERD"
	EInvoiceXRechnungCII = "XRECHNUNG_CII"
	EInvoiceXRechnungUBL = "XRECHNUNG_UBL"
)

// EInvoice is what an organization's e-invoices need of it: the format it
// prefers, its buyer reference (BT-10; a public authority's Leitweg-ID),
// where e-invoices go (BT-49; empty: the billing e-mail), and whether it is
// a public authority, whose invoices are not issued without the Leitweg-ID
// (BR-DE-15).
type EInvoice struct {
	Format            string
	BuyerReference    string
	ElectronicAddress string
	PublicSector      bool
}

// mask lists the fields UpdateOrganization may change, how each is checked
// and how it is stored.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name",
		Check: func(v Values) (string, string) {
			if strings.TrimSpace(v.Name) == "" {
				return "required", "an organization needs a name"
			}
			return "", ""
		},
		Copy: func(d *Values, s Values) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "legal_name", Copy: func(d *Values, s Values) { d.LegalName = strings.TrimSpace(s.LegalName) }},
	{Path: "status",
		Check: func(v Values) (string, string) {
			if !slices.Contains([]string{StatusPendingApproval, StatusActive, StatusSuspended, StatusClosed}, v.Status) {
				return "enum.defined_only", "choose a status"
			}
			return "", ""
		},
		Copy: func(d *Values, s Values) { d.Status = s.Status }},
	{Path: "billing_address.line1", Copy: func(d *Values, s Values) { d.Address.Line1 = s.Address.Line1 }},
	{Path: "billing_address.line2", Copy: func(d *Values, s Values) { d.Address.Line2 = s.Address.Line2 }},
	{Path: "billing_address.postal_code", Copy: func(d *Values, s Values) { d.Address.PostalCode = s.Address.PostalCode }},
	{Path: "billing_address.city", Copy: func(d *Values, s Values) { d.Address.City = s.Address.City }},
	{Path: "billing_address.country_code", Copy: func(d *Values, s Values) { d.Address.CountryCode = s.Address.CountryCode }},
	{Path: "vat_id",
		Check: fieldmask.Optional(func(v Values) string { return v.VATID }, vatid.Validate, "vat_id.valid"),
		Copy:  func(d *Values, s Values) { d.VATID = vatid.Normalize(s.VATID) }},
	{Path: "billing_email", Copy: func(d *Values, s Values) { d.BillingEmail = s.BillingEmail }},
	{Path: "managed", Copy: func(d *Values, s Values) { d.Managed = s.Managed }},
	{Path: "e_invoice.format",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(slices.Contains([]string{EInvoiceZUGFeRD, EInvoiceXRechnungCII, EInvoiceXRechnungUBL}, v.EInvoice.Format),
				"enum.defined_only", "choose ZUGFeRD, XRechnung CII or XRechnung UBL")
		},
		// Not set is the default, ZUGFeRD.
		Copy: func(d *Values, s Values) { d.EInvoice.Format = cmp.Or(s.EInvoice.Format, EInvoiceZUGFeRD) }},
	{Path: "e_invoice.buyer_reference", Check: buyerReference,
		Copy: func(d *Values, s Values) { d.EInvoice.BuyerReference = strings.TrimSpace(s.EInvoice.BuyerReference) }},
	{Path: "e_invoice.electronic_address",
		Copy: func(d *Values, s Values) {
			d.EInvoice.ElectronicAddress = strings.TrimSpace(s.EInvoice.ElectronicAddress)
		}},
	{Path: "e_invoice.public_sector", Check: buyerReference,
		Copy: func(d *Values, s Values) { d.EInvoice.PublicSector = s.EInvoice.PublicSector }},
}}

// buyerReference checks the stored buyer reference against the stored
// public-sector mark: a public authority's is its Leitweg-ID, required and
// checked with its check digits; anyone else's is free text.
func buyerReference(v Values) (string, string) {
	e := v.EInvoice
	switch {
	case !e.PublicSector:
		return "", ""
	case e.BuyerReference == "":
		return "leitweg_id.required", "a public authority's invoices need its Leitweg-ID as the buyer reference (BR-DE-15)"
	}
	if err := leitwegid.Validate(e.BuyerReference); err != nil {
		return "leitweg_id.valid", err.Error()
	}
	return "", ""
}

// UpdatablePaths are the field-mask paths UpdateOrganization accepts.
var UpdatablePaths = mask.Paths()

// setValues writes every editable column from v into m.
func setValues(m *ent.OrganizationMutation, v Values) {
	m.SetName(v.Name)
	m.SetLegalName(v.LegalName)
	m.SetStatus(organization.Status(v.Status))
	m.SetAddressLine1(v.Address.Line1)
	m.SetAddressLine2(v.Address.Line2)
	m.SetPostalCode(v.Address.PostalCode)
	m.SetCity(v.Address.City)
	m.SetCountryCode(v.Address.CountryCode)
	m.SetVatID(v.VATID)
	m.SetBillingEmail(v.BillingEmail)
	m.SetManaged(v.Managed)
	m.SetEinvoiceFormat(organization.EinvoiceFormat(cmp.Or(v.EInvoice.Format, EInvoiceZUGFeRD)))
	m.SetBuyerReference(v.EInvoice.BuyerReference)
	m.SetEinvoiceAddress(v.EInvoice.ElectronicAddress)
	m.SetPublicSector(v.EInvoice.PublicSector)
}

// Create makes an active organization under the caller's billing entity,
// with its first contract on plan (uuid.Nil: the lowest-ranked plan that
// offers contracts), starting today.
func (s *Service) Create(ctx context.Context, v Values, plan uuid.UUID, reason string) (*Summary, error) {
	return s.CreateWith(ctx, v, plan, reason, nil)
}

// Also is a change of another area to a new organization, made in the
// transaction that creates it (a partner's referral).
type Also = func(tx *ent.Tx, log *audit.Log, org uuid.UUID) error

// CreateWith is Create with also (nil: none): both are kept, or neither.
func (s *Service) CreateWith(ctx context.Context, v Values, plan uuid.UUID, reason string, also Also) (*Summary, error) {
	if err := mask.Check(v, []string{"name", "vat_id"}, ""); err != nil {
		return nil, err
	}
	be, err := tenancy.Licensee(ctx, s.client)
	if err != nil {
		return nil, fmt.Errorf("find licensee: %w", err)
	}
	if scoped, ok := tenancy.Scope(ctx); ok {
		be = scoped
	}
	var n Values
	mask.Apply(&n, v, mask.Leaves())
	n.Status = StatusActive
	now := s.clock.Now()
	loc, err := s.zones(ctx, be)
	if err != nil {
		return nil, err
	}
	var o *ent.Organization
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Organization.Create().SetBillingEntityID(be).SetCreateTime(now).SetUpdateTime(now)
		setValues(c.Mutation(), n)
		var err error
		if o, err = c.Save(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, o.ID), Reason: reason, After: state(o)})
		if also != nil {
			if err := also(tx, log, o.ID); err != nil {
				return err
			}
			if o, err = tx.Organization.Get(ctx, o.ID); err != nil {
				return err
			}
		}
		if s.firstContract == nil {
			return nil
		}
		return s.firstContract(ctx, tx, log, o.ID, calendar.On(now, loc), plan)
	})
	if err != nil {
		return nil, err
	}
	out := &Summary{Organization: organizationOf(o)}
	return out, s.withBillingDays(ctx, &out.Organization)
}

// Update changes the fields named in paths. A status change needs a reason;
// a closed organization is final.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string, reason string) (*Summary, error) {
	leaves, err := mask.Expand(paths)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := getOrganization(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Status == organization.StatusCLOSED {
			return apierr.FailedPrecondition("the organization is closed; a closed organization is kept as it is")
		}
		next := organizationOf(before).Values
		mask.Apply(&next, v, leaves)
		// Checked as it would be stored: the buyer reference is checked
		// against the public-sector mark whichever of them the mask names.
		if err := mask.Check(next, leaves, ""); err != nil {
			return err
		}
		if next.Status != before.Status.String() {
			if !canTransition(before.Status.String(), next.Status) {
				return apierr.FailedPrecondition("an organization cannot go from %s to %s", before.Status, next.Status)
			}
			if strings.TrimSpace(reason) == "" {
				return apierr.Invalid("reason", "reason.required", "say why the status changes")
			}
		}
		u := tx.Organization.UpdateOneID(id).SetUpdateTime(now)
		setValues(u.Mutation(), next)
		after, err := u.Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, id), Reason: reason, Before: state(before), After: state(after)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	d, err := s.get(ctx, id)
	if err != nil {
		return nil, err
	}
	return &d.Summary, nil
}

// getOrganization reads an organization in a change, NotFound when there is
// none.
func getOrganization(ctx context.Context, tx *ent.Tx, id uuid.UUID) (*ent.Organization, error) {
	o, err := tx.Organization.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, id))
	}
	return o, err
}

// CreateWorkspace adds a workspace to an organization.
func (s *Service) CreateWorkspace(ctx context.Context, orgID uuid.UUID, name string, admin *uuid.UUID, reason string) (*Workspace, error) {
	var v WorkspaceValues
	workspaceMask.Apply(&v, WorkspaceValues{Name: name, Admin: admin}, workspaceMask.Leaves())
	if err := workspaceMask.Check(v, []string{"name"}, ""); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var w *ent.Workspace
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := getOrganization(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if o.Status == organization.StatusCLOSED {
			return apierr.FailedPrecondition("the organization is closed")
		}
		if err := checkWorkspaceName(ctx, tx, orgID, v.Name, uuid.Nil); err != nil {
			return err
		}
		if err := checkAdmin(ctx, tx, orgID, v.Admin, "admin_user_id"); err != nil {
			return err
		}
		w, err = tx.Workspace.Create().SetOrganizationID(orgID).SetName(v.Name).SetNillableAdminUserID(v.Admin).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "workspace", TargetID: ids.Format(ids.Workspace, w.ID), Reason: reason, After: workspaceState(w)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.workspace(ctx, w.ID)
}

// workspace reads a workspace with its admin.
func (s *Service) workspace(ctx context.Context, id uuid.UUID) (*Workspace, error) {
	w, err := s.client.Workspace.Query().Where(workspace.ID(id)).WithAdmin().Only(ctx)
	if err != nil {
		return nil, err
	}
	out := []Workspace{workspaceOf(w)}
	if err := s.withMembers(ctx, out); err != nil {
		return nil, err
	}
	return &out[0], nil
}

// WorkspaceValues are a workspace's editable fields.
type WorkspaceValues struct {
	Name  string
	Admin *uuid.UUID
}

// workspaceMask lists the fields UpdateWorkspace may change.
var workspaceMask = fieldmask.Mask[WorkspaceValues]{Fields: []fieldmask.Field[WorkspaceValues]{
	{Path: "name",
		Check: func(v WorkspaceValues) (string, string) {
			if v.Name == "" {
				return "required", "a workspace needs a name"
			}
			return "", ""
		},
		Copy: func(d *WorkspaceValues, s WorkspaceValues) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "admin_user_id", Copy: func(d *WorkspaceValues, s WorkspaceValues) { d.Admin = s.Admin }},
}}

// UpdateWorkspace changes the fields named in paths (name, admin_user_id).
func (s *Service) UpdateWorkspace(ctx context.Context, id uuid.UUID, v WorkspaceValues, paths []string, reason string) (*Workspace, error) {
	leaves, err := workspaceMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	v.Name = strings.TrimSpace(v.Name)
	if err := workspaceMask.Check(v, leaves, "workspace"); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := tx.Workspace.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("workspace", ids.Format(ids.Workspace, id))
		}
		if err != nil {
			return err
		}
		if err := refuseClosed(ctx, tx, before.OrganizationID); err != nil {
			return err
		}
		next := WorkspaceValues{Name: before.Name, Admin: before.AdminUserID}
		workspaceMask.Apply(&next, v, leaves)
		if slices.Contains(leaves, "name") {
			if err := checkWorkspaceName(ctx, tx, before.OrganizationID, next.Name, id); err != nil {
				return err
			}
		}
		if slices.Contains(leaves, "admin_user_id") {
			if err := checkAdmin(ctx, tx, before.OrganizationID, next.Admin, apierr.Path("workspace", "admin_user_id")); err != nil {
				return err
			}
		}
		u := tx.Workspace.UpdateOneID(id).SetUpdateTime(now).SetName(next.Name)
		if next.Admin == nil {
			u.ClearAdminUserID()
		} else {
			u.SetAdminUserID(*next.Admin)
		}
		after, err := u.Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "workspace", TargetID: ids.Format(ids.Workspace, id), Reason: reason, Before: workspaceState(before), After: workspaceState(after)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.workspace(ctx, id)
}

func checkWorkspaceName(ctx context.Context, tx *ent.Tx, orgID uuid.UUID, name string, self uuid.UUID) error {
	taken, err := tx.Workspace.Query().Where(workspace.OrganizationID(orgID), workspace.Name(name), workspace.IDNEQ(self)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return apierr.AlreadyExists("the organization already has a workspace named %q", name)
	}
	return nil
}

func checkAdmin(ctx context.Context, tx *ent.Tx, orgID uuid.UUID, admin *uuid.UUID, field string) error {
	if admin == nil {
		return nil
	}
	ok, err := tx.Membership.Query().Where(membership.OrganizationID(orgID), membership.UserID(*admin)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return apierr.Invalid(field, "admin.member", "the workspace admin must be a member of the organization")
	}
	return nil
}

// NewUser describes a user to create when adding a member by e-mail.
type NewUser struct {
	Email, DisplayName string
}

// AddMember adds a user (an existing one by id, or one found or created by
// e-mail) to an organization with a role.
func (s *Service) AddMember(ctx context.Context, orgID uuid.UUID, userID *uuid.UUID, nu *NewUser, role, reason string) (*Member, error) {
	now := s.clock.Now()
	var m *ent.Membership
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := getOrganization(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if o.Status == organization.StatusCLOSED {
			return apierr.FailedPrecondition("the organization is closed")
		}
		var u *ent.User
		switch {
		case userID != nil:
			u, err = tx.User.Get(ctx, *userID)
			if ent.IsNotFound(err) {
				return apierr.NotFound("user", ids.Format(ids.User, *userID))
			}
		default:
			email := strings.ToLower(strings.TrimSpace(nu.Email))
			u, err = tx.User.Query().Where(user.Email(email)).Only(ctx)
			if ent.IsNotFound(err) {
				u, err = tx.User.Create().SetEmail(email).SetDisplayName(strings.TrimSpace(nu.DisplayName)).
					SetPlatformRole(user.PlatformRoleUSER).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
				if err == nil {
					log.Record(audit.Event{TargetType: "user", TargetID: ids.Format(ids.User, u.ID), Reason: reason,
						After: map[string]any{"email": u.Email, "display_name": u.DisplayName, "platform_role": "USER"}})
				}
			}
		}
		if err != nil {
			return err
		}
		exists, err := tx.Membership.Query().Where(membership.OrganizationID(orgID), membership.UserID(u.ID)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return apierr.AlreadyExists("%s is already a member of %s", u.Email, o.Name)
		}
		// The users cap blocks: an organization at it takes no member more
		// until its tier or its custom terms allow more.
		if s.userCap != nil {
			limit, err := s.userCap(ctx, tx, orgID)
			if err != nil {
				return err
			}
			if n, err := tx.Membership.Query().Where(membership.OrganizationID(orgID)).Count(ctx); err != nil {
				return err
			} else if limit > 0 && n >= limit {
				return apierr.FailedPrecondition("%s has %d users, as many as its plan allows (%d): change its tier or raise the users cap in its custom terms first",
					o.Name, n, limit)
			}
		}
		m, err = tx.Membership.Create().SetOrganizationID(orgID).SetUserID(u.ID).SetRole(membership.Role(role)).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		m.Edges.User = u
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, orgID), Reason: reason, After: membershipState(m)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := memberOf(m)
	return &out, nil
}

// RemoveMember ends a membership. The last owner stays.
func (s *Service) RemoveMember(ctx context.Context, orgID, userID uuid.UUID, reason string) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		m, err := findMembership(ctx, tx, orgID, userID)
		if err != nil {
			return err
		}
		if err := refuseClosed(ctx, tx, orgID); err != nil {
			return err
		}
		if m.Role == membership.RoleOWNER {
			if err := keepAnOwner(ctx, tx, orgID); err != nil {
				return err
			}
		}
		if _, err := tx.Workspace.Update().Where(workspace.OrganizationID(orgID), workspace.AdminUserID(userID)).ClearAdminUserID().Save(ctx); err != nil {
			return err
		}
		// Out of the organization is out of its workspaces.
		if _, err := tx.WorkspaceMember.Delete().Where(workspacemember.OrganizationID(orgID), workspacemember.UserID(userID)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.Membership.DeleteOneID(m.ID).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, orgID), Reason: reason, Before: membershipState(m)})
		return nil
	})
}

// SetRole changes a member's role. The last owner cannot be demoted.
func (s *Service) SetRole(ctx context.Context, orgID, userID uuid.UUID, role, reason string) (*Member, error) {
	now := s.clock.Now()
	var after *ent.Membership
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		m, err := findMembership(ctx, tx, orgID, userID)
		if err != nil {
			return err
		}
		if err := refuseClosed(ctx, tx, orgID); err != nil {
			return err
		}
		if m.Role.String() == role {
			return apierr.FailedPrecondition("the member already has the role %s", role)
		}
		if m.Role == membership.RoleOWNER {
			if err := keepAnOwner(ctx, tx, orgID); err != nil {
				return err
			}
		}
		after, err = tx.Membership.UpdateOneID(m.ID).SetRole(membership.Role(role)).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		after.Edges.User = m.Edges.User
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, orgID), Reason: reason, Before: membershipState(m), After: membershipState(after)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := memberOf(after)
	return &out, nil
}

// refuseClosed refuses a change to the workspaces or members of a closed
// organization, which is kept as it is.
func refuseClosed(ctx context.Context, tx *ent.Tx, orgID uuid.UUID) error {
	closed, err := tx.Organization.Query().Where(organization.ID(orgID), organization.StatusEQ(organization.StatusCLOSED)).Exist(ctx)
	if err != nil {
		return err
	}
	if closed {
		return apierr.FailedPrecondition("the organization is closed")
	}
	return nil
}

func findMembership(ctx context.Context, tx *ent.Tx, orgID, userID uuid.UUID) (*ent.Membership, error) {
	m, err := tx.Membership.Query().Where(membership.OrganizationID(orgID), membership.UserID(userID)).WithUser().Only(ctx)
	if ent.IsNotFound(err) {
		if ok, _ := tx.Organization.Query().Where(organization.ID(orgID)).Exist(ctx); !ok {
			return nil, apierr.NotFound("organization", ids.Format(ids.Organization, orgID))
		}
		return nil, apierr.NotFound("membership of user", ids.Format(ids.User, userID))
	}
	return m, err
}

func keepAnOwner(ctx context.Context, tx *ent.Tx, orgID uuid.UUID) error {
	owners, err := tx.Membership.Query().Where(membership.OrganizationID(orgID), membership.RoleEQ(membership.RoleOWNER)).Count(ctx)
	if err != nil {
		return err
	}
	if owners <= 1 {
		return apierr.FailedPrecondition("this is the organization's last owner; make another member owner first")
	}
	return nil
}
