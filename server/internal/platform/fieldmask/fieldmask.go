// Package fieldmask applies the update mask of an Update RPC (AIP-134) the
// same way in every area: a table names each field an update may change,
// how to check its new value and how to copy it into the stored resource.
// A group of fields (billing_address, company.address) stands for every
// field below it; a path the table does not know is refused at update_mask.
package fieldmask

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Field is one field an update mask may name, a leaf of the resource T.
type Field[T any] struct {
	// Path is the field's path in the resource, snake_case, dot separated.
	Path string
	// Check, when set, says what is wrong with the field's value in v:
	// a rule id and a message, both empty when the value is fine.
	Check func(v T) (rule, message string)
	// Copy moves the field's value from src into dst, normalised as it is
	// stored (trimmed, upper-cased …).
	Copy func(dst *T, src T)
}

// Optional is the Check of a field that may be empty and must otherwise
// pass validate (an IBAN, a VAT ID): the rule id is rule, the message what
// validate says.
func Optional[T any](get func(T) string, validate func(string) error, rule string) func(T) (string, string) {
	return func(v T) (string, string) {
		if s := get(v); s != "" {
			if err := validate(s); err != nil {
				return rule, err.Error()
			}
		}
		return "", ""
	}
}

// Mask is the table of one Update RPC.
type Mask[T any] struct {
	Fields []Field[T]
	// Empty is what an empty mask is told (default: name at least one
	// field to change).
	Empty string
	// Unknown says what a path the table does not know is (default: it
	// cannot be changed, and which paths can).
	Unknown func(path string) string
}

// Paths lists every path a mask may name, in the table's order, each group
// before its first field: name, billing_address, billing_address.line1, …
func (m Mask[T]) Paths() []string {
	var out []string
	for _, f := range m.Fields {
		for i, c := range f.Path {
			if c == '.' && !slices.Contains(out, f.Path[:i]) {
				out = append(out, f.Path[:i])
			}
		}
		if !slices.Contains(out, f.Path) {
			out = append(out, f.Path)
		}
	}
	return out
}

// Leaves lists the path of every field, in the table's order.
func (m Mask[T]) Leaves() []string {
	out := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = f.Path
	}
	return out
}

// Expand turns the paths of an update mask into the fields they name, in
// the order of the mask, each once: a group stands for every field below
// it. An empty mask and an unknown path are InvalidArgument at update_mask.
func (m Mask[T]) Expand(paths []string) ([]string, error) {
	if len(paths) == 0 {
		msg := m.Empty
		if msg == "" {
			msg = "name at least one field to change"
		}
		return nil, apierr.Invalid("update_mask", "update_mask.required", "%s", msg)
	}
	var out []string
	for _, p := range paths {
		n := 0
		for _, f := range m.Fields {
			if f.Path == p || strings.HasPrefix(f.Path, p+".") {
				if !slices.Contains(out, f.Path) {
					out = append(out, f.Path)
				}
				n++
			}
		}
		if n == 0 {
			return nil, apierr.Invalid("update_mask", "update_mask.paths", "%s", m.unknown(p))
		}
	}
	return out, nil
}

func (m Mask[T]) unknown(p string) string {
	if m.Unknown != nil {
		return m.Unknown(p)
	}
	return fmt.Sprintf("%q cannot be changed (allowed: %s)", p, strings.Join(m.Paths(), ", "))
}

// Check checks the fields named in leaves (as Expand returns them) of v and
// reports every problem at once, each at its field placed below prefix
// (which may be empty).
func (m Mask[T]) Check(v T, leaves []string, prefix string) error {
	var vs []apierr.FieldViolation
	for _, f := range m.Fields {
		if f.Check == nil || !slices.Contains(leaves, f.Path) {
			continue
		}
		if rule, msg := f.Check(v); rule != "" || msg != "" {
			vs = append(vs, apierr.FieldViolation{Field: apierr.Path(prefix, f.Path), Rule: rule, Message: msg})
		}
	}
	if len(vs) > 0 {
		return apierr.InvalidFields(vs...)
	}
	return nil
}

// Apply copies the fields named in leaves from src into dst; the others
// keep their values.
func (m Mask[T]) Apply(dst *T, src T, leaves []string) {
	for _, f := range m.Fields {
		if slices.Contains(leaves, f.Path) {
			f.Copy(dst, src)
		}
	}
}

// Require is the usual body of a Field's Check: nothing when ok, else the
// rule broken and the message that says what is expected.
func Require(ok bool, rule, msg string) (string, string) {
	if ok {
		return "", ""
	}
	return rule, msg
}
