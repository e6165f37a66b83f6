// Package dberr translates the storage layer's errors into the kinds of
// apierr. Domain code translates where it makes a query, with a message that
// names the object; Translate is the net under it, so that a missing row or
// a broken constraint that slipped through is never reported as an internal
// error. The API maps errors through it and so never sees the storage
// layer's types.
package dberr

import (
	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// Translate returns the domain error for err when err is a storage error
// with a meaning for the caller: a missing row is NotFound, a broken unique
// or foreign-key constraint AlreadyExists.
func Translate(err error) (*apierr.Error, bool) {
	switch {
	case ent.IsConstraintError(err):
		return apierr.AlreadyExists("the change conflicts with an existing record"), true
	case ent.IsNotFound(err):
		return &apierr.Error{Kind: apierr.KindNotFound, Message: "not found"}, true
	}
	return nil, false
}
