package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// On SQLite, transactions take turns in the process: the next begins as
// soon as the last one ends — whether it commits, rolls back or its context
// ends without either — and one that cannot wait any longer gives up with
// its context instead of meeting SQLite's busy lock.
func TestSQLiteTransactionsTakeTurns(t *testing.T) {
	t.Parallel()
	driver, dsn := testdb.NewSQLite(t)
	d, err := db.OpenDSN(t.Context(), driver, dsn, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	first, err := d.Client.Tx(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := d.Client.Tx(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second transaction while the first runs: %v, want it to wait until its deadline", err)
	}
	next := make(chan error, 1)
	go func() {
		tx, err := d.Client.Tx(t.Context())
		if err == nil {
			err = tx.Rollback()
		}
		next <- err
	}()
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-next; err != nil {
		t.Fatalf("the transaction waiting its turn: %v", err)
	}

	// A transaction whose context ends, never committed nor rolled back,
	// gives the turn back.
	abandoned, stop := context.WithCancel(t.Context())
	if _, err := d.Client.Tx(abandoned); err != nil {
		t.Fatal(err)
	}
	stop()
	tx, err := d.Client.Tx(t.Context())
	if err != nil {
		t.Fatalf("after an abandoned transaction: %v", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
}
