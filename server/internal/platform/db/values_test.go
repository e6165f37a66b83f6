package db

import (
	"errors"
	"testing"
)

func TestModifierValues(t *testing.T) {
	t.Parallel()
	for in, want := range map[any]int{int64(3): 3, 4: 4, float64(5): 5, "6": 6, nil: 0} {
		if got := Int(in, nil); got != want {
			t.Errorf("Int(%#v) = %d, want %d", in, got, want)
		}
	}
	if Int([]byte("7"), nil) != 7 || Int(int64(8), errors.New("no such column")) != 0 {
		t.Error("Int of bytes or of a missing column")
	}
	if Text([]byte("a"), nil) != "a" || Text("b", nil) != "b" || Text("c", errors.New("x")) != "" {
		t.Error("Text")
	}
}
