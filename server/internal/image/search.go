package image

import (
	"context"
	"fmt"

	entimage "github.com/leitstand/leitstand/server/ent/image"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Search finds the images the caller sees by name, operating system or
// version, for the global search: the data layer scopes the query as it
// does ImageService's, so a reseller's staff find their own entity's and
// those shared with it, the licensee's staff every image.
func (s *Service) Search(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.Image.Query().Select(entimage.FieldName, entimage.FieldOs, entimage.FieldVersion, entimage.FieldSearchKey)
	if q.ID != nil {
		query.Where(entimage.ID(*q.ID))
	} else {
		query.Where(predicate.Image(search.Match(entimage.FieldSearchKey, q.Text))).
			Order(search.ByRank(entimage.FieldSearchKey, q.Text), entimage.ByName(), entimage.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search images: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, r := range rows {
		hits[i] = search.Hit{ID: ids.Format(ids.Image, r.ID), Title: r.Name, Subtitle: search.Subtitle(r.Os, r.Version),
			Rank: search.RankOf(r.SearchKey, q.Text)}
	}
	return hits, nil
}
