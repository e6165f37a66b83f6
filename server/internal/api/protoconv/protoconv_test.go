package protoconv_test

import (
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/api/protoconv"
)

func TestTime(t *testing.T) {
	t.Parallel()
	var zero time.Time
	at := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	if protoconv.Time(nil) != nil || protoconv.Time(&zero) != nil {
		t.Error("an absent time was set")
	}
	if got := protoconv.Time(&at); !got.AsTime().Equal(at) {
		t.Errorf("Time = %v, want %v", got.AsTime(), at)
	}
}
