// Command migrations-gen writes a new migration file per dialect when the ent
// schema (server/ent/schema) differs from what the migration files in
// server/migrations build. `make gen` runs it after ent's code generation;
// `make gen NAME=add_invoice_notes` names the new files.
//
// Each dialect's directory is replayed on an empty database and diffed
// against the ent schema there: SQLite in memory, PostgreSQL in a throwaway
// cluster started for the run (or a new database on TEST_DATABASE_URL's
// server) and removed after. Both new files get the same version, so a schema
// change is one version in either dialect. When nothing changed, nothing is
// written.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/migrations"
)

func main() {
	dir := flag.String("dir", "server/migrations", "the migrations directory, holding one directory per dialect")
	name := flag.String("name", "", `name of the new migration files (default "baseline" for the first, then "change")`)
	hash := flag.Bool("hash", false, "only rewrite each dialect's atlas.sum, after a migration file written by hand (a trigger)")
	flag.Parse()
	if *hash {
		if err := rehash(*dir); err != nil {
			fmt.Fprintln(os.Stderr, "migrations-gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), *dir, *name); err != nil {
		fmt.Fprintln(os.Stderr, "migrations-gen:", err)
		os.Exit(1)
	}
}

var validName = regexp.MustCompile(`^[a-z0-9_]+$`)

func run(ctx context.Context, root, name string) error {
	if name != "" && !validName.MatchString(name) {
		return fmt.Errorf("name %q: use lower-case letters, digits and underscores", name)
	}
	version := migrate.NewVersion()
	// Both dialects are diffed in memory first and written after, so a
	// failure leaves no half change behind.
	type change struct {
		path, file string
		dir        *migrate.MemDir
	}
	var changes []change
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		sub, err := migrations.Subdir(d)
		if err != nil {
			return err
		}
		path := filepath.Join(root, sub)
		dir, err := readDir(path)
		if err != nil {
			return err
		}
		desc := name
		if desc == "" {
			desc = "change"
			if files, _ := dir.Files(); len(files) == 0 {
				desc = "baseline"
			}
		}
		dev, closeDev, err := openDev(ctx, d)
		if err != nil {
			return fmt.Errorf("%s: start a database to diff on: %w", d, err)
		}
		wrote, err := migrations.Diff(ctx, dev, d, dir, version, desc)
		if err := errors.Join(err, closeDev()); err != nil {
			return err
		}
		if wrote {
			changes = append(changes, change{path, version + "_" + desc + ".sql", dir})
		} else {
			fmt.Printf("%s: migrations are current\n", path)
		}
	}
	for _, c := range changes {
		if err := os.MkdirAll(c.path, 0o755); err != nil {
			return err
		}
		for _, name := range []string{c.file, migrate.HashFileName} {
			b, err := fs.ReadFile(c.dir, name)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(c.path, name), b, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s: wrote %s\n", c.path, c.file)
	}
	return nil
}

// rehash rewrites the checksum file of each dialect's directory: what ent
// cannot say (a trigger) is written by hand as a migration file of its own,
// and the checksum then covers it.
func rehash(root string) error {
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		sub, err := migrations.Subdir(d)
		if err != nil {
			return err
		}
		dir, err := migrate.NewLocalDir(filepath.Join(root, sub))
		if err != nil {
			return err
		}
		sum, err := dir.Checksum()
		if err != nil {
			return err
		}
		if err := migrate.WriteSumFile(dir, sum); err != nil {
			return err
		}
	}
	return nil
}

// readDir returns a copy of the migration directory at path, which need not
// exist yet.
func readDir(path string) (*migrate.MemDir, error) {
	dir := &migrate.MemDir{}
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) {
		return dir, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || (filepath.Ext(e.Name()) != ".sql" && e.Name() != migrate.HashFileName) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(path, e.Name()))
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	return dir, nil
}

// openDev opens an empty database of dialect d to diff on.
func openDev(ctx context.Context, d string) (*sql.DB, func() error, error) {
	if d == dialect.SQLite {
		dev, err := migrations.OpenDevSQLite()
		if err != nil {
			return nil, nil, err
		}
		return dev, dev.Close, nil
	}
	pg, err := testdb.NewStandalone(ctx)
	if err != nil {
		return nil, nil, err
	}
	dev, err := sql.Open(testdb.PostgresDriverName, pg.DSN)
	if err != nil {
		return nil, nil, errors.Join(err, pg.Close())
	}
	return dev, func() error { return errors.Join(dev.Close(), pg.Close()) }, nil
}
