package db

import (
	"container/list"
	"context"
	"database/sql"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// Statements runs queries outside transactions as prepared statements,
// prepared once per query text and connection. Without it, lib/pq parses and
// plans every statement that has arguments, in a round trip of its own before
// the one that runs it; the reads behind every request (the credential, an
// organization's details) then cost twice the round trips and a plan each.
//
// The cache is bounded: ent writes IN lists with one placeholder per value,
// so the number of distinct texts is open-ended. The least recently used
// statement is closed when a new one needs its place and nobody is using it.
type Statements struct {
	pool *sql.DB
	max  int

	mu    sync.Mutex
	byKey map[string]*list.Element
	order *list.List // front: most recently used; values are *cached
}

type cached struct {
	query string
	stmt  *sql.Stmt
	// users counts callers between acquire and release; an evicted
	// statement is closed when the last of them is done.
	users   int
	evicted bool
}

// DefaultStatementCache is how many distinct statements stay prepared.
const DefaultStatementCache = 256

// NewStatements returns a cache of at most max prepared statements on pool.
func NewStatements(pool *sql.DB, max int) *Statements {
	if max <= 0 {
		max = DefaultStatementCache
	}
	return &Statements{pool: pool, max: max, byKey: map[string]*list.Element{}, order: list.New()}
}

// QueryContext runs query as a prepared statement.
func (s *Statements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c, err := s.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	defer s.release(c)
	return c.stmt.QueryContext(ctx, args...)
}

// ExecContext runs query as a prepared statement.
func (s *Statements) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c, err := s.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	defer s.release(c)
	return c.stmt.ExecContext(ctx, args...)
}

// Len is the number of statements prepared now.
func (s *Statements) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}

// acquire returns the statement for query, preparing it if needed, and
// keeps it open until release.
func (s *Statements) acquire(ctx context.Context, query string) (*cached, error) {
	s.mu.Lock()
	if e, ok := s.byKey[query]; ok {
		s.order.MoveToFront(e)
		c := e.Value.(*cached)
		c.users++
		s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()

	// Prepared outside the lock: it is a round trip. Two callers racing on a
	// new text both prepare it; the second keeps the first's.
	st, err := s.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byKey[query]; ok {
		st.Close()
		s.order.MoveToFront(e)
		c := e.Value.(*cached)
		c.users++
		return c, nil
	}
	c := &cached{query: query, stmt: st, users: 1}
	s.byKey[query] = s.order.PushFront(c)
	for s.order.Len() > s.max {
		last := s.order.Back()
		old := last.Value.(*cached)
		s.order.Remove(last)
		delete(s.byKey, old.query)
		old.evicted = true
		if old.users == 0 {
			old.stmt.Close()
		}
	}
	return c, nil
}

// release ends a use of c. Rows still reading from the statement keep it
// alive by themselves: database/sql closes it for good when they are done.
func (s *Statements) release(c *cached) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.users--
	if c.evicted && c.users == 0 {
		c.stmt.Close()
	}
}

// Close closes every prepared statement.
func (s *Statements) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for e := s.order.Front(); e != nil; e = e.Next() {
		c := e.Value.(*cached)
		c.evicted = true
		if c.users == 0 {
			c.stmt.Close()
		}
	}
	s.order.Init()
	s.byKey = map[string]*list.Element{}
}

// preparedDriver is ent's driver with its statements outside transactions
// run through Statements. Transactions keep ent's own path: their statements
// run on one connection and mostly once.
type preparedDriver struct {
	*entsql.Driver
	conn entsql.Conn
	// writer, on SQLite, is held by the transaction that writes: SQLite
	// lets one connection write at a time, and a transaction that finds
	// the write lock taken sleeps in SQLite's busy handler, in steps of up
	// to 100 ms, however soon the lock is free again. Queued here instead,
	// the next transaction starts the moment the last one ends.
	writer chan struct{}
}

func newPreparedDriver(dialectName string, pool *sql.DB, stmts *Statements) dialect.Driver {
	d := &preparedDriver{Driver: entsql.OpenDB(dialectName, pool), conn: entsql.Conn{ExecQuerier: unprepared{stmts}}}
	if dialectName == dialect.SQLite {
		d.writer = make(chan struct{}, 1)
	}
	return d
}

// Tx starts a transaction; on SQLite, after the one writing before it has
// ended (every transaction there begins IMMEDIATE, taking the write lock),
// but for a read-only one, which begins DEFERRED and reads a snapshot
// alongside the writer.
func (d *preparedDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	return d.BeginTx(ctx, nil)
}

// BeginTx is Tx with options.
func (d *preparedDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	if d.writer == nil || opts != nil && opts.ReadOnly {
		return d.Driver.BeginTx(ctx, opts)
	}
	select {
	case d.writer <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	tx, err := d.Driver.BeginTx(ctx, opts)
	if err != nil {
		<-d.writer
		return nil, err
	}
	release := sync.OnceFunc(func() { <-d.writer })
	// database/sql rolls a transaction back when its context ends; the
	// turn ends with it.
	stop := context.AfterFunc(ctx, release)
	return &writerTx{Tx: tx, release: func() { stop(); release() }}, nil
}

// writerTx gives the writer's turn back when it ends, however it ends.
type writerTx struct {
	dialect.Tx
	release func()
}

func (t *writerTx) Commit() error {
	defer t.release()
	return t.Tx.Commit()
}

func (t *writerTx) Rollback() error {
	defer t.release()
	return t.Tx.Rollback()
}

// ExecContext serves the raw statements a change makes in SQL (a batch
// update by CASE), as the transaction it wraps does.
func (t *writerTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.Tx.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	}).ExecContext(ctx, query, args...)
}

func (d *preparedDriver) Query(ctx context.Context, query string, args, v any) error {
	return d.conn.Query(ctx, query, args, v)
}

func (d *preparedDriver) Exec(ctx context.Context, query string, args, v any) error {
	return d.conn.Exec(ctx, query, args, v)
}

// unprepared sends statements without arguments (schema changes, which may
// hold several statements in one text) to the pool as they are: lib/pq runs
// them in one round trip already.
type unprepared struct{ s *Statements }

func (u unprepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if len(args) == 0 {
		return u.s.pool.QueryContext(ctx, query)
	}
	return u.s.QueryContext(ctx, query, args...)
}

func (u unprepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if len(args) == 0 {
		return u.s.pool.ExecContext(ctx, query)
	}
	return u.s.ExecContext(ctx, query, args...)
}
