// Package protoenum converts between an enum of the domain and the enum of
// the API contract that stands for it, one table per enum. The zero value
// of the proto enum (X_UNSPECIFIED) stands for the domain's zero value and
// every value a table does not know; Unmapped and Verify let a test insist
// that every value of the contract is known.
package protoenum

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// Enum is a generated proto enum type.
type Enum interface {
	~int32
	Descriptor() protoreflect.EnumDescriptor
}

// Map is the table of one enum: domain values D and proto values P.
type Map[D comparable, P Enum] struct {
	to   map[D]P
	from map[P]D
}

// New returns the table of the given pairs. It panics when a proto value
// is paired twice, a mistake any test that loads the package finds.
func New[D comparable, P Enum](pairs map[D]P) Map[D, P] {
	m := Map[D, P]{to: make(map[D]P, len(pairs)), from: make(map[P]D, len(pairs))}
	for d, p := range pairs {
		if prev, dup := m.from[p]; dup {
			panic(fmt.Sprintf("protoenum: %v paired with both %v and %v", name(p), prev, d))
		}
		m.to[d], m.from[p] = p, d
	}
	return m
}

// ByName pairs each domain value with the proto value whose name is the
// enum's prefix and the value: ORGANIZATION_STATUS_ + ACTIVE. It panics
// when the contract has no such value.
func ByName[D ~string, P Enum](values ...D) Map[D, P] {
	var zero P
	desc := zero.Descriptor()
	prefix := Prefix(desc)
	pairs := make(map[D]P, len(values))
	for _, d := range values {
		v := desc.Values().ByName(protoreflect.Name(prefix + string(d)))
		if v == nil {
			panic(fmt.Sprintf("protoenum: %s has no value %s%s", desc.FullName(), prefix, d))
		}
		pairs[d] = P(v.Number())
	}
	return New(pairs)
}

// All pairs every value of the contract but the zero value with the domain
// value named like it without the enum's prefix: for enums whose domain
// values are the contract's (the permissions).
func All[D ~string, P Enum]() Map[D, P] {
	var zero P
	desc := zero.Descriptor()
	prefix := Prefix(desc)
	var values []D
	for i := range desc.Values().Len() {
		if v := desc.Values().Get(i); v.Number() != 0 {
			values = append(values, D(strings.TrimPrefix(string(v.Name()), prefix)))
		}
	}
	return ByName[D, P](values...)
}

// Prefix is the prefix of the names of an enum's values: the name of its
// zero value without UNSPECIFIED (ORGANIZATION_STATUS_).
func Prefix(desc protoreflect.EnumDescriptor) string {
	return strings.TrimSuffix(string(desc.Values().ByNumber(0).Name()), "UNSPECIFIED")
}

// ToProto returns the proto value of d, the zero value for one the table
// does not know.
func (m Map[D, P]) ToProto(d D) P { return m.to[d] }

// FromProto returns the domain value of p, the zero value for the zero
// value and for one the table does not know.
func (m Map[D, P]) FromProto(p P) D { return m.from[p] }

// Lookup returns the domain value of p and whether the table knows p.
func (m Map[D, P]) Lookup(p P) (D, bool) {
	d, ok := m.from[p]
	return d, ok
}

// ToProtos converts a list.
func (m Map[D, P]) ToProtos(ds []D) []P {
	out := make([]P, len(ds))
	for i, d := range ds {
		out[i] = m.ToProto(d)
	}
	return out
}

// FromProtos converts a list.
func (m Map[D, P]) FromProtos(ps []P) []D {
	var out []D
	for _, p := range ps {
		out = append(out, m.FromProto(p))
	}
	return out
}

// Name is the proto enum's full name.
func (m Map[D, P]) Name() string {
	var zero P
	return string(zero.Descriptor().FullName())
}

// Unmapped lists the values of the contract but the zero value that the
// table does not know, and those it does not convert back to themselves.
func (m Map[D, P]) Unmapped() []string {
	var zero P
	values := zero.Descriptor().Values()
	var out []string
	for i := range values.Len() {
		v := values.Get(i)
		if v.Number() == 0 {
			continue
		}
		d, ok := m.from[P(v.Number())]
		if !ok || m.to[d] != P(v.Number()) {
			out = append(out, string(v.Name()))
		}
	}
	return out
}

// Table is a Map of any types, for Verify.
type Table interface {
	Name() string
	Unmapped() []string
}

// Verify reports the tables that miss a value of the contract.
func Verify(tables ...Table) error {
	var msgs []string
	for _, t := range tables {
		if u := t.Unmapped(); len(u) > 0 {
			msgs = append(msgs, fmt.Sprintf("%s: no domain value for %s", t.Name(), strings.Join(u, ", ")))
		}
	}
	if len(msgs) > 0 {
		return fmt.Errorf("%s", strings.Join(msgs, "; "))
	}
	return nil
}

func name[P Enum](p P) string {
	if v := p.Descriptor().Values().ByNumber(protoreflect.EnumNumber(p)); v != nil {
		return string(v.Name())
	}
	return fmt.Sprint(int32(p))
}
