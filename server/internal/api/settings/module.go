package settings

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Module is the issuer's settings: SettingsService, and the issuers' logos.
// A logo is public (served to anyone at /files/logos/<name>: it is printed
// on every invoice the issuer sends, and its name is the hash of its
// content), and every logo ever stored is kept: the invoices issued with it
// refer to it for good (settings.Service.LogosStored).
func Module(s *settings.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:  "settings",
		Enums: Enums(),
		Demo:  seed.CompanySettings,
		Services: []module.Service{
			module.Serve[adminv1connect.SettingsServiceHandler](adminv1connect.SettingsServiceName, adminv1connect.NewSettingsServiceHandler, New(s)),
		},
		Files: []blob.Owner{{Prefix: settings.LogoPrefix, Referenced: s.LogosStored, Public: true}},
	}
}
