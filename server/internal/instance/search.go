package instance

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Search finds booked services for the global search: by name,
// decommissioned or not (they are kept for history and invoices), or the
// one q.ID names. Subtitled with the organization's name and the catalog
// item's, which tell apart services of the same name (one that kept its
// item's name is booked by many).
func (s *Service) Search(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.ServiceInstance.Query().Select(serviceinstance.FieldName, serviceinstance.FieldOrganizationID,
		serviceinstance.FieldCatalogItemID, serviceinstance.FieldSearchKey).
		WithOrganization(func(q *ent.OrganizationQuery) { q.Select(organization.FieldName) }).
		WithCatalogItem(func(q *ent.CatalogItemQuery) { q.Select(catalogitem.FieldName) })
	if q.ID != nil {
		query.Where(serviceinstance.ID(*q.ID))
	} else {
		query.Where(predicate.ServiceInstance(search.Match(serviceinstance.FieldSearchKey, q.Text))).
			Order(search.ByRank(serviceinstance.FieldSearchKey, q.Text), serviceinstance.ByName(), serviceinstance.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search services: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, r := range rows {
		var org, item string
		if o := r.Edges.Organization; o != nil {
			org = o.Name
		}
		if c := r.Edges.CatalogItem; c != nil {
			item = c.Name
		}
		hits[i] = search.Hit{ID: ids.Format(ids.Service, r.ID), Title: r.Name,
			Subtitle: search.Subtitle(org, item), Rank: search.RankOf(r.SearchKey, q.Text)}
	}
	return hits, nil
}
