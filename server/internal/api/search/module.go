package search

import (
	"cmp"
	"fmt"
	"slices"

	"google.golang.org/protobuf/reflect/protoreflect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is the global search: SearchService over the engine of every
// other area's searchers, like the jobs dashboard over their jobs.
func Module(e *search.Engine) module.Module {
	h := New(e)
	return module.Module{
		Name:  "search",
		Enums: []protoenum.Table{h.kinds},
		Services: []module.Service{
			module.Serve[adminv1connect.SearchServiceHandler](adminv1connect.SearchServiceName, adminv1connect.NewSearchServiceHandler, h),
		},
	}
}

// Engine returns the engine of the modules' searchers (module.Searchers)
// over the database keys, in the order of the contract's SearchKind: where
// hits rank alike, the kinds take turns in that order. A kind the contract
// does not name is a mistake of its module.
func Engine(searchers []search.Searcher, keys *search.Keys) (*search.Engine, error) {
	values := adminv1.SearchKind(0).Descriptor().Values()
	prefix := protoenum.Prefix(adminv1.SearchKind(0).Descriptor())
	number := func(k search.Kind) protoreflect.EnumNumber {
		if v := values.ByName(protoreflect.Name(prefix + string(k))); v != nil {
			return v.Number()
		}
		return 0
	}
	for _, s := range searchers {
		if number(s.Kind) == 0 {
			return nil, fmt.Errorf("search: kind %s is not a value of the contract's SearchKind: add %s%s to search_service.proto", s.Kind, prefix, s.Kind)
		}
	}
	sorted := slices.Clone(searchers)
	slices.SortStableFunc(sorted, func(a, b search.Searcher) int { return cmp.Compare(number(a.Kind), number(b.Kind)) })
	return search.New(sorted, keys)
}
