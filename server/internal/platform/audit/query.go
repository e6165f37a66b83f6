package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Filter narrows a list of events; zero fields do not filter.
type Filter struct {
	ActorID *uuid.UUID
	// SystemOnly keeps the system's own events (jobs, the command line,
	// the demo data): without an actor, recorded as "system" — not the
	// refused attempts of callers who were not signed in, who have no
	// actor either.
	SystemOnly bool
	TargetType string
	TargetID   string
	// Action matches events whose action contains this text.
	Action     string
	Start, End time.Time
	Outcome    Outcome
}

// Entry is an audit event as stored and shown.
type Entry struct {
	ID                           uuid.UUID
	Sequence                     int64
	OccurTime                    time.Time
	ActorID                      *uuid.UUID
	ActorEmail, ActorRole        string
	Action, TargetType, TargetID string
	Reason                       string
	// Before and After are the target's state as JSON; empty for none.
	Before, After string
	RequestID     string
	Outcome       Outcome
}

// entryOf is the entry of a stored event.
func entryOf(e *ent.AuditEvent) Entry {
	return Entry{
		ID: e.ID, Sequence: e.Sequence, OccurTime: e.OccurTime, ActorID: e.ActorID,
		ActorEmail: e.ActorEmail, ActorRole: e.ActorRole, Action: e.Action,
		TargetType: e.TargetType, TargetID: e.TargetID, Reason: e.Reason,
		Before: e.Before, After: e.After, RequestID: e.RequestID, Outcome: Outcome(e.Outcome),
	}
}

func entries(rows []*ent.AuditEvent) []Entry {
	out := make([]Entry, len(rows))
	for i, e := range rows {
		out[i] = entryOf(e)
	}
	return out
}

// List returns one page of the trail's events, newest first.
func (w *Writer) List(ctx context.Context, f Filter, pageSize int32, pageToken string) ([]Entry, string, error) {
	return List(ctx, w.client, f, pageSize, pageToken)
}

// List returns one page of events, newest first, keyed by sequence.
func List(ctx context.Context, client *ent.Client, f Filter, pageSize int32, pageToken string) ([]Entry, string, error) {
	fp := paging.Fingerprint("audit", f)
	var cursor int64
	q := client.AuditEvent.Query()
	if ok, err := paging.Decode(pageToken, fp, &cursor); err != nil {
		return nil, "", err
	} else if ok {
		q.Where(auditevent.SequenceLT(cursor))
	}
	if f.ActorID != nil {
		q.Where(auditevent.ActorID(*f.ActorID))
	}
	if f.SystemOnly {
		q.Where(auditevent.ActorIDIsNil(), auditevent.ActorEmail(authz.SystemEmail))
	}
	if f.TargetType != "" {
		q.Where(auditevent.TargetType(f.TargetType))
	}
	if f.TargetID != "" {
		q.Where(auditevent.TargetID(f.TargetID))
	}
	if f.Action != "" {
		q.Where(auditevent.ActionContainsFold(f.Action))
	}
	if !f.Start.IsZero() {
		q.Where(auditevent.OccurTimeGTE(f.Start))
	}
	if !f.End.IsZero() {
		q.Where(auditevent.OccurTimeLT(f.End))
	}
	if f.Outcome != "" {
		q.Where(auditevent.OutcomeEQ(auditevent.Outcome(f.Outcome)))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(ent.Desc(auditevent.FieldSequence)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list audit events: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.AuditEvent) any { return last.Sequence })
	return entries(rows), next, nil
}

// Get returns the event with id, or NotFound when the caller sees none
// with it (the trail is the platform's: a scoped caller sees none).
func (w *Writer) Get(ctx context.Context, id uuid.UUID) (Entry, error) {
	e, err := w.client.AuditEvent.Get(ctx, id)
	if ent.IsNotFound(err) {
		return Entry{}, apierr.NotFound("audit event", ids.Format(ids.AuditEvent, id))
	}
	if err != nil {
		return Entry{}, fmt.Errorf("get audit event: %w", err)
	}
	return entryOf(e), nil
}

// Since returns the events after sequence seq, oldest first: what a change
// wrote, for whoever knew the sequence before it.
func Since(ctx context.Context, client *ent.Client, seq int64) ([]Entry, error) {
	rows, err := client.AuditEvent.Query().Where(auditevent.SequenceGT(seq)).Order(ent.Asc(auditevent.FieldSequence)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list audit events: %w", err)
	}
	return entries(rows), nil
}

// Last returns the sequence of the newest event, 0 when there is none.
func Last(ctx context.Context, client *ent.Client) (int64, error) {
	e, err := client.AuditEvent.Query().Order(ent.Desc(auditevent.FieldSequence)).First(ctx)
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("last audit event: %w", err)
	}
	return e.Sequence, nil
}
