// Package organization manages customers: organizations (each a billing
// account), their workspaces and the users who belong to them.
package organization

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/ratelimit"
	"github.com/leitstand/leitstand/server/internal/platform/readcache"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Service is the organizations domain.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
	// The organizations page and an organization's page are the reads staff
	// make most; their answers are kept per data version (see readcache).
	pages   *readcache.Cache[*Page]
	details *readcache.Cache[*Details]
	zones   Zones
	// firstContract makes a new organization's contract in its creation's
	// change (contract.Service.Begin), so neither exists without the other.
	firstContract FirstContract
	// userCap tells how many members an organization's terms allow.
	userCap UserCap
	// hashPassword checks and hashes a sign-up's password; the limiters
	// bound the sign-ups of one client and of all.
	hashPassword                     PasswordHasher
	signUpsPerClient, signUpsOverall *ratelimit.Limiter
}

// UserCap tells, in the change tx, how many members the terms of
// organization org allow today; 0 for no cap.
type UserCap func(ctx context.Context, tx *ent.Tx, org uuid.UUID) (int, error)

// CapUsersWith sets how the members an organization may have are capped:
// the users cap of its contract blocks adding more (AddMember).
func (s *Service) CapUsersWith(f UserCap) { s.userCap = f }

// FirstContract makes the first contract of organization org, being
// created in tx, on the plan named (uuid.Nil for the default one),
// starting on start.
type FirstContract func(ctx context.Context, tx *ent.Tx, log *audit.Log, org uuid.UUID, start calendar.Date, plan uuid.UUID) error

// MakeContractsWith sets how a new organization's first contract is made.
func (s *Service) MakeContractsWith(f FirstContract) { s.firstContract = f }

// Zones tells the time zone of a billing entity's invoice calendar
// (settings), which decides its organizations' billing days.
type Zones func(ctx context.Context, billingEntity uuid.UUID) (*time.Location, error)

// NewService returns the organizations domain; its cached reads follow
// feed.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, feed *changes.Feed, zones Zones) *Service {
	return &Service{client: client, audit: aw, clock: clk, zones: zones,
		pages: readcache.New[*Page](feed, 1000), details: readcache.New[*Details](feed, 10000),
		signUpsPerClient: ratelimit.New(SignUpsPerClientHour, time.Hour, clk),
		signUpsOverall:   ratelimit.New(SignUpsPerHour, time.Hour, clk)}
}

// cacheKey is what a cached read is kept under, with the data version the
// request started at: the caller's tenancy scope and the request.
func cacheKey(ctx context.Context, kind string, params any) (string, int64) {
	p := authz.FromContext(ctx)
	if p == nil {
		return "", 0
	}
	scope, _ := tenancy.Scope(ctx)
	return fmt.Sprintf("%s|%s|%+v", kind, scope, params), p.DataVersion
}

// Status values of an organization.
const (
	StatusPendingApproval = "PENDING_APPROVAL"
	StatusActive          = "ACTIVE"
	StatusSuspended       = "SUSPENDED"
	StatusClosed          = "CLOSED"
)

// Organization roles.
const (
	RoleOwner  = "OWNER"
	RoleAdmin  = "ADMIN"
	RoleMember = "MEMBER"
)

// Summary is an organization with the counts a list shows.
type Summary struct {
	Organization
	MemberCount    int
	WorkspaceCount int
}

// withBillingDays sets the billing day of each of os: the day of its
// creation on the calendar of its billing entity's time zone (see
// billing/calendar).
func (s *Service) withBillingDays(ctx context.Context, os ...*Organization) error {
	zones := map[uuid.UUID]*time.Location{}
	for _, o := range os {
		loc, ok := zones[o.BillingEntityID]
		if !ok {
			var err error
			if loc, err = s.zones(ctx, o.BillingEntityID); err != nil {
				return err
			}
			zones[o.BillingEntityID] = loc
		}
		o.BillingDay = calendar.BillingDay(o.CreateTime, loc)
		o.TimeZone = loc
	}
	return nil
}

// allowedTransitions lists the status changes staff may make. CLOSED is final.
var allowedTransitions = map[string][]string{
	StatusPendingApproval: {StatusActive, StatusClosed},
	StatusActive:          {StatusSuspended, StatusClosed},
	StatusSuspended:       {StatusActive, StatusClosed},
}

func canTransition(from, to string) bool {
	return from == to || slices.Contains(allowedTransitions[from], to)
}

// state is an organization as the audit trail records it.
func state(o *ent.Organization) map[string]any {
	return map[string]any{
		"id": ids.Format(ids.Organization, o.ID), "name": o.Name, "legal_name": o.LegalName, "status": o.Status.String(),
		"billing_address": map[string]string{"line1": o.AddressLine1, "line2": o.AddressLine2, "postal_code": o.PostalCode, "city": o.City, "country_code": o.CountryCode},
		"vat_id":          o.VatID, "billing_email": o.BillingEmail, "managed": o.Managed,
		"e_invoice": map[string]any{"format": o.EinvoiceFormat.String(), "buyer_reference": o.BuyerReference,
			"electronic_address": o.EinvoiceAddress, "public_sector": o.PublicSector},
	}
}

func workspaceState(w *ent.Workspace) map[string]any {
	return map[string]any{
		"id": ids.Format(ids.Workspace, w.ID), "organization_id": ids.Format(ids.Organization, w.OrganizationID),
		"name": w.Name, "admin_user_id": ids.FormatPtr(ids.User, w.AdminUserID),
	}
}

func membershipState(m *ent.Membership) map[string]any {
	return map[string]any{
		"organization_id": ids.Format(ids.Organization, m.OrganizationID),
		"user_id":         ids.Format(ids.User, m.UserID), "role": m.Role.String(),
	}
}
