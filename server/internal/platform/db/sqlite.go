package db

import "net/url"

// sqlitePragmas are the connection settings every Leitstand SQLite connection
// needs. They are query parameters of the DSN, not statements run after Open,
// because database/sql opens new connections on its own and each one must be
// configured the same way:
//
//   - foreign_keys(1): SQLite ignores foreign keys unless told otherwise per
//     connection, and the schema relies on them.
//   - journal_mode(WAL): readers do not block the writer.
//   - busy_timeout(10000): a connection waits up to 10 s for the write lock
//     instead of failing at once with SQLITE_BUSY.
//   - _txlock=immediate: transactions take the write lock at BEGIN. A deferred
//     transaction that reads first and then writes can fail with SQLITE_BUSY
//     when another writer got in between, and busy_timeout does not help
//     with that.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_txlock=immediate"

// SQLiteDriverName is the database/sql driver name of modernc.org/sqlite.
// (ent calls the same dialect "sqlite3".)
const SQLiteDriverName = "sqlite"

// SQLiteDSN returns the modernc.org/sqlite DSN for the database file at path,
// with the pragmas above.
//
// The path is given as a "file:" URI and escaped, so a path containing '?',
// '#', '%' or spaces still names exactly that file: the driver would otherwise
// cut a plain path at its first '?'.
//
// Tests open their SQLite databases with the same DSN (testdb).
func SQLiteDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas
}
