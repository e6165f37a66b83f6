package catalog

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/catalog"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is the service catalog: CatalogService, the catalog's icons
// (public, kept by the storage cleanup while an item refers to them), items
// in the global search and their names in the audit trail.
func Module(s *catalog.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "catalog",
		Enums:    Enums(),
		Demo:     seed.Catalog,
		Prefixes: []ids.Prefix{ids.CatalogItem, ids.ProductOffer},
		Services: []module.Service{
			module.Serve[adminv1connect.CatalogServiceHandler](adminv1connect.CatalogServiceName, adminv1connect.NewCatalogServiceHandler, New(s)),
		},
		Files: []blob.Owner{{Prefix: catalog.IconPrefix, Referenced: s.IconsInUse, Public: true}},
		Search: []search.Searcher{
			{Kind: "CATALOG_ITEM", Prefix: ids.CatalogItem, Permission: authz.CatalogRead, Find: s.Search},
		},
		Names: []audit.Namer{
			{Prefix: ids.CatalogItem, Permission: authz.CatalogRead, Names: s.Names},
			{Prefix: ids.ProductOffer, Permission: authz.CatalogRead, Names: s.OfferNames},
		},
	}
}
