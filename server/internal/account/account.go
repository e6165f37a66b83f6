// Package account is the staff's view of the billing accounts: the usage
// and billing rollup of a month (List) and an account's twelve months
// (History). An account is an organization with its workspaces. Each
// figure is read through the data layer, so a reseller's staff see their
// own customers only.
//
// The rollup of a month is computed for every account in a constant
// number of statements (the organizations, their contracts, MRR,
// members, usage, invoices and payments), filtered, sorted and cut into
// pages in memory; what only the page shows (admins, workspaces, the next
// invoice) is read for the page alone. Sorting by computed figures (MRR,
// the share of a cap) needs every account anyway, and 10,000 accounts
// take well under a second (BenchmarkRollup).
package account

import (
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/revenue"
	"github.com/leitstand/leitstand/server/internal/trial"
)

// Class is an account's revenue class: what it is to the business,
// derived from its data, never set by hand.
type Class string

// The revenue classes. The first that applies, in this order, is the
// account's (ClassOf).
const (
	// Trial: a reverse trial runs.
	Trial Class = "TRIAL"
	// Managed: billed offline, by issued invoices and payment links.
	Managed Class = "MANAGED"
	// Paying: its MRR (at the month's end, or today for this month) is
	// above zero.
	Paying Class = "PAYING"
	// Comped: pays nothing recurring: a free plan, a discount of 100 %,
	// no contract in force.
	Comped Class = "COMPED"
)

// Classes lists the revenue classes in the order of the rule.
func Classes() []Class { return []Class{Trial, Managed, Paying, Comped} }

// ClassOf is the revenue class of an account: whether a reverse trial
// runs, whether it is billed offline, and its MRR.
func ClassOf(trial, managed bool, mrrCents int64) Class {
	switch {
	case trial:
		return Trial
	case managed:
		return Managed
	case mrrCents > 0:
		return Paying
	}
	return Comped
}

// Usage is how much of something an account uses against its cap.
type Usage struct {
	Used, Cap int64 // Cap 0: none
}

// Percent is Used of Cap in whole percent, rounded down; 0 without a cap.
func (u Usage) Percent() int {
	if u.Cap <= 0 {
		return 0
	}
	return int(u.Used * 100 / u.Cap)
}

// Account is one account in the rollup of a month.
type Account struct {
	Organization uuid.UUID
	Name         string
	Status       string // organization.Status…
	Managed      bool
	Class        Class
	// Plan is the plan of its contract at the month's end (this month:
	// today); empty without one.
	Plan string
	// Trial is the reverse trial that gives it the top tier at the
	// month's end (this month: today), nil without one; its caps are
	// then the trial tier's.
	Trial *trial.Trial
	// Users are its members today; Storage its highest daily storage in
	// the month and Traffic its traffic, in bytes.
	Users, Storage, Traffic Usage
	Currency                string
	// InvoicedGrossCents were invoiced in the month, PaidCents paid (by
	// value date, less refunds).
	InvoicedGrossCents, PaidCents int64
	// MRRStartCents is its MRR on the month's first day, MRREndCents on
	// its last (for this month a forecast).
	MRRStartCents, MRREndCents int64
	// Read for a page only:
	// Next is its next invoice (this month's rollup only; nil: none).
	Next *invoice.Forecast
	// Admins are its owners and admins, "Name <e-mail>".
	Admins     []string
	Workspaces []Workspace
	// AccountManager is the account manager, "Name <e-mail>", and
	// AccountManagerID their user; empty and nil without one.
	AccountManager   string
	AccountManagerID *uuid.UUID
	// Partner: it refers others; ReferredBy names the partner that
	// referred it, ExternalLedBy the partner whose members are all its
	// admins (partner.ExternalLed); empty when none.
	Partner                   bool
	ReferredBy, ExternalLedBy string
	// UsageResetDay is the day staff reset its usage counters in the
	// month; zero when they did not.
	UsageResetDay calendar.Date

	// folded is Name folded for sorting and searching (textfold).
	folded string
	// referredBy is the partner that referred it.
	referredBy *uuid.UUID
}

// Workspace is a workspace in the rollup.
type Workspace struct {
	ID    uuid.UUID
	Name  string
	Plan  string
	Users int
	// StorageBytes is its highest daily storage in the month,
	// TrafficBytes its traffic.
	StorageBytes, TrafficBytes int64
	// Admin is its named admin, "Name <e-mail>"; empty without one.
	Admin string
}

// Service reads the accounts, and measures what changes do to them.
type Service struct {
	client   *ent.Client
	audit    *audit.Writer
	revenue  *revenue.Service
	invoices *invoice.Service
}

// NewService returns the accounts' reader, which measures changes to them
// (Measure) in changes written by aw.
func NewService(client *ent.Client, aw *audit.Writer, rev *revenue.Service, invoices *invoice.Service) *Service {
	return &Service{client: client, audit: aw, revenue: rev, invoices: invoices}
}
