package db

import (
	"context"
	"fmt"
	"sync"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"
)

// migrationLockKey is the Postgres advisory lock that keeps replicas started
// together from migrating at once.
const migrationLockKey = 0x6c656974_6d696772 // "leitmigr"

// migrateMu serialises migrations within a process: ent's migration
// engine prepares the package-level table definitions in place, so two
// databases migrated at once (tests in parallel) would race on them.
var migrateMu sync.Mutex

// Migrate brings the schema up to date. It only adds: tables, columns and
// indexes are created, nothing is dropped, so an upgrade keeps every row.
func (d *DB) Migrate(ctx context.Context) error {
	migrateMu.Lock()
	defer migrateMu.Unlock()
	if d.Dialect == dialect.Postgres {
		conn, err := d.SQL.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
			return fmt.Errorf("take migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey) //nolint:errcheck
	}
	if err := d.Client.Schema.Create(ctx,
		schema.WithDropColumn(false),
		schema.WithDropIndex(false),
	); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}
