// Package ids converts between the UUIDv7 keys of rows and the TypeIDs the
// API shows (org_01j…): a person and a log line can tell what an id names,
// and an id of the wrong kind is refused as invalid.
package ids

import (
	"github.com/google/uuid"
	"go.jetify.com/typeid"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Prefix is the type prefix of a kind of object.
type Prefix string

// The kinds of object the API names.
const (
	Organization  Prefix = "org"
	Workspace     Prefix = "ws"
	User          Prefix = "usr"
	APIToken      Prefix = "tok"
	AuditEvent    Prefix = "aud"
	BillingEntity Prefix = "be"
	Session       Prefix = "ses"
)

// Format renders id as a TypeID with prefix p.
func Format(p Prefix, id uuid.UUID) string {
	tid, err := typeid.FromUUIDBytesWithPrefix(string(p), id[:])
	if err != nil {
		// Only an invalid prefix can fail, and prefixes are constants above.
		panic("ids: " + err.Error())
	}
	return tid.String()
}

// FormatPtr renders a nullable id; nil becomes "".
func FormatPtr(p Prefix, id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return Format(p, *id)
}

// Parse reads a TypeID of kind p from the request field named field.
func Parse(p Prefix, field, s string) (uuid.UUID, error) {
	tid, err := typeid.FromString(s)
	if err != nil {
		return uuid.Nil, apierr.Invalid(field, "id.format", "%q is not a valid id (expected %s_…)", s, p)
	}
	if tid.Prefix() != string(p) {
		return uuid.Nil, apierr.Invalid(field, "id.prefix", "%q is not a %s id (expected %s_…)", s, p, p)
	}
	u, err := uuid.FromBytes(tid.UUIDBytes())
	if err != nil {
		return uuid.Nil, apierr.Invalid(field, "id.format", "%q is not a valid id", s)
	}
	return u, nil
}

// ParseOptional is Parse where an empty string means "none".
func ParseOptional(p Prefix, field, s string) (*uuid.UUID, error) {
	if s == "" {
		return nil, nil
	}
	u, err := Parse(p, field, s)
	if err != nil {
		return nil, err
	}
	return &u, nil
}
