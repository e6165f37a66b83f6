package db_test

import (
	"database/sql"
	"fmt"
	"sync"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func openPool(t *testing.T, d testdb.Dialect, conns int) *sql.DB {
	t.Helper()
	driver, dsn := testdb.New(t, d)
	pool, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	pool.SetMaxOpenConns(conns)
	t.Cleanup(func() { pool.Close() })
	// The first connection turns a new SQLite file to WAL, which takes an
	// exclusive lock that SQLite refuses (SQLITE_BUSY, no busy wait) while
	// another connection opens: open one before the pool opens several,
	// as the server does when it migrates before serving.
	if err := pool.PingContext(t.Context()); err != nil {
		t.Fatal(err)
	}
	return pool
}

// More distinct statements than the cache holds, from many goroutines at
// once: every answer is right, though statements are closed under callers'
// feet, and the cache stays within its bound.
func TestStatementsBoundedUnderConcurrency(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		pool := openPool(t, d, 4)
		stmts := db.NewStatements(pool, 3)
		defer stmts.Close()
		placeholder := "$1"
		if d == testdb.SQLite {
			placeholder = "?"
		}
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 16 {
			wg.Go(func() {
				for i := range 40 {
					k := (g + i) % 10
					var got int
					rows, err := stmts.QueryContext(t.Context(), fmt.Sprintf("SELECT %s + %d", placeholder, k), 100)
					if err == nil {
						for rows.Next() {
							err = rows.Scan(&got)
						}
						rows.Close()
					}
					if err != nil {
						errs <- err
						return
					}
					if got != 100+k {
						errs <- fmt.Errorf("SELECT 100 + %d = %d", k, got)
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := stmts.Len(); n > 3 {
			t.Errorf("%d statements prepared, want at most 3", n)
		}
	})
}

// On Postgres the statement really is prepared on the server, once, and
// used again rather than parsed again.
func TestStatementsArePreparedOnPostgres(t *testing.T) {
	pool := openPool(t, testdb.Postgres, 1)
	stmts := db.NewStatements(pool, 8)
	defer stmts.Close()
	for range 3 {
		if _, err := stmts.ExecContext(t.Context(), "SELECT $1::int", 7); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := pool.QueryRowContext(t.Context(),
		`SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d server-side statements for the text, want 1", n)
	}
}
