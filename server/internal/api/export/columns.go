package export

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// column is one column of the CSV: the path of fields from the resource to
// a value, and how that value is written.
type column struct {
	name string
	path []protoreflect.FieldDescriptor
}

// maxDepth bounds how deep nested messages are flattened (a.b.c), so a
// message that contains itself cannot recurse without end.
const maxDepth = 3

// columnsOf lists the columns of a resource in field order: scalars and
// enums, timestamps and durations as one column each, nested messages
// flattened as "a.b", repeated scalars as one column. Repeated messages and
// maps (a server's assignments) are left out: a row is one resource.
func columnsOf(md protoreflect.MessageDescriptor) []column {
	var out []column
	var walk func(md protoreflect.MessageDescriptor, prefix string, path []protoreflect.FieldDescriptor, depth int)
	walk = func(md protoreflect.MessageDescriptor, prefix string, path []protoreflect.FieldDescriptor, depth int) {
		fields := md.Fields()
		for i := range fields.Len() {
			fd := fields.Get(i)
			p := append(path[:len(path):len(path)], fd)
			name := prefix + string(fd.Name())
			switch {
			case fd.IsMap():
			case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
				switch {
				case fd.IsList():
				case isWellKnown(fd.Message()):
					out = append(out, column{name: name, path: p})
				case depth < maxDepth:
					walk(fd.Message(), name+".", p, depth+1)
				}
			default:
				out = append(out, column{name: name, path: p})
			}
		}
	}
	walk(md, "", nil, 0)
	return out
}

func isWellKnown(md protoreflect.MessageDescriptor) bool {
	switch md.FullName() {
	case "google.protobuf.Timestamp", "google.protobuf.Duration":
		return true
	}
	return false
}

// cell is the column's text for one resource; empty where a message on the
// path is absent.
func (c column) cell(m protoreflect.Message) string {
	for _, fd := range c.path[:len(c.path)-1] {
		if !m.Has(fd) {
			return ""
		}
		m = m.Get(fd).Message()
	}
	fd := c.path[len(c.path)-1]
	if fd.Kind() == protoreflect.MessageKind {
		if !m.Has(fd) {
			return ""
		}
		return wellKnown(m.Get(fd).Message())
	}
	if fd.IsList() {
		l := m.Get(fd).List()
		parts := make([]string, l.Len())
		for i := range l.Len() {
			parts[i] = scalar(fd, l.Get(i))
		}
		return safe(strings.Join(parts, ";"))
	}
	return scalar(fd, m.Get(fd))
}

// scalar writes one value: numbers as they are (money stays in cents),
// enums by their value's name without the type's prefix
// (ORGANIZATION_STATUS_ACTIVE is ACTIVE), nothing for an unset enum.
func scalar(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return strconv.FormatBool(v.Bool())
	case protoreflect.EnumKind:
		if v.Enum() == 0 {
			return ""
		}
		ev := fd.Enum().Values().ByNumber(v.Enum())
		if ev == nil {
			return strconv.Itoa(int(v.Enum()))
		}
		return strings.TrimPrefix(string(ev.Name()), enumPrefix(fd.Enum()))
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind,
		protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return strconv.FormatInt(v.Int(), 10)
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind, protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return strconv.FormatUint(v.Uint(), 10)
	case protoreflect.FloatKind:
		return strconv.FormatFloat(v.Float(), 'f', -1, 32)
	case protoreflect.DoubleKind:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case protoreflect.StringKind:
		return safe(v.String())
	case protoreflect.BytesKind:
		return base64.StdEncoding.EncodeToString(v.Bytes())
	}
	return ""
}

// enumPrefix is the prefix buf lint requires of an enum's values:
// OrganizationStatus → ORGANIZATION_STATUS_.
func enumPrefix(ed protoreflect.EnumDescriptor) string {
	var b strings.Builder
	for i, r := range string(ed.Name()) {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String()) + "_"
}

// wellKnown writes a timestamp in RFC 3339 (UTC) and a duration in seconds.
func wellKnown(m protoreflect.Message) string {
	fields := m.Descriptor().Fields()
	seconds := m.Get(fields.ByName("seconds")).Int()
	nanos := m.Get(fields.ByName("nanos")).Int()
	switch m.Descriptor().FullName() {
	case "google.protobuf.Timestamp":
		return time.Unix(seconds, nanos).UTC().Format(time.RFC3339Nano)
	case "google.protobuf.Duration":
		return strconv.FormatFloat((time.Duration(seconds)*time.Second + time.Duration(nanos)).Seconds(), 'f', -1, 64)
	}
	return ""
}

// safe keeps a spreadsheet from reading text as a formula (CSV injection):
// a cell that begins with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before looking) is prefixed with an apostrophe.
func safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
