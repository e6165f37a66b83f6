package testdb_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	platformdb "github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// open opens the database and closes it after the test.
func open(t *testing.T, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.PingContext(t.Context()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestNewPostgresIsolatesDatabases(t *testing.T) {
	a := open(t, testdb.PostgresDriverName, testdb.NewPostgres(t))
	b := open(t, testdb.PostgresDriverName, testdb.NewPostgres(t))

	if _, err := a.ExecContext(t.Context(), `CREATE TABLE widget (id int PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	var inA, inB sql.NullString
	if err := a.QueryRowContext(t.Context(), `SELECT to_regclass('public.widget')`).Scan(&inA); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRowContext(t.Context(), `SELECT to_regclass('public.widget')`).Scan(&inB); err != nil {
		t.Fatal(err)
	}
	if !inA.Valid {
		t.Error("table widget is missing in the database it was created in")
	}
	if inB.Valid {
		t.Error("table widget created in one database is visible in the other")
	}

	var nameA, nameB string
	a.QueryRowContext(t.Context(), `SELECT current_database()`).Scan(&nameA)
	b.QueryRowContext(t.Context(), `SELECT current_database()`).Scan(&nameB)
	if nameA == nameB || !strings.HasPrefix(nameA, "test_") {
		t.Errorf("databases are %q and %q, want two different test_ databases", nameA, nameB)
	}
}

func TestNewPostgresStartsEmpty(t *testing.T) {
	db := open(t, testdb.PostgresDriverName, testdb.NewPostgres(t))
	var tables int
	err := db.QueryRowContext(t.Context(),
		`SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`).Scan(&tables)
	if err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Errorf("new database has %d tables, want 0", tables)
	}
}

func TestNewPostgresDropsDatabaseAfterTest(t *testing.T) {
	var name string
	t.Run("uses", func(t *testing.T) {
		db := open(t, testdb.PostgresDriverName, testdb.NewPostgres(t))
		if err := db.QueryRowContext(t.Context(), `SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		// Left open on purpose: the drop must disconnect it.
		if _, err := db.ExecContext(t.Context(), `SELECT 1`); err != nil {
			t.Fatal(err)
		}
	})
	if t.Failed() {
		return
	}

	db := open(t, testdb.PostgresDriverName, testdb.NewPostgres(t))
	var exists bool
	err := db.QueryRowContext(t.Context(), `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists)
	if err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

func TestNewPostgresParallel(t *testing.T) {
	for i := range 16 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			db := open(t, testdb.PostgresDriverName, testdb.NewPostgres(t))
			// The same table name in every database: no clashes.
			if _, err := db.ExecContext(t.Context(), `CREATE TABLE item (n int)`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(t.Context(), `INSERT INTO item VALUES ($1)`, i); err != nil {
				t.Fatal(err)
			}
			var rows, n int
			if err := db.QueryRowContext(t.Context(), `SELECT count(*), max(n) FROM item`).Scan(&rows, &n); err != nil {
				t.Fatal(err)
			}
			if rows != 1 || n != i {
				t.Errorf("item holds %d rows, max %d; want only this test's row %d", rows, n, i)
			}
		})
	}
}

func TestNewSQLiteSettings(t *testing.T) {
	driver, dsn := testdb.NewSQLite(t)
	db := open(t, driver, dsn)
	// database/sql opens connections as it needs them; each must carry the
	// settings, so check several at once.
	db.SetMaxIdleConns(3)
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	tests := []struct {
		pragma string
		want   string
	}{
		{"foreign_keys", "1"},
		{"journal_mode", "wal"},
		{"busy_timeout", "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.pragma, func(t *testing.T) {
			for i, c := range conns {
				var got string
				if err := c.QueryRowContext(t.Context(), "PRAGMA "+tt.pragma).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, tt.pragma, got, tt.want)
				}
			}
		})
	}
}

func TestNewSQLiteEnforcesForeignKeys(t *testing.T) {
	driver, dsn := testdb.NewSQLite(t)
	db := open(t, driver, dsn)
	for _, stmt := range []string{
		`CREATE TABLE parent (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id))`,
	} {
		if _, err := db.ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	_, err := db.ExecContext(t.Context(), `INSERT INTO child (id, parent_id) VALUES (1, 42)`)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("inserting a child without parent: error %v, want a FOREIGN KEY constraint error", err)
	}
}

func TestNewSQLiteIsolatesDatabases(t *testing.T) {
	_, dsnA := testdb.NewSQLite(t)
	_, dsnB := testdb.NewSQLite(t)
	if dsnA == dsnB {
		t.Fatalf("two calls returned the same DSN %q", dsnA)
	}
}

func TestSQLiteDSN(t *testing.T) {
	tests := []struct {
		name string
		file string
	}{
		{"plain", "leitstand.db"},
		{"space", "my data.db"},
		{"question mark", "what?.db"},
		{"hash and percent", "50% #1.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			conn := open(t, platformdb.SQLiteDriverName, platformdb.SQLiteDSN(path))
			if _, err := conn.ExecContext(t.Context(), `CREATE TABLE t (x int)`); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("database file not at the path given: %v", err)
			}
		})
	}
}

func TestEach(t *testing.T) {
	var ran []testdb.Dialect
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		ran = append(ran, d)
		driver, dsn := testdb.New(t, d)
		db := open(t, driver, dsn)
		if _, err := db.ExecContext(t.Context(), `CREATE TABLE note (body text)`); err != nil {
			t.Fatal(err)
		}
	})
	if len(ran) == 0 || ran[0] != testdb.SQLite {
		t.Errorf("Each ran %v, want sqlite first", ran)
	}
}

// BenchmarkNewPostgres measures what a test pays for its own database:
// creating it, and dropping it when the test ends.
func BenchmarkNewPostgres(b *testing.B) {
	testdb.NewPostgres(b) // starts the cluster outside the measurement
	var create time.Duration
	for b.Loop() {
		tb := &iteration{TB: b}
		start := time.Now()
		testdb.NewPostgres(tb)
		create += time.Since(start)
		tb.end()
	}
	b.ReportMetric(float64(create.Microseconds())/1000/float64(b.N), "ms-create/op")
}

// iteration is one benchmark iteration posing as a test, so that what
// NewPostgres registers to clean up runs when the iteration ends, as it
// would when a test ends.
type iteration struct {
	testing.TB
	cleanups []func()
}

func (it *iteration) Cleanup(f func()) { it.cleanups = append(it.cleanups, f) }

func (it *iteration) end() {
	for _, f := range slices.Backward(it.cleanups) {
		f()
	}
}
