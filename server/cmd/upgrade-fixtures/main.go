// Command upgrade-fixtures makes the databases the upgrade test starts from:
// it builds Leitstand as it was at a commit, serves it once with demo data on
// SQLite and once on a throwaway PostgreSQL, and stores both databases,
// gzip'd, as
//
//	<out>/upgrade-<commit>.sqlite.gz       the SQLite file
//	<out>/upgrade-<commit>.postgres.sql.gz a plain pg_dump with INSERTs
//
// Run it from the repository root, e.g.
//
//	go run ./server/cmd/upgrade-fixtures -commit f1bee41
//
// The server runs with FixtureSecretKey, so a test can open what it sealed
// and verify the audit chain it keyed.
//
// The demo back-fills weeks of server and container metrics, tens of
// thousands of rows that would make the fixtures megabytes; all but the first
// rows of those tables are deleted before the databases are stored.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// FixtureSecretKey is the --secret-key the fixtures are served with (base64
// of "leitstand upgrade test fixture!!"); server/internal/app's upgrade test
// opens them with the same key.
const FixtureSecretKey = "bGVpdHN0YW5kIHVwZ3JhZGUgdGVzdCBmaXh0dXJlISE="

func main() {
	commit := flag.String("commit", "", "the commit to build the old Leitstand from (required)")
	out := flag.String("out", "server/internal/app/testdata", "directory to write the fixtures into")
	flag.Parse()
	if *commit == "" {
		fmt.Fprintln(os.Stderr, "upgrade-fixtures: say -commit")
		os.Exit(2)
	}
	if err := run(context.Background(), *commit, *out); err != nil {
		fmt.Fprintln(os.Stderr, "upgrade-fixtures:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, commit, out string) error {
	tmp, err := os.MkdirTemp("", "leitstand-upgrade-fixtures-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := build(commit, tmp)
	if err != nil {
		return err
	}
	name := filepath.Join(out, "upgrade-"+commit)

	// SQLite: the database file, in one piece (no write-ahead log beside it).
	dir := filepath.Join(tmp, "sqlite")
	if err := serveDemo(ctx, bin, "--data-dir", dir); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	file := filepath.Join(dir, db.SQLiteFile)
	if err := trim(ctx, db.SQLiteDriverName, db.SQLiteDSN(file)); err != nil {
		return err
	}
	if err := compact(ctx, file); err != nil {
		return err
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := writeGzip(name+".sqlite.gz", b); err != nil {
		return err
	}

	// PostgreSQL: a plain dump.
	pg, err := testdb.NewStandalone(ctx)
	if err != nil {
		return err
	}
	defer pg.Close()
	if err := serveDemo(ctx, bin, "--data-dir", filepath.Join(tmp, "postgres"), "--database-url", pg.DSN); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if err := trim(ctx, testdb.PostgresDriverName, pg.DSN); err != nil {
		return err
	}
	dump, err := pgDump(ctx, pg.DSN)
	if err != nil {
		return err
	}
	if err := writeGzip(name+".postgres.sql.gz", dump); err != nil {
		return err
	}
	fmt.Printf("wrote %s.sqlite.gz and %s.postgres.sql.gz (PostgreSQL %s)\n", name, name, pg.Version)
	return nil
}

// build compiles server/cmd/leitstand as it was at commit into dir.
func build(commit, dir string) (string, error) {
	src := filepath.Join(dir, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		return "", err
	}
	archive := exec.Command("git", "archive", commit)
	extract := exec.Command("tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	extract.Stdin = pipe
	archive.Stderr, extract.Stderr = os.Stderr, os.Stderr
	if err := extract.Start(); err != nil {
		return "", err
	}
	if err := archive.Run(); err != nil {
		return "", fmt.Errorf("git archive %s: %w", commit, errors.Join(err, extract.Wait()))
	}
	if err := extract.Wait(); err != nil {
		return "", fmt.Errorf("extract %s: %w", commit, err)
	}
	bin := filepath.Join(dir, "leitstand")
	cmd := exec.Command("go", "build", "-o", bin, "./server/cmd/leitstand")
	cmd.Dir, cmd.Stdout, cmd.Stderr = src, os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build %s: %w", commit, err)
	}
	return bin, nil
}

// serveDemo runs "leitstand serve --demo" as make run does, which seeds the
// demo data and runs every job once before it listens, waits until it is
// ready and stops it as an orchestrator would.
func serveDemo(ctx context.Context, bin string, args ...string) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	var log bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--demo", "--listen", addr,
		"--secret-key", FixtureSecretKey, "--shutdown-drain", "0s", "--log-level", "warn"}, args...)...)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(2 * time.Minute)
	for ready := false; !ready; {
		select {
		case err := <-exited:
			return fmt.Errorf("leitstand serve ended before it was ready: %v\n%s", err, log.String())
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			return fmt.Errorf("leitstand serve not ready after 2 minutes\n%s", log.String())
		case <-time.After(200 * time.Millisecond):
			if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
				res.Body.Close()
				ready = res.StatusCode == http.StatusOK
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	if err := <-exited; err != nil {
		return fmt.Errorf("leitstand serve: %w\n%s", err, log.String())
	}
	return nil
}

// metricsKept is how many rows of each metrics table the fixtures keep.
const metricsKept = 300

// trim deletes all but the first metricsKept rows of the metrics tables.
func trim(ctx context.Context, driver, dsn string) error {
	conn, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, table := range []string{"server_metrics", "container_metrics"} {
		stmt := fmt.Sprintf(`DELETE FROM %[1]s WHERE id NOT IN (SELECT id FROM %[1]s ORDER BY id LIMIT %d)`, table, metricsKept)
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("trim %s: %w", table, err)
		}
	}
	return nil
}

// compact folds the write-ahead log into the SQLite file and switches the
// file to rollback journaling, so the file alone is the whole database.
func compact(ctx context.Context, file string) error {
	conn, err := sql.Open(db.SQLiteDriverName, db.SQLiteDSN(file))
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, stmt := range []string{`PRAGMA wal_checkpoint(TRUNCATE)`, `PRAGMA journal_mode = DELETE`, `VACUUM`} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// pgDump dumps the database as plain SQL that runs through a database
// driver: rows as INSERT statements (not COPY from standard input), no
// owners or grants, and without psql's meta-commands (\restrict, which
// pg_dump writes since 17.6, 16.10, 15.14, …).
func pgDump(ctx context.Context, dsn string) ([]byte, error) {
	pgDump, err := testdb.Program("pg_dump")
	if err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, pgDump, "--no-owner", "--no-privileges", "--inserts", "--rows-per-insert=100", "--dbname", dsn)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pg_dump: %w\n%s", err, stderr.String())
	}
	var b bytes.Buffer
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, `\restrict `) && !strings.HasPrefix(line, `\unrestrict `) {
			b.Write(sc.Bytes())
			b.WriteByte('\n')
		}
	}
	return b.Bytes(), sc.Err()
}

func writeGzip(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return errors.Join(err, f.Close())
	}
	_, err = io.Copy(zw, bytes.NewReader(b))
	return errors.Join(err, zw.Close(), f.Close())
}
