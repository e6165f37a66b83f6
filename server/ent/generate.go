// Package ent holds the code ent generates from the hand-written schemas in
// ./schema. Run `make gen` (or `go generate ./server/ent`) after changing
// them. Features: query modifiers (counts in list queries), row locks, raw
// queries, upserts and query interceptors (tenancy).
package ent

//go:generate go tool ent generate --feature sql/modifier,sql/lock,sql/execquery,sql/upsert,intercept,sql/versioned-migration ./schema
