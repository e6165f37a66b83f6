// Package db opens the database: Postgres (lib/pq) when a URL is given, an
// embedded SQLite file (pure Go, no cgo) otherwise, both behind one ent client.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	_ "github.com/lib/pq"  // registers "postgres"
	_ "modernc.org/sqlite" // registers "sqlite"

	"github.com/leitstand/leitstand/server/ent"
	_ "github.com/leitstand/leitstand/server/ent/runtime" // the schemas' defaults and hooks (search keys)
)

// DB is an open database.
type DB struct {
	*ent.Client
	// Dialect is dialect.Postgres or dialect.SQLite.
	Dialect string
	// SQL is the connection pool underneath, for health checks and the few
	// statements ent cannot express (advisory locks).
	SQL *sql.DB
	// Statements runs reads and writes outside transactions as prepared
	// statements; the ent client uses it, and so can hand-written queries.
	Statements *Statements

	// migrations are the migration files Migrate applies; nil for the
	// binary's own.
	migrations migrate.Dir
}

// Options tune Open.
type Options struct {
	// WrapDriver wraps the ent driver, e.g. to count statements in tests.
	WrapDriver func(dialect.Driver) dialect.Driver
	// MaxOpenConns bounds the pool (default 32 for Postgres, 8 for SQLite).
	MaxOpenConns int
	// Migrations replaces the migration files Migrate applies (default:
	// the binary's own, server/migrations), for tests.
	Migrations migrate.Dir
}

// SQLiteFile is the name of the embedded database inside the data directory.
const SQLiteFile = "leitstand.db"

// Open connects to url, or to the SQLite file in dataDir when url is empty.
// url may be postgres://…, postgresql://… or sqlite:///path/to/file.db.
func Open(ctx context.Context, rawURL, dataDir string, opts Options) (*DB, error) {
	driverName, dsn, _, err := resolve(rawURL, dataDir)
	if err != nil {
		return nil, err
	}
	return OpenDSN(ctx, driverName, dsn, opts)
}

// OpenDSN connects with a database/sql driver name ("sqlite" or "postgres")
// and its DSN.
func OpenDSN(ctx context.Context, driverName, dsn string, opts Options) (*DB, error) {
	dialectName := dialect.Postgres
	if driverName == SQLiteDriverName {
		dialectName = dialect.SQLite
	}
	pool, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialectName, err)
	}
	maxConns := opts.MaxOpenConns
	if maxConns == 0 {
		maxConns = 32
		if dialectName == dialect.SQLite {
			maxConns = 8
		}
	}
	pool.SetMaxOpenConns(maxConns)
	pool.SetMaxIdleConns(maxConns)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dialectName, err)
	}
	stmts := NewStatements(pool, DefaultStatementCache)
	drv := newPreparedDriver(dialectName, pool, stmts)
	if opts.WrapDriver != nil {
		drv = opts.WrapDriver(drv)
	}
	return &DB{Client: ent.NewClient(ent.Driver(drv)), Dialect: dialectName, SQL: pool, Statements: stmts, migrations: opts.Migrations}, nil
}

func resolve(rawURL, dataDir string) (driverName, dsn, dialectName string, err error) {
	switch {
	case rawURL == "":
		if dataDir == "" {
			dataDir = "data"
		}
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return "", "", "", fmt.Errorf("create data directory: %w", err)
		}
		return SQLiteDriverName, SQLiteDSN(filepath.Join(dataDir, SQLiteFile)), dialect.SQLite, nil
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return "postgres", rawURL, dialect.Postgres, nil
	case strings.HasPrefix(rawURL, "sqlite://"):
		u, err := url.Parse(rawURL)
		if err != nil {
			return "", "", "", fmt.Errorf("database URL: %w", err)
		}
		return SQLiteDriverName, SQLiteDSN(u.Path), dialect.SQLite, nil
	default:
		return "", "", "", fmt.Errorf("database URL must start with postgres://, postgresql:// or sqlite://")
	}
}

// Close closes the client and the pool.
func (d *DB) Close() error {
	d.Statements.Close()
	return d.Client.Close()
}

// Ping checks that the database answers, for readiness probes.
func (d *DB) Ping(ctx context.Context) error { return d.SQL.PingContext(ctx) }

// WithTx runs fn in a transaction, committing when it returns nil and
// rolling back otherwise (also on panic).
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) (err error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}

// ReadSnapshot runs fn on a read-only transaction that sees the database as
// it was at its first statement, whatever commits meanwhile: REPEATABLE
// READ on Postgres; on SQLite every transaction does, and a read-only one
// waits for no writer (see preparedDriver.BeginTx). It writes nothing and is
// rolled back.
func ReadSnapshot(ctx context.Context, client *ent.Client, dialectName string, fn func(c *ent.Client) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if dialectName == dialect.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := client.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin snapshot: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	return fn(tx.Client())
}
