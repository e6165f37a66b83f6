// Package billingentity runs the billing entities: the licensee, who runs
// the platform and owns its hardware, and the resellers who run their own
// customers through it. The licensee grants each reseller capabilities
// (platform/authz drops from its staff the permissions that need one it
// lacks), may suspend it (its staff are locked out at once), and adds its
// first staff. Every change is the licensee's alone.
package billingentity

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
)

// Kinds and statuses of a billing entity.
const (
	KindLicensee    = "LICENSEE"
	KindReseller    = "RESELLER"
	StatusActive    = "ACTIVE"
	StatusSuspended = "SUSPENDED"
)

// Limits of the text fields, in characters.
const (
	MaxNameLen   = 200
	MaxReasonLen = 1000
)

// targetType is what the audit trail calls a billing entity.
const targetType = "billing_entity"

// Values are what staff set on a billing entity.
type Values struct {
	Name         string
	SignupHandle string
	// AcceptSignups: customers may sign up under it at all;
	// AutoApproveSignups: their organizations start ACTIVE at once.
	AcceptSignups, AutoApproveSignups bool
	Capabilities                      []authz.Capability
}

// BillingEntity is the licensee or a reseller, with its counts.
type BillingEntity struct {
	ID uuid.UUID
	Values
	Kind, Status, SuspendReason string
	// OrganizationCount counts its organizations that are not closed;
	// PendingSignupCount those waiting for approval.
	OrganizationCount, PendingSignupCount, StaffCount int
	CreateTime, UpdateTime                            time.Time
}

// Staff is a staff user of a billing entity.
type Staff struct {
	UserID             uuid.UUID
	Email, DisplayName string
	Role               authz.Role
	Disabled           bool
}

// Service reads and changes billing entities.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	// users creates staff users: the members domain owns users and their
	// password hashes.
	users *member.Service
	// location is a billing entity's calendar time zone (the settings
	// area's): the licensee's is the platform's, whose month a wholesale
	// report without months covers.
	location func(context.Context, uuid.UUID) (*time.Location, error)
}

// NewService returns the billing entities' domain; users creates their
// staff.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, users *member.Service) *Service {
	return &Service{client: client, audit: aw, clock: clk, users: users}
}

// LocateWith sets where the calendar time zone of a billing entity is read
// (settings.Service.Location); until set, months are UTC's.
func (s *Service) LocateWith(location func(context.Context, uuid.UUID) (*time.Location, error)) {
	s.location = location
}

func entityOf(r *ent.BillingEntity) BillingEntity {
	b := BillingEntity{ID: r.ID, Kind: r.Kind.String(), Status: r.Status.String(), SuspendReason: r.SuspendReason,
		CreateTime: r.CreateTime, UpdateTime: r.UpdateTime}
	b.Name = r.Name
	if r.SignupHandle != nil {
		b.SignupHandle = *r.SignupHandle
	}
	b.AcceptSignups, b.AutoApproveSignups = r.AcceptSignups, r.AutoApproveSignups
	if r.Kind.String() == KindLicensee {
		b.Capabilities = authz.Capabilities()
	} else {
		for _, c := range r.Capabilities {
			b.Capabilities = append(b.Capabilities, authz.Capability(c))
		}
	}
	return b
}

// state is a billing entity as the audit trail records it.
func state(b BillingEntity) map[string]any {
	caps := make([]string, 0, len(b.Capabilities))
	for _, c := range b.Capabilities {
		caps = append(caps, string(c))
	}
	return map[string]any{
		"id": ids.Format(ids.BillingEntity, b.ID), "name": b.Name, "kind": b.Kind, "status": b.Status,
		"suspend_reason": b.SuspendReason, "signup_handle": b.SignupHandle, "accept_signups": b.AcceptSignups,
		"auto_approve_signups": b.AutoApproveSignups, "capabilities": caps,
	}
}

// normalCapabilities sorts capabilities in the contract's order and drops
// repeats, so the same set is stored the same way.
func normalCapabilities(cs []authz.Capability) []authz.Capability {
	out := []authz.Capability{}
	for _, c := range authz.Capabilities() {
		if slices.Contains(cs, c) {
			out = append(out, c)
		}
	}
	return out
}

// validHandle reports whether h is a sign-up handle: lower-case letters,
// digits and inner dashes, at most 40 characters.
func validHandle(h string) bool {
	if h == "" || len(h) > 40 || h[0] == '-' || h[len(h)-1] == '-' {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// mask lists the fields CreateBillingEntity sets and UpdateBillingEntity
// may change.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name",
		Check: func(v Values) (string, string) {
			if v.Name == "" {
				return "name.required", "give the billing entity a name"
			}
			if utf8.RuneCountInString(v.Name) > MaxNameLen {
				return "name.max_len", "at most 200 characters"
			}
			if r, ok := pdfkit.Missing(v.Name); ok {
				return "name.printable", "the character " + string(r) + " cannot be printed"
			}
			return "", ""
		},
		Copy: func(d *Values, s Values) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "signup_handle",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.SignupHandle == "" || validHandle(v.SignupHandle), "signup_handle.pattern",
				"lower-case letters, digits and dashes, at most 40, not starting or ending with a dash")
		},
		Copy: func(d *Values, s Values) { d.SignupHandle = strings.TrimSpace(s.SignupHandle) }},
	{Path: "accept_signups", Copy: func(d *Values, s Values) { d.AcceptSignups = s.AcceptSignups }},
	{Path: "auto_approve_signups", Copy: func(d *Values, s Values) { d.AutoApproveSignups = s.AutoApproveSignups }},
	{Path: "capabilities",
		Check: func(v Values) (string, string) {
			for _, c := range v.Capabilities {
				if !c.Valid() {
					return "capabilities.defined_only", "an unknown capability"
				}
			}
			return "", ""
		},
		Copy: func(d *Values, s Values) { d.Capabilities = normalCapabilities(s.Capabilities) }},
}}
