// Package identity signs users in and out and resolves the credential of
// every request — a session cookie or an API token — to a principal. The
// principal is read from the database on each request, so disabling a user
// or changing their role takes effect on the very next call.
package identity

import (
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/auth"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
)

// Policy holds the tunable rules of sign-in.
type Policy struct {
	// SessionIdle ends a session not used for this long.
	SessionIdle time.Duration
	// SessionMax ends a session this long after sign-in, used or not.
	SessionMax time.Duration
	// FreeAttempts is how many sign-ins for one e-mail address from one
	// client address are checked before the next ones are locked.
	FreeAttempts int
	// AddressAttempts is the same for all e-mail addresses from one client
	// address: it bounds spraying one password across many accounts.
	AddressAttempts int
	// HashConcurrency bounds the password checks that run at once; an
	// attempt waits up to HashWait for one of them, then is refused.
	HashConcurrency int
	HashWait        time.Duration
	// LockBase is the first lock; each further failure doubles it, up to LockMax.
	LockBase, LockMax time.Duration
	// RequireSecondFactor makes a second factor mandatory for owners and
	// operators: until they enrol one, their sessions may only enrol.
	RequireSecondFactor bool
	// Argon2 are the parameters of new password hashes.
	Argon2 auth.Argon2Params
}

// DefaultPolicy is the production policy.
var DefaultPolicy = Policy{
	SessionIdle:     12 * time.Hour,
	SessionMax:      7 * 24 * time.Hour,
	FreeAttempts:    5,
	AddressAttempts: 30,
	HashConcurrency: 8,
	HashWait:        2 * time.Second,
	LockBase:        30 * time.Second,
	LockMax:         15 * time.Minute,
	Argon2:          auth.DefaultArgon2,
}

// Service is the sign-in domain.
type Service struct {
	client *ent.Client
	// dialect lets the per-request credential lookup build its one SQL
	// statement for the database in use, prepared once (see db.Statements).
	dialect string
	stmts   *db.Statements
	// credentialQueries holds the lookup of each kind of credential
	// (credentialQuery), by table.
	credentialQueries sync.Map
	audit             *audit.Writer
	clock             clock.Clock
	policy            Policy
	logger            *slog.Logger
	// dummyHash is checked against when the e-mail is unknown, so an unknown
	// address takes as long to refuse as a wrong password.
	dummyHash string
	hashing   *hashGate
	// box seals the second factor's secrets.
	box *secrets.Box
	// checkPassword is auth.CheckPassword; tests watch which hashes are
	// checked.
	checkPassword func(hash, pw string) bool
}

// NewService returns the sign-in domain.
func NewService(client *ent.Client, dialect string, stmts *db.Statements, aw *audit.Writer, clk clock.Clock, policy Policy, logger *slog.Logger, box *secrets.Box) *Service {
	dummy, _ := auth.HashPassword("not a password", policy.Argon2)
	return &Service{client: client, dialect: dialect, stmts: stmts, audit: aw, clock: clk, policy: policy, logger: logger,
		dummyHash: dummy, hashing: newHashGate(policy.HashConcurrency, policy.HashWait), checkPassword: auth.CheckPassword, box: box}
}

// NormalizeEmail is how e-mail addresses are stored and compared.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
