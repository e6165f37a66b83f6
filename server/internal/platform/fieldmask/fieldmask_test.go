package fieldmask_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
)

type address struct{ Line1, City string }

type customer struct {
	Name    string
	Address address
	Note    string
}

var mask = fieldmask.Mask[customer]{Fields: []fieldmask.Field[customer]{
	{Path: "name",
		Check: func(v customer) (string, string) {
			if v.Name == "" {
				return "required", "a customer needs a name"
			}
			return "", ""
		},
		Copy: func(d *customer, s customer) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "address.line1", Copy: func(d *customer, s customer) { d.Address.Line1 = s.Address.Line1 }},
	{Path: "address.city",
		Check: func(v customer) (string, string) {
			if strings.ContainsAny(v.Address.City, "0123456789") {
				return "city.letters", "a city has no digits"
			}
			return "", ""
		},
		Copy: func(d *customer, s customer) { d.Address.City = s.Address.City }},
	{Path: "note", Copy: func(d *customer, s customer) { d.Note = s.Note }},
}}

func TestPathsListGroupsBeforeTheirFields(t *testing.T) {
	t.Parallel()
	want := []string{"name", "address", "address.line1", "address.city", "note"}
	if got := mask.Paths(); !slices.Equal(got, want) {
		t.Errorf("Paths = %v, want %v", got, want)
	}
}

func TestExpand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		paths []string
		want  []string
		rule  string // of the refusal; "" for none
		msg   string
	}{
		{"fields", []string{"note", "name"}, []string{"note", "name"}, "", ""},
		{"a group stands for its fields", []string{"address"}, []string{"address.line1", "address.city"}, "", ""},
		{"each field once", []string{"address.city", "address", "address.city"}, []string{"address.city", "address.line1"}, "", ""},
		{"empty mask", nil, nil, "update_mask.required", "update_mask: name at least one field to change"},
		{"unknown path", []string{"name", "address.zip"}, nil, "update_mask.paths",
			`update_mask: "address.zip" cannot be changed (allowed: name, address, address.line1, address.city, note)`},
		{"a prefix that is no group", []string{"addr"}, nil, "update_mask.paths", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := mask.Expand(tt.paths)
			if tt.rule == "" {
				if err != nil || !slices.Equal(got, tt.want) {
					t.Errorf("Expand = %v, %v; want %v", got, err, tt.want)
				}
				return
			}
			de, ok := apierr.As(err)
			if !ok || !errors.Is(err, apierr.ErrInvalidArgument) || de.Fields[0].Field != "update_mask" || de.Fields[0].Rule != tt.rule {
				t.Fatalf("Expand = %v, want %s at update_mask", err, tt.rule)
			}
			if tt.msg != "" && de.Message != tt.msg {
				t.Errorf("message = %q, want %q", de.Message, tt.msg)
			}
		})
	}
}

func TestMessagesOfTheArea(t *testing.T) {
	t.Parallel()
	m := mask
	m.Empty = "name at least one setting to change"
	m.Unknown = func(p string) string { return p + " is not a setting" }
	if _, err := m.Expand(nil); err == nil || err.Error() != "update_mask: name at least one setting to change" {
		t.Errorf("empty = %v", err)
	}
	if _, err := m.Expand([]string{"x"}); err == nil || err.Error() != "update_mask: x is not a setting" {
		t.Errorf("unknown = %v", err)
	}
}

func TestCheckReportsEveryNamedFieldBelowThePrefix(t *testing.T) {
	t.Parallel()
	bad := customer{Address: address{City: "Berlin 1"}}
	err := mask.Check(bad, []string{"name", "address.city"}, "customer")
	de, ok := apierr.As(err)
	if !ok || len(de.Fields) != 2 || de.Fields[0].Field != "customer.name" || de.Fields[1].Field != "customer.address.city" ||
		de.Fields[1].Rule != "city.letters" {
		t.Fatalf("Check = %+v", err)
	}
	if err := mask.Check(bad, []string{"note"}, ""); err != nil {
		t.Errorf("fields not named were checked: %v", err)
	}
	if err := mask.Check(bad, []string{"address.city"}, ""); err == nil || err.Error() != "address.city: a city has no digits" {
		t.Errorf("without prefix = %v", err)
	}
}

func TestApplyCopiesOnlyTheNamedFields(t *testing.T) {
	t.Parallel()
	dst := customer{Name: "Alt", Address: address{Line1: "Weg 1", City: "Berlin"}, Note: "keep"}
	src := customer{Name: "  Neu  ", Address: address{Line1: "Straße 2", City: "Hamburg"}, Note: "drop"}
	mask.Apply(&dst, src, []string{"name", "address.city"})
	want := customer{Name: "Neu", Address: address{Line1: "Weg 1", City: "Hamburg"}, Note: "keep"}
	if dst != want {
		t.Errorf("Apply = %+v, want %+v", dst, want)
	}
}

func TestOptional(t *testing.T) {
	t.Parallel()
	check := fieldmask.Optional(func(c customer) string { return c.Note },
		func(s string) error {
			if s != "ok" {
				return errors.New("say ok")
			}
			return nil
		}, "note.ok")
	for _, tt := range []struct{ note, rule, msg string }{{"", "", ""}, {"ok", "", ""}, {"nope", "note.ok", "say ok"}} {
		if rule, msg := check(customer{Note: tt.note}); rule != tt.rule || msg != tt.msg {
			t.Errorf("%q: %q %q, want %q %q", tt.note, rule, msg, tt.rule, tt.msg)
		}
	}
}
