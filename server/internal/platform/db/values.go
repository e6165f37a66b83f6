package db

import (
	"strconv"

	"entgo.io/ent/dialect"
)

// Int reads a column added to a query with a modifier (ent's Value), e.g. a
// COUNT(*) subquery. Drivers return it as int64, float64 or text; a missing
// or unreadable value is 0.
func Int(v any, err error) int {
	if err != nil {
		return 0
	}
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	case []byte:
		i, _ := strconv.Atoi(string(n))
		return i
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}

// Text reads a text column added to a query with a modifier.
func Text(v any, err error) string {
	if err != nil {
		return ""
	}
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}

// EpochSeconds is the SQL expression for a timestamp column as whole seconds
// since 1970 (UTC), on either database: the base for grouping rows into time
// buckets in SQL.
func EpochSeconds(dialectName, column string) string {
	if dialectName == dialect.Postgres {
		return "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ")) AS BIGINT)"
	}
	// The SQLite driver stores a time as text in Go's time.String layout
	// ("2006-01-02 15:04:05.999999 +0000 UTC"), which strftime cannot read
	// whole; every stored time is UTC, so its first 19 characters are the
	// UTC date and time strftime understands.
	return "CAST(strftime('%s', substr(" + column + ", 1, 19)) AS INTEGER)"
}
