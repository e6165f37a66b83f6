// Package webhook sends signed events to the endpoints billing entities
// register, so that their systems react without polling.
//
// The events come from the audit trail: every change writes its audit
// event in its own transaction, ordered by sequence. The dispatcher
// (Dispatch) reads the trail from a stored cursor, turns the audit events
// that mean something to a receiver into events (organization created,
// invoice issued, …), and writes them with a delivery per subscribed
// endpoint and the new cursor in one transaction: an event is queued once,
// and none is lost when a process stops at any point. The sender
// (DeliverDue) claims due deliveries, posts them and schedules a retry
// with backoff on failure. Receivers get every event at least once and
// drop repeats by its id.
package webhook

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/secrets"
)

// The event types.
const (
	TypePing                 = "ping"
	TypeOrganizationCreated  = "organization.created"
	TypeInvoiceIssued        = "invoice.issued"
	TypePaymentReceived      = "payment.received"
	TypeServiceStatusChanged = "service.status_changed"
	TypeAlertReported        = "alert.reported"
	TypeUpgradeRequested     = "upgrade.requested"
	TypeLicenceExpiring      = "licence.expiring"
	TypeSignUpApproved       = "signup.approved"
	TypeSignUpRejected       = "signup.rejected"
)

// Types lists the event types an endpoint can subscribe to (a ping is sent
// on request, whatever the subscription).
func Types() []string {
	return []string{TypeOrganizationCreated, TypeInvoiceIssued, TypePaymentReceived, TypeServiceStatusChanged,
		TypeAlertReported, TypeUpgradeRequested, TypeLicenceExpiring, TypeSignUpApproved, TypeSignUpRejected}
}

// KnownType reports whether t is an event type endpoints subscribe to.
func KnownType(t string) bool { return slices.Contains(Types(), t) }

// Event is one event as receivers get it. Data is one of the *Data types
// below, by Type.
type Event struct {
	ID            uuid.UUID
	Type          string
	Time          time.Time
	BillingEntity uuid.UUID
	Organization  *uuid.UUID
	Data          any
}

// PingData is a test event's.
type PingData struct{ EndpointID uuid.UUID }

// OrganizationCreatedData is organization.created's.
type OrganizationCreatedData struct{ Name, LegalName, Status string }

// InvoiceIssuedData is invoice.issued's.
type InvoiceIssuedData struct {
	InvoiceID                      uuid.UUID
	Number, Kind, IssueDate        string
	NetCents, VATCents, GrossCents int64
}

// PaymentReceivedData is payment.received's.
type PaymentReceivedData struct {
	PaymentID             uuid.UUID
	InvoiceNumber, Method string
	AmountCents           int64
	Currency              string
}

// ServiceStatusChangedData is service.status_changed's.
type ServiceStatusChangedData struct {
	ServiceID                    uuid.UUID
	Name, PreviousStatus, Status string
}

// AlertReportedData is alert.reported's.
type AlertReportedData struct {
	AlertID         uuid.UUID
	Priority, Label string
}

// UpgradeRequestedData is upgrade.requested's.
type UpgradeRequestedData struct {
	RequestID      uuid.UUID
	Plan, FromPlan string
}

// LicenceExpiringData is licence.expiring's.
type LicenceExpiringData struct {
	LicenceID        uuid.UUID
	Kind, ValidUntil string
}

// SignUpDecidedData is signup.approved's and signup.rejected's.
type SignUpDecidedData struct{ Name, LegalName, Status, RejectionReason string }

// Encoder makes the body of an event's deliveries (the API's JSON form of
// leitstand.events.v1.Event); the API layer provides it.
type Encoder func(Event) ([]byte, error)

// Status is where a delivery stands.
type Status string

// The statuses of a delivery.
const (
	Pending   Status = "PENDING"
	Succeeded Status = "SUCCEEDED"
	Failed    Status = "FAILED"
)

// Statuses lists them.
func Statuses() []Status { return []Status{Pending, Succeeded, Failed} }

// Backoff is the wait after each failed attempt before the next; after the
// last, the delivery is FAILED (eight attempts in about two days).
var Backoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour,
	12 * time.Hour, 24 * time.Hour}

// The bounds of one attempt.
const (
	Timeout = 10 * time.Second
	// MaxResponseBody is how much of an answer's body is kept.
	MaxResponseBody = 2048
	// lease is how long a claimed attempt keeps others off the delivery:
	// longer than an attempt takes. A sender that stops mid-attempt leaves
	// the delivery to be tried again after it.
	lease = 2 * time.Minute
	// DefaultOverlap is how long a rotated secret keeps signing.
	DefaultOverlap = 24 * time.Hour
)

// Resolver looks up the addresses of a host name (net.DefaultResolver).
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Service runs the endpoints, the dispatcher and the sender.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	box    *secrets.Box
	logger *slog.Logger
	encode Encoder

	allowPrivate bool
	resolver     Resolver
	http         *http.Client
}

// NewService returns the service; encode makes the events' bodies.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, box *secrets.Box, logger *slog.Logger, encode Encoder) *Service {
	s := &Service{client: client, audit: aw, clock: clk, box: box, logger: logger, encode: encode, resolver: net.DefaultResolver}
	s.http = s.newClient()
	return s
}

// AllowPrivateTargets lets endpoints be on loopback and private addresses,
// over plain http too (a demo, a receiver inside the operator's network).
// Link-local and metadata addresses stay refused.
func (s *Service) AllowPrivateTargets(allow bool) { s.allowPrivate = allow }

// ResolveWith makes names resolve through r (tests).
func (s *Service) ResolveWith(r Resolver) { s.resolver = r }
