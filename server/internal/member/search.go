package member

import (
	"cmp"
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Search finds users for the global search: by display name or e-mail
// address, or the one q.ID names. Titled with the display name (the e-mail
// address for a user without one) and subtitled with the e-mail address.
func (s *Service) Search(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.User.Query()
	if q.ID != nil {
		query.Where(user.ID(*q.ID))
	} else {
		query.Where(predicate.User(search.Match(user.FieldSearchKey, q.Text))).
			Order(search.ByRank(user.FieldSearchKey, q.Text), byTitle, user.ByEmail(), user.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search members: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, u := range rows {
		title := u.DisplayName
		if title == "" {
			title = u.Email
		}
		hits[i] = search.Hit{ID: ids.Format(ids.User, u.ID), Title: title, Subtitle: u.Email, Rank: search.RankOf(u.SearchKey, q.Text)}
	}
	return hits, nil
}

// byTitle orders users by what a hit is titled: the display name, or the
// e-mail address for a user without one.
func byTitle(s *sql.Selector) {
	s.OrderExprFunc(func(b *sql.Builder) {
		name := s.C(user.FieldDisplayName)
		b.WriteString("CASE WHEN ").Ident(name).WriteString(" = '' THEN ").Ident(s.C(user.FieldEmail)).
			WriteString(" ELSE ").Ident(name).WriteString(" END")
	})
}

// Names returns the display names (the e-mail address for a user without
// one) of the users with these ids that the caller sees, for the audit
// trail.
func (s *Service) Names(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.User.Query().Where(user.IDIn(ids...)).
		Select(user.FieldID, user.FieldDisplayName, user.FieldEmail).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name users: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, u := range rows {
		out[u.ID] = cmp.Or(u.DisplayName, u.Email)
	}
	return out, nil
}
