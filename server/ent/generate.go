// Package ent holds the code entc generates from the hand-written schemas in
// ./schema. Run `make gen` (or `go generate ./server/ent`) after changing them.
package ent

//go:generate go run entc.go
