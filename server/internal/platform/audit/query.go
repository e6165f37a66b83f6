package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/auditevent"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Filter narrows a list of events; zero fields do not filter.
type Filter struct {
	ActorID    *uuid.UUID
	TargetType string
	TargetID   string
	// Action matches events whose action contains this text.
	Action     string
	Start, End time.Time
	Outcome    Outcome
}

// List returns one page of events, newest first, keyed by sequence.
func List(ctx context.Context, client *ent.Client, f Filter, pageSize int32, pageToken string) ([]*ent.AuditEvent, string, error) {
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
	next := ""
	if len(rows) > size {
		rows = rows[:size]
		next = paging.Encode(fp, rows[size-1].Sequence)
	}
	return rows, next, nil
}
