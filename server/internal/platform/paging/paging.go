// Package paging turns keyset cursors into opaque page tokens and back. A
// token is bound to the filter and order it was made for, so reusing it with
// another filter is refused instead of returning a wrong page.
package paging

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Default and maximum page sizes of every list.
const (
	DefaultSize = 50
	MaxSize     = 500
)

// Size normalises a requested page size.
func Size(n int32) int {
	switch {
	case n <= 0:
		return DefaultSize
	case n > MaxSize:
		return MaxSize
	default:
		return int(n)
	}
}

type envelope struct {
	F string          `json:"f"`
	C json.RawMessage `json:"c"`
}

// Fingerprint summarises the parts of a request a token is bound to.
func Fingerprint(parts ...any) string {
	b, _ := json.Marshal(parts)
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:8])
}

// Cut cuts rows, read with a limit of size+1, to one page and returns the
// token of the next page, made from the cursor of the page's last row; ""
// when rows end within the page.
func Cut[T any](rows []T, size int, fingerprint string, cursorOf func(last T) any) ([]T, string) {
	if len(rows) <= size {
		return rows, ""
	}
	rows = rows[:size]
	return rows, Encode(fingerprint, cursorOf(rows[size-1]))
}

// Encode makes a page token from a cursor.
func Encode(fingerprint string, cursor any) string {
	c, err := json.Marshal(cursor)
	if err != nil {
		panic(fmt.Sprintf("paging: cursor %T cannot be encoded: %v", cursor, err))
	}
	b, _ := json.Marshal(envelope{F: fingerprint, C: c})
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode reads a page token into cursor. It returns false for an empty token
// (the first page) and InvalidArgument on the field page_token for a token
// that is malformed or was made for another filter or order.
func Decode(token, fingerprint string, cursor any) (bool, error) {
	if token == "" {
		return false, nil
	}
	bad := apierr.Invalid("page_token", "page_token.invalid", "the page token is invalid or was made for another filter or order")
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return false, bad
	}
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil || env.F != fingerprint {
		return false, bad
	}
	if err := json.Unmarshal(env.C, cursor); err != nil {
		return false, bad
	}
	return true, nil
}

// Key is one column of a keyset order and the cursor's value of it.
type Key struct {
	Column string
	Value  any
}

// After is the keyset predicate "comes after the cursor" for a list ordered
// by keys, all ascending or all descending, the last of them unique (the
// id): greater (or, descending, less) in the first key, or equal in it and
// after in the rest.
func After(desc bool, keys ...Key) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(after(s, desc, keys)) }
}

func after(s *sql.Selector, desc bool, keys []Key) *sql.Predicate {
	cmp := sql.GT
	if desc {
		cmp = sql.LT
	}
	col, val := s.C(keys[0].Column), keys[0].Value
	if len(keys) == 1 {
		return cmp(col, val)
	}
	return sql.Or(cmp(col, val), sql.And(sql.EQ(col, val), after(s, desc, keys[1:])))
}
