package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"text/template"

	"ariga.io/atlas/sql/migrate"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	_ "modernc.org/sqlite" // registers "sqlite" for OpenDevSQLite

	entmigrate "github.com/leitstand/leitstand/server/ent/migrate"
)

// diffMu serialises diffs within a process: ent's migration engine prepares
// the package-level table definitions (entmigrate.Tables) in place, so two
// diffs at once, in tests running in parallel, would race on them.
var diffMu sync.Mutex

// Diff replays dir on dev, an empty database of dialectName, compares the
// result with the ent schema and writes the statements that bring the one to
// the other into dir as a new file, <version>_<name>.sql, and updates
// atlas.sum. It writes nothing when the two agree and reports whether it
// wrote a file. dev is left empty again.
//
// Dropped columns and indexes are part of the diff: the files follow the ent
// schema exactly. A drop shows in the generated file, to be reviewed like any
// other change.
func Diff(ctx context.Context, dev *sql.DB, dialectName string, dir migrate.Dir, version, name string) (bool, error) {
	if err := migrate.CheckVersion(version); err != nil {
		return false, err
	}
	before, err := dir.Files()
	if err != nil {
		return false, err
	}
	if n := len(before); n > 0 && before[n-1].Version() >= version {
		return false, fmt.Errorf("migrations: version %s is not newer than the last migration, %s", version, before[n-1].Name())
	}
	nameTemplate, err := template.New("name").Parse(version + "{{ with .Name }}_{{ . }}{{ end }}.sql")
	if err != nil {
		return false, err
	}
	format := migrate.TemplateFormatter{{N: nameTemplate, C: migrate.DefaultFormatter[0].C}}

	diffMu.Lock()
	defer diffMu.Unlock()
	err = entmigrate.NewSchema(entsql.OpenDB(dialectName, dev)).NamedDiff(ctx, name,
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithFormatter(format),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	)
	if err != nil {
		return false, fmt.Errorf("migrations: diff the ent schema against the %s migrations: %w", dialectName, err)
	}
	after, err := dir.Files()
	if err != nil {
		return false, err
	}
	return len(after) > len(before), nil
}

// OpenDevSQLite opens a new, empty SQLite database in memory, for Diff. It
// is gone when the returned pool is closed.
func OpenDevSQLite() (*sql.DB, error) {
	// One connection, kept open: each connection to a memory database has
	// a database of its own, gone when the connection closes.
	conn, err := sql.Open("sqlite", "file:dev?mode=memory&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	conn.SetMaxIdleConns(1)
	conn.SetConnMaxIdleTime(0)
	conn.SetConnMaxLifetime(0)
	return conn, nil
}
