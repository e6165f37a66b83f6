package apierr

import (
	"strconv"
	"strings"
)

// Path joins field names into the path of a field in a request, the form
// FieldViolation.Field takes: Path("organization", "billing_address", "city")
// is "organization.billing_address.city". Empty parts are left out, so a
// prefix that may be empty can be passed as it is.
func Path(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// Index names an element of a repeated field: Index("items", 2) is
// "items[2]".
func Index(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// Key names an entry of a map field: Key("labels", "env") is "labels[env]".
func Key(field, key string) string { return field + "[" + key + "]" }

// Under places the fields of err's violations below prefix, where the
// domain names a field of the resource and the request holds the resource
// in a field of its own: name becomes organization.name. Fields of the
// request itself (keep: update_mask, reason) stay as they are. Errors
// without violations pass unchanged.
func Under(err error, prefix string, keep ...string) error {
	de, ok := As(err)
	if !ok || len(de.Fields) == 0 {
		return err
	}
	out := *de
	out.Fields = nil
	for _, f := range de.Fields {
		if !contains(keep, f.Field) {
			f.Field = Path(prefix, f.Field)
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
