package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/migrations"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A later migration, as the next schema change would bring: a new table and
// a new column on a table that has rows. The names are the tests' own, so
// no real migration takes them.
var later = migrate.NewLocalFile("29990101000000_test_notes.sql", []byte(`-- Create "test_notes" table
CREATE TABLE test_notes (id integer NOT NULL, body text NOT NULL, PRIMARY KEY (id));
-- Modify "login_throttles" table
ALTER TABLE login_throttles ADD COLUMN test_note text NOT NULL DEFAULT '';
`))

// database is one test database; open connects to it with a set of
// migrations, as a binary of that version would.
type database struct {
	t       *testing.T
	dialect string // ent's name
	driver  string
	dsn     string
}

func newDatabase(t *testing.T, d testdb.Dialect) *database {
	driver, dsn := testdb.New(t, d)
	name := dialect.SQLite
	if d == testdb.Postgres {
		name = dialect.Postgres
	}
	return &database{t: t, dialect: name, driver: driver, dsn: dsn}
}

// open connects with the binary's migrations followed by extra.
func (b *database) open(extra ...migrate.File) *db.DB {
	b.t.Helper()
	dir := b.migrations(extra...)
	conn, err := db.OpenDSN(context.Background(), b.driver, b.dsn, db.Options{Migrations: dir})
	if err != nil {
		b.t.Fatal(err)
	}
	b.t.Cleanup(func() { conn.Close() })
	return conn
}

func (b *database) migrations(extra ...migrate.File) migrate.Dir {
	b.t.Helper()
	own, err := migrations.Dir(b.dialect)
	if err != nil {
		b.t.Fatal(err)
	}
	files, err := own.Files()
	if err != nil {
		b.t.Fatal(err)
	}
	dir := &migrate.MemDir{}
	if err := dir.CopyFiles(append(files, extra...)); err != nil {
		b.t.Fatal(err)
	}
	return dir
}

// versions returns the versions of the binary's migrations followed by extra.
func (b *database) versions(extra ...migrate.File) []string {
	b.t.Helper()
	files, err := b.migrations(extra...).Files()
	if err != nil {
		b.t.Fatal(err)
	}
	var v []string
	for _, f := range files {
		v = append(v, f.Version())
	}
	return v
}

type revision struct {
	version  string
	baseline bool
}

func revisions(t *testing.T, d *db.DB) []revision {
	t.Helper()
	rows, err := d.SQL.QueryContext(t.Context(), "SELECT version, baseline FROM "+db.RevisionTable+" ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []revision
	for rows.Next() {
		var r revision
		if err := rows.Scan(&r.version, &r.baseline); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.SQL.QueryRowContext(t.Context(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func exec(t *testing.T, d *db.DB, stmts ...string) {
	t.Helper()
	for _, stmt := range stmts {
		if _, err := d.SQL.ExecContext(t.Context(), stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// aThrottle is a row in a table of the first migration, to see it kept.
const aThrottle = `INSERT INTO login_throttles (id, failures, last_failure_time) VALUES ('mallory@example.com', 3, CURRENT_TIMESTAMP)`

func TestFreshDatabaseGetsEveryMigration(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		conn := b.open(later)
		want := b.versions(later)

		st, err := conn.MigrationStatus(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Version != "" || st.Baseline || !slices.Equal(st.Pending, want) {
			t.Errorf("status of an empty database: %+v, want every migration pending", st)
		}

		st, err = conn.ApplyMigrations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		latest := want[len(want)-1]
		if !slices.Equal(st.Applied, want) || st.Version != latest || st.Latest != latest || st.Baseline {
			t.Errorf("first run: %+v, want %v applied, at version %s", st, want, latest)
		}
		var recorded []string
		for _, r := range revisions(t, conn) {
			recorded = append(recorded, r.version)
			if r.baseline {
				t.Errorf("%s recorded as a baseline on an empty database", r.version)
			}
		}
		if !slices.Equal(recorded, want) {
			t.Errorf("recorded %v, want %v", recorded, want)
		}
		exec(t, conn, aThrottle, `INSERT INTO test_notes (id, body) VALUES (1, 'kept')`)

		// Twice: nothing to do, nothing changed.
		st, err = conn.ApplyMigrations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Applied) != 0 || st.Version != latest {
			t.Errorf("second run: %+v, want nothing applied, at version %s", st, latest)
		}
		if got := len(revisions(t, conn)); got != len(want) {
			t.Errorf("%d revisions after the second run, want %d", got, len(want))
		}
		if count(t, conn, "test_notes") != 1 || count(t, conn, "login_throttles") != 1 {
			t.Error("the second run changed rows")
		}
		st, err = conn.MigrationStatus(t.Context())
		if err != nil || st.Version != latest || len(st.Pending) != 0 {
			t.Errorf("status after migrating: %+v %v", st, err)
		}
	})
}

func TestLaterMigrationAppliesOnTopAndKeepsRows(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		old := b.open()
		if err := old.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		exec(t, old, aThrottle)

		st, err := b.open(later).MigrationStatus(t.Context())
		if err != nil || !slices.Equal(st.Pending, []string{later.Version()}) {
			t.Errorf("status before the upgrade: %+v %v, want %s pending", st, err, later.Version())
		}
		upgraded := b.open(later)
		st, err = upgraded.ApplyMigrations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(st.Applied, []string{later.Version()}) || st.Version != later.Version() {
			t.Errorf("upgrade: %+v, want only %s applied", st, later.Version())
		}
		var note string
		if err := upgraded.SQL.QueryRowContext(t.Context(), `SELECT test_note FROM login_throttles WHERE id = 'mallory@example.com'`).Scan(&note); err != nil {
			t.Fatalf("the row and its new column after the upgrade: %v", err)
		}
	})
}

func TestNewerDatabaseIsRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		newer := b.open(later)
		if err := newer.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		before := revisions(t, newer)

		older := b.open()
		own := b.versions()
		for name, run := range map[string]func(context.Context) (db.MigrationStatus, error){
			"migrate": older.ApplyMigrations,
			"status":  older.MigrationStatus,
		} {
			_, err := run(t.Context())
			if !errors.Is(err, db.ErrNewerSchema) {
				t.Fatalf("%s: %v, want ErrNewerSchema", name, err)
			}
			if msg := err.Error(); !strings.Contains(msg, later.Version()) || !strings.Contains(msg, own[len(own)-1]) {
				t.Errorf("%s: %q does not name the database's version %s and the binary's %s", name, msg, later.Version(), own[len(own)-1])
			}
		}
		if after := revisions(t, older); !slices.Equal(before, after) {
			t.Errorf("revisions changed by a refused migration: %v, then %v", before, after)
		}
	})
}

// makeBeforeMigrations builds the schema of the first migration without
// recording it, as ent's automatic migration (Schema.Create) did before
// versioned migrations: the first migration is exactly what it made (the
// upgrade test in server/internal/app checks that on databases it made).
func makeBeforeMigrations(t *testing.T, b *database, conn *db.DB) {
	t.Helper()
	files, err := b.migrations().Files()
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := files[0].Stmts()
	if err != nil {
		t.Fatal(err)
	}
	exec(t, conn, stmts...)
}

func TestBaselineOfADatabaseMadeBeforeMigrations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		conn := b.open(later)
		makeBeforeMigrations(t, b, conn)
		exec(t, conn, aThrottle)
		first := b.versions()[0]

		st, err := conn.MigrationStatus(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !st.Baseline || st.Version != "" || slices.Contains(st.Pending, first) || !slices.Contains(st.Pending, later.Version()) {
			t.Errorf("status: %+v, want a baseline with %s pending and %s not", st, later.Version(), first)
		}

		st, err = conn.ApplyMigrations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !st.Baseline || slices.Contains(st.Applied, first) || st.Version != later.Version() {
			t.Errorf("migration: %+v, want %s recorded as the baseline and the rest applied", st, first)
		}
		got := revisions(t, conn)
		if len(got) == 0 || got[0] != (revision{first, true}) {
			t.Fatalf("revisions %v, want %s first, as baseline", got, first)
		}
		for _, r := range got[1:] {
			if r.baseline {
				t.Errorf("%s recorded as baseline, but it ran", r.version)
			}
		}
		if count(t, conn, "login_throttles") != 1 {
			t.Error("the baseline lost a row")
		}
		st, err = conn.ApplyMigrations(t.Context())
		if err != nil || st.Baseline || len(st.Applied) != 0 {
			t.Errorf("second run: %+v %v, want nothing to do", st, err)
		}
	})
}

func TestIncompleteDatabaseIsRefused(t *testing.T) {
	tests := []struct {
		name string
		// damage undoes part of the first migration's schema.
		damage []string
		want   string
	}{
		{"a table missing", []string{`DROP TABLE login_throttles`}, "not login_throttles"},
		{"a column missing", []string{`ALTER TABLE login_throttles DROP COLUMN locked_until`}, "login_throttles has no column locked_until"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
				t.Parallel()
				b := newDatabase(t, d)
				conn := b.open()
				makeBeforeMigrations(t, b, conn)
				exec(t, conn, tt.damage...)
				for name, run := range map[string]func(context.Context) (db.MigrationStatus, error){
					"migrate": conn.ApplyMigrations,
					"status":  conn.MigrationStatus,
				} {
					if _, err := run(t.Context()); err == nil || !strings.Contains(err.Error(), tt.want) {
						t.Errorf("%s: %v, want an error saying %q", name, err, tt.want)
					}
				}
				var n int
				conn.SQL.QueryRowContext(t.Context(), "SELECT count(*) FROM "+db.RevisionTable).Scan(&n)
				if n != 0 {
					t.Errorf("%d revisions recorded on a refused database", n)
				}
			})
		})
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		if err := b.open().Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		broken := migrate.NewLocalFile("29990101000000_broken.sql", []byte(`CREATE TABLE test_half (id integer NOT NULL);
ALTER TABLE login_throttles ADD COLUMN failures integer NOT NULL DEFAULT 0;
`))
		conn := b.open(broken)
		_, err := conn.ApplyMigrations(t.Context())
		if err == nil || !strings.Contains(err.Error(), broken.Name()) || !strings.Contains(err.Error(), "statement 2") {
			t.Fatalf("%v, want an error naming %s and its statement 2", err, broken.Name())
		}
		if _, err := conn.SQL.ExecContext(t.Context(), `SELECT count(*) FROM test_half`); err == nil {
			t.Error("table test_half exists: the failed migration's first statement was kept")
		}
		if got := revisions(t, conn); slices.ContainsFunc(got, func(r revision) bool { return r.version == broken.Version() }) {
			t.Error("the failed migration is recorded")
		}
	})
}

func TestEditedMigrationIsRefused(t *testing.T) {
	b := newDatabase(t, testdb.SQLite)
	dir := b.migrations(later).(*migrate.MemDir)
	if err := dir.WriteFile(later.Name(), append(later.Bytes(), "DROP TABLE users;\n"...)); err != nil {
		t.Fatal(err)
	}
	conn, err := db.OpenDSN(t.Context(), b.driver, b.dsn, db.Options{Migrations: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Migrate(t.Context()); err == nil || !strings.Contains(err.Error(), "atlas.sum") || !strings.Contains(err.Error(), later.Name()) {
		t.Errorf("%v, want an error naming atlas.sum and %s", err, later.Name())
	}
}

// Replicas started together migrate one at a time: each migration is
// applied and recorded once.
func TestConcurrentMigrationsApplyOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		const replicas = 4
		results := make([]db.MigrationStatus, replicas)
		errs := make([]error, replicas)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range replicas {
			conn := b.open(later) // a pool of its own, as a process has
			wg.Go(func() {
				<-start
				results[i], errs[i] = conn.ApplyMigrations(t.Context())
			})
		}
		close(start)
		wg.Wait()
		var applied []string
		for i := range replicas {
			if errs[i] != nil {
				t.Fatalf("replica %d: %v", i, errs[i])
			}
			applied = append(applied, results[i].Applied...)
		}
		slices.Sort(applied)
		if want := b.versions(later); !slices.Equal(applied, want) {
			t.Errorf("the replicas applied %v together, want each of %v once", applied, want)
		}
		if got := revisions(t, b.open(later)); len(got) != len(b.versions(later)) {
			t.Errorf("%d revisions recorded, want %d", len(got), len(b.versions(later)))
		}
	})
}

// While another migrator holds the lock, a migration waits and changes
// nothing; it goes ahead once the lock is free.
func TestMigrationWaitsForTheLock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		b := newDatabase(t, d)
		holder := b.open()
		conn, err := holder.SQL.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		// Postgres: the advisory lock migrators take; SQLite: the write
		// lock, which every migration transaction begins by taking.
		lock, unlock := fmt.Sprintf("SELECT pg_advisory_lock(%d)", db.MigrationLockKey), fmt.Sprintf("SELECT pg_advisory_unlock(%d)", db.MigrationLockKey)
		if d == testdb.SQLite {
			lock, unlock = "BEGIN IMMEDIATE", "ROLLBACK"
		}
		if _, err := conn.ExecContext(t.Context(), lock); err != nil {
			t.Fatal(err)
		}

		done := make(chan error, 1)
		go func() { _, err := b.open().ApplyMigrations(t.Context()); done <- err }()
		select {
		case err := <-done:
			t.Fatalf("migration finished while another held the lock: %v", err)
		case <-time.After(time.Second):
		}
		if _, err := conn.ExecContext(t.Context(), unlock); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("migration still waiting after the lock was released")
		}
		if got := revisions(t, holder); len(got) != len(b.versions()) {
			t.Errorf("%d revisions, want %d", len(got), len(b.versions()))
		}
	})
}

// SQLite changes a table by copying it to a new one and dropping the old,
// as Atlas writes it. Migrations run without foreign key enforcement, so the
// drop neither cascades to the rows that refer to the table nor is refused
// for them; the keys are checked before the migration commits instead.
func TestSQLiteTableRebuildKeepsReferringRows(t *testing.T) {
	tables := migrate.NewLocalFile("29990101000000_test_parents.sql", []byte(`CREATE TABLE test_parents (id integer NOT NULL PRIMARY KEY, name text NOT NULL);
CREATE TABLE test_children (id integer NOT NULL PRIMARY KEY, parent_id integer NOT NULL REFERENCES test_parents (id) ON DELETE CASCADE);
`))
	rebuild := migrate.NewLocalFile("29990102000000_test_parents_name_optional.sql", []byte(`-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_test_parents" table
CREATE TABLE `+"`new_test_parents` (`id` integer NOT NULL PRIMARY KEY, `name` text NULL);"+`
-- Copy rows from old table "test_parents" to new temporary table "new_test_parents"
INSERT INTO `+"`new_test_parents` (`id`, `name`) SELECT `id`, `name` FROM `test_parents`;"+`
-- Drop "test_parents" table after copying rows
DROP TABLE `+"`test_parents`;"+`
-- Rename temporary table "new_test_parents" to "test_parents"
ALTER TABLE `+"`new_test_parents` RENAME TO `test_parents`;"+`
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
`))
	orphan := migrate.NewLocalFile("29990103000000_orphan.sql", []byte("DELETE FROM test_parents WHERE id = 1;\n"))

	b := newDatabase(t, testdb.SQLite)
	conn := b.open(tables)
	if err := conn.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	exec(t, conn, `INSERT INTO test_parents VALUES (1, 'a'), (2, 'b')`, `INSERT INTO test_children VALUES (1, 1), (2, 1), (3, 2)`)

	conn = b.open(tables, rebuild)
	if err := conn.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, conn, "test_children"); n != 3 {
		t.Errorf("%d children after their parents' table was rebuilt, want 3", n)
	}
	if _, err := conn.SQL.ExecContext(t.Context(), `INSERT INTO test_parents (id) VALUES (3)`); err != nil {
		t.Errorf("the rebuilt table: %v", err)
	}

	// Every connection of the pool (8 for SQLite) enforces foreign keys
	// again, the one the migration ran on included.
	var conns []*sql.Conn
	for range 8 {
		c, err := conn.SQL.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var on int
		if err := c.QueryRowContext(t.Context(), "PRAGMA foreign_keys").Scan(&on); err != nil || on != 1 {
			t.Errorf("connection %d: foreign_keys = %d (%v), want 1", i, on, err)
		}
	}
	for _, c := range conns {
		c.Close()
	}

	// A migration that leaves rows referring to nothing is refused.
	conn = b.open(tables, rebuild, orphan)
	if err := conn.Migrate(t.Context()); err == nil || !strings.Contains(err.Error(), "test_children") {
		t.Errorf("a migration orphaning rows: %v, want an error naming test_children", err)
	}
	if n := count(t, conn, "test_parents"); n != 3 {
		t.Errorf("%d parents after the refused migration, want 3", n)
	}
}
