// Package testdb gives each test a fresh, empty database, on SQLite or on a
// real PostgreSQL server, so store and service tests run against the same
// engines as production instead of against mocks.
//
// SQLite databases are files in t.TempDir(). PostgreSQL databases are created
// with CREATE DATABASE in one throwaway cluster per test binary: the cluster is
// started on first use (packages that never ask for PostgreSQL start nothing),
// and a new database in it costs milliseconds, so every test can have its own
// and tests can run in parallel without seeing each other's rows.
//
// A package that uses PostgreSQL calls Main from its TestMain, so the cluster
// is stopped and its files removed when the tests are done:
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// and runs a test on both engines with Each:
//
//	func TestCreateOrganization(t *testing.T) {
//		testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
//			driver, dsn := testdb.New(t, d)
//			db, err := sql.Open(driver, dsn)
//			...
//		})
//	}
//
// Environment:
//
//   - TEST_DATABASE_URL: a PostgreSQL server to create the test databases in
//     (as postgres://user@host:port/db?sslmode=disable or in key=value form;
//     the user needs CREATEDB, the server PostgreSQL 13 or newer for
//     DROP DATABASE ... WITH (FORCE)). When it is set, no cluster is started.
//   - CI: when set (to anything but "", "0" or "false"), missing PostgreSQL
//     binaries fail the PostgreSQL tests instead of skipping them, so a
//     misconfigured CI machine cannot pass by silently testing less.
//
// Without TEST_DATABASE_URL the harness looks for initdb and pg_ctl on PATH,
// then in /usr/lib/postgresql/*/bin (newest version first). The cluster lives
// in /dev/shm when that has room (see memoryDir), else in the temporary
// directory. PostgreSQL refuses to run as root; when the tests run as root,
// the cluster runs as the postgres user through runuser.
package testdb
