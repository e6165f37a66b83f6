// Package apierr is the small set of error kinds domain code returns. One
// interceptor maps them to Connect codes; anything else is an internal error
// whose cause is logged and never shown to the caller.
package apierr

import (
	"errors"
	"fmt"
)

// Kind classifies an error the caller can act on.
type Kind int

const (
	// KindInvalidArgument: the request is malformed; Fields say where.
	KindInvalidArgument Kind = iota + 1
	// KindNotFound: the object does not exist or is not visible to the caller.
	KindNotFound
	// KindAlreadyExists: the object would clash with an existing one.
	KindAlreadyExists
	// KindFailedPrecondition: the object's state does not allow the change.
	KindFailedPrecondition
	// KindPermissionDenied: the caller may not do this.
	KindPermissionDenied
	// KindUnauthenticated: the caller is not signed in.
	KindUnauthenticated
	// KindResourceExhausted: too many attempts; try again later.
	KindResourceExhausted
)

// FieldViolation names a request field and what is wrong with it.
type FieldViolation struct {
	// Field is the path of the field in the request, snake_case, dot separated
	// (e.g. "organization.billing_address.city").
	Field string
	// Rule is a stable id of the broken rule (e.g. "vat_id.checksum"), so a
	// client can translate the message.
	Rule string
	// Message says what is wrong, in words a person can act on.
	Message string
}

// Error is a domain error with a kind.
type Error struct {
	Kind    Kind
	Message string
	Fields  []FieldViolation
}

func (e *Error) Error() string { return e.Message }

// Is reports kind equality, so errors.Is(err, apierr.ErrNotFound) works.
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Kind == e.Kind && t.Message == ""
	}
	return false
}

// Sentinels for errors.Is checks by kind.
var (
	ErrInvalidArgument    = &Error{Kind: KindInvalidArgument}
	ErrNotFound           = &Error{Kind: KindNotFound}
	ErrAlreadyExists      = &Error{Kind: KindAlreadyExists}
	ErrFailedPrecondition = &Error{Kind: KindFailedPrecondition}
	ErrPermissionDenied   = &Error{Kind: KindPermissionDenied}
	ErrUnauthenticated    = &Error{Kind: KindUnauthenticated}
	ErrResourceExhausted  = &Error{Kind: KindResourceExhausted}
)

// Invalid reports one bad field.
func Invalid(field, rule, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Kind: KindInvalidArgument, Message: field + ": " + msg,
		Fields: []FieldViolation{{Field: field, Rule: rule, Message: msg}}}
}

// InvalidFields reports several bad fields at once.
func InvalidFields(vs ...FieldViolation) *Error {
	msg := "invalid request"
	if len(vs) > 0 {
		msg = vs[0].Field + ": " + vs[0].Message
		if len(vs) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(vs)-1)
		}
	}
	return &Error{Kind: KindInvalidArgument, Message: msg, Fields: vs}
}

// NotFound reports that an object of the given kind and id does not exist.
func NotFound(what, id string) *Error {
	return &Error{Kind: KindNotFound, Message: fmt.Sprintf("%s %s not found", what, id)}
}

// AlreadyExists reports a clash.
func AlreadyExists(format string, args ...any) *Error {
	return &Error{Kind: KindAlreadyExists, Message: fmt.Sprintf(format, args...)}
}

// FailedPrecondition reports why the object's state does not allow the change.
func FailedPrecondition(format string, args ...any) *Error {
	return &Error{Kind: KindFailedPrecondition, Message: fmt.Sprintf(format, args...)}
}

// PermissionDenied reports what the caller may not do.
func PermissionDenied(format string, args ...any) *Error {
	return &Error{Kind: KindPermissionDenied, Message: fmt.Sprintf(format, args...)}
}

// Unauthenticated reports that the caller must sign in.
func Unauthenticated(format string, args ...any) *Error {
	return &Error{Kind: KindUnauthenticated, Message: fmt.Sprintf(format, args...)}
}

// ResourceExhausted reports throttling.
func ResourceExhausted(format string, args ...any) *Error {
	return &Error{Kind: KindResourceExhausted, Message: fmt.Sprintf(format, args...)}
}

// As returns the domain error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
