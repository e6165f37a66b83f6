package leitwegid_test

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/leitwegid"
)

func TestLeitwegIDs(t *testing.T) {
	t.Parallel()
	for _, id := range []string{
		"04011000-1234512345-06", // the example of the Leitweg-ID's specification
		"991-33333TEST-33",       // the test inbox of XRechnung's validator
		" 991-33333test-33 ",     // typed with spaces and in lower case
	} {
		if err := leitwegid.Validate(id); err != nil {
			t.Errorf("%q refused: %v", id, err)
		}
	}
	for _, id := range []string{
		"04011000-1234512345-07", // a check digit off
		"04011000-1234512354-06", // two characters swapped
		"1-12345-06",             // a coarse address of one digit
		"04011000-1234512345",    // no check digits
		"04011000_1234512345_06", // not joined by hyphens
		"",
	} {
		if err := leitwegid.Validate(id); err == nil {
			t.Errorf("%q accepted", id)
		}
	}
}
