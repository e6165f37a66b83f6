package organization_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// BenchmarkList measures one page of 50 out of 10,000 organizations, the
// organizations page's first request, in the domain (no HTTP).
func BenchmarkList(b *testing.B) {
	for _, d := range []testdb.Dialect{testdb.SQLite, testdb.Postgres} {
		b.Run(string(d), func(b *testing.B) {
			env := apptest.New(b, d)
			s := &demo.Seeder{Client: env.DB.Client, Audit: env.Audit, Members: env.Members, Clock: env.Clock}
			if err := s.Synthetic(b.Context(), 10000); err != nil {
				b.Fatal(err)
			}
			ctx := authz.System(b.Context())
			b.ResetTimer()
			for b.Loop() {
				if _, err := env.Orgs.List(ctx, organization.ListParams{PageSize: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
