// Package training runs the compliance trainings the platform holds for its
// customers' people.
//
// The rules:
//   - Courses are the platform's catalogue; one that had a session is
//     never deleted, only retired (no new sessions).
//   - A session is SCHEDULED until it is COMPLETED or CANCELLED, both
//     final. Rescheduling moves it with a reason, its registrations with
//     it; cancelling it cancels them.
//   - A registration is CONFIRMED while the session has a free seat, else
//     WAITLISTED in the order it came. A confirmed registration cancelled,
//     or a capacity raised, moves the first ones waiting up. A person (by
//     e-mail address) is on a session once unless cancelled.
//   - Completing a session that has begun grants a licence to every
//     confirmed attendee marked present, from the completion day (in the
//     platform's time zone) for the course's validity in months, the day
//     of the month kept or the month's last (29 February + 1 year is 28
//     February). Absent or unmarked attendees get none. A licence is one
//     per registration (a unique index), so completing again grants
//     nothing twice. A paid course's confirmed seats become one charge per
//     organization (unique per session and organization), which the
//     billing run puts on that organization's next invoice once.
//   - A licence is VALID, EXPIRING within 30 days of its last valid day,
//     EXPIRED after it, or REVOKED with a reason. The Licence Expiry job
//     tells the organization's admins (a notice in the portal) and staff
//     (an order) once per licence when it is expiring and once when it has
//     expired.
//   - A certificate carries a verification code; VerifyCertificate says
//     whether a code belongs to a licence valid today and nothing else.
//
// Sessions and courses are the platform's (every caller reads them, only
// the platform's staff change them). Registrations, licences, notices and
// charges belong to the attendee's organization. The seats of a session
// are counted over all organizations, whoever registers: that bookkeeping
// reads and moves up registrations the caller does not see (unscoped),
// and shows the caller only its own.
package training

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
	"github.com/leitstand/leitstand/server/internal/platform/ratelimit"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// Session states.
const (
	Scheduled = "SCHEDULED"
	Completed = "COMPLETED"
	Cancelled = "CANCELLED"
)

// Registration states.
const (
	Confirmed  = "CONFIRMED"
	Waitlisted = "WAITLISTED"
	// Cancelled (above) too.
)

// Attendance marks.
const (
	Unmarked = "UNMARKED"
	Present  = "PRESENT"
	Absent   = "ABSENT"
)

// Licence states.
const (
	Valid    = "VALID"
	Expiring = "EXPIRING"
	Expired  = "EXPIRED"
	Revoked  = "REVOKED"
)

// ExpiringDays is how many days before its last valid day a licence is
// expiring.
const ExpiringDays = 30

// DefaultValidityMonths is a course's licence validity when none is given.
const DefaultValidityMonths = 12

// The audit trail's names of the objects.
const (
	courseTarget       = "course"
	sessionTarget      = "training_session"
	registrationTarget = "registration"
	licenceTarget      = "licence"
	noticeTarget       = "licence_notice"
	chargeTarget       = "training_charge"
)

// Service runs the trainings.
type Service struct {
	client   *ent.Client
	audit    *audit.Writer
	clock    clock.Clock
	settings *settings.Service
	orders   *order.Service
	verify   *ratelimit.Limiter
}

// NewService returns the trainings.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, st *settings.Service, orders *order.Service) *Service {
	return &Service{client: client, audit: aw, clock: clk, settings: st, orders: orders,
		verify: ratelimit.New(VerificationsPerMinute, time.Minute, clk)}
}

// location is the platform's time zone: the licensee's calendar. A
// licence's days and the sessions' days are in it.
func (s *Service) location(ctx context.Context) (*time.Location, error) {
	be, err := tenancy.Licensee(ctx, s.client)
	if err != nil {
		return nil, fmt.Errorf("the platform's billing entity: %w", err)
	}
	return s.settings.Location(ctx, be)
}

// today is the day it is in the platform's time zone.
func (s *Service) today(ctx context.Context) (calendar.Date, *time.Location, error) {
	loc, err := s.location(ctx)
	if err != nil {
		return calendar.Date{}, nil, err
	}
	return calendar.On(s.clock.Now(), loc), loc, nil
}

// ValidUntil is the last valid day of a licence granted on from for months:
// the same day of the month months later, or that month's last day when it
// is shorter (29 February + 12 months is 28 February).
func ValidUntil(from calendar.Date, months int) calendar.Date {
	y, m := from.Year(), int(from.Month())-1+months
	y, m = y+m/12, m%12
	first := calendar.D(y, time.Month(m+1), 1)
	last := first.AddDays(31)
	last = calendar.D(last.Year(), last.Month(), 1).AddDays(-1) // the month's last day
	if from.Day() > last.Day() {
		return last
	}
	return calendar.D(y, time.Month(m+1), from.Day())
}

// StateOn is what a licence valid until until (revoked or not) is worth on
// day.
func StateOn(until calendar.Date, revoked bool, day calendar.Date) string {
	switch {
	case revoked:
		return Revoked
	case day.After(until):
		return Expired
	case !until.After(day.AddDays(ExpiringDays)):
		return Expiring
	}
	return Valid
}

// unprintable says why s cannot be printed on a certificate: a control
// character (a line break, a tab), or one its font cannot show; "" when it
// can.
func unprintable(s string) string {
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		return "no line breaks, tabs or other control characters"
	}
	if r, ok := pdfkit.Missing(s); ok {
		return fmt.Sprintf("the certificate cannot show %q (U+%04X)", r, r)
	}
	return ""
}

// newID is a new row's key.
func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

func notFoundOrg(org uuid.UUID) error {
	return apierr.NotFound("organization", ids.Format(ids.Organization, org))
}
