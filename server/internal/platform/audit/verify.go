package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/internal/platform/db"
)

// Verification is the result of checking the audit chain.
type Verification struct {
	// Events is how many events were checked.
	Events int64
	// OK is true when the chain is intact.
	OK bool
	// BadSequence is the first event found wrong (0 when OK or when the
	// problem is at the end of the chain).
	BadSequence int64
	// Problem says what is wrong, in words.
	Problem string
}

// Verify walks the whole chain in order and recomputes every hash. It finds
// an edited event (its hash no longer matches), a deleted one (a gap in the
// sequence or a broken link, or a head that is ahead of the last event) and
// reordered ones (links and hashes no longer match).
//
// The head is read first and the walk stops at the event it names, so events
// that changes append meanwhile are left for the next verification instead of
// being mistaken for a broken end.
//
// Each verification writes the head it reached to the log and to /metrics,
// outside the database, so that a rewrite of the chain from its start (with
// the key) still contradicts the history kept there.
func (w *Writer) Verify(ctx context.Context) (Verification, error) {
	v, head, err := verify(ctx, w.client, w.key)
	if err != nil {
		return v, err
	}
	if head != nil {
		h := hex.EncodeToString(head.Hash)
		w.logger.InfoContext(ctx, "audit chain verified", "ok", v.OK, "events", v.Events,
			"head_sequence", head.Sequence, "head_hash", h, "problem", v.Problem)
		w.head.Reset()
		w.head.WithLabelValues(h).Set(float64(head.Sequence))
	}
	return v, nil
}

func verify(ctx context.Context, client *ent.Client, key []byte) (Verification, *ent.AuditChainHead, error) {
	v, err := walk(ctx, client, key)
	if err != nil || !v.OK {
		return v, nil, err
	}
	head, err := client.AuditChainHead.Get(ctx, headID)
	if ent.IsNotFound(err) {
		return v, nil, nil
	}
	return v, head, err
}

func walk(ctx context.Context, client *ent.Client, key []byte) (Verification, error) {
	const batch = 1000
	var v Verification
	head, err := client.AuditChainHead.Get(ctx, headID)
	if ent.IsNotFound(err) {
		if n, err := client.AuditEvent.Query().Count(ctx); err != nil {
			return v, fmt.Errorf("count audit events: %w", err)
		} else if n > 0 {
			return fail(v, 0, "the chain head is missing"), nil
		}
		v.OK = true
		return v, nil
	} else if err != nil {
		return v, fmt.Errorf("read audit chain head: %w", err)
	}
	prev := make([]byte, 32)
	var last int64
	for {
		events, err := client.AuditEvent.Query().
			Where(auditevent.SequenceGT(last), auditevent.SequenceLTE(head.Sequence)).
			Order(ent.Asc(auditevent.FieldSequence)).
			Limit(batch).All(ctx)
		if err != nil {
			return v, fmt.Errorf("read audit events: %w", err)
		}
		for _, e := range events {
			r := fromEnt(e)
			switch {
			case r.Sequence != last+1:
				return fail(v, last+1, fmt.Sprintf("event %d is missing (the chain jumps from %d to %d)", last+1, last, r.Sequence)), nil
			case !bytes.Equal(r.PrevHash, prev):
				return fail(v, r.Sequence, fmt.Sprintf("event %d does not follow event %d (its link is broken: deleted or reordered)", r.Sequence, last)), nil
			case !bytes.Equal(r.hash(key), r.Hash):
				return fail(v, r.Sequence, fmt.Sprintf("event %d was changed after it was written", r.Sequence)), nil
			}
			v.Events++
			last, prev = r.Sequence, r.Hash
		}
		if len(events) < batch {
			break
		}
	}
	if last != head.Sequence || !bytes.Equal(prev, head.Hash) {
		return fail(v, last+1, fmt.Sprintf("the chain ends at event %d but its head records event %d: events were removed from the end", last, head.Sequence)), nil
	}
	// Every event a change appends is covered by the head it moves in the
	// same transaction. So the newest event is read first and the head
	// after it: a head that is behind an event seen before it means that
	// event was put there by hand.
	newest, err := client.AuditEvent.Query().Order(ent.Desc(auditevent.FieldSequence)).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return v, fmt.Errorf("read newest audit event: %w", err)
	}
	now, err := client.AuditChainHead.Get(ctx, headID)
	if err != nil {
		return v, fmt.Errorf("read audit chain head: %w", err)
	}
	if newest != nil && newest.Sequence > now.Sequence {
		return fail(v, now.Sequence+1, fmt.Sprintf("event %d follows the chain head (event %d) without belonging to the chain", newest.Sequence, now.Sequence)), nil
	}
	v.OK = true
	return v, nil
}

func fail(v Verification, seq int64, problem string) Verification {
	v.OK, v.BadSequence, v.Problem = false, seq, problem
	return v
}

// KeyChain keys a chain written before its hashes were keyed: the chain is
// verified as it was written (unkeyed) and, if intact, every hash is
// recomputed under the key, in one transaction holding the chain's lock,
// with an event that says so. A chain found broken is left as it is, so
// keying cannot hide tampering: Verify goes on reporting it. It returns
// how many events were keyed (0 for a keyed or empty chain).
func (w *Writer) KeyChain(ctx context.Context) (int64, error) {
	head, err := w.client.AuditChainHead.Get(ctx, headID)
	if ent.IsNotFound(err) || (err == nil && head.Keyed) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read audit chain head: %w", err)
	}
	v, err := walk(ctx, w.client, nil)
	if err != nil {
		return 0, err
	}
	if !v.OK {
		w.logger.ErrorContext(ctx, "the audit chain written before keying is broken; it stays unkeyed and fails verification",
			"bad_sequence", v.BadSequence, "problem", v.Problem)
		return 0, nil
	}
	var n int64
	err = db.WithTx(ctx, w.client, func(tx *ent.Tx) error {
		head, err := lockHead(ctx, tx)
		if err != nil {
			return err
		}
		prev := make([]byte, sha256.Size)
		var last int64
		for {
			events, err := tx.AuditEvent.Query().Where(auditevent.SequenceGT(last)).
				Order(ent.Asc(auditevent.FieldSequence)).Limit(1000).All(ctx)
			if err != nil {
				return err
			}
			for _, e := range events {
				r := fromEnt(e)
				r.PrevHash = prev
				r.Hash = r.hash(w.key)
				if err := tx.AuditEvent.UpdateOneID(e.ID).SetPrevHash(r.PrevHash).SetHash(r.Hash).Exec(ctx); err != nil {
					return err
				}
				prev, last = r.Hash, r.Sequence
				n++
			}
			if len(events) < 1000 {
				break
			}
		}
		if err := tx.AuditChainHead.UpdateOneID(headID).SetHash(prev).SetKeyed(true).Exec(ctx); err != nil {
			return err
		}
		head.Hash = prev
		return w.append(ctx, tx, head, []Event{{Action: ActionChainKeyed, TargetType: "audit_chain",
			Reason: fmt.Sprintf("the %d events written before were verified and their hashes keyed", n)}}, Succeeded)
	})
	if err != nil {
		return 0, fmt.Errorf("key the audit chain: %w", err)
	}
	w.logger.WarnContext(ctx, "audit chain keyed", "events", n)
	return n, nil
}
