// Package internal_test checks that imports run one way:
// cmd -> api -> domain -> platform (and ent). A domain package never imports
// the generated proto types; a platform package never imports a domain or
// api package.
package internal_test

import (
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
var engines = map[string]bool{"jobs": true, "module": true}

// allowedProto are the platform packages that bridge to the contract: authz
// reads the access rules declared in the proto options.
var allowedProto = map[string]bool{"platform/authz": true}

func TestImportsRunOneWay(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		from := layerOf(dir)
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(p, module) {
				continue
			}
			rel := strings.TrimPrefix(p, module)
			switch {
			case strings.HasPrefix(rel, "gen/go/") && (from == "domain" || from == "platform") && !allowedProto[dir]:
				t.Errorf("%s imports the generated API types %s: convert in the handler instead", path, rel)
			case engines[dir] && strings.HasPrefix(rel, "server/internal/") &&
				layerOf(strings.TrimPrefix(rel, "server/internal/")) == "domain" && !engines[strings.TrimPrefix(rel, "server/internal/")]:
				t.Errorf("%s imports the domain package %s: the jobs engine and the module shape know no area; an area's module declares its jobs", path, rel)
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
