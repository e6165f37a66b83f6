package organization

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// ManagedBilling is how an organization is billed: offline (managed) or
// not, and its account manager.
type ManagedBilling struct {
	Managed bool
	// Manager is the account manager; nil when it has none.
	Manager *User
}

// SetManagedBilling marks org as billed offline, or not, and names its
// account manager (nil: none). A managed organization has one: a staff
// member (owner or operator, not disabled) of the platform or of org's
// billing entity, since they issue its invoices and payment links.
func (s *Service) SetManagedBilling(ctx context.Context, org uuid.UUID, managed bool, manager *uuid.UUID, reason string) (ManagedBilling, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return ManagedBilling{}, apierr.Invalid("reason", "reason.required", "say why the billing changes")
	}
	if managed && manager == nil {
		return ManagedBilling{}, apierr.Invalid("account_manager_user_id", "account_manager_user_id.required",
			"a managed organization has an account manager: name one")
	}
	var out ManagedBilling
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := getOrganization(ctx, tx, org)
		if err != nil {
			return err
		}
		if o.Status == "CLOSED" {
			return apierr.FailedPrecondition("the organization is closed; a closed organization is kept as it is")
		}
		out = ManagedBilling{Managed: managed}
		if manager != nil {
			u, err := tx.User.Query().Where(user.ID(*manager)).Only(ctx)
			if ent.IsNotFound(err) {
				return apierr.Invalid("account_manager_user_id", "account_manager_user_id.unknown", "no user %s", ids.Format(ids.User, *manager))
			}
			if err != nil {
				return fmt.Errorf("read the account manager: %w", err)
			}
			staff := u.PlatformRole == user.PlatformRoleOWNER || u.PlatformRole == user.PlatformRoleOPERATOR
			if !staff || u.Disabled || u.BillingEntityID != nil && *u.BillingEntityID != o.BillingEntityID {
				return apierr.Invalid("account_manager_user_id", "account_manager_user_id.staff",
					"%s is not an active owner or operator of the organization's billing entity", u.Email)
			}
			out.Manager = userOf(u)
		}
		if o.Managed == managed && equalIDs(o.AccountManagerID, manager) {
			return audit.Unchanged
		}
		if err := tx.Organization.UpdateOneID(org).SetManaged(managed).SetNillableAccountManagerID(manager).SetUpdateTime(s.clock.Now()).
			Exec(ctx); err != nil {
			return err
		}
		if manager == nil {
			if err := tx.Organization.UpdateOneID(org).ClearAccountManagerID().Exec(ctx); err != nil {
				return err
			}
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, org), Reason: reason,
			Before: map[string]any{"managed": o.Managed, "account_manager_id": ids.FormatPtr(ids.User, o.AccountManagerID)},
			After:  map[string]any{"managed": managed, "account_manager_id": ids.FormatPtr(ids.User, manager)}})
		return nil
	})
	if err != nil {
		return ManagedBilling{}, err
	}
	return out, nil
}

// Contact is a person as an e-mail client takes them: "Name <e-mail>", or
// the address alone without a name.
func Contact(name, email string) string {
	if name == "" {
		return email
	}
	return name + " <" + email + ">"
}

func equalIDs(a, b *uuid.UUID) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
