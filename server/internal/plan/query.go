package plan

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Filter selects a page of plans, by rank.
type Filter struct {
	PageSize  int32
	PageToken string
	// IncludeRetired lists retired plans too; by default only those that
	// offer contracts.
	IncludeRetired bool
}

// Page is one page of plans.
type Page struct {
	Plans         []Plan
	NextPageToken string
	TotalSize     int
}

// cursor is the last plan of a page: its rank (unique) and id.
type cursor struct {
	Rank  int       `json:"r"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of plans by rank, lowest first, each with its
// current terms.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	var where []predicate.Plan
	if !f.IncludeRetired {
		where = append(where, entplan.RetireTimeIsNil())
	}
	fp := paging.Fingerprint("plans", f.IncludeRetired)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Plan.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(false, paging.Key{Column: entplan.FieldRank, Value: c.Rank}, paging.Key{Column: entplan.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(entplan.ByRank(), entplan.ByID()).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Plan.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count plans: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Plan) any {
		return cursor{Rank: last.Rank, ID: last.ID, Total: total}
	})
	if page.Plans, err = withTerms(ctx, s.client, rows); err != nil {
		return nil, err
	}
	return page, nil
}
