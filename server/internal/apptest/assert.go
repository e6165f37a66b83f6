package apptest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// WantErr fails unless err is of kind want (nil: no error) and names each of
// fields as a bad field.
func WantErr(t testing.TB, err, want error, fields ...string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("error = %v (%T), want kind %d", err, err, want.(*apierr.Error).Kind)
	}
	de, _ := apierr.As(err)
	for _, f := range fields {
		if f != "" && !slices.ContainsFunc(de.Fields, func(v apierr.FieldViolation) bool { return v.Field == f }) {
			t.Errorf("error %q names the fields %+v, want %s among them", err, de.Fields, f)
		}
	}
}

// TransitionTable renders a state machine as the docs show it: a header of
// the states, then a row per state it changes from, with cell(from, to) in
// each column and "·" where from and to are the same. A test finds it in
// the docs, so they show the table the code has.
func TransitionTable[S ~string](states []S, cell func(from, to S) string) string {
	var b strings.Builder
	b.WriteString("| from \\ to |")
	for _, to := range states {
		fmt.Fprintf(&b, " %s |", to)
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(states)) + "\n")
	for _, from := range states {
		fmt.Fprintf(&b, "| **%s** |", from)
		for _, to := range states {
			c := "·"
			if from != to {
				c = cell(from, to)
			}
			fmt.Fprintf(&b, " %s |", c)
		}
		b.WriteString("\n")
	}
	return b.String()
}
