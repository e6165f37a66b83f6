package api

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// maxEcho bounds how much of a message an error answer carries, so an
// error about a megabyte of input is not a megabyte (or, quoted and
// escaped, several) long.
const maxEcho = 300

// excerpt shortens s to at most maxEcho bytes, on a rune boundary.
func excerpt(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	return textfold.Cut(s, maxEcho) + "… (shortened)"
}

// jsonCodec is Connect's JSON codec with two differences: an enum value
// given by a name the enum does not have is an error (protojson would drop
// it, and a filter on ORGANIZATION_STATUS_NOPE would match everything),
// and the error quotes at most an excerpt of the input. Unknown fields are
// still ignored, so older servers accept newer clients.
type jsonCodec struct{ name string }

func (c jsonCodec) Name() string { return c.name }

func (c jsonCodec) Marshal(message any) ([]byte, error) {
	m, ok := message.(proto.Message)
	if !ok {
		return nil, fmt.Errorf("%T is not a proto message", message)
	}
	return protojson.MarshalOptions{}.Marshal(m)
}

func (c jsonCodec) Unmarshal(data []byte, message any) error {
	m, ok := message.(proto.Message)
	if !ok {
		return fmt.Errorf("%T is not a proto message", message)
	}
	if len(data) == 0 {
		return errors.New("zero-length payload is not a valid JSON object")
	}
	err := protojson.UnmarshalOptions{}.Unmarshal(data, m)
	if err != nil && strings.Contains(err.Error(), "unknown field") {
		// Only unknown fields: read again without them. Unknown enum names
		// were refused by the first pass already where they came first.
		proto.Reset(m)
		err = protojson.UnmarshalOptions{DiscardUnknown: true}.Unmarshal(data, m)
	}
	if err != nil {
		return errors.New(excerpt("the request is not valid JSON for " + string(m.ProtoReflect().Descriptor().Name()) + ": " + strings.TrimPrefix(err.Error(), "proto: ")))
	}
	return nil
}

// nulInterceptor refuses strings holding a NUL byte, at their field: no
// name, note or filter needs one, Postgres cannot store one, and on SQLite
// it would cut text short wherever C code reads it.
type nulInterceptor struct{}

func (nulInterceptor) WrapUnary(next connect.UnaryFunc) connect.UnaryFunc {
	return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
		if m, ok := req.Any().(proto.Message); ok {
			if field := nulField(m.ProtoReflect(), ""); field != "" {
				return nil, apierr.Invalid(field, "string.no_nul", "must not contain a NUL character")
			}
		}
		return next(ctx, req)
	}
}

func (nulInterceptor) WrapStreamingClient(next connect.StreamingClientFunc) connect.StreamingClientFunc {
	return next
}

func (nulInterceptor) WrapStreamingHandler(next connect.StreamingHandlerFunc) connect.StreamingHandlerFunc {
	return next
}

// nulField returns the path of the first string in m holding a NUL byte,
// below prefix, or "".
func nulField(m protoreflect.Message, prefix string) string {
	var found string
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		path := apierr.Path(prefix, string(fd.Name()))
		switch {
		case fd.IsList():
			l := v.List()
			for i := range l.Len() {
				if found = nulValue(fd, l.Get(i), apierr.Index(path, i)); found != "" {
					return false
				}
			}
		case fd.IsMap():
			v.Map().Range(func(k protoreflect.MapKey, mv protoreflect.Value) bool {
				p := apierr.Key(path, k.String())
				if strings.ContainsRune(k.String(), 0) {
					found = path
				} else {
					found = nulValue(fd.MapValue(), mv, p)
				}
				return found == ""
			})
		default:
			found = nulValue(fd, v, path)
		}
		return found == ""
	})
	return found
}

func nulValue(fd protoreflect.FieldDescriptor, v protoreflect.Value, path string) string {
	switch fd.Kind() {
	case protoreflect.StringKind:
		if strings.ContainsRune(v.String(), 0) {
			return path
		}
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return nulField(v.Message(), path)
	}
	return ""
}
