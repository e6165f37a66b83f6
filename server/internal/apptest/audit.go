package apptest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/audit"
)

// LastSeq is the sequence number of the newest audit event (0: none), the
// point from which EventsSince finds what a change wrote.
func (e *Env) LastSeq(t testing.TB) int64 {
	t.Helper()
	seq, err := audit.Last(context.Background(), e.DB.Client)
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

// EventsSince returns the audit events written after sequence seq, oldest
// first.
func (e *Env) EventsSince(t testing.TB, seq int64) []audit.Entry {
	t.Helper()
	es, err := audit.Since(context.Background(), e.DB.Client, seq)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// Events returns the audit events for which keep is true, oldest first.
func (e *Env) Events(t testing.TB, keep func(audit.Entry) bool) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for _, ev := range e.EventsSince(t, 0) {
		if keep(ev) {
			out = append(out, ev)
		}
	}
	return out
}

// OneEventSince returns the one audit event written after seq and fails
// unless exactly one was.
func (e *Env) OneEventSince(t testing.TB, seq int64) audit.Entry {
	t.Helper()
	es := e.EventsSince(t, seq)
	if len(es) != 1 {
		t.Fatalf("%d audit events written, want exactly 1: %v", len(es), summaries(es))
	}
	return es[0]
}

// NoEventsSince fails if any audit event was written after seq.
func (e *Env) NoEventsSince(t testing.TB, seq int64) {
	t.Helper()
	if es := e.EventsSince(t, seq); len(es) != 0 {
		t.Fatalf("%d audit events written by a refused change, want none: %v", len(es), summaries(es))
	}
}

func summaries(es []audit.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.TargetType+" "+e.TargetID+" "+e.Before+" -> "+e.After)
	}
	return out
}

// State decodes the before or after JSON of an audit event; nil for none.
func State(t testing.TB, s string) map[string]any {
	t.Helper()
	if s == "" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("audit state %q is not JSON: %v", s, err)
	}
	return m
}

// EventsOf returns the audit events about targets of a type (connection,
// settings …), oldest first.
func (e *Env) EventsOf(t testing.TB, targetType string) []audit.Entry {
	t.Helper()
	return e.Events(t, func(ev audit.Entry) bool { return ev.TargetType == targetType })
}
