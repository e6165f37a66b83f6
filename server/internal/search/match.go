package search

import (
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// Rank is how well an object matches a query; lower is better.
type Rank int

// The ranks, best first.
const (
	// Exact: a field is the query (a name, an IP address, an e-mail address).
	Exact Rank = iota
	// Prefix: a field starts with the query.
	Prefix
	// WordPrefix: a word of a field starts with the query.
	WordPrefix
	// Contains: a field contains the query elsewhere.
	Contains
)

// patterns are the LIKE patterns of the ranks better than Contains, in
// order, and the pattern of any match.
func patterns(text string) (ranks []string, any string) {
	e := escape(text)
	sep := textfold.Sep
	return []string{"%" + sep + e + sep + "%", "%" + sep + e + "%", "% " + e + "%"}, "%" + e + "%"
}

// Match is the predicate "the key in column contains text", a folded
// query: a where clause of the table's query, e.g.
// predicate.Server(search.Match(server.FieldSearchKey, q.Text)).
func Match(column, text string) func(*sql.Selector) {
	_, pattern := patterns(text)
	return func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) { like(b, s.C(column), pattern) }))
	}
}

// ByRank orders by how well the key in column matches text, best first
// (Exact, Prefix, WordPrefix, Contains): an order option of the table's
// query, before the order by name.
func ByRank(column, text string) func(*sql.Selector) {
	ranks, _ := patterns(text)
	return func(s *sql.Selector) {
		// Not OrderExprFunc, which drops the arguments.
		s.OrderExpr(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("CASE")
			for i, p := range ranks {
				b.WriteString(" WHEN ")
				like(b, s.C(column), p)
				b.WriteString(" THEN ").WriteString(string(rune('0' + i)))
			}
			b.WriteString(" ELSE ").WriteString(string(rune('0' + len(ranks)))).WriteString(" END")
		}))
	}
}

// RankOf is the rank of a key for text, as ByRank orders: for the hits a
// searcher returns. Every key ranks Exact for an empty text (an id looked
// up).
func RankOf(key, text string) Rank {
	sep := textfold.Sep
	switch {
	case text == "" || strings.Contains(key, sep+text+sep):
		return Exact
	case strings.Contains(key, sep+text):
		return Prefix
	case strings.Contains(key, " "+text):
		return WordPrefix
	default:
		return Contains
	}
}

// like writes "column LIKE pattern", with the backslash as the escape
// character (PostgreSQL's default; SQLite has none unless told).
func like(b *sql.Builder, column, pattern string) {
	b.Ident(column).WriteString(" LIKE ").Arg(pattern)
	if b.Dialect() == dialect.SQLite {
		b.WriteString(` ESCAPE '\'`)
	}
}

// escape makes text literal in a LIKE pattern.
func escape(text string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text)
}

// Subtitle joins the parts of a hit's subtitle that are set.
func Subtitle(parts ...string) string {
	var set []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			set = append(set, p)
		}
	}
	return strings.Join(set, " · ")
}
