package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq" // registers the "postgres" driver for the DSNs handed out here
)

// PostgresDriverName is the database/sql driver name of github.com/lib/pq.
const PostgresDriverName = "postgres"

// server is the PostgreSQL server the test databases are created in: the
// cluster these tests started, or the one named by TEST_DATABASE_URL.
type server struct {
	// admin is connected to the server's maintenance database. Test databases
	// are created and dropped through it, never through a connection to the
	// database itself, which could not drop its own database.
	admin *sql.DB
	// dsnFor returns the DSN of the database called name on this server.
	dsnFor func(name string) string
	// cluster is the cluster started for these tests, nil for an external
	// server.
	cluster *cluster
	// createOptions end the CREATE DATABASE statement.
	createOptions string
}

// The server of this test binary. It is started by the first NewPostgres and
// shared by all tests after it; mu makes concurrent first callers wait for the
// one start instead of starting a cluster each. A failed start is remembered,
// so every later test fails with the same error rather than trying again.
var (
	mu        sync.Mutex
	attempted bool
	current   *server
	serverErr error
)

// errNoPostgres means that neither TEST_DATABASE_URL nor PostgreSQL binaries
// are available: the one condition under which PostgreSQL tests may skip.
var errNoPostgres = errors.New("no PostgreSQL: TEST_DATABASE_URL is not set and initdb/pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin")

// NewPostgres returns the DSN of a new, empty PostgreSQL database for t, and
// drops the database when t and its subtests are done, disconnecting whatever
// the test left connected.
//
// Each call creates its own database, so tests, including parallel ones, never
// share rows, tables or sequences. The database is created from template0, so
// it is empty even on a shared TEST_DATABASE_URL server whose template1 has
// been changed.
func NewPostgres(t testing.TB) (dsn string) {
	t.Helper()
	requirePostgres(t)
	s, err := postgresServer(t)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}

	name, err := databaseName()
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	// The name is made of [a-z0-9_] only, so it needs no quoting.
	if _, err := s.admin.ExecContext(t.Context(), "CREATE DATABASE "+name+" TEMPLATE template0"+s.createOptions); err != nil {
		t.Fatalf("testdb: creating database %s: %v", name, err)
	}
	t.Cleanup(func() {
		// t.Context is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("testdb: dropping database %s: %v", name, err)
		}
	})
	return s.dsnFor(name)
}

// requirePostgres skips t, or fails it under CI, when no PostgreSQL server can
// be had. It only looks for binaries and does not start anything.
func requirePostgres(t testing.TB) {
	t.Helper()
	if os.Getenv("TEST_DATABASE_URL") != "" {
		return
	}
	if _, err := findPostgres(); err != nil {
		if inCI() {
			t.Fatalf("testdb: %v (CI is set, so PostgreSQL tests must not be skipped)", err)
		}
		t.Skipf("testdb: %v; skipping", err)
	}
}

// inCI reports whether the CI variable is set, as CI services do.
func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// postgresServer returns the server of this test binary, starting or
// connecting to it on the first call. t only receives a log line saying how
// long starting took.
func postgresServer(t testing.TB) (*server, error) {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if !attempted {
		attempted = true
		began := time.Now()
		current, serverErr = openServer()
		if current != nil && current.cluster != nil {
			t.Logf("testdb: started PostgreSQL %s on port %d in %v",
				current.cluster.version, current.cluster.port, time.Since(began).Round(time.Millisecond))
		}
	}
	return current, serverErr
}

// openServer connects to TEST_DATABASE_URL or starts a cluster.
func openServer() (*server, error) {
	if dsn := os.Getenv("TEST_DATABASE_URL"); dsn != "" {
		if _, err := withDatabase(dsn, "x"); err != nil {
			return nil, fmt.Errorf("TEST_DATABASE_URL: %w", err)
		}
		s := &server{dsnFor: func(name string) string {
			dsn, _ := withDatabase(dsn, name) // checked above
			return dsn
		}}
		if err := s.connect(dsn); err != nil {
			return nil, fmt.Errorf("TEST_DATABASE_URL: %w", err)
		}
		return s, nil
	}

	bin, err := findPostgres()
	if err != nil {
		return nil, err
	}
	c, err := startCluster(bin)
	if err != nil {
		return nil, err
	}
	s := &server{dsnFor: c.dsn, cluster: c}
	if err := s.connect(c.dsn("postgres")); err != nil {
		return nil, errors.Join(err, c.stop())
	}
	// Since PostgreSQL 15, CREATE DATABASE writes the copied files to the WAL
	// by default, which spares other connections the checkpoints the old
	// FILE_COPY strategy takes. This cluster has no other users to
	// spare, and for tests running in parallel FILE_COPY creates and drops
	// databases almost twice as fast (8 ms instead of 14 ms each, eight at a
	// time on two CPUs; one at a time both take about 13 ms). A shared
	// TEST_DATABASE_URL server keeps its default.
	var version int
	if err := s.admin.QueryRow("SHOW server_version_num").Scan(&version); err == nil && version >= 150000 {
		s.createOptions = " STRATEGY FILE_COPY"
	}
	return s, nil
}

// connect opens the admin connection pool and checks that it works, so a
// wrong TEST_DATABASE_URL is reported once, clearly, and not as a failed
// CREATE DATABASE in every test.
func (s *server) connect(dsn string) error {
	db, err := sql.Open(PostgresDriverName, dsn)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return err
	}
	s.admin = db
	return nil
}

// shutdown closes the admin connections and stops the cluster, if one was
// started. Later calls to NewPostgres fail instead of starting a new cluster
// that nothing would stop.
func shutdown() error {
	mu.Lock()
	defer mu.Unlock()
	s := current
	attempted, current, serverErr = true, nil, errors.New("PostgreSQL was already stopped by testdb.Main")
	if s == nil {
		return nil
	}
	err := s.admin.Close()
	if s.cluster != nil {
		err = errors.Join(err, s.cluster.stop())
	}
	return err
}

// databaseName returns a new random name for a test database. 64 random bits
// make a clash between concurrent tests, or with databases left behind on a
// shared server, practically impossible.
func databaseName() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "test_" + hex.EncodeToString(b[:]), nil
}

// withDatabase returns dsn with its database replaced by name. dsn is in
// either of the forms lib/pq accepts: a postgres:// or postgresql:// URL, or
// key=value pairs, where a later dbname overrides an earlier one.
func withDatabase(dsn, name string) (string, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " dbname=" + name, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	u.Path, u.RawPath = "/"+name, ""
	return u.String(), nil
}
