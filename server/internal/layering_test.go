// Package internal_test checks that imports run one way:
// cmd -> api -> domain -> platform (and ent). A domain package never imports
// the generated proto types; a platform package never imports a domain or
// api package; the API, tests included, never imports the storage layer
// (server/ent): handlers convert domain types, and tests seed through the
// domain or apptest.
package internal_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/leitstand/leitstand/"

// layerOf names the layer of a package directory relative to server/internal.
func layerOf(dir string) string {
	switch {
	case dir == "api" || strings.HasPrefix(dir, "api/"):
		return "api"
	case dir == "app", dir == "apptest":
		return "wiring"
	case strings.HasPrefix(dir, "platform/"):
		return "platform"
	default:
		return "domain"
	}
}

// engines are the generic packages every area plugs into; they import no
// area.
var engines = map[string]bool{"jobs": true, "module": true, "search": true}

// allowedProto are the platform packages that bridge to the contract: authz
// reads the access rules declared in the proto options.
var allowedProto = map[string]bool{"platform/authz": true}

func TestImportsRunOneWay(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		from := layerOf(dir)
		test := strings.HasSuffix(path, "_test.go")
		if test && from != "api" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(p, module) {
				continue
			}
			rel := strings.TrimPrefix(p, module)
			switch {
			case from == "api" && (rel == "server/ent" || strings.HasPrefix(rel, "server/ent/")):
				t.Errorf("%s imports the storage layer %s: the API converts domain types, and its tests seed through the domain or apptest", path, rel)
			case test:
				// Tests of the API are held to the storage rule only.
			case strings.HasPrefix(rel, "gen/go/") && (from == "domain" || from == "platform") && !allowedProto[dir]:
				t.Errorf("%s imports the generated API types %s: convert in the handler instead", path, rel)
			case engines[dir] && strings.HasPrefix(rel, "server/internal/") &&
				layerOf(strings.TrimPrefix(rel, "server/internal/")) == "domain" && !engines[strings.TrimPrefix(rel, "server/internal/")]:
				t.Errorf("%s imports the domain package %s: the engines (jobs, search) and the module shape know no area; an area's module declares its jobs and searchers", path, rel)
			case strings.HasPrefix(rel, "server/internal/"):
				to := layerOf(strings.TrimPrefix(rel, "server/internal/"))
				if !may(from, to) {
					t.Errorf("%s (%s) imports %s (%s): imports run cmd -> api -> domain -> platform", path, from, rel, to)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func may(from, to string) bool {
	order := map[string]int{"wiring": 4, "api": 3, "domain": 2, "platform": 1}
	if from == "domain" && to == "domain" {
		return true // e.g. the demo seed uses the member domain
	}
	return order[from] > order[to] || (from == to && from != "domain")
}

// Metrics reach /metrics one way: an area's module declares its Collectors
// and module.Register registers them. A package that registers its own
// would bypass the list of modules.
func TestMetricsAreRegisteredByModules(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if filepath.ToSlash(path) == "module/module.go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		// Registering needs a registry (of client_golang); a package's own
		// Register (tenancy.Register, module.Register) is something else.
		prom, other := false, map[string]bool{}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if strings.HasPrefix(p, "github.com/prometheus/client_golang/") {
				prom = true
			} else {
				other[name] = true
			}
		}
		if !prom {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "MustRegister" && sel.Sel.Name != "Register") {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && other[x.Name] {
				return true
			}
			t.Errorf("%s registers metrics itself (%s): declare them as the Collectors of the area's module", fset.Position(sel.Pos()), sel.Sel.Name)
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
