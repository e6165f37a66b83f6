package organization_test

import (
	"testing"

	"github.com/google/uuid"
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

// BenchmarkGet measures one organization's detail (the organization, its
// workspaces, its members) out of 10,000, read without the cache — as every
// read is once writes keep moving the data version.
func BenchmarkGet(b *testing.B) {
	for _, d := range []testdb.Dialect{testdb.SQLite, testdb.Postgres} {
		b.Run(string(d), func(b *testing.B) {
			env := apptest.New(b, d)
			s := &demo.Seeder{Client: env.DB.Client, Audit: env.Audit, Members: env.Members, Clock: env.Clock}
			if err := s.Synthetic(b.Context(), 10000); err != nil {
				b.Fatal(err)
			}
			// The system's context carries no data version, so no read is
			// answered from the cache.
			ctx := authz.System(b.Context())
			var ids []uuid.UUID
			for token := ""; ; {
				page, err := env.Orgs.List(ctx, organization.ListParams{PageSize: 500, PageToken: token})
				if err != nil {
					b.Fatal(err)
				}
				for _, o := range page.Items {
					ids = append(ids, o.Organization.ID)
				}
				if token = page.NextPageToken; token == "" {
					break
				}
			}
			b.ResetTimer()
			i := 0
			for b.Loop() {
				if _, err := env.Orgs.Get(ctx, ids[i%len(ids)]); err != nil {
					b.Fatal(err)
				}
				i += 7919 // a prime stride: every id in turn, never neighbours
			}
		})
	}
}
