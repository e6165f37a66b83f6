package testdb

import (
	"fmt"
	"os"
	"testing"
)

// Dialect names a database engine the tests run on.
type Dialect string

// The engines Leitstand supports: SQLite for a single small installation,
// PostgreSQL for everything else.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// dialects is the order Each runs them in: SQLite first, as it needs no
// server and fails fastest.
var dialects = []Dialect{SQLite, Postgres}

// Each runs fn as one subtest per dialect, named after it. The PostgreSQL
// subtest is skipped, or failed under CI, when no PostgreSQL is available (see
// the package documentation), before fn runs.
//
// Each does not make the subtests parallel; fn calls t.Parallel if it may.
func Each(t *testing.T, fn func(t *testing.T, d Dialect)) {
	t.Helper()
	for _, d := range dialects {
		t.Run(string(d), func(t *testing.T) {
			if d == Postgres {
				requirePostgres(t)
			}
			fn(t, d)
		})
	}
}

// New returns the driver name and DSN of a new, empty database of dialect d:
// NewSQLite or NewPostgres.
func New(t testing.TB, d Dialect) (driverName, dsn string) {
	t.Helper()
	switch d {
	case SQLite:
		return NewSQLite(t)
	case Postgres:
		return PostgresDriverName, NewPostgres(t)
	default:
		t.Fatalf("testdb: unknown dialect %q", d)
		return "", ""
	}
}

// Main runs the tests of a package and then stops the PostgreSQL cluster if
// the tests started one. Call it from TestMain; it does not return:
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// The exit code of m.Run is passed on, and the cluster is stopped before the
// process exits, also when m.Run panics. A panic inside a test kills the
// process from the test's goroutine, where no defer of Main can run; the
// cluster is then stopped by a small watcher process that notices the test
// binary is gone. The same watcher cleans up in packages that use NewPostgres
// without calling Main, only later and without reporting errors.
func Main(m *testing.M) {
	os.Exit(run(m))
}

// run is Main without os.Exit, so that its deferred shutdown runs. A cluster
// that cannot be stopped fails the run even when the tests passed: it would
// keep running after the tests and hold on to its port and files.
func run(m *testing.M) (code int) {
	defer func() {
		if err := shutdown(); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: stopping PostgreSQL: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}()
	return m.Run()
}
