//go:build ignore

// entc.go generates the ent client from ./schema with the features the
// project uses: query modifiers (counts in list queries), row locks, raw
// queries, upserts and query interceptors (tenancy).
package main

import (
	"log"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	err := entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeatureModifier,
			gen.FeatureLock,
			gen.FeatureExecQuery,
			gen.FeatureUpsert,
			gen.FeatureIntercept,
		},
	})
	if err != nil {
		log.Fatalf("ent codegen: %v", err)
	}
}
