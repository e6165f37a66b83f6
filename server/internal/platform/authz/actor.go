package authz

import (
	"context"

	"github.com/google/uuid"
)

// Actor is who a change is attributed to: a signed-in user, the server
// acting on its own, or nobody (an anonymous call). Audit events, run
// records, grants and server events all name it the same way.
type Actor struct {
	// ID is the calling user; nil for the server itself and for anonymous
	// callers.
	ID *uuid.UUID
	// Email and DisplayName are the caller's ("system" is the server's
	// e-mail); empty for anonymous callers.
	Email, DisplayName string
	// Role is the caller's platform role; empty for the server itself.
	Role Role
	// System: the server acting on its own (jobs, the command line, the
	// demo seed).
	System bool
	// Anonymous: nobody is signed in.
	Anonymous bool
}

// ActorOf returns who is calling in ctx.
func ActorOf(ctx context.Context) Actor {
	p := FromContext(ctx)
	if p == nil {
		return Actor{Anonymous: true}
	}
	a := Actor{Email: p.Email, DisplayName: p.DisplayName, Role: p.Role, System: p.Method == MethodSystem}
	if !a.System && p.UserID != uuid.Nil {
		id := p.UserID
		a.ID = &id
	}
	return a
}

// Name is how a sentence names the actor: the e-mail address, or "the
// system" when nobody is signed in.
func (a Actor) Name() string {
	if a.Anonymous {
		return "the system"
	}
	return a.Email
}

// Is reports whether the actor is the user with id.
func (a Actor) Is(id uuid.UUID) bool { return a.ID != nil && *a.ID == id }
