package catalog

import (
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Search finds catalog items for the global search: by name, retired or
// not (their names stay taken, and staff look up what was sold), or the one
// q.ID names. Subtitled with the category and the monthly price. Whether
// an item is retired or bookable is left to the catalog page the hit
// opens: the SPA shows a subtitle as the server wrote it, so a word there
// would be English in every language.
func (s *Service) Search(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.CatalogItem.Query().Select(catalogitem.FieldName, catalogitem.FieldCategory,
		catalogitem.FieldMonthlyPriceCents, catalogitem.FieldCurrency, catalogitem.FieldSearchKey)
	if q.ID != nil {
		query.Where(catalogitem.ID(*q.ID))
	} else {
		query.Where(predicate.CatalogItem(search.Match(catalogitem.FieldSearchKey, q.Text))).
			Order(search.ByRank(catalogitem.FieldSearchKey, q.Text), catalogitem.ByName(), catalogitem.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search catalog items: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, r := range rows {
		hits[i] = search.Hit{ID: ids.Format(ids.CatalogItem, r.ID), Title: r.Name,
			Subtitle: search.Subtitle(string(r.Category), price(r.MonthlyPriceCents, r.Currency)),
			Rank:     search.RankOf(r.SearchKey, q.Text)}
	}
	return hits, nil
}

// price renders a price in cents (never negative: the schema's Min(0))
// with its currency code, as the services' logbook does: 89.00 EUR.
func price(cents int64, currency string) string {
	return fmt.Sprintf("%d.%02d %s", cents/100, cents%100, currency)
}
