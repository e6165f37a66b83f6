package organization

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/workspacemember"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// A workspace's members are the organization's members put into it. They
// decide what a customer's user who is a MEMBER of the organization sees
// in the portal: the rows of their workspaces only (platform/tenancy), while
// an OWNER or ADMIN sees every workspace's.

// AddWorkspaceMember puts userID, a member of the workspace's organization,
// into the workspace; one already in it changes nothing.
func (s *Service) AddWorkspaceMember(ctx context.Context, wsID, userID uuid.UUID, reason string) (*Workspace, error) {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		w, err := openWorkspace(ctx, tx, wsID)
		if err != nil {
			return err
		}
		m, err := tx.Membership.Query().Where(membership.OrganizationID(w.OrganizationID), membership.UserID(userID)).WithUser().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.Invalid("user_id", "user_id.member", "%s is not a member of the workspace's organization; add them to it first", ids.Format(ids.User, userID))
		}
		if err != nil {
			return err
		}
		in, err := tx.WorkspaceMember.Query().Where(workspacemember.WorkspaceID(wsID), workspacemember.UserID(userID)).Exist(ctx)
		switch {
		case err != nil:
			return err
		case in:
			return audit.Unchanged
		}
		if err := tx.WorkspaceMember.Create().SetWorkspaceID(wsID).SetUserID(userID).SetOrganizationID(w.OrganizationID).
			SetCreateTime(s.clock.Now()).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "workspace", TargetID: ids.Format(ids.Workspace, wsID), Reason: reason,
			After: map[string]any{"member_added": m.Edges.User.Email}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.workspace(ctx, wsID)
}

// RemoveWorkspaceMember takes userID out of the workspace.
func (s *Service) RemoveWorkspaceMember(ctx context.Context, wsID, userID uuid.UUID, reason string) (*Workspace, error) {
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if _, err := openWorkspace(ctx, tx, wsID); err != nil {
			return err
		}
		wm, err := tx.WorkspaceMember.Query().Where(workspacemember.WorkspaceID(wsID), workspacemember.UserID(userID)).WithUser().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("workspace member", ids.Format(ids.User, userID))
		}
		if err != nil {
			return err
		}
		if err := tx.WorkspaceMember.DeleteOneID(wm.ID).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "workspace", TargetID: ids.Format(ids.Workspace, wsID), Reason: reason,
			Before: map[string]any{"member_removed": wm.Edges.User.Email}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.workspace(ctx, wsID)
}

// openWorkspace reads a workspace whose members may change: its
// organization is not closed.
func openWorkspace(ctx context.Context, tx *ent.Tx, id uuid.UUID) (*ent.Workspace, error) {
	w, err := tx.Workspace.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("workspace", ids.Format(ids.Workspace, id))
	}
	if err != nil {
		return nil, err
	}
	return w, refuseClosed(ctx, tx, w.OrganizationID)
}

// withMembers loads the members of each of ws.
func (s *Service) withMembers(ctx context.Context, ws []Workspace) error {
	if len(ws) == 0 {
		return nil
	}
	idList := make([]uuid.UUID, len(ws))
	for i, w := range ws {
		idList[i] = w.ID
	}
	rows, err := s.client.WorkspaceMember.Query().Where(workspacemember.WorkspaceIDIn(idList...)).WithUser().
		Order(workspacemember.ByCreateTime(), workspacemember.ByID()).All(ctx)
	if err != nil {
		return fmt.Errorf("workspace members: %w", err)
	}
	by := map[uuid.UUID][]User{}
	for _, r := range rows {
		if u := userOf(r.Edges.User); u != nil {
			by[r.WorkspaceID] = append(by[r.WorkspaceID], *u)
		}
	}
	for i := range ws {
		ws[i].Members = by[ws[i].ID]
	}
	return nil
}
