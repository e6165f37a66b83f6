package testdb

import (
	"path/filepath"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/db"
	_ "modernc.org/sqlite" // registers the "sqlite" driver for the DSNs handed out here
)

// NewSQLite returns the driver name and DSN of a new, empty SQLite database in
// t.TempDir(), which the testing package removes after the test.
//
// The file is created on the first connection; nothing needs to be closed or
// dropped beyond what the caller opens.
func NewSQLite(t testing.TB) (driverName, dsn string) {
	t.Helper()
	return db.SQLiteDriverName, db.SQLiteDSN(filepath.Join(t.TempDir(), "test.db"))
}
