package main

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/migrations"
)

func TestSeedThenVerifyTheAuditTrail(t *testing.T) {
	dir := t.TempDir()
	ctx := t.Context()
	if err := run(ctx, []string{"seed", "--demo", "--data-dir", dir, "--log-level", "warn"}); err != nil {
		t.Fatalf("seed --demo: %v", err)
	}
	if err := run(ctx, []string{"seed", "--demo", "--data-dir", dir}); err == nil {
		t.Error("a second demo seed into a filled database was accepted")
	}
	if err := run(ctx, []string{"audit", "verify", "--data-dir", dir}); err != nil {
		t.Fatalf("verify an intact trail: %v", err)
	}
	conn, err := sql.Open(db.SQLiteDriverName, db.SQLiteDSN(filepath.Join(dir, db.SQLiteFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `UPDATE audit_events SET reason = 'nothing to see' WHERE sequence = 3`); err != nil {
		t.Fatal(err)
	}
	err = run(ctx, []string{"audit", "verify", "--data-dir", dir})
	if err == nil || !strings.Contains(err.Error(), "event 3") {
		t.Fatalf("verify an edited trail: %v, want a failure naming event 3", err)
	}
}

func TestCreateOwnerRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("LEITSTAND_OWNER_PASSWORD", "short")
	err := run(t.Context(), []string{"admin", "create-owner", "--email", "boss@example.com", "--data-dir", dir})
	if err == nil || !strings.Contains(err.Error(), "12 characters") {
		t.Fatalf("short password: %v", err)
	}
	t.Setenv("LEITSTAND_OWNER_PASSWORD", "a long enough passphrase")
	if err := run(t.Context(), []string{"admin", "create-owner", "--email", "boss@example.com", "--data-dir", dir}); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), []string{"admin", "create-owner", "--email", "boss@example.com", "--data-dir", dir}); err == nil {
		t.Error("a second owner with the same e-mail was created")
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--listen", addr, "--data-dir", t.TempDir(), "--log-level", "warn", "--shutdown-drain", "2s"})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel() // as SIGTERM does
	// While it drains the server is unready but still answers.
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			t.Fatalf("the server stopped answering before it drained: %v", err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server never reported unready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if res, err := http.Get("http://" + addr + "/healthz"); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("while draining: %v", err)
	} else {
		res.Body.Close()
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v after shutdown", err)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestJobsRunFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	ctx := t.Context()
	if err := run(ctx, []string{"jobs", "run", "session-cleanup", "--data-dir", dir, "--log-level", "warn"}); err != nil {
		t.Fatalf("jobs run session-cleanup: %v", err)
	}
	if err := run(ctx, []string{"jobs", "run", "--data-dir", dir, "--log-level", "warn", "audit-verification"}); err != nil {
		t.Fatalf("jobs run with the name after the flags: %v", err)
	}
	if err := run(ctx, []string{"jobs", "run", "billing", "--data-dir", dir}); err == nil || !strings.Contains(err.Error(), "billing") {
		t.Errorf("an unknown job: %v", err)
	}
	if err := run(ctx, []string{"jobs", "run", "--data-dir", dir}); err == nil {
		t.Error("jobs run without a name was accepted")
	}
	conn, err := sql.Open(db.SQLiteDriverName, db.SQLiteDSN(filepath.Join(dir, db.SQLiteFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM job_runs WHERE outcome = 'SUCCEEDED' AND "trigger" = 'MANUAL'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d recorded manual runs (%v), want 2", n, err)
	}
	if err := run(ctx, []string{"jobs", "list", "--data-dir", dir}); err != nil {
		t.Errorf("jobs list: %v", err)
	}
	t.Setenv("LEITSTAND_JOBS", "sometimes")
	if err := run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--data-dir", dir}); err == nil || !strings.Contains(err.Error(), "on or off") {
		t.Errorf("serve with LEITSTAND_JOBS=sometimes: %v", err)
	}
}

func TestMigrateReportsTheVersion(t *testing.T) {
	dir := t.TempDir()
	ctx := t.Context()
	own, err := migrations.Dir(dialect.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	files, err := own.Files()
	if err != nil {
		t.Fatal(err)
	}
	latest := files[len(files)-1].Version()

	out, err := stdout(t, func() error { return run(ctx, []string{"migrate", "--status", "--data-dir", dir}) })
	if err != nil || !strings.Contains(out, "pending:        "+files[0].Version()) {
		t.Errorf("migrate --status on an empty database: %v\n%s", err, out)
	}
	out, err = stdout(t, func() error { return run(ctx, []string{"migrate", "--data-dir", dir, "--log-level", "warn"}) })
	if err != nil || !strings.Contains(out, "applied "+files[0].Version()) || !strings.Contains(out, "schema is at version "+latest) {
		t.Errorf("migrate: %v\n%s", err, out)
	}
	out, err = stdout(t, func() error { return run(ctx, []string{"migrate", "--data-dir", dir}) })
	if err != nil || strings.Contains(out, "applied") || !strings.Contains(out, "schema is at version "+latest) {
		t.Errorf("migrate again: %v\n%s", err, out)
	}
	out, err = stdout(t, func() error { return run(ctx, []string{"migrate", "--status", "--data-dir", dir}) })
	if err != nil || !strings.Contains(out, "schema version: "+latest) || !strings.Contains(out, "pending:        none") {
		t.Errorf("migrate --status after migrating: %v\n%s", err, out)
	}

	// A newer Leitstand migrated the database: this one refuses to serve it.
	conn, err := sql.Open(db.SQLiteDriverName, db.SQLiteDSN(filepath.Join(dir, db.SQLiteFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `INSERT INTO `+db.RevisionTable+` (version, description, baseline) VALUES ('29991231000000', 'from_the_future', false)`); err != nil {
		t.Fatal(err)
	}
	err = run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--data-dir", dir, "--log-level", "warn"})
	if !errors.Is(err, db.ErrNewerSchema) || !strings.Contains(err.Error(), "29991231000000") || !strings.Contains(err.Error(), latest) {
		t.Errorf("serve on a newer database: %v, want a refusal naming 29991231000000 and %s", err, latest)
	}
}

// stdout returns what fn prints to standard output.
func stdout(t *testing.T, fn func() error) (string, error) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	err = fn()
	os.Stdout = saved
	w.Close()
	out, _ := io.ReadAll(r)
	r.Close()
	return string(out), err
}
