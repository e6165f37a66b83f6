package migrations_test

import (
	"database/sql"
	"errors"
	"io/fs"
	"testing"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/migrations"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func entDialect(d testdb.Dialect) string {
	if d == testdb.Postgres {
		return dialect.Postgres
	}
	return dialect.SQLite
}

// The migration files are the ent schema's history: replayed on an empty
// database they build exactly what the ent schema declares. A schema change
// without its migration fails here.
func TestMigrationsMatchTheEntSchema(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		name := entDialect(d)
		sub, _ := migrations.Subdir(name)
		dir, err := migrations.Dir(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := migrate.Validate(dir); err != nil {
			var ce *migrate.ChecksumError
			if errors.As(err, &ce) {
				t.Fatalf("server/migrations/%s/atlas.sum does not match the files: %s was %s. Migration files are generated: restore the file and run `make gen`", sub, ce.File, ce.Reason)
			}
			t.Fatalf("server/migrations/%s: %v", sub, err)
		}

		var dev *sql.DB
		if d == testdb.SQLite {
			dev, err = migrations.OpenDevSQLite()
		} else {
			dev, err = sql.Open(testdb.PostgresDriverName, testdb.NewPostgres(t))
		}
		if err != nil {
			t.Fatal(err)
		}
		defer dev.Close()
		const version = "99991231235959"
		wrote, err := migrations.Diff(t.Context(), dev, name, dir, version, "missing")
		if err != nil {
			t.Fatal(err)
		}
		if wrote {
			missing, _ := fs.ReadFile(dir, version+"_missing.sql")
			t.Fatalf("the ent schema has changes that server/migrations/%s lacks: run `make gen` (with NAME=what_changed) and commit the new migration files. The missing migration:\n%s", sub, missing)
		}
	})
}
