package app_test

import (
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/base64"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/schema"
	"ariga.io/atlas/sql/sqlite"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/app"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/blob"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/search"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The upgrade fixtures in testdata are databases an earlier Leitstand made
// and filled with the demo data, one pair per commit they were made at:
//
//	upgrade-<commit>.sqlite.gz        the SQLite file
//	upgrade-<commit>.postgres.sql.gz  a plain pg_dump of the PostgreSQL database
//
// upgrade-f1bee41 is the last commit before versioned migrations, whose
// schema ent's automatic migration made. To make the fixtures of a commit
// (from the repository root):
//
//	go run ./server/cmd/upgrade-fixtures -commit <commit>
//
// fixtureSecretKey is the --secret-key that program serves them with.
const fixtureSecretKey = "bGVpdHN0YW5kIHVwZ3JhZGUgdGVzdCBmaXh0dXJlISE="

// A database an earlier Leitstand made upgrades to this one without losing
// a row, and this Leitstand works on it.
func TestUpgradeKeepsEveryRow(t *testing.T) {
	fixtures, err := filepath.Glob("testdata/upgrade-*.sqlite.gz")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no upgrade fixtures in testdata (%v)", err)
	}
	key, err := base64.StdEncoding.DecodeString(fixtureSecretKey)
	if err != nil {
		t.Fatal(err)
	}
	box, err := secrets.New(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, fixture := range fixtures {
		name := strings.TrimSuffix(filepath.Base(fixture), ".sqlite.gz")
		t.Run(name, func(t *testing.T) {
			testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
				t.Parallel()
				ctx := t.Context()
				conn := loadFixture(t, d, filepath.Join("testdata", name))
				before := rowCounts(t, conn)
				if before["users"] == 0 || before["audit_events"] == 0 {
					t.Fatalf("the fixture holds no demo data: %v", before)
				}

				st, err := conn.ApplyMigrations(ctx)
				if err != nil {
					t.Fatalf("upgrade: %v", err)
				}
				if st.Version != st.Latest {
					t.Errorf("upgraded to %s, want the latest, %s", st.Version, st.Latest)
				}
				after := rowCounts(t, conn)
				delete(after, db.RevisionTable)
				// Tables added since the fixture was written start empty.
				for table, n := range after {
					if _, had := before[table]; !had && n == 0 {
						delete(after, table)
					}
				}
				if !maps.Equal(before, after) {
					t.Errorf("row counts changed by the upgrade:\nbefore %v\nafter  %v", before, after)
				}
				st, err = conn.ApplyMigrations(ctx)
				if err != nil || len(st.Applied) != 0 || st.Baseline {
					t.Errorf("second upgrade: %+v %v, want nothing to do", st, err)
				}
				sameSchemaAsNew(t, d, conn)

				a, err := app.New(ctx, conn, app.Options{Secrets: box, Logger: slog.New(slog.DiscardHandler), Files: blob.NewMemory()})
				if err != nil {
					t.Fatalf("open the upgraded database: %v", err)
				}
				t.Cleanup(a.Jobs.Close)
				if n, err := a.DB.Client.Organization.Query().Count(ctx); err != nil || n != before["organizations"] {
					t.Errorf("%d organizations through ent (%v), want %d", n, err, before["organizations"])
				}
				if v, err := a.Audit.Verify(ctx); err != nil || !v.OK || v.Events != int64(before["audit_events"]) {
					t.Errorf("audit trail after the upgrade: %+v %v", v, err)
				}
				owner := demo.Logins[0]
				if _, err := a.Identity.Login(ctx, owner.Email, demo.Password); err != nil {
					t.Errorf("sign in as %s after the upgrade: %v", owner.Email, err)
				}
				// Every row written before the search keys has its key, and
				// the search finds the demo's rows by folded text.
				for _, k := range ent.SearchKeys {
					var n int
					if err := conn.SQL.QueryRowContext(ctx, `SELECT count(*) FROM "`+k.Table+`" WHERE `+k.Column+` = ''`).Scan(&n); err != nil || n != 0 {
						t.Errorf("%d rows of %s without a search key (%v)", n, k.Table, err)
					}
				}
				hits, err := a.Search.Search(authz.System(ctx), search.Request{Text: "LUNEB", Kinds: []search.Kind{"ORGANIZATION"}})
				if err != nil || len(hits) == 0 || !strings.HasPrefix(hits[0].Title, "Lüneburger") {
					t.Errorf("search for LUNEB after the upgrade: %+v %v", hits, err)
				}
			})
		})
	}
}

// loadFixture restores the fixture of dialect d into a new database.
func loadFixture(t *testing.T, d testdb.Dialect, base string) *db.DB {
	t.Helper()
	var driver, dsn string
	switch d {
	case testdb.SQLite:
		path := filepath.Join(t.TempDir(), db.SQLiteFile)
		if err := os.WriteFile(path, gunzip(t, base+".sqlite.gz"), 0o600); err != nil {
			t.Fatal(err)
		}
		driver, dsn = db.SQLiteDriverName, db.SQLiteDSN(path)
	case testdb.Postgres:
		driver, dsn = testdb.PostgresDriverName, testdb.NewPostgres(t)
		// A pool of its own: the dump empties the search_path of the
		// connection it runs on.
		restore, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		_, err = restore.ExecContext(t.Context(), string(gunzip(t, base+".postgres.sql.gz")))
		restore.Close()
		if err != nil {
			t.Fatalf("restore %s: %v", base, err)
		}
	}
	conn, err := db.OpenDSN(t.Context(), driver, dsn, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

// rowCounts returns the number of rows of every table.
func rowCounts(t *testing.T, conn *db.DB) map[string]int {
	t.Helper()
	ctx := t.Context()
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if conn.Dialect == "postgres" {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := conn.SQL.QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	counts := map[string]int{}
	for _, table := range tables {
		var n int
		if err := conn.SQL.QueryRowContext(ctx, `SELECT count(*) FROM "`+table+`"`).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		counts[table] = n
	}
	return counts
}

// sameSchemaAsNew fails unless conn's schema is exactly that of a new
// database migrated by this binary: the first migration recorded as the
// baseline of conn must be what built it.
func sameSchemaAsNew(t *testing.T, d testdb.Dialect, conn *db.DB) {
	t.Helper()
	driver, dsn := testdb.New(t, d)
	fresh, err := db.OpenDSN(t.Context(), driver, dsn, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if err := fresh.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	open := sqlite.Open
	if d == testdb.Postgres {
		open = postgres.Open
	}
	inspect := func(conn *db.DB) (migrate.Driver, *schema.Schema) {
		drv, err := open(conn.SQL)
		if err != nil {
			t.Fatal(err)
		}
		s, err := drv.InspectSchema(t.Context(), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		return drv, s
	}
	drv, upgraded := inspect(conn)
	_, want := inspect(fresh)
	changes, err := drv.SchemaDiff(upgraded, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) > 0 {
		plan, err := drv.PlanChanges(context.Background(), "difference", changes)
		if err != nil {
			t.Fatalf("%d schema differences (%v)", len(changes), err)
		}
		var stmts []string
		for _, c := range plan.Changes {
			stmts = append(stmts, c.Cmd)
		}
		t.Errorf("the upgraded schema differs from a new database's; to make it the same:\n%s", strings.Join(stmts, ";\n"))
	}
}
