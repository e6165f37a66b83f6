// Package instance manages booked services: a catalog item booked into a
// workspace of an organization, with its own name and price, technical
// notes, a status with its history, a logbook and a scheduled
// decommission.
//
// The rules:
//   - A booking takes a bookable item that is not retired, into a workspace
//     of an organization that is neither suspended nor closed. It starts
//     PROVISIONING at the item's price of that moment; later price changes
//     of the item do not touch it. Staff change an instance's price only
//     with a reason, and the logbook says so.
//   - The status moves along Transitions, one table. Staff set every status
//     but DECOMMISSIONED by hand (ByHand); DECOMMISSIONED is final and set
//     by the decommission of a scheduled instance. Every change appends a
//     row to the status history (from, to, when, who or the sync, why) and
//     an entry to the logbook the customer reads.
//   - A decommissioned instance is kept as it is: no change but logbook
//     entries.
//   - Instances, their history and logbook belong to the instance's
//     organization (tenancy scope organization).
package instance

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
)

// Status is an instance's state.
type Status string

// The states.
const (
	Online         Status = "ONLINE"
	Provisioning   Status = "PROVISIONING"
	Maintenance    Status = "MAINTENANCE"
	Disruption     Status = "DISRUPTION"
	Incident       Status = "INCIDENT"
	Suspended      Status = "SUSPENDED"
	Decommissioned Status = "DECOMMISSIONED"
)

// Statuses lists every state in the order the API numbers them.
func Statuses() []Status {
	return []Status{Online, Provisioning, Maintenance, Disruption, Incident, Suspended, Decommissioned}
}

// Transitions are the status changes allowed, from each status to the
// statuses it may become: the one table of the lifecycle (docs/services.md
// shows it). DECOMMISSIONED is final. A suspended instance is off on
// purpose, so it does not fall into DISRUPTION or INCIDENT: staff resume it
// (ONLINE, PROVISIONING or MAINTENANCE) first.
var Transitions = map[Status][]Status{
	Provisioning:   {Online, Maintenance, Disruption, Incident, Suspended, Decommissioned},
	Online:         {Provisioning, Maintenance, Disruption, Incident, Suspended, Decommissioned},
	Maintenance:    {Online, Provisioning, Disruption, Incident, Suspended, Decommissioned},
	Disruption:     {Online, Provisioning, Maintenance, Incident, Suspended, Decommissioned},
	Incident:       {Online, Provisioning, Maintenance, Disruption, Suspended, Decommissioned},
	Suspended:      {Online, Provisioning, Maintenance, Decommissioned},
	Decommissioned: nil,
}

// CanTransition reports whether an instance may go from one status to
// another.
func CanTransition(from, to Status) bool { return slices.Contains(Transitions[from], to) }

// ByHand reports whether staff set the status themselves: every status
// but DECOMMISSIONED, which only the decommission of a scheduled instance
// sets.
func ByHand(s Status) bool { return s != Decommissioned && slices.Contains(Statuses(), s) }

// Source says who changed a status.
type Source string

// The sources.
const (
	// Staff: a staff member by hand, or the system on their behalf.
	Staff Source = "STAFF"
	// Sync: the server sync, from the health of the containers.
	Sync Source = "SYNC"
)

// Sources lists the sources.
func Sources() []Source { return []Source{Staff, Sync} }

// Visibility says who reads a logbook entry.
type Visibility string

// The visibilities.
const (
	Customer Visibility = "CUSTOMER"
	Internal Visibility = "INTERNAL"
)

// Visibilities lists the visibilities.
func Visibilities() []Visibility { return []Visibility{Customer, Internal} }

// Currency is the currency of every price.
const Currency = "EUR"

// Limits of the values.
const (
	MaxNameLen           = 200
	MaxNotesLen          = 20000
	MaxMonthlyPriceCents = 100_000_000
	MaxReasonLen         = 1000
	MaxLogbookTextLen    = 4000
)

// Instance is a booked service with the names of what it refers to.
type Instance struct {
	ID                 uuid.UUID
	OrganizationID     uuid.UUID
	OrganizationName   string
	WorkspaceID        uuid.UUID
	WorkspaceName      string
	CatalogItemID      uuid.UUID
	CatalogItemName    string
	CatalogItemIconURL string
	Values
	Status     Status
	StatusTime time.Time
	Currency   string
	// DecommissionTime is when it is to be decommissioned; nil when
	// nothing is scheduled.
	DecommissionTime       *time.Time
	CreateTime, UpdateTime time.Time
	// Health is the live health of its primary containers; ContainerCount
	// and PrimaryCount how many containers are linked, and of them primary.
	Health                       Health
	ContainerCount, PrimaryCount int
}

// Values are an instance's editable fields.
type Values struct {
	Name  string
	Notes string
	// MonthlyPriceCents is the price in cents of EUR, net of VAT.
	MonthlyPriceCents int64
}

// StatusChange is one entry of the status history.
type StatusChange struct {
	ID        uuid.UUID
	ServiceID uuid.UUID
	// From is "" for the first entry, the booking.
	From, To   Status
	ChangeTime time.Time
	// ActorID is nil for the system and the sync.
	ActorID    *uuid.UUID
	ActorEmail string
	Source     Source
	Reason     string
}

// LogbookEntry is one entry of the logbook.
type LogbookEntry struct {
	ID         uuid.UUID
	ServiceID  uuid.UUID
	CreateTime time.Time
	// AuthorID is nil for the system.
	AuthorID    *uuid.UUID
	AuthorEmail string
	Visibility  Visibility
	Text        string
	// Code and Params: the coded text of an entry the platform wrote
	// itself; "" for entries people wrote.
	Code   string
	Params map[string]string
}

// mask lists the fields UpdateServiceInstance may change, how each is
// checked and copied.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name",
		Check: func(v Values) (string, string) {
			if strings.TrimSpace(v.Name) == "" {
				return "name.required", "give the service a name"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Name) <= MaxNameLen, "name.max_len", "at most 200 characters")
		},
		Copy: func(d *Values, s Values) { d.Name = strings.TrimSpace(s.Name) }},
	{Path: "notes",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Notes) <= MaxNotesLen, "notes.max_len", "at most 20000 characters")
		},
		Copy: func(d *Values, s Values) { d.Notes = strings.TrimRight(s.Notes, " \t\r\n") }},
	{Path: "monthly_price_cents",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(v.MonthlyPriceCents >= 0 && v.MonthlyPriceCents <= MaxMonthlyPriceCents,
				"monthly_price_cents.range", "a price from 0 to 1,000,000.00 EUR a month, in cents")
		},
		Copy: func(d *Values, s Values) { d.MonthlyPriceCents = s.MonthlyPriceCents }},
}}

// Paths are the update-mask paths UpdateServiceInstance accepts.
var Paths = mask.Paths()

// state is what the audit trail keeps of an instance.
func state(i Instance) map[string]any {
	out := map[string]any{
		"name": i.Name, "status": string(i.Status), "monthly_price_cents": i.MonthlyPriceCents, "currency": i.Currency,
		"notes": i.Notes,
	}
	if i.DecommissionTime != nil {
		out["decommission_time"] = i.DecommissionTime.UTC().Format(time.RFC3339)
	}
	return out
}

// allowedFrom names the statuses from may become, for a message.
func allowedFrom(from Status) string {
	var out []string
	for _, s := range Transitions[from] {
		if ByHand(s) {
			out = append(out, string(s))
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
