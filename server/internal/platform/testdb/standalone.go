package testdb

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"
)

// Standalone is an empty PostgreSQL database outside of any test, for the
// development programs that need a throwaway one: the migration generator
// replays and diffs the schema in one, the upgrade fixtures are made in one.
// It is made where the tests make theirs: on the server TEST_DATABASE_URL
// names, or in a cluster started for it alone.
type Standalone struct {
	// DSN connects to the database.
	DSN string
	// Version is the server's version, e.g. "15.18".
	Version string

	s    *server
	name string
}

// NewStandalone creates the database, starting a cluster if needed. Close
// drops it and stops the cluster.
func NewStandalone(ctx context.Context) (*Standalone, error) {
	s, err := openServer()
	if err != nil {
		return nil, err
	}
	p := &Standalone{s: s}
	if p.name, err = databaseName(); err != nil {
		return nil, errors.Join(err, p.shutdown())
	}
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+p.name+" TEMPLATE template0"+s.createOptions); err != nil {
		return nil, errors.Join(fmt.Errorf("creating database %s: %w", p.name, err), p.shutdown())
	}
	if err := s.admin.QueryRowContext(ctx, "SHOW server_version").Scan(&p.Version); err != nil {
		return nil, errors.Join(err, p.Close())
	}
	p.DSN = s.dsnFor(p.name)
	return p, nil
}

// Close drops the database and stops the cluster, if one was started.
func (p *Standalone) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := p.s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+p.name+" WITH (FORCE)")
	return errors.Join(err, p.shutdown())
}

func (p *Standalone) shutdown() error {
	err := p.s.admin.Close()
	if p.s.cluster != nil {
		err = errors.Join(err, p.s.cluster.stop())
	}
	return err
}

// Program returns the path of a PostgreSQL program such as pg_dump: the one
// beside the server binaries the clusters are started with, else the one on
// PATH.
func Program(name string) (string, error) {
	if dir, err := findPostgres(); err == nil {
		if p := filepath.Join(dir, name); isExecutable(p) {
			return p, nil
		}
	}
	return exec.LookPath(name)
}
