package organization

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// MyOrganization is an organization the caller is a member of, with their
// role and the workspaces they see in it.
type MyOrganization struct {
	Organization
	Role       string
	Workspaces []Workspace
}

// Mine lists the organizations the caller is a member of, by name, each
// with the workspaces the data layer lets them see (all for an OWNER or
// ADMIN, their own for a MEMBER).
func (s *Service) Mine(ctx context.Context) ([]MyOrganization, error) {
	p := authz.FromContext(ctx)
	if p == nil {
		return nil, nil
	}
	ms, err := s.client.Membership.Query().Where(membership.UserID(p.UserID)).WithOrganization().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("memberships: %w", err)
	}
	wss, err := s.client.Workspace.Query().Order(workspace.ByName(), workspace.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("workspaces: %w", err)
	}
	out := make([]MyOrganization, 0, len(ms))
	for _, m := range ms {
		if m.Edges.Organization == nil {
			continue
		}
		mo := MyOrganization{Organization: organizationOf(m.Edges.Organization), Role: m.Role.String()}
		for _, w := range wss {
			if w.OrganizationID == m.OrganizationID {
				mo.Workspaces = append(mo.Workspaces, workspaceOf(w))
			}
		}
		out = append(out, mo)
	}
	slices.SortFunc(out, func(a, b MyOrganization) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
