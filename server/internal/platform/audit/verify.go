package audit

import (
	"bytes"
	"context"
	"fmt"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
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
func Verify(ctx context.Context, client *ent.Client) (Verification, error) {
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
			case !bytes.Equal(r.hash(), r.Hash):
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
