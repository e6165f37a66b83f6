package account

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/ent/workspacemember"
	orgs "github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/partner"
)

// details reads what only a page shows of its accounts: the admins'
// contacts, the workspaces with their usage, and, in this month's rollup,
// the next invoice. A constant number of statements for the page.
func (s *Service) details(ctx context.Context, m month, page []Account) error {
	if len(page) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(page))
	at := make(map[uuid.UUID]*Account, len(page))
	for i := range page {
		ids[i], at[page[i].Organization] = page[i].Organization, &page[i]
	}
	admins, err := s.client.Membership.Query().Where(membership.OrganizationIDIn(ids...),
		membership.RoleIn(membership.RoleOWNER, membership.RoleADMIN)).WithUser().All(ctx)
	if err != nil {
		return fmt.Errorf("read the admins: %w", err)
	}
	// Owners first, then by name.
	slices.SortFunc(admins, func(a, b *ent.Membership) int {
		if a.Role != b.Role {
			if a.Role == membership.RoleOWNER {
				return -1
			}
			return 1
		}
		return compareContacts(a.Edges.User, b.Edges.User)
	})
	for _, r := range admins {
		if u := r.Edges.User; u != nil && !u.Disabled {
			at[r.OrganizationID].Admins = append(at[r.OrganizationID].Admins, contact(u))
		}
	}
	if err := s.managers(ctx, page); err != nil {
		return err
	}
	if err := s.partners(ctx, page); err != nil {
		return err
	}
	if err := s.workspaces(ctx, m, ids, at); err != nil {
		return err
	}
	if !m.current() {
		return nil
	}
	next, err := s.invoices.Forecasts(ctx, ids)
	if err != nil {
		return err
	}
	for id, f := range next {
		at[id].Next = &f
	}
	return nil
}

// managers reads the account managers' contacts of the page.
func (s *Service) managers(ctx context.Context, page []Account) error {
	var idList []uuid.UUID
	for _, a := range page {
		if a.AccountManagerID != nil {
			idList = append(idList, *a.AccountManagerID)
		}
	}
	if len(idList) == 0 {
		return nil
	}
	users, err := s.client.User.Query().Where(user.IDIn(idList...)).All(ctx)
	if err != nil {
		return fmt.Errorf("read the account managers: %w", err)
	}
	byID := make(map[uuid.UUID]*ent.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	for i := range page {
		if id := page[i].AccountManagerID; id != nil && byID[*id] != nil {
			page[i].AccountManager = contact(byID[*id])
		}
	}
	return nil
}

// partners names the page's referring partners and the partners that run
// an account from outside.
func (s *Service) partners(ctx context.Context, page []Account) error {
	var idList []uuid.UUID
	for _, a := range page {
		if a.referredBy != nil {
			idList = append(idList, *a.referredBy)
		}
	}
	if len(idList) > 0 {
		orgs, err := s.client.Organization.Query().Where(organization.IDIn(idList...)).
			Select(organization.FieldID, organization.FieldName).All(ctx)
		if err != nil {
			return fmt.Errorf("read the referring partners: %w", err)
		}
		names := make(map[uuid.UUID]string, len(orgs))
		for _, o := range orgs {
			names[o.ID] = o.Name
		}
		for i := range page {
			if p := page[i].referredBy; p != nil {
				page[i].ReferredBy = names[*p]
			}
		}
	}
	led, err := partner.ExternalLedIn(ctx, s.client, nil)
	if err != nil {
		return err
	}
	by := make(map[uuid.UUID]string, len(led))
	for _, l := range led {
		by[l.Organization] = l.PartnerName
	}
	for i := range page {
		page[i].ExternalLedBy = by[page[i].Organization]
	}
	return nil
}

// workspaces reads the workspaces of the organizations ids with their
// admin, members and usage in the month.
func (s *Service) workspaces(ctx context.Context, m month, ids []uuid.UUID, at map[uuid.UUID]*Account) error {
	rows, err := s.client.Workspace.Query().Where(workspace.OrganizationIDIn(ids...)).WithAdmin().
		Order(workspace.ByName(), workspace.ByID()).All(ctx)
	if err != nil {
		return fmt.Errorf("read the workspaces: %w", err)
	}
	var members []struct {
		Workspace uuid.UUID `json:"workspace_id"`
		Count     int       `json:"count"`
	}
	if err := s.client.WorkspaceMember.Query().Where(workspacemember.OrganizationIDIn(ids...)).
		GroupBy(workspacemember.FieldWorkspaceID).Aggregate(ent.Count()).Scan(ctx, &members); err != nil {
		return fmt.Errorf("count the workspaces' members: %w", err)
	}
	users := make(map[uuid.UUID]int, len(members))
	for _, r := range members {
		users[r.Workspace] = r.Count
	}
	var usage []struct {
		Workspace uuid.UUID `json:"workspace_id"`
		Peak      int64     `json:"peak"`
		Traffic   int64     `json:"traffic"`
	}
	if err := s.client.UsageSnapshot.Query().Where(usagesnapshot.OrganizationIDIn(ids...), usagesnapshot.WorkspaceIDNotNil(),
		usagesnapshot.DayGTE(m.first.String()), usagesnapshot.DayLTE(m.last.String())).
		GroupBy(usagesnapshot.FieldWorkspaceID).
		Aggregate(ent.As(ent.Max(usagesnapshot.FieldStorageBytes), "peak"), ent.As(ent.Sum(usagesnapshot.FieldTrafficBytes), "traffic")).
		Scan(ctx, &usage); err != nil {
		return fmt.Errorf("sum the workspaces' usage: %w", err)
	}
	used := make(map[uuid.UUID][2]int64, len(usage))
	for _, r := range usage {
		used[r.Workspace] = [2]int64{r.Peak, r.Traffic}
	}
	for _, w := range rows {
		a := at[w.OrganizationID]
		ws := Workspace{ID: w.ID, Name: w.Name, Plan: a.Plan, Users: users[w.ID],
			StorageBytes: used[w.ID][0], TrafficBytes: used[w.ID][1]}
		if u := w.Edges.Admin; u != nil {
			ws.Admin = contact(u)
		}
		a.Workspaces = append(a.Workspaces, ws)
	}
	return nil
}

// contact is a user as an e-mail client takes them (organization.Contact).
func contact(u *ent.User) string { return orgs.Contact(u.DisplayName, u.Email) }

func compareContacts(a, b *ent.User) int {
	if a == nil || b == nil {
		return 0
	}
	return strings.Compare(contact(a), contact(b))
}
