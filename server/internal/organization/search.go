package organization

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Search finds organizations for the global search: by name, legal name or
// VAT ID, or the one q.ID names. Subtitled with the legal name and VAT ID.
func (s *Service) Search(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.Organization.Query()
	if q.ID != nil {
		query.Where(organization.ID(*q.ID))
	} else {
		query.Where(predicate.Organization(search.Match(organization.FieldSearchKey, q.Text))).
			Order(search.ByRank(organization.FieldSearchKey, q.Text), organization.ByName(), organization.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search organizations: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, o := range rows {
		hits[i] = search.Hit{ID: ids.Format(ids.Organization, o.ID), Title: o.Name,
			Subtitle: search.Subtitle(o.LegalName, o.VatID), Rank: search.RankOf(o.SearchKey, q.Text)}
	}
	return hits, nil
}

// Names returns the names of the organizations with these ids that the
// caller sees, for the audit trail.
func (s *Service) Names(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Organization.Query().Where(organization.IDIn(ids...)).
		Select(organization.FieldID, organization.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name organizations: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, o := range rows {
		out[o.ID] = o.Name
	}
	return out, nil
}

// WorkspaceNames returns the names of the workspaces with these ids that the
// caller sees, for the audit trail.
func (s *Service) WorkspaceNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Workspace.Query().Where(workspace.IDIn(ids...)).
		Select(workspace.FieldID, workspace.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name workspaces: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, w := range rows {
		out[w.ID] = w.Name
	}
	return out, nil
}
