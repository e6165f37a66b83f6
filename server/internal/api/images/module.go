// Package images is the images area's module: the operating-system and
// application images of the billing entities, and their sharing.
package images

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// Module is the images area.
func Module(s *image.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:     "images",
		Demo:     seed.Images,
		Enums:    Enums(),
		Prefixes: []ids.Prefix{ids.Image},
		Services: []module.Service{
			module.Serve[adminv1connect.ImageServiceHandler](adminv1connect.ImageServiceName,
				adminv1connect.NewImageServiceHandler, &Handler{s: s}),
		},
		Search: []search.Searcher{
			{Kind: "IMAGE", Prefix: ids.Image, Permission: authz.ImagesRead, Find: s.Search},
		},
		Names: []audit.Namer{{Prefix: ids.Image, Permission: authz.ImagesRead, Names: s.Names}},
	}
}
