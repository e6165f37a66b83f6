// Package audit writes and reads the audit trail. Every change records an
// event in the same transaction as the change itself; events form a hash
// chain so that an edited, deleted or reordered event is detected by Verify.
// The chain's hashes are HMACs under a key derived from the secret key, which
// the database does not hold: someone who can write the database can change
// an event, but cannot compute the hashes that would hide it.
package audit

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Outcome says whether the audited action took place.
type Outcome string

// The outcomes.
const (
	Succeeded Outcome = "SUCCEEDED"
	Denied    Outcome = "DENIED"
)

// Event is what a change reports about itself. Actor, role, time and request
// id are filled in from the context.
type Event struct {
	// Action defaults to the procedure of the request, e.g.
	// /leitstand.admin.v1.MemberService/SetPlatformRole.
	Action     string
	TargetType string
	TargetID   string
	Reason     string
	// Before and After are the object's state, encoded as JSON; nil means
	// none (a creation has no before, a removal no after).
	Before, After any
}

// Log collects the events of one transaction.
type Log struct {
	events []Event
	from   int64
}

// Version is the data version the change starts from: the sequence of the
// chain's head when the change took its lock. Nothing else is written
// until the change ends, so a reading taken at this version is current.
func (l *Log) Version() int64 { return l.from }

// Next is the data version the change commits as, with the events
// recorded so far: one step for each.
func (l *Log) Next() int64 { return l.from + int64(len(l.events)) }

// Record adds an event to be written when the transaction commits.
func (l *Log) Record(e Event) { l.events = append(l.events, e) }

// Writer appends to the audit chain.
type Writer struct {
	client *ent.Client
	clock  clock.Clock
	logger *slog.Logger
	key    []byte
	denied *deniedLimiter
	head   *prometheus.GaugeVec
}

// NewWriter returns a Writer whose chain is keyed with key (32 bytes,
// secrets.Box.Derive("audit-chain")).
func NewWriter(client *ent.Client, clk clock.Clock, logger *slog.Logger, key []byte) *Writer {
	w := &Writer{client: client, clock: clk, logger: logger, key: key}
	w.denied = newDeniedLimiter(w)
	w.head = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "leitstand_audit_chain_verified_head",
		Help: "The sequence of the audit chain's head at the last verification, labelled with its hash, so the chain's history is kept outside the database.",
	}, []string{"hash"})
	return w
}

// Collectors are the writer's metrics.
func (w *Writer) Collectors() []prometheus.Collector { return []prometheus.Collector{w.head} }

// headID is the id of the single row of audit_chain_heads.
const headID = 1

// Func is a change's function: what Change runs in its transaction. A
// domain hands one out for a caller to run in a change of its own (one
// that measures what it does, account.Measure).
type Func = func(tx *ent.Tx, log *Log) error

// Unchanged, returned by a change's function, ends the change without
// writing anything, and Change returns nil: what was asked for is already
// so (an update to the same values, retiring what is retired), and the
// trail records only changes.
var Unchanged = errors.New("audit: nothing to change")

// Change runs fn in a transaction and appends the events fn recorded to the
// audit chain in that same transaction. The transaction starts by locking
// the chain head, which serialises changes: a rule that reads before it
// writes (the last owner cannot be demoted) holds even under concurrency.
// When fn returns Unchanged, the transaction is rolled back and Change
// returns nil.
func (w *Writer) Change(ctx context.Context, fn func(tx *ent.Tx, log *Log) error) error {
	err := w.change(ctx, fn)
	if errors.Is(err, Unchanged) {
		return nil
	}
	return err
}

func (w *Writer) change(ctx context.Context, fn func(tx *ent.Tx, log *Log) error) error {
	return db.WithTx(ctx, w.client, func(tx *ent.Tx) error {
		head, err := lockHead(ctx, tx)
		if err != nil {
			return err
		}
		// What the change writes is recorded with it, for the caches.
		changes.Track(tx)
		defer changes.Forget(tx)
		log := Log{from: head.Sequence}
		if err := fn(tx, &log); err != nil {
			return err
		}
		if len(log.events) == 0 {
			return errors.New("audit: a change recorded no audit event")
		}
		return w.append(ctx, tx, head, log.events, Succeeded)
	})
}

// RecordDenied writes a refused attempt in a transaction of its own: the
// procedure as its target and where the call came from. A principal's
// denials beyond a few a minute are counted and written as one summary
// (deniedLimiter), so a caller hammering a forbidden procedure cannot
// flood the trail or serialise every other change behind its own. A
// failure to record is logged, not returned: the caller is refused anyway.
func (w *Writer) RecordDenied(ctx context.Context, procedure, reason string) {
	if !w.denied.allow(ctx, procedure) {
		return
	}
	w.writeDenied(ctx, Event{Action: procedure, TargetType: "procedure", TargetID: procedure, Reason: reason,
		After: deniedState(ctx)})
}

func (w *Writer) writeDenied(ctx context.Context, e Event) {
	err := db.WithTx(ctx, w.client, func(tx *ent.Tx) error {
		head, err := lockHead(ctx, tx)
		if err != nil {
			return err
		}
		return w.append(ctx, tx, head, []Event{e}, Denied)
	})
	if err != nil {
		w.logger.ErrorContext(ctx, "record denied attempt", "action", e.Action, "err", err)
	}
}

// deniedState is what a denied event keeps of the request: where it came
// from.
func deniedState(ctx context.Context) map[string]any {
	info := reqctx.From(ctx)
	st := map[string]any{}
	if info.RemoteAddr != "" {
		st["remote_addr"] = info.RemoteAddr
	}
	if info.UserAgent != "" {
		st["user_agent"] = info.UserAgent
	}
	return st
}

// Version is the data version c sees: the sequence of the chain's head
// (zero before the first change). Read first in a snapshot, it dates every
// later reading of that snapshot; see Log.Version.
func Version(ctx context.Context, c *ent.Client) (int64, error) {
	head, err := c.AuditChainHead.Get(tenancy.Unscoped(ctx), headID)
	switch {
	case ent.IsNotFound(err):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("data version: %w", err)
	}
	return head.Sequence, nil
}

// lockHead takes the chain's lock by touching its head row (a row lock on
// Postgres; SQLite transactions begin IMMEDIATE and hold the write lock
// anyway) and returns it, creating it on first use.
func lockHead(ctx context.Context, tx *ent.Tx) (*ent.AuditChainHead, error) {
	ctx = tenancy.Unscoped(ctx) // the trail is the platform's, whoever's change it records
	err := tx.AuditChainHead.UpdateOneID(headID).AddSequence(0).Exec(ctx)
	if ent.IsNotFound(err) {
		return tx.AuditChainHead.Create().SetID(headID).SetSequence(0).SetHash(make([]byte, sha256.Size)).SetKeyed(true).Save(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("lock audit chain: %w", err)
	}
	return tx.AuditChainHead.Get(ctx, headID)
}

func (w *Writer) append(ctx context.Context, tx *ent.Tx, head *ent.AuditChainHead, events []Event, outcome Outcome) error {
	// What the change wrote, without the trail's own rows.
	written := changes.Forget(tx)
	info := reqctx.From(ctx)
	actor := authz.ActorOf(ctx)
	ctx = tenancy.Unscoped(ctx)
	now := w.clock.Now()
	seq, prev := head.Sequence, head.Hash
	// One INSERT for many events: a billing run's change records hundreds.
	rows := make([]*ent.AuditEventCreate, 0, len(events))
	for _, e := range events {
		rec := record{Entry: Entry{
			ID:         uuid.Must(uuid.NewV7()),
			Sequence:   seq + 1,
			OccurTime:  now,
			Action:     e.Action,
			TargetType: e.TargetType,
			TargetID:   e.TargetID,
			Reason:     e.Reason,
			RequestID:  info.RequestID,
			Outcome:    outcome,
		}, PrevHash: prev}
		rec.Action = actionOf(ctx, e, info.Procedure)
		if !actor.Anonymous {
			rec.ActorEmail = actor.Email
			rec.ActorRole = string(actor.Role)
			rec.ActorID = actor.ID
		}
		var err error
		if rec.Before, err = encode(e.Before); err != nil {
			return err
		}
		if rec.After, err = encode(e.After); err != nil {
			return err
		}
		rec.Hash = rec.hash(w.key)
		rows = append(rows, tx.AuditEvent.Create().
			SetID(rec.ID).SetSequence(rec.Sequence).SetOccurTime(rec.OccurTime).
			SetNillableActorID(rec.ActorID).SetActorEmail(rec.ActorEmail).SetActorRole(rec.ActorRole).
			SetAction(rec.Action).SetTargetType(rec.TargetType).SetTargetID(rec.TargetID).
			SetReason(rec.Reason).SetBefore(rec.Before).SetAfter(rec.After).
			SetRequestID(rec.RequestID).SetOutcome(auditevent.Outcome(rec.Outcome)).
			SetPrevHash(rec.PrevHash).SetHash(rec.Hash))
		seq, prev = rec.Sequence, rec.Hash
	}
	for part := range slices.Chunk(rows, 500) {
		if err := tx.AuditEvent.CreateBulk(part...).Exec(ctx); err != nil {
			return fmt.Errorf("write audit events: %w", err)
		}
	}
	if err := tx.AuditChainHead.UpdateOneID(headID).SetSequence(seq).SetHash(prev).Exec(ctx); err != nil {
		return fmt.Errorf("advance audit chain: %w", err)
	}
	return changes.Record(ctx, tx, head.Sequence, seq, written)
}

func encode(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode audit state: %w", err)
	}
	return string(b), nil
}

// record is an event as hashed and stored.
type record struct {
	Entry
	PrevHash, Hash []byte
}

func fromEnt(e *ent.AuditEvent) record {
	return record{Entry: entryOf(e), PrevHash: e.PrevHash, Hash: e.Hash}
}

// actionOf is what an event says was done: the action the change names
// itself, else the procedure of the request, else the work that runs
// outside a request (WithAction: a job, the demo data, a command). Only a
// change made outside all three — code that skipped WithAction — falls
// back to naming its target's kind and whether it was created, changed or
// removed, so that no event is without an action.
func actionOf(ctx context.Context, e Event, procedure string) string {
	if e.Action != "" {
		return e.Action
	}
	if procedure != "" {
		return procedure
	}
	if a, _ := ctx.Value(actionKey{}).(string); a != "" {
		return a
	}
	verb := "update"
	switch {
	case e.Before == nil && e.After != nil:
		verb = "create"
	case e.Before != nil && e.After == nil:
		verb = "delete"
	}
	return "system." + cmp.Or(e.TargetType, "platform") + "." + verb
}

type actionKey struct{}

// WithAction names the work ctx does outside a request — a job's run, the
// demo data, a command — as the action of the events its changes write
// when they name none themselves (the procedure names a request's).
func WithAction(ctx context.Context, action string) context.Context {
	return context.WithValue(ctx, actionKey{}, action)
}

// The actions that changes name themselves, and the work outside a request
// that names its events (WithAction); a job's events are JobAction(name).
// Every one has a label in the admin panel, in each of its languages: the
// list is kept in frontend/src/components/audit/named-actions.gen.json, which a
// test compares with NamedActions.
const (
	ActionUserCreate           = "user.create"
	ActionSecondFactorEnroll   = "user.second_factor.enroll"
	ActionSecondFactorDisable  = "user.second_factor.disable"
	ActionDemoSeed             = "demo.seed"
	ActionDemoSynthetic        = "demo.synthetic"
	ActionChainKeyed           = "audit.chain_keyed"
	ActionDeniedSummary        = "audit.denied_summary"
	ActionAlertLabelsSeeded    = "alert.labels_seeded"
	ActionProviderEvent        = "payment.provider_event"
	jobActionPrefix            = "job."
	fallbackActionPrefixSystem = "system."
)

// JobAction is the action of the events a run of the job named name writes,
// e.g. job.server_sync for server-sync.
func JobAction(name string) string {
	return jobActionPrefix + strings.ReplaceAll(name, "-", "_")
}

// NamedActions lists the actions written without a procedure: the fixed
// ones and those of the jobs named jobNames, sorted.
func NamedActions(jobNames ...string) []string {
	out := []string{ActionUserCreate, ActionSecondFactorEnroll, ActionSecondFactorDisable, ActionDemoSeed,
		ActionDemoSynthetic, ActionChainKeyed, ActionDeniedSummary, ActionAlertLabelsSeeded, ActionProviderEvent}
	for _, n := range jobNames {
		out = append(out, JobAction(n))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// IsFallbackAction reports whether action is the generic name given to a
// change that ran outside a request without WithAction.
func IsFallbackAction(action string) bool {
	return strings.HasPrefix(action, fallbackActionPrefixSystem)
}

// hash covers every stored field and the previous hash, under key (nil:
// the unkeyed SHA-256 of chains written before keying). Each field is
// length-prefixed, so no two different events encode the same bytes.
func (r record) hash(key []byte) []byte {
	var h hash.Hash
	if key == nil {
		h = sha256.New()
	} else {
		h = hmac.New(sha256.New, key)
	}
	var n [8]byte
	put := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	putS := func(s string) { put([]byte(s)) }
	put(r.ID[:])
	binary.BigEndian.PutUint64(n[:], uint64(r.Sequence))
	h.Write(n[:])
	putS(r.OccurTime.UTC().Format(time.RFC3339Nano))
	if r.ActorID != nil {
		put(r.ActorID[:])
	} else {
		put(nil)
	}
	for _, s := range []string{r.ActorEmail, r.ActorRole, r.Action, r.TargetType, r.TargetID, r.Reason, r.Before, r.After, r.RequestID, string(r.Outcome)} {
		putS(s)
	}
	put(r.PrevHash)
	return h.Sum(nil)
}
