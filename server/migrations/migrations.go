// Package migrations holds the history of the database schema: a directory of
// migration files per dialect, in Atlas's format (<version>_<name>.sql, applied
// in the order of their versions, and atlas.sum, the checksums that make an
// edited or lost file an error), embedded into the binary.
//
//	sqlite/     SQLite, the embedded database
//	postgres/   PostgreSQL
//
// The files are generated, never written by hand: after a change to
// server/ent/schema, `make gen` (server/cmd/migrations-gen) replays each
// directory on an empty database, diffs the result against the ent schema
// and writes what differs as a new file. A test fails while the ent schema
// and the files disagree. platform/db applies the files.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"path"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
)

//go:embed sqlite postgres
var files embed.FS

// Subdir returns the directory of dialectName's migrations (ent's dialect
// names: dialect.SQLite or dialect.Postgres), relative to this package.
func Subdir(dialectName string) (string, error) {
	switch dialectName {
	case dialect.SQLite:
		return "sqlite", nil
	case dialect.Postgres:
		return "postgres", nil
	default:
		return "", fmt.Errorf("migrations: no migrations for dialect %q", dialectName)
	}
}

// Dir returns a copy of the embedded migrations of dialectName.
func Dir(dialectName string) (*migrate.MemDir, error) {
	sub, err := Subdir(dialectName)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(files, sub)
	if err != nil {
		return nil, err
	}
	dir := &migrate.MemDir{}
	for _, e := range entries {
		b, err := fs.ReadFile(files, path.Join(sub, e.Name()))
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	return dir, nil
}
