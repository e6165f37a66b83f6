package paging_test

import (
	"reflect"
	"testing"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// After compares the keys in order: greater in the first, or equal in it
// and after in the rest; descending, less.
func TestAfterComparesKeysInOrder(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		desc     bool
		want     string
		wantArgs []any
	}{
		{false, `SELECT * FROM "t" WHERE "t"."price" > $1 OR ("t"."price" = $2 AND ("t"."name" > $3 OR ("t"."name" = $4 AND "t"."id" > $5)))`,
			[]any{5, 5, "b", "b", 9}},
		{true, `SELECT * FROM "t" WHERE "t"."price" < $1 OR ("t"."price" = $2 AND ("t"."name" < $3 OR ("t"."name" = $4 AND "t"."id" < $5)))`,
			[]any{5, 5, "b", "b", 9}},
	} {
		s := sql.Dialect(dialect.Postgres).Select().From(sql.Table("t"))
		paging.After(c.desc, paging.Key{Column: "price", Value: 5}, paging.Key{Column: "name", Value: "b"}, paging.Key{Column: "id", Value: 9})(s)
		got, args := s.Query()
		if got != c.want || !reflect.DeepEqual(args, c.wantArgs) {
			t.Errorf("desc=%v:\n got %s %v\nwant %s %v", c.desc, got, args, c.want, c.wantArgs)
		}
	}
}
