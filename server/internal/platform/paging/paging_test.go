package paging

import (
	"errors"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

func TestTokensAreBoundToTheirQuery(t *testing.T) {
	t.Parallel()
	type cursor struct{ Name string }
	fp := Fingerprint("orgs", "berg", "name")
	tok := Encode(fp, cursor{"Bergmann"})
	var c cursor
	if ok, err := Decode(tok, fp, &c); !ok || err != nil || c.Name != "Bergmann" {
		t.Fatalf("Decode = %v %v %+v", ok, err, c)
	}
	if ok, err := Decode("", fp, &c); ok || err != nil {
		t.Errorf("empty token: %v %v, want first page", ok, err)
	}
	for name, bad := range map[string]string{
		"other filter": Encode(Fingerprint("orgs", "nord", "name"), cursor{"x"}),
		"tampered":     tok[:len(tok)-2] + "zz",
		"not base64":   "%%%",
		"not a cursor": Encode(fp, "a string"),
	} {
		if _, err := Decode(bad, fp, &c); !errors.Is(err, apierr.ErrInvalidArgument) {
			t.Errorf("%s: %v, want invalid page_token", name, err)
		}
	}
}

func TestSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[int32]int{-1: 50, 0: 50, 1: 1, 500: 500, 501: 500} {
		if got := Size(in); got != want {
			t.Errorf("Size(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestCut(t *testing.T) {
	t.Parallel()
	fp := Fingerprint("numbers")
	cursor := func(last int) any { return last }
	rows, next := Cut([]int{1, 2, 3}, 3, fp, cursor)
	if len(rows) != 3 || next != "" {
		t.Errorf("a last page = %v %q, want all rows and no token", rows, next)
	}
	rows, next = Cut([]int{1, 2, 3, 4}, 3, fp, cursor)
	var after int
	if ok, err := Decode(next, fp, &after); len(rows) != 3 || !ok || err != nil || after != 3 {
		t.Errorf("a full page = %v, next after %d (%v %v), want 3 rows and the third's cursor", rows, after, ok, err)
	}
}
