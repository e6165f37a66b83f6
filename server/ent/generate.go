// Package ent holds the code ent generates from the hand-written schemas in
// ./schema. Run `make gen` (or `go generate ./server/ent`) after changing
// them. Features: query modifiers (counts in list queries), row locks, raw
// queries, upserts, query interceptors (tenancy) and versioned migrations
// (server/migrations); template/scopes.tmpl generates ent.Scopes, the
// tenancy scope each schema declares.
package ent

//go:generate go tool ent generate --template ./template/scopes.tmpl --feature sql/modifier,sql/lock,sql/execquery,sql/upsert,intercept,sql/versioned-migration ./schema
