package db_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// An upgrade from an older schema — here one without the sign-in throttle
// table and without users.last_login_time — adds what is missing and keeps
// every row.
func TestUpgradeKeepsData(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env := apptest.New(t, d)
		ctx := t.Context()
		u := env.User(t, "owner@example.com", authz.RoleOwner)
		org := env.Org(t, "Bestand GmbH")
		for _, stmt := range []string{
			`DROP TABLE login_throttles`,
			`ALTER TABLE users DROP COLUMN last_login_time`,
		} {
			if _, err := env.DB.SQL.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("make the old schema: %s: %v", stmt, err)
			}
		}
		if err := env.DB.Migrate(ctx); err != nil {
			t.Fatalf("upgrade: %v", err)
		}
		// Twice: a migration of a current schema changes nothing.
		if err := env.DB.Migrate(ctx); err != nil {
			t.Fatalf("second migration: %v", err)
		}
		got, err := env.DB.Client.Organization.Query().Where(organization.ID(org.Organization.ID)).Only(ctx)
		if err != nil || got.Name != "Bestand GmbH" || got.City != "Berlin" {
			t.Fatalf("organization after upgrade: %v %v", got, err)
		}
		// The restored column and table work: signing in writes both.
		if _, err := env.Identity.Login(ctx, u.Email, "wrong password!"); err == nil {
			t.Fatal("wrong password accepted")
		}
		if _, err := env.Identity.Login(ctx, u.Email, apptest.Password); err != nil {
			t.Fatalf("sign in after upgrade: %v", err)
		}
		if v, err := env.Audit.Verify(ctx); err != nil || !v.OK {
			t.Fatalf("audit chain after upgrade: %+v %v", v, err)
		}
	})
}
