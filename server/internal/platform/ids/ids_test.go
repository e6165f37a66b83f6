package ids

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	"go.jetify.com/typeid"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

func TestRoundTripAndWrongKind(t *testing.T) {
	t.Parallel()
	id := uuid.Must(uuid.NewV7())
	s := Format(Organization, id)
	if !strings.HasPrefix(s, "org_") || len(s) != len("org_")+26 {
		t.Fatalf("Format = %q", s)
	}
	got, err := Parse(Organization, "id", s)
	if err != nil || got != id {
		t.Fatalf("Parse(%q) = %v, %v", s, got, err)
	}
	tests := []struct{ name, in, rule string }{
		{"another kind", Format(Workspace, id), "id.prefix"},
		{"garbage", "org_not-an-id", "id.format"},
		{"empty", "", "id.format"},
		{"a bare uuid", id.String(), "id.format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(Organization, "organization_id", tt.in)
			de, ok := apierr.As(err)
			if !ok || !errors.Is(err, apierr.ErrInvalidArgument) || de.Fields[0].Field != "organization_id" || de.Fields[0].Rule != tt.rule {
				t.Fatalf("Parse(%q) = %v, want invalid organization_id (%s)", tt.in, err, tt.rule)
			}
		})
	}
	if p, err := ParseOptional(User, "x", ""); p != nil || err != nil {
		t.Errorf("ParseOptional(\"\") = %v, %v", p, err)
	}
}

// Format must agree with the TypeID reference implementation, which Parse
// uses, for every kind and for ids at the edges of the bit pattern.
func TestFormatMatchesTypeID(t *testing.T) {
	t.Parallel()
	edge := []uuid.UUID{uuid.Nil, uuid.Max, uuid.MustParse("80000000-0000-0000-0000-000000000001")}
	for range 1000 {
		edge = append(edge, uuid.Must(uuid.NewV7()), uuid.New())
	}
	for _, p := range []Prefix{Organization, Workspace, User, APIToken, AuditEvent, BillingEntity, Session} {
		for _, id := range edge {
			want, err := typeid.FromUUIDBytesWithPrefix(string(p), id[:])
			if err != nil {
				t.Fatal(err)
			}
			if got := Format(p, id); got != want.String() {
				t.Fatalf("Format(%s, %s) = %q, want %q", p, id, got, want.String())
			}
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	id := uuid.Must(uuid.NewV7())
	for b.Loop() {
		_ = Format(Organization, id)
	}
}

func TestParseAny(t *testing.T) {
	t.Parallel()
	id := uuid.Must(uuid.NewV7())
	tests := []struct {
		name, in string
		prefix   Prefix
		ok       bool
	}{
		{"an organization's id", Format(Organization, id), Organization, true},
		{"a connection's id, pasted with spaces", "  " + Format(Connection, id) + "\n", Connection, true},
		{"in upper case", strings.ToUpper(Format(Server, id)), Server, true},
		{"a name", "Lüneburger Heide", "", false},
		{"a bare suffix without prefix", Format(Server, id)[4:], "", false},
		{"a broken suffix", "srv_01kaj5m8d0e6xv1ks8wq6a5j0", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, got, ok := ParseAny(tt.in)
			if ok != tt.ok || p != tt.prefix || (ok && got != id) {
				t.Errorf("ParseAny(%q) = %q, %v, %v; want %q, %v", tt.in, p, got, ok, tt.prefix, tt.ok)
			}
		})
	}
}
