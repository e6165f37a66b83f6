package organization

import (
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
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
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
}

// Create makes an active organization under the caller's billing entity.
func (s *Service) Create(ctx context.Context, v Values, reason string) (*Summary, error) {
	if err := validate(v, []string{"name", "vat_id"}); err != nil {
		return nil, err
	}
	be, err := tenancy.Licensee(ctx, s.client)
	if err != nil {
		return nil, fmt.Errorf("find licensee: %w", err)
	}
	if scoped, ok := tenancy.Scope(ctx); ok {
		be = scoped
	}
	now := s.clock.Now()
	var o *ent.Organization
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var err error
		o, err = tx.Organization.Create().
			SetBillingEntityID(be).SetName(strings.TrimSpace(v.Name)).SetLegalName(strings.TrimSpace(v.LegalName)).
			SetStatus(organization.StatusACTIVE).
			SetAddressLine1(v.Address.Line1).SetAddressLine2(v.Address.Line2).SetPostalCode(v.Address.PostalCode).
			SetCity(v.Address.City).SetCountryCode(v.Address.CountryCode).
			SetVatID(vatid.Normalize(v.VATID)).SetBillingEmail(v.BillingEmail).SetManaged(v.Managed).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, o.ID), Reason: reason, After: state(o)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Summary{Organization: o}, nil
}

// UpdatablePaths are the field-mask paths UpdateOrganization accepts.
var UpdatablePaths = []string{
	"name", "legal_name", "status", "billing_address", "billing_address.line1", "billing_address.line2",
	"billing_address.postal_code", "billing_address.city", "billing_address.country_code",
	"vat_id", "billing_email", "managed",
}

// Update changes the fields named in paths. A status change needs a reason;
// a closed organization is final.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string, reason string) (*Summary, error) {
	if len(paths) == 0 {
		return nil, apierr.Invalid("update_mask", "update_mask.required", "name at least one field to change")
	}
	for _, p := range paths {
		if !slices.Contains(UpdatablePaths, p) {
			return nil, apierr.Invalid("update_mask", "update_mask.paths", "%q cannot be changed (allowed: %s)", p, strings.Join(UpdatablePaths, ", "))
		}
	}
	if err := validate(v, paths); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var o *ent.Organization
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := tx.Organization.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("organization", ids.Format(ids.Organization, id))
		}
		if err != nil {
			return err
		}
		if before.Status == organization.StatusCLOSED {
			return apierr.FailedPrecondition("the organization is closed; a closed organization is kept as it is")
		}
		u := tx.Organization.UpdateOneID(id).SetUpdateTime(now)
		has := func(p string) bool {
			return slices.Contains(paths, p) || (strings.HasPrefix(p, "billing_address.") && slices.Contains(paths, "billing_address"))
		}
		if has("name") {
			u.SetName(strings.TrimSpace(v.Name))
		}
		if has("legal_name") {
			u.SetLegalName(strings.TrimSpace(v.LegalName))
		}
		if has("status") && v.Status != before.Status.String() {
			if !canTransition(before.Status.String(), v.Status) {
				return apierr.FailedPrecondition("an organization cannot go from %s to %s", before.Status, v.Status)
			}
			if strings.TrimSpace(reason) == "" {
				return apierr.Invalid("reason", "reason.required", "say why the status changes")
			}
			u.SetStatus(organization.Status(v.Status))
		}
		if has("billing_address.line1") {
			u.SetAddressLine1(v.Address.Line1)
		}
		if has("billing_address.line2") {
			u.SetAddressLine2(v.Address.Line2)
		}
		if has("billing_address.postal_code") {
			u.SetPostalCode(v.Address.PostalCode)
		}
		if has("billing_address.city") {
			u.SetCity(v.Address.City)
		}
		if has("billing_address.country_code") {
			u.SetCountryCode(v.Address.CountryCode)
		}
		if has("vat_id") {
			u.SetVatID(vatid.Normalize(v.VATID))
		}
		if has("billing_email") {
			u.SetBillingEmail(v.BillingEmail)
		}
		if has("managed") {
			u.SetManaged(v.Managed)
		}
		if o, err = u.Save(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, id), Reason: reason, Before: state(before), After: state(o)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	d, err := s.get(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	return &d.Summary, nil
}

// validate checks the rules protovalidate cannot express for the given paths.
func validate(v Values, paths []string) error {
	var vs []apierr.FieldViolation
	if slices.Contains(paths, "name") && strings.TrimSpace(v.Name) == "" {
		vs = append(vs, apierr.FieldViolation{Field: "name", Rule: "required", Message: "an organization needs a name"})
	}
	if slices.Contains(paths, "status") && !slices.Contains([]string{StatusPendingApproval, StatusActive, StatusSuspended, StatusClosed}, v.Status) {
		vs = append(vs, apierr.FieldViolation{Field: "status", Rule: "enum.defined_only", Message: "choose a status"})
	}
	if slices.Contains(paths, "vat_id") && v.VATID != "" {
		if err := vatid.Validate(v.VATID); err != nil {
			vs = append(vs, apierr.FieldViolation{Field: "vat_id", Rule: "vat_id.invalid", Message: err.Error()})
		}
	}
	if len(vs) > 0 {
		return apierr.InvalidFields(vs...)
	}
	return nil
}

// CreateWorkspace adds a workspace to an organization.
func (s *Service) CreateWorkspace(ctx context.Context, orgID uuid.UUID, name string, admin *uuid.UUID, reason string) (*ent.Workspace, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, apierr.Invalid("name", "required", "a workspace needs a name")
	}
	now := s.clock.Now()
	var w *ent.Workspace
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := tx.Organization.Get(ctx, orgID)
		if ent.IsNotFound(err) {
			return apierr.NotFound("organization", ids.Format(ids.Organization, orgID))
		}
		if err != nil {
			return err
		}
		if o.Status == organization.StatusCLOSED {
			return apierr.FailedPrecondition("the organization is closed")
		}
		if err := checkWorkspaceName(ctx, tx, orgID, name, uuid.Nil); err != nil {
			return err
		}
		if err := checkAdmin(ctx, tx, orgID, admin, "admin_user_id"); err != nil {
			return err
		}
		w, err = tx.Workspace.Create().SetOrganizationID(orgID).SetName(name).SetNillableAdminUserID(admin).
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
	return s.client.Workspace.Query().Where(workspace.ID(w.ID)).WithAdmin().Only(ctx)
}

// WorkspaceValues are a workspace's editable fields.
type WorkspaceValues struct {
	Name  string
	Admin *uuid.UUID
}

// UpdateWorkspace changes the fields named in paths (name, admin_user_id).
func (s *Service) UpdateWorkspace(ctx context.Context, id uuid.UUID, v WorkspaceValues, paths []string, reason string) (*ent.Workspace, error) {
	if len(paths) == 0 {
		return nil, apierr.Invalid("update_mask", "update_mask.required", "name at least one field to change")
	}
	for _, p := range paths {
		if p != "name" && p != "admin_user_id" {
			return nil, apierr.Invalid("update_mask", "update_mask.paths", "%q cannot be changed (allowed: name, admin_user_id)", p)
		}
	}
	v.Name = strings.TrimSpace(v.Name)
	if slices.Contains(paths, "name") && v.Name == "" {
		return nil, apierr.Invalid("workspace.name", "required", "a workspace needs a name")
	}
	now := s.clock.Now()
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
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
		u := tx.Workspace.UpdateOneID(id).SetUpdateTime(now)
		if slices.Contains(paths, "name") {
			if err := checkWorkspaceName(ctx, tx, before.OrganizationID, v.Name, id); err != nil {
				return err
			}
			u.SetName(v.Name)
		}
		if slices.Contains(paths, "admin_user_id") {
			if err := checkAdmin(ctx, tx, before.OrganizationID, v.Admin, "workspace.admin_user_id"); err != nil {
				return err
			}
			if v.Admin == nil {
				u.ClearAdminUserID()
			} else {
				u.SetAdminUserID(*v.Admin)
			}
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
	return s.client.Workspace.Query().Where(workspace.ID(id)).WithAdmin().Only(ctx)
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
		o, err := tx.Organization.Get(ctx, orgID)
		if ent.IsNotFound(err) {
			return apierr.NotFound("organization", ids.Format(ids.Organization, orgID))
		}
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
	return &Member{Membership: m, User: m.Edges.User}, nil
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
	return &Member{Membership: after, User: after.Edges.User}, nil
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
