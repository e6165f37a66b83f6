package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// SearchKey declares the folded search key a table keeps for the global
// search (generated into ent.SearchKeys): the column, and the fields it is
// made of, in order.
type SearchKey struct {
	Column string   `json:"column"`
	Fields []string `json:"fields"`
}

// Name implements schema.Annotation.
func (SearchKey) Name() string { return "SearchKey" }

// searchKeyColumn is the column searchable adds.
const searchKeyColumn = "search_key"

// searchable keeps textfold.Key of the given string fields (the name
// first) in the indexed column search_key: a hook sets it on every create
// and on every update of one row that changes one of the fields, whoever
// writes the row. An update of many rows cannot read the fields it leaves,
// so it marks the keys of the rows it changes as unmade (""), and
// server/internal/search makes them again before it searches, as it makes
// the keys of rows written before the table kept one (search.Backfill).
type searchable struct {
	mixin.Schema
	fields []string
}

// searchableBy makes a table searchable by fields.
func searchableBy(fields ...string) ent.Mixin { return searchable{fields: fields} }

func (searchable) Fields() []ent.Field {
	return []ent.Field{
		// "" until the key is made: a key is never empty (textfold.Key).
		field.String(searchKeyColumn).Default(""),
	}
}

// The index serves the backfill's look-up of unfilled keys at every start;
// matching is by contains.
func (searchable) Indexes() []ent.Index {
	return []ent.Index{index.Fields(searchKeyColumn)}
}

func (m searchable) Annotations() []schema.Annotation {
	return []schema.Annotation{SearchKey{Column: searchKeyColumn, Fields: m.fields}}
}

func (m searchable) Hooks() []ent.Hook { return []ent.Hook{m.keep} }

// keep sets the key of the rows a mutation creates or changes. An update of
// one row reads the fields it does not change; an update of many rows
// marks the keys unmade (see searchable).
func (m searchable) keep(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
		op := mu.Op()
		if !op.Is(ent.OpCreate | ent.OpUpdate | ent.OpUpdateOne) {
			return next.Mutate(ctx, mu)
		}
		changed := op.Is(ent.OpCreate)
		for _, f := range m.fields {
			if _, set := mu.Field(f); set {
				changed = true
			}
		}
		if !changed {
			return next.Mutate(ctx, mu)
		}
		key := ""
		if !op.Is(ent.OpUpdate) {
			values := make([]string, len(m.fields))
			for i, f := range m.fields {
				v, set := mu.Field(f)
				if !set && op.Is(ent.OpUpdateOne) {
					old, err := mu.OldField(ctx, f)
					if err != nil {
						return nil, fmt.Errorf("search key of %s: read %s: %w", mu.Type(), f, err)
					}
					v = old
				}
				values[i], _ = v.(string)
			}
			key = textfold.Key(values...)
		}
		if err := mu.SetField(searchKeyColumn, key); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, mu)
	})
}
