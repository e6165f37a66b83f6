// Package changes records what each change writes, so that cached answers
// are dropped only when a change touched what they were read from.
//
// Every change runs in audit.Writer.Change, which moves the audit chain's
// head — the data version — in the change's own transaction. While that
// transaction is open, a hook on every mutation collects the types of the
// rows written, their ids and the ids they refer to; the audit writer stores
// the set as a data_changes row under the new version, in the same
// transaction. A replica that sees the version move reads the rows since the
// version it had (one statement, shared by every request that notices) and
// drops the cached answers that depend on any of them (see Feed and
// readcache). Nothing depends on one replica knowing what another wrote.
package changes

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"entgo.io/ent"
	"github.com/google/uuid"

	entc "github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/datachange"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Set is what one change wrote.
type Set struct {
	// Types are the types of the rows written (ent.TypeOrganization, …).
	Types map[string]struct{}
	// Bulk are the types some rows of which were written without their ids
	// being known: a cached answer that read any row of them is dropped.
	Bulk map[string]struct{}
	// IDs are the ids of the rows written and the ids they refer to (the
	// organization a new membership belongs to, a workspace's old and new
	// admin). Ids are UUIDs, unique across tables, so they need no type.
	IDs map[uuid.UUID]struct{}
}

// maxIDs bounds the ids one change lists: beyond it, the type counts as
// written in bulk.
const maxIDs = 1000

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{Types: map[string]struct{}{}, Bulk: map[string]struct{}{}, IDs: map[uuid.UUID]struct{}{}}
}

// Empty reports whether nothing was written.
func (s *Set) Empty() bool { return len(s.Types) == 0 && len(s.Bulk) == 0 }

func (s *Set) add(typ string, ids ...uuid.UUID) {
	s.Types[typ] = struct{}{}
	if len(s.IDs)+len(ids) > maxIDs {
		s.Bulk[typ] = struct{}{}
		return
	}
	for _, id := range ids {
		if id != uuid.Nil {
			s.IDs[id] = struct{}{}
		}
	}
}

// Merge adds o's contents to s.
func (s *Set) Merge(o *Set) {
	for t := range o.Types {
		s.Types[t] = struct{}{}
	}
	for t := range o.Bulk {
		s.Bulk[t] = struct{}{}
	}
	for id := range o.IDs {
		s.IDs[id] = struct{}{}
	}
}

// Encode returns the set as the data_changes row stores it.
func (s *Set) Encode() (types, bulk, ids string) {
	ts, bs := keys(s.Types), keys(s.Bulk)
	is := make([]string, 0, len(s.IDs))
	for id := range s.IDs {
		is = append(is, id.String())
	}
	slices.Sort(is)
	return strings.Join(ts, " "), strings.Join(bs, " "), strings.Join(is, " ")
}

// Decode reads a set stored by Encode. An id that does not parse makes its
// row's types count as written in bulk: dropping too much is safe.
func Decode(types, bulk, ids string) *Set {
	s := NewSet()
	for _, t := range strings.Fields(types) {
		s.Types[t] = struct{}{}
	}
	for _, t := range strings.Fields(bulk) {
		s.Bulk[t] = struct{}{}
	}
	for _, v := range strings.Fields(ids) {
		id, err := uuid.Parse(v)
		if err != nil {
			for t := range s.Types {
				s.Bulk[t] = struct{}{}
			}
			continue
		}
		s.IDs[id] = struct{}{}
	}
	return s
}

func keys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Collecting: the sets of the transactions the audit writer opened.

type collector struct {
	mu  sync.Mutex
	set *Set
}

var (
	open sync.Map // transaction (txKey) → *collector
	// tracking counts the entries of open, so that the mutations of the
	// many transactions nobody tracks (the sync's) skip the look-up.
	tracking atomic.Int64
)

// Track starts collecting what tx writes. Forget ends it.
func Track(tx *entc.Tx) {
	if k, ok := txKey(tx); ok {
		if _, loaded := open.Swap(k, &collector{set: NewSet()}); !loaded {
			tracking.Add(1)
		}
	}
}

// Forget stops collecting for tx and returns what it wrote.
func Forget(tx *entc.Tx) *Set {
	k, ok := txKey(tx)
	if !ok {
		return NewSet()
	}
	v, ok := open.LoadAndDelete(k)
	if !ok {
		return NewSet()
	}
	tracking.Add(-1)
	c := v.(*collector)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.set
}

// Note adds rows of typ with ids to what tx writes: for a statement made
// in SQL, which the hook does not see.
func Note(tx *entc.Tx, typ string, ids ...uuid.UUID) {
	k, ok := txKey(tx)
	if !ok {
		return
	}
	v, ok := open.Load(k)
	if !ok {
		return
	}
	c := v.(*collector)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.set.add(typ, ids...)
}

// txKey identifies the transaction that a *entc.Tx or a generated mutation
// runs in: the transaction driver their configuration shares. ent keeps it
// unexported, and a mutation's Tx() builds a new *entc.Tx on every call, so
// the driver's address is the one thing both have in common.
// TestHookCollectsInTheTrackedTransactionOnly fails if ent's generated
// code stops carrying it.
func txKey(v any) (uintptr, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return 0, false
	}
	// Where the field is, by type, found once: every mutation asks.
	var path []int
	if p, ok := driverField.Load(rv.Type()); ok {
		path = p.([]int)
	} else {
		if sf, ok := rv.Type().FieldByName("driver"); ok {
			path = sf.Index
		}
		driverField.Store(rv.Type(), path)
	}
	if path == nil {
		return 0, false
	}
	f := rv.FieldByIndex(path)
	if f.Kind() != reflect.Interface || f.IsNil() || f.Elem().Kind() != reflect.Pointer {
		return 0, false
	}
	return f.Elem().Pointer(), true
}

// driverField holds, by type, the index path of its driver field (nil:
// it has none).
var driverField sync.Map

// The generated mutations offer these beyond ent.Mutation.
type (
	oneID   interface{ ID() (uuid.UUID, bool) }
	bulkIDs interface {
		IDs(context.Context) ([]uuid.UUID, error)
	}
	oldField interface {
		OldField(context.Context, string) (ent.Value, error)
	}
)

// Hook collects, for the transactions being tracked, what every mutation
// writes. It is installed on the client once, for every type, so that a new
// table needs nothing to take part. Outside a tracked transaction it only
// looks the transaction up.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			c := collecting(m)
			if c == nil {
				return next.Mutate(ctx, m)
			}
			set := NewSet()
			before(ctx, m, set)
			v, err := next.Mutate(ctx, m)
			after(m, set)
			c.mu.Lock()
			c.set.Merge(set)
			c.mu.Unlock()
			return v, err
		})
	}
}

func collecting(m ent.Mutation) *collector {
	if tracking.Load() == 0 {
		return nil
	}
	k, ok := txKey(m)
	if !ok {
		return nil
	}
	if v, ok := open.Load(k); ok {
		return v.(*collector)
	}
	return nil
}

// before notes what only the database knows before the write: which rows a
// bulk update or delete reaches, and the ids a single row referred to
// before an update changed them (a workspace's previous admin).
func before(ctx context.Context, m ent.Mutation, set *Set) {
	typ := m.Type()
	switch {
	case m.Op().Is(ent.OpUpdate | ent.OpDelete):
		b, ok := m.(bulkIDs)
		if !ok {
			set.Bulk[typ] = struct{}{}
			set.Types[typ] = struct{}{}
			return
		}
		ids, err := b.IDs(ctx)
		if err != nil || len(ids) > maxIDs {
			set.Bulk[typ] = struct{}{}
		}
		set.add(typ, ids...)
	case m.Op().Is(ent.OpUpdateOne):
		// Only ids matter: the old value of a field that now gets an id
		// (or is cleared) is read, once, from the row being updated.
		o, ok := m.(oldField)
		if !ok {
			return
		}
		for _, f := range m.Fields() {
			if v, _ := m.Field(f); len(uuids(v)) == 0 {
				continue
			}
			if v, err := o.OldField(ctx, f); err == nil {
				set.add(typ, uuids(v)...)
			}
		}
		for _, f := range m.ClearedFields() {
			if v, err := o.OldField(ctx, f); err == nil {
				set.add(typ, uuids(v)...)
			}
		}
	}
}

// after notes the row's own id (known after a create) and the ids the
// mutation sets or links.
func after(m ent.Mutation, set *Set) {
	typ := m.Type()
	set.Types[typ] = struct{}{}
	if o, ok := m.(oneID); ok {
		if id, ok := o.ID(); ok {
			set.add(typ, id)
		}
	}
	for _, f := range m.Fields() {
		if v, ok := m.Field(f); ok {
			set.add(typ, uuids(v)...)
		}
	}
	for _, e := range m.AddedEdges() {
		for _, v := range m.AddedIDs(e) {
			set.add(typ, uuids(v)...)
		}
	}
	for _, e := range m.RemovedEdges() {
		for _, v := range m.RemovedIDs(e) {
			set.add(typ, uuids(v)...)
		}
	}
}

func uuids(v ent.Value) []uuid.UUID {
	switch x := v.(type) {
	case uuid.UUID:
		return []uuid.UUID{x}
	case *uuid.UUID:
		if x != nil {
			return []uuid.UUID{*x}
		}
	case []uuid.UUID:
		return x
	}
	return nil
}

// Record stores set, what tx wrote (Forget's answer), under version, the
// audit sequence the change moved the head to from prev, in tx. Every so
// many versions it prunes the rows no replica reads any more (see Keep).
func Record(ctx context.Context, tx *entc.Tx, prev, version int64, set *Set) error {
	ctx = tenancy.Unscoped(ctx)
	if !set.Empty() {
		types, bulk, ids := set.Encode()
		if err := tx.DataChange.Create().SetID(version).SetTypes(types).SetBulkTypes(bulk).SetIds(ids).Exec(ctx); err != nil {
			return fmt.Errorf("record data change: %w", err)
		}
	}
	if pruneDue(prev, version) && version > Keep {
		if _, err := tx.DataChange.Delete().Where(datachange.IDLTE(version - Keep)).Exec(ctx); err != nil {
			return fmt.Errorf("prune data changes: %w", err)
		}
	}
	return nil
}

// pruneEvery is how often (in versions) Record prunes.
const pruneEvery = 1000

// pruneDue reports whether a change that moved the head from prev to version
// passed a multiple of pruneEvery: a change of several events moves it by
// more than one, and may step over the multiple itself.
func pruneDue(prev, version int64) bool { return prev/pruneEvery != version/pruneEvery }

// ReadFrom returns the Reader of client's data_changes.
func ReadFrom(client *entc.Client) Reader {
	return func(ctx context.Context, from, to int64) ([]Change, error) {
		rows, err := client.DataChange.Query().
			Where(datachange.IDGT(from), datachange.IDLTE(to)).
			Order(datachange.ByID()).All(tenancy.Unscoped(ctx))
		if err != nil {
			return nil, err
		}
		out := make([]Change, len(rows))
		for i, r := range rows {
			out[i] = Change{Version: r.ID, Set: Decode(r.Types, r.BulkTypes, r.Ids)}
		}
		return out, nil
	}
}
