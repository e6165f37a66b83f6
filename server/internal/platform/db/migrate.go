package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/leitstand/leitstand/server/migrations"
)

// The schema is built by versioned migrations: the files in server/migrations
// for the database's dialect, applied oldest first, each in a transaction of
// its own and recorded in the revision table. Nothing diffs the schema at
// start.
//
// Migrators exclude each other: on PostgreSQL an advisory lock is held for
// the whole run, so replicas started together migrate one after the other
// (the later ones find nothing to do); on SQLite each transaction begins
// IMMEDIATE, taking the write lock before it looks at the revision table.

// RevisionTable records the migrations applied to a database, one row each.
const RevisionTable = "schema_revisions"

// MigrationLockKey is the Postgres advisory lock that keeps replicas started
// together from migrating at once.
const MigrationLockKey = 0x6c656974_6d696772 // "leitmigr"

// ErrNewerSchema is returned when a database has migrations recorded that
// this binary does not have: a newer Leitstand migrated it.
var ErrNewerSchema = errors.New("the database schema is newer than this binary")

// MigrationStatus says where a database's schema stands.
type MigrationStatus struct {
	// Version is the newest migration recorded in the database, "" when
	// none is.
	Version string
	// Latest is the newest migration this binary has.
	Latest string
	// Applied lists the migrations ApplyMigrations ran, oldest first.
	Applied []string
	// Pending lists the migrations MigrationStatus found not yet applied.
	Pending []string
	// Baseline is set for a database made before versioned migrations, by
	// ent's automatic migration: its tables are those of the first
	// migration, which is recorded as applied without running it.
	Baseline bool
}

// Migrate applies the pending migrations; see ApplyMigrations.
func (d *DB) Migrate(ctx context.Context) error {
	_, err := d.ApplyMigrations(ctx)
	return err
}

// ApplyMigrations brings the schema up to date: it applies every migration
// not yet recorded in the revision table, oldest first, each in its own
// transaction together with its record, and reports the version reached.
//
// A database with recorded migrations this binary does not have is refused
// (ErrNewerSchema) and left as it is. A database made before versioned
// migrations (its tables there, the revision table not) gets the first
// migration recorded without running it, after a check that it has every
// table and column that migration creates; then the later ones are applied.
func (d *DB) ApplyMigrations(ctx context.Context) (st MigrationStatus, err error) {
	m, err := d.migrator()
	if err != nil {
		return st, err
	}
	st.Latest = m.latest()
	conn, err := d.SQL.Conn(ctx)
	if err != nil {
		return st, err
	}
	m.conn = conn
	defer func() {
		if m.broken {
			// Its session state is unknown: never hand it out again.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	unlock, err := m.lock(ctx)
	if err != nil {
		return st, err
	}
	defer func() { err = errors.Join(err, unlock()) }()

	var applied []string
	if err := m.inTx(ctx, func() (err error) { applied, st.Baseline, err = m.start(ctx); return err }); err != nil {
		return st, err
	}
	for _, f := range m.files {
		if slices.Contains(applied, f.Version()) {
			continue
		}
		var ran bool
		if err := m.inTx(ctx, func() (err error) { ran, err = m.apply(ctx, f); return err }); err != nil {
			return st, fmt.Errorf("migration %s: %w", f.Name(), err)
		}
		if ran {
			st.Applied = append(st.Applied, f.Version())
		}
	}
	st.Version = st.Latest
	return st, nil
}

// MigrationStatus reports the newest migration recorded in the database and
// those still to apply, without changing anything. For a database made
// before versioned migrations it reports Baseline and, as pending, the
// migrations after the first.
func (d *DB) MigrationStatus(ctx context.Context) (st MigrationStatus, err error) {
	m, err := d.migrator()
	if err != nil {
		return st, err
	}
	st.Latest = m.latest()
	if m.conn, err = d.SQL.Conn(ctx); err != nil {
		return st, err
	}
	defer m.conn.Close()
	var applied []string
	exists, err := m.hasRevisionTable(ctx)
	switch {
	case err != nil:
		return st, err
	case exists:
		if applied, err = m.recorded(ctx); err != nil {
			return st, err
		}
		if err := m.known(applied); err != nil {
			return st, err
		}
		st.Version = slices.Max(append(applied, ""))
	default:
		if st.Baseline, err = m.madeBeforeMigrations(ctx); err != nil {
			return st, err
		}
		if st.Baseline {
			applied = []string{m.files[0].Version()}
		}
	}
	for _, f := range m.files {
		if !slices.Contains(applied, f.Version()) {
			st.Pending = append(st.Pending, f.Version())
		}
	}
	return st, nil
}

// start returns the migrations recorded in the database, after refusing
// those this binary does not have. On a database without the revision table
// it creates the table and, for a database made before versioned migrations,
// records the first migration as its baseline.
func (m *migrator) start(ctx context.Context) (applied []string, baseline bool, err error) {
	exists, err := m.hasRevisionTable(ctx)
	if err != nil {
		return nil, false, err
	}
	if exists {
		if applied, err = m.recorded(ctx); err != nil {
			return nil, false, err
		}
		return applied, false, m.known(applied)
	}
	if baseline, err = m.madeBeforeMigrations(ctx); err != nil {
		return nil, false, err
	}
	if _, err := m.conn.ExecContext(ctx, m.sql.createRevisions); err != nil {
		return nil, false, fmt.Errorf("create %s: %w", RevisionTable, err)
	}
	if baseline {
		first := m.files[0]
		if _, err := m.conn.ExecContext(ctx, m.sql.record, first.Version(), first.Desc(), true); err != nil {
			return nil, false, fmt.Errorf("record the baseline: %w", err)
		}
		applied = []string{first.Version()}
	}
	return applied, baseline, nil
}

// migrator applies one directory of migrations over one connection.
type migrator struct {
	dialect string
	sql     migrationSQL
	files   []migrate.File
	conn    *sql.Conn
	// broken is set when a transaction could not be ended: the connection
	// must not return to the pool.
	broken bool
}

func (d *DB) migrator() (*migrator, error) {
	dir := d.migrations
	if dir == nil {
		var err error
		if dir, err = migrations.Dir(d.Dialect); err != nil {
			return nil, err
		}
	}
	files, err := loadMigrations(dir)
	if err != nil {
		return nil, err
	}
	m := &migrator{dialect: d.Dialect, files: files, sql: sqliteMigrationSQL}
	if d.Dialect == dialect.Postgres {
		m.sql = postgresMigrationSQL
	}
	return m, nil
}

// loadMigrations returns the migration files of dir in order, after checking
// them against atlas.sum.
func loadMigrations(dir migrate.Dir) ([]migrate.File, error) {
	if err := migrate.Validate(dir); err != nil {
		var ce *migrate.ChecksumError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("migration files do not match atlas.sum: %s was %s", ce.File, ce.Reason)
		}
		return nil, fmt.Errorf("migration files: %w", err)
	}
	files, err := dir.Files()
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("no migration files")
	}
	for i, f := range files {
		if err := migrate.CheckVersion(f.Version()); err != nil {
			return nil, fmt.Errorf("migration file %s: %w", f.Name(), err)
		}
		if i > 0 && files[i-1].Version() == f.Version() {
			return nil, fmt.Errorf("migration files %s and %s have the same version", files[i-1].Name(), f.Name())
		}
	}
	return files, nil
}

func (m *migrator) latest() string { return m.files[len(m.files)-1].Version() }

// lock excludes other migrators from the database until unlock; on SQLite
// each transaction does so instead. It also turns off SQLite's foreign key
// enforcement for the connection, which only works outside a transaction:
// SQLite changes a table by copying it, and dropping the old copy would
// otherwise delete, or cascade to, the rows that refer to it. apply checks
// the foreign keys before it commits instead.
func (m *migrator) lock(ctx context.Context) (unlock func() error, err error) {
	switch m.dialect {
	case dialect.Postgres:
		if _, err := m.conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", MigrationLockKey); err != nil {
			return nil, fmt.Errorf("take the migration lock: %w", err)
		}
		return func() error {
			if _, err := m.conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", MigrationLockKey); err != nil {
				m.broken = true
				return fmt.Errorf("release the migration lock: %w", err)
			}
			return nil
		}, nil
	default:
		if _, err := m.conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return nil, err
		}
		return func() error {
			if _, err := m.conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); err != nil {
				m.broken = true
			}
			return nil
		}, nil
	}
}

// inTx runs fn in a transaction on the migrator's connection.
func (m *migrator) inTx(ctx context.Context, fn func() error) (err error) {
	if _, err := m.conn.ExecContext(ctx, m.sql.begin); err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if err == nil {
			if _, err = m.conn.ExecContext(ctx, "COMMIT"); err == nil {
				return
			}
			err = fmt.Errorf("commit: %w", err)
		}
		if _, rerr := m.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil {
			m.broken = true
		}
	}()
	return fn()
}

// apply runs f's statements and records it, unless another migrator
// recorded it first.
func (m *migrator) apply(ctx context.Context, f migrate.File) (bool, error) {
	var n int
	if err := m.conn.QueryRowContext(ctx, m.sql.isRecorded, f.Version()).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	stmts, err := f.Stmts()
	if err != nil {
		return false, err
	}
	for i, stmt := range stmts {
		if _, err := m.conn.ExecContext(ctx, stmt); err != nil {
			return false, fmt.Errorf("statement %d (%s): %w", i+1, firstLine(stmt), err)
		}
	}
	if m.dialect == dialect.SQLite {
		if err := m.checkForeignKeys(ctx); err != nil {
			return false, err
		}
	}
	if _, err := m.conn.ExecContext(ctx, m.sql.record, f.Version(), f.Desc(), false); err != nil {
		return false, fmt.Errorf("record: %w", err)
	}
	return true, nil
}

// checkForeignKeys fails when a row of SQLite refers to a row that is not
// there, as enforcement would have.
func (m *migrator) checkForeignKeys(ctx context.Context) error {
	rows, err := m.conn.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("a row of %s refers to a row of %s that is not there", table, parent)
	}
	return rows.Err()
}

// recorded returns the versions in the revision table.
func (m *migrator) recorded(ctx context.Context) ([]string, error) {
	rows, err := m.conn.QueryContext(ctx, "SELECT version FROM "+RevisionTable)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", RevisionTable, err)
	}
	defer rows.Close()
	var versions []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		versions = append(versions, v)
	}
	return versions, rows.Err()
}

// known refuses recorded versions this binary does not have.
func (m *migrator) known(recorded []string) error {
	var unknown string
	for _, v := range recorded {
		if !slices.ContainsFunc(m.files, func(f migrate.File) bool { return f.Version() == v }) && v > unknown {
			unknown = v
		}
	}
	if unknown == "" {
		return nil
	}
	return fmt.Errorf("%w: the database is at migration %s, which this binary does not have (its newest is %s); run the Leitstand that migrated it, or a newer one",
		ErrNewerSchema, unknown, m.latest())
}

func (m *migrator) tables(ctx context.Context) ([]string, error) {
	return m.strings(ctx, m.sql.tables)
}

func (m *migrator) hasRevisionTable(ctx context.Context) (bool, error) {
	tables, err := m.tables(ctx)
	return slices.Contains(tables, RevisionTable), err
}

// madeBeforeMigrations reports whether the database holds the tables of the
// first migration, as ent's automatic migration made them before versioned
// migrations, rather than nothing of them. Part of them is an error: that
// database is not what the first migration builds, and neither recording
// nor running it would be right.
func (m *migrator) madeBeforeMigrations(ctx context.Context) (bool, error) {
	want, err := createdTables(m.files[0])
	if err != nil {
		return false, err
	}
	have, err := m.tables(ctx)
	if err != nil {
		return false, err
	}
	var missing []string
	for _, t := range want {
		if !slices.Contains(have, t.name) {
			missing = append(missing, t.name)
		}
	}
	switch len(missing) {
	case len(want):
		return false, nil
	case 0:
	default:
		list := strings.Join(missing[:min(3, len(missing))], ", ")
		if len(missing) > 3 {
			list += fmt.Sprintf(" and %d more", len(missing)-3)
		}
		return false, fmt.Errorf("the database has %d of the %d tables of Leitstand's first migration, not %s: it is neither empty nor a database an earlier Leitstand made, so it is not migrated",
			len(want)-len(missing), len(want), list)
	}
	for _, t := range want {
		columns, err := m.strings(ctx, m.sql.columns, t.name)
		if err != nil {
			return false, err
		}
		for _, c := range t.columns {
			if !slices.Contains(columns, c) {
				return false, fmt.Errorf("the database was made before versioned migrations, but its table %s has no column %s: start the Leitstand release before versioned migrations on it once (it completes the schema at start), then this one", t.name, c)
			}
		}
	}
	return true, nil
}

// strings runs a query that returns one string per row.
func (m *migrator) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := m.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

type createdTable struct {
	name    string
	columns []string
}

// createTable matches the CREATE TABLE statements Atlas writes, the name
// quoted with " (PostgreSQL) or ` (SQLite), everything on one line.
var createTable = regexp.MustCompile("^CREATE TABLE [\"`]([^\"`]+)[\"`] \\((.*)\\);?$")

// createdTables returns the tables f creates, each with its columns.
func createdTables(f migrate.File) ([]createdTable, error) {
	stmts, err := f.Stmts()
	if err != nil {
		return nil, err
	}
	var tables []createdTable
	for _, stmt := range stmts {
		match := createTable.FindStringSubmatch(strings.TrimSpace(stmt))
		if match == nil {
			continue
		}
		t := createdTable{name: match[1]}
		for _, def := range splitTopLevel(match[2]) {
			// A column definition starts with its quoted name; PRIMARY KEY,
			// CONSTRAINT and the like do not.
			if q := def[0]; q == '"' || q == '`' {
				if end := strings.IndexByte(def[1:], q); end > 0 {
					t.columns = append(t.columns, def[1:end+1])
				}
			}
		}
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("the first migration, %s, creates no tables", f.Name())
	}
	return tables, nil
}

// splitTopLevel splits a table's definition list at the commas outside
// parentheses and quotes.
func splitTopLevel(s string) []string {
	var (
		parts []string
		depth int
		quote byte
		start int
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

func firstLine(stmt string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(stmt), "\n")
	if len(line) > 80 {
		line = line[:80] + "…"
	}
	return line
}

// migrationSQL holds the statements whose text differs between dialects.
type migrationSQL struct {
	begin           string
	createRevisions string
	record          string // version, description, baseline
	isRecorded      string // version
	tables          string
	columns         string // table
}

var sqliteMigrationSQL = migrationSQL{
	// IMMEDIATE takes the write lock at once, so two migrators cannot both
	// read that a migration is pending.
	begin: "BEGIN IMMEDIATE",
	createRevisions: `CREATE TABLE ` + RevisionTable + ` (
	version TEXT NOT NULL PRIMARY KEY,
	description TEXT NOT NULL,
	baseline BOOLEAN NOT NULL,
	applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`,
	record:     `INSERT INTO ` + RevisionTable + ` (version, description, baseline) VALUES (?, ?, ?)`,
	isRecorded: `SELECT count(*) FROM ` + RevisionTable + ` WHERE version = ?`,
	tables:     `SELECT name FROM sqlite_master WHERE type = 'table'`,
	columns:    `SELECT name FROM pragma_table_info(?)`,
}

var postgresMigrationSQL = migrationSQL{
	begin: "BEGIN",
	createRevisions: `CREATE TABLE ` + RevisionTable + ` (
	version text NOT NULL PRIMARY KEY,
	description text NOT NULL,
	baseline boolean NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`,
	record:     `INSERT INTO ` + RevisionTable + ` (version, description, baseline) VALUES ($1, $2, $3)`,
	isRecorded: `SELECT count(*) FROM ` + RevisionTable + ` WHERE version = $1`,
	tables:     `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
	columns:    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
}
