package settings

import (
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/module"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Module is the issuer's settings: SettingsService.
func Module(s *settings.Service, seed *demo.Seeder) module.Module {
	return module.Module{
		Name:  "settings",
		Enums: Enums(),
		Demo:  seed.CompanySettings,
		Services: []module.Service{
			module.Serve[adminv1connect.SettingsServiceHandler](adminv1connect.SettingsServiceName, adminv1connect.NewSettingsServiceHandler, New(s)),
		},
	}
}
