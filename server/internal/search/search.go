// Package search is the engine of the global search. It knows no area:
// each area declares what it finds in its module (module.Module's Search:
// a kind, the permission that reads it, the TypeID prefix of its objects
// and a function that finds them), and Engine asks every searcher the
// caller may use, ranks their hits together and cuts the list.
//
// Matching is by contains on folded search keys (platform/textfold) that
// each searchable table keeps in its search_key column (the schema's
// searchable mixin); Match and ByRank build the SQL, Backfill fills the
// keys of rows written before their table kept one. Tenancy needs nothing
// here: the searchers' queries are scoped by the data layer like any other.
package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// Kind is a kind of object the search finds, named like the value of the
// contract's SearchKind without its prefix: ORGANIZATION, SERVER.
type Kind string

// Page sizes.
const (
	DefaultLimit = 20
	MaxLimit     = 50
)

// Query is what a searcher is asked for: a text or an id.
type Query struct {
	// Text is the folded query (textfold.Fold), to be matched with Match
	// and ranked with ByRank and RankOf; empty when ID is set.
	Text string
	// ID is the object a pasted TypeID of the searcher's prefix names; nil
	// for a text search.
	ID *uuid.UUID
	// Limit is the most hits to return.
	Limit int
}

// Hit is one object found.
type Hit struct {
	// Kind is set by the engine.
	Kind Kind
	// ID is the object's TypeID.
	ID string
	// Title names the object; Subtitle tells it apart (an IP address, an
	// e-mail address, the server of a container).
	Title, Subtitle string
	// Rank is how well the object matches (RankOf its key).
	Rank Rank
}

// Searcher is what one area declares for one kind of object.
type Searcher struct {
	Kind Kind
	// Prefix is the TypeID prefix of the objects, for pasted ids.
	Prefix ids.Prefix
	// Permission is the permission that reads the objects; callers without
	// it do not search them.
	Permission authz.Permission
	// Find returns at most q.Limit objects the caller sees that match q,
	// best first (ByRank, then by name).
	Find func(ctx context.Context, q Query) ([]Hit, error)
}

// Request is one search.
type Request struct {
	// Text is what was typed or pasted.
	Text string
	// Kinds limits the search to these kinds; all when empty.
	Kinds []Kind
	// Limit is the most hits (DefaultLimit when 0, at most MaxLimit).
	Limit int
}

// Engine searches with the searchers of every module.
type Engine struct {
	searchers []Searcher
	keys      *Keys
}

// New returns the engine of the given searchers (module.Searchers), which
// take turns in this order where their hits rank alike, over the database
// keys (nil: the engine does not remake keys). A kind declared twice is a
// mistake of the module list.
func New(searchers []Searcher, keys *Keys) (*Engine, error) {
	kinds := map[Kind]bool{}
	for _, s := range searchers {
		if s.Kind == "" || s.Prefix == "" || s.Permission == "" || s.Find == nil {
			return nil, fmt.Errorf("search: searcher %q declares no kind, prefix, permission or function", s.Kind)
		}
		if kinds[s.Kind] {
			return nil, fmt.Errorf("search: kind %s is declared twice", s.Kind)
		}
		kinds[s.Kind] = true
	}
	return &Engine{searchers: slices.Clone(searchers), keys: keys}, nil
}

// Kinds lists the kinds the engine finds, in order.
func (e *Engine) Kinds() []Kind {
	out := make([]Kind, len(e.searchers))
	for i, s := range e.searchers {
		out[i] = s.Kind
	}
	return out
}

// Search asks each searcher of r.Kinds whose permission the caller holds:
// for the object a pasted id names, or for r.Text folded. The hits are
// ranked together (RankOf), the kinds taking turns within a rank, and cut
// to the limit. Keys an update of many rows left unmade are made first.
func (e *Engine) Search(ctx context.Context, r Request) ([]Hit, error) {
	caller := authz.FromContext(ctx)
	if caller == nil {
		return nil, nil
	}
	if err := e.remake(ctx); err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	q := Query{Limit: limit}
	var only ids.Prefix
	if p, id, ok := ids.ParseAny(r.Text); ok && e.hasPrefix(p) {
		q.ID, only = &id, p
	} else if q.Text = textfold.Fold(r.Text); q.Text == "" {
		return nil, nil
	}
	type ranked struct {
		Hit
		kind, pos int
	}
	var all []ranked
	for k, s := range e.searchers {
		if (only != "" && s.Prefix != only) || (len(r.Kinds) > 0 && !slices.Contains(r.Kinds, s.Kind)) || !caller.Has(s.Permission) {
			continue
		}
		hits, err := s.Find(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", strings.ToLower(string(s.Kind)), err)
		}
		for i, h := range hits[:min(len(hits), limit)] {
			h.Kind = s.Kind
			all = append(all, ranked{Hit: h, kind: k, pos: i})
		}
	}
	slices.SortFunc(all, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.Rank, b.Rank), cmp.Compare(a.pos, b.pos), cmp.Compare(a.kind, b.kind))
	})
	out := make([]Hit, 0, min(len(all), limit))
	for _, h := range all[:min(len(all), limit)] {
		out = append(out, h.Hit)
	}
	return out, nil
}

// remake makes the keys an update of many rows left unmade (see the
// schema's searchable mixin): one cheap statement when there are none.
func (e *Engine) remake(ctx context.Context) error {
	if e.keys == nil {
		return nil
	}
	found, err := unmade(ctx, *e.keys)
	if err != nil || !found {
		return err
	}
	_, err = Backfill(ctx, e.keys.Client, e.keys.Dialect)
	return err
}

func (e *Engine) hasPrefix(p ids.Prefix) bool {
	return slices.ContainsFunc(e.searchers, func(s Searcher) bool { return s.Prefix == p })
}
