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
func Verify(ctx context.Context, client *ent.Client) (Verification, error) {
	const batch = 1000
	var v Verification
	prev := make([]byte, 32)
	var last int64
	for {
		events, err := client.AuditEvent.Query().
			Where(auditevent.SequenceGT(last)).
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
	head, err := client.AuditChainHead.Get(ctx, headID)
	switch {
	case ent.IsNotFound(err):
		if last != 0 {
			return fail(v, 0, "the chain head is missing"), nil
		}
	case err != nil:
		return v, fmt.Errorf("read audit chain head: %w", err)
	case head.Sequence != last || !bytes.Equal(head.Hash, prev):
		return fail(v, last+1, fmt.Sprintf("the chain ends at event %d but its head records event %d: events were removed from the end", last, head.Sequence)), nil
	}
	v.OK = true
	return v, nil
}

func fail(v Verification, seq int64, problem string) Verification {
	v.OK, v.BadSequence, v.Problem = false, seq, problem
	return v
}
