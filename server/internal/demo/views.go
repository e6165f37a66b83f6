package demo

import (
	"context"
	"fmt"

	entuser "github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/savedview"
)

// demoViews are the saved views of the demo owner: two of their own and
// one their team (the licensee's staff) sees.
var demoViews = []savedview.Values{
	{Page: "organizations", Name: "Suspended customers", Parameters: map[string]string{"status": "SUSPENDED", "sort": "name"},
		Columns: []string{"name", "status", "members", "created"}},
	{Page: "invoices", Name: "Overdue invoices", Parameters: map[string]string{"status": "OVERDUE"}},
	{Page: "organizations", Name: "Newest customers", Parameters: map[string]string{"sort": "created_desc"}, Shared: true},
}

// SavedViews saves the demo owner's views, as they would in the panel.
func (s *Seeder) SavedViews(ctx context.Context) error {
	if s.ViewService == nil {
		return nil
	}
	owner, err := s.Client.User.Query().Where(entuser.Email(Logins[0].Email)).Only(authz.System(ctx))
	if err != nil {
		return fmt.Errorf("find the demo owner: %w", err)
	}
	as := authz.WithPrincipal(ctx, &authz.Principal{UserID: owner.ID, Email: owner.Email, DisplayName: owner.DisplayName,
		Role: authz.RoleOwner, Permissions: authz.Effective(authz.RoleOwner, nil), Method: authz.MethodSession})
	for _, v := range demoViews {
		if _, err := s.ViewService.Create(as, v); err != nil {
			return fmt.Errorf("save the view %q: %w", v.Name, err)
		}
	}
	return nil
}
