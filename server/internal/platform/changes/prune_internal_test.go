package changes

import "testing"

// Pruning is due whenever a change passes a multiple of pruneEvery, also
// when it steps over it with several events at once.
func TestPruneDueWhenAChangePassesTheMark(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		prev, version int64
		want          bool
	}{
		{998, 999, false},
		{999, 1000, true},
		{999, 1002, true}, // three events: the head never was 1000
		{1000, 1001, false},
		{1999, 2000, true},
	} {
		if got := pruneDue(c.prev, c.version); got != c.want {
			t.Errorf("pruneDue(%d, %d) = %v, want %v", c.prev, c.version, got, c.want)
		}
	}
}
