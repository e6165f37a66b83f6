// Package ent holds the code ent generates from the hand-written schemas in
// ./schema. Run `make gen` (or `go generate ./server/ent`) after changing
// them. Features: query modifiers (counts in list queries), row locks, raw
// queries, upserts, query interceptors (tenancy) and versioned migrations
// (server/migrations); template/scopes.tmpl generates ent.Scopes, the
// tenancy scope each schema declares, and template/searchkeys.tmpl
// ent.SearchKeys, the search key each searchable schema keeps. The schemas'
// hooks (the search key's) are stitched in ./runtime, which platform/db
// imports.
package ent

//go:generate go tool ent generate --template ./template/scopes.tmpl --template ./template/searchkeys.tmpl --feature sql/modifier,sql/lock,sql/execquery,sql/upsert,intercept,sql/versioned-migration ./schema
