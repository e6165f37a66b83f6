package dberr_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/dberr"
)

func TestTranslate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		kind apierr.Kind // 0: not translated
		msg  string
	}{
		{"missing row", fmt.Errorf("get: %w", &ent.NotFoundError{}), apierr.KindNotFound, "not found"},
		{"broken constraint", &ent.ConstraintError{}, apierr.KindAlreadyExists, "the change conflicts with an existing record"},
		{"anything else", errors.New("connection reset"), 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := dberr.Translate(tt.err)
			if ok != (tt.kind != 0) || (ok && (got.Kind != tt.kind || got.Message != tt.msg)) {
				t.Errorf("Translate = %+v, %v; want kind %d %q", got, ok, tt.kind, tt.msg)
			}
		})
	}
}
