package search

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// backfillBatch is how many rows one statement reads and one writes (a
// variable for tests).
var backfillBatch = 500

// Backfill makes the search key of every row that has none: rows written
// before their table kept a key (an upgraded database), or whose key was
// reset to "" so that it is made again. It walks the searchable tables
// (ent.SearchKeys), batch by batch, and reports how many keys it made.
// Idempotent: a row with a key is not read again, so a start after the
// first costs one indexed look-up per table.
func Backfill(ctx context.Context, client *ent.Client, dialect string) (int, error) {
	total := 0
	for _, typ := range slices.Sorted(maps.Keys(ent.SearchKeys)) {
		n, err := backfill(ctx, client, dialect, ent.SearchKeys[typ])
		total += n
		if err != nil {
			return total, fmt.Errorf("search keys of %s: %w", ent.SearchKeys[typ].Table, err)
		}
	}
	return total, nil
}

// Keys is the database whose search keys an engine keeps made.
type Keys struct {
	Client  *ent.Client
	Dialect string
}

// unmade reports whether any searchable table has a row without a key: one
// statement of one indexed look-up per table.
func unmade(ctx context.Context, k Keys) (bool, error) {
	var parts []string
	for i, typ := range slices.Sorted(maps.Keys(ent.SearchKeys)) {
		sk := ent.SearchKeys[typ]
		parts = append(parts, fmt.Sprintf(`SELECT 1 FROM (SELECT %q FROM %q WHERE %q = '' LIMIT 1) AS t%d`, "id", sk.Table, sk.Column, i))
	}
	if len(parts) == 0 {
		return false, nil
	}
	rs, err := k.Client.QueryContext(ctx, strings.Join(parts, " UNION ALL ")+" LIMIT 1")
	if err != nil {
		return false, err
	}
	defer rs.Close()
	found := rs.Next()
	return found, rs.Err()
}

// backfill fills the keys of one table.
func backfill(ctx context.Context, client *ent.Client, dialect string, k ent.SearchKey) (int, error) {
	total := 0
	// The rows are walked by id, so every batch makes progress.
	var after *uuid.UUID
	for {
		type row struct {
			id     uuid.UUID
			fields []string
		}
		where := sql.EQ(k.Column, "")
		if after != nil {
			where = sql.And(where, sql.GT("id", *after))
		}
		query, args := sql.Dialect(dialect).Select(append([]string{"id"}, k.Fields...)...).From(sql.Table(k.Table)).
			Where(where).OrderBy("id").Limit(backfillBatch).Query()
		rs, err := client.QueryContext(ctx, query, args...)
		if err != nil {
			return total, err
		}
		var rows []row
		for rs.Next() {
			r := row{fields: make([]string, len(k.Fields))}
			dest := []any{&r.id}
			values := make([]stdsql.NullString, len(k.Fields))
			for i := range values {
				dest = append(dest, &values[i])
			}
			if err := rs.Scan(dest...); err != nil {
				rs.Close()
				return total, err
			}
			for i, v := range values {
				r.fields[i] = v.String
			}
			rows = append(rows, r)
		}
		if err := rs.Close(); err != nil {
			return total, err
		}
		if err := rs.Err(); err != nil {
			return total, err
		}
		if len(rows) == 0 {
			return total, nil
		}
		// One statement per batch: the keys by id, and only where still
		// unmade (a write meanwhile made its own).
		idList := make([]any, len(rows))
		for i, r := range rows {
			idList[i] = r.id
		}
		keys := sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("CASE ").Ident("id")
			for _, r := range rows {
				b.WriteString(" WHEN ").Arg(r.id).WriteString(" THEN ").Arg(textfold.Key(r.fields...))
			}
			b.WriteString(" END")
		})
		update, args := sql.Dialect(dialect).Update(k.Table).Set(k.Column, keys).
			Where(sql.And(sql.In("id", idList...), sql.EQ(k.Column, ""))).Query()
		res, err := client.ExecContext(ctx, update, args...)
		if err != nil {
			return total, err
		}
		if n, err := res.RowsAffected(); err == nil {
			total += int(n)
		}
		after = &rows[len(rows)-1].id
		if len(rows) < backfillBatch {
			return total, nil
		}
	}
}
