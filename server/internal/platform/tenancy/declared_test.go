package tenancy_test

import (
	"slices"
	"testing"

	"entgo.io/ent/entc/load"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/migrate"
	"github.com/leitstand/leitstand/server/ent/schema"
)

// Every table declares whose rows it holds. A schema added without one of
// the scope mixins (server/ent/schema/scope.go) fails here — and already
// fails `make gen` — instead of serving every tenant's rows to everyone.
func TestEverySchemaDeclaresItsScope(t *testing.T) {
	spec, err := (&load.Config{Path: "../../../ent/schema"}).Load()
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{schema.ScopeBillingEntity, schema.ScopeBillingEntityShared, schema.ScopeOrganization, schema.ScopeUser,
		schema.ScopeServer, schema.ScopeContainer, schema.ScopePlatform, schema.ScopeShared, schema.ScopeOffering}
	for _, s := range spec.Schemas {
		a, ok := s.Annotations[schema.Scope{}.Name()].(map[string]any)
		if !ok {
			t.Errorf("schema %s declares no scope: give it one of the mixins of server/ent/schema/scope.go", s.Name)
			continue
		}
		kind, _ := a["kind"].(string)
		field, _ := a["field"].(string)
		reason, _ := a["reason"].(string)
		switch {
		case !slices.Contains(kinds, kind):
			t.Errorf("schema %s: unknown scope kind %q", s.Name, kind)
		case kind == schema.ScopePlatform && reason == "":
			t.Errorf("schema %s is the platform's alone but says not why", s.Name)
		case kind == schema.ScopeShared && reason == "":
			t.Errorf("schema %s is shared with every caller but says not why", s.Name)
		case kind != schema.ScopePlatform && kind != schema.ScopeShared && !hasField(s, field):
			t.Errorf("schema %s: its scope names the field %q, which it does not have", s.Name, field)
		}
		if kind == schema.ScopeBillingEntityShared {
			shares, _ := a["shares"].(string)
			row, _ := a["shares_row"].(string)
			entity, _ := a["shares_entity"].(string)
			if !sharesTable(spec, shares, row, entity) {
				t.Errorf("schema %s shares its rows through %s(%s, %s), which is no table with those fields", s.Name, shares, row, entity)
			}
		}
		if _, ok := ent.Scopes[s.Name]; !ok {
			t.Errorf("schema %s: its scope is not generated into ent.Scopes; run make gen", s.Name)
		}
	}
	for _, tbl := range migrate.Tables {
		found := false
		for _, sc := range ent.Scopes {
			found = found || sc.Table == tbl.Name
		}
		if !found {
			t.Errorf("table %s has no declared scope", tbl.Name)
		}
	}
}

func hasField(s *load.Schema, name string) bool {
	if name == "id" {
		return true
	}
	for _, f := range s.Fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// sharesTable reports whether a schema of spec has the table and both
// columns a shared scope names.
func sharesTable(spec *load.SchemaSpec, table, row, entity string) bool {
	for _, s := range spec.Schemas {
		if tableOf(s) == table {
			return row != "" && entity != "" && hasField(s, row) && hasField(s, entity)
		}
	}
	return false
}

// tableOf is the table ent makes of a schema: its name in snake case,
// plural (ImageShare → image_shares).
func tableOf(s *load.Schema) string {
	for _, tbl := range migrate.Tables {
		for typ, sc := range ent.Scopes {
			if typ == s.Name && sc.Table == tbl.Name {
				return tbl.Name
			}
		}
	}
	return ""
}
