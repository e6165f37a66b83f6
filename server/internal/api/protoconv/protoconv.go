// Package protoconv holds the conversions of plain values to the
// well-known proto types that every handler's converters share.
package protoconv

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"
)

// Time converts a time that may be absent: nil (and the zero time) stay
// unset in the message.
func Time(t *time.Time) *timestamppb.Timestamp {
	if t == nil || t.IsZero() {
		return nil
	}
	return timestamppb.New(*t)
}
