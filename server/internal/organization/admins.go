package organization

import (
	"context"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// CustomerAdminOnly refuses a customer's user who is not an owner or admin
// of org (PermissionDenied with refusal, saying what only they do) what
// the portal leaves to an organization's admins: asking for a tier,
// registering people for trainings. Staff need no membership: they act
// for a customer who called.
func CustomerAdminOnly(ctx context.Context, c *ent.Client, org uuid.UUID, refusal string) error {
	p := authz.FromContext(ctx)
	if p == nil || !p.Customer() {
		return nil
	}
	ok, err := c.Membership.Query().Where(membership.OrganizationID(org), membership.UserID(p.UserID),
		membership.RoleIn(membership.RoleOWNER, membership.RoleADMIN)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return apierr.PermissionDenied("%s", refusal)
	}
	return nil
}
