package apptest

import (
	"errors"
	"slices"
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
