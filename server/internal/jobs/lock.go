package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"sync"
	"time"
)

// Locker hands out one lock per job name. Holding it means running the job:
// no other replica or goroutine runs that job meanwhile.
type Locker interface {
	// TryLock takes the job's lock without waiting; ok is false when
	// someone else holds it.
	TryLock(ctx context.Context, job string) (lock Lock, ok bool, err error)
}

// Lock is a held job lock.
type Lock interface {
	// Lost is closed when the lock is gone without Unlock (the database
	// connection holding it died), so the run must stop.
	Lost() <-chan struct{}
	Unlock()
}

// PostgresLocker takes transaction-scoped advisory locks
// (pg_try_advisory_xact_lock) on a connection of its own per run. The lock
// lives exactly as long as that transaction: Unlock ends it, and if the
// replica dies or its connection is cut, Postgres ends it and another
// replica can take over.
type PostgresLocker struct {
	DB *sql.DB
	// KeepAlive is how often a held lock's connection is checked, so a
	// replica notices it lost the lock and stops its run (default 5 s).
	KeepAlive time.Duration
}

// lockKey maps a job name to the advisory lock's 64-bit key.
func lockKey(job string) int64 {
	h := fnv.New64a()
	h.Write([]byte("leitstand/job/" + job))
	return int64(h.Sum64())
}

// TryLock implements Locker.
func (l PostgresLocker) TryLock(ctx context.Context, job string) (Lock, bool, error) {
	conn, err := l.DB.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("lock %s: %w", job, err)
	}
	// The transaction must outlive the caller's context, which may be a
	// request's: it ends with Unlock.
	tx, err := conn.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		conn.Close()
		return nil, false, fmt.Errorf("lock %s: %w", job, err)
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, "SELECT pg_try_advisory_xact_lock($1)", lockKey(job)).Scan(&ok); err != nil || !ok {
		tx.Rollback() //nolint:errcheck
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("lock %s: %w", job, err)
		}
		return nil, false, nil
	}
	every := l.KeepAlive
	if every <= 0 {
		every = 5 * time.Second
	}
	pl := &pgLock{conn: conn, tx: tx, lost: make(chan struct{}), stop: make(chan struct{}), done: make(chan struct{})}
	go pl.watch(every)
	return pl, true, nil
}

type pgLock struct {
	conn *sql.Conn
	tx   *sql.Tx
	lost chan struct{}
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// pingPatience is how long a keep-alive waits for its answer. A slow
// answer from a busy database is not a lost lock: giving up on it would
// stop a run whose lock is still held and leave it to a replica that
// cannot take it.
const pingPatience = 5 * time.Second

// watch pings the lock's transaction; the first failure means the
// connection and with it the lock are gone.
func (l *pgLock) watch(every time.Duration) {
	defer close(l.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), max(every, pingPatience))
			_, err := l.tx.ExecContext(ctx, "SELECT 1")
			cancel()
			if err != nil {
				close(l.lost)
				return
			}
		}
	}
}

func (l *pgLock) Lost() <-chan struct{} { return l.lost }

func (l *pgLock) Unlock() {
	l.once.Do(func() {
		close(l.stop)
		<-l.done
		l.tx.Rollback() //nolint:errcheck // nothing was written in it
		l.conn.Close()
	})
}

// LocalLocker locks within the process: enough for SQLite, which is served
// by one process.
type LocalLocker struct {
	mu   sync.Mutex
	held map[string]bool
}

// NewLocalLocker returns a LocalLocker.
func NewLocalLocker() *LocalLocker { return &LocalLocker{held: map[string]bool{}} }

// TryLock implements Locker.
func (l *LocalLocker) TryLock(_ context.Context, job string) (Lock, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held[job] {
		return nil, false, nil
	}
	l.held[job] = true
	return &localLock{l: l, job: job}, true, nil
}

type localLock struct {
	l    *LocalLocker
	job  string
	once sync.Once
}

// never is a channel that is never closed: a local lock cannot be lost.
var never = make(chan struct{})

func (l *localLock) Lost() <-chan struct{} { return never }

func (l *localLock) Unlock() {
	l.once.Do(func() {
		l.l.mu.Lock()
		delete(l.l.held, l.job)
		l.l.mu.Unlock()
	})
}
