// Package order keeps the work staff do for customers: orders of an
// organization, optionally about one of its workspaces and service
// instances, with a kind, a priority, an assignee among the staff, a due
// date, a status along a fixed workflow and comments.
//
// The rules:
//   - An order is numbered across the platform from 1, in the order the
//     orders were created; numbers are never reused.
//   - Its workspace and service instance are its organization's (the
//     instance in that workspace, when both are named); its assignee is a
//     staff member, never a customer's user.
//   - The status moves along Transitions, one table. Cancelling and
//     reopening a closed order need a reason. A closed order (DONE or
//     CANCELLED) is not changed until it is reopened; comments are still
//     written.
//   - Every status change writes an internal comment saying so.
//   - Orders and their comments belong to the order's organization
//     (tenancy scope organization).
package order

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Status is where an order stands.
type Status string

// The states.
const (
	Open               Status = "OPEN"
	InProgress         Status = "IN_PROGRESS"
	WaitingForCustomer Status = "WAITING_FOR_CUSTOMER"
	Done               Status = "DONE"
	Cancelled          Status = "CANCELLED"
)

// Statuses lists the states in the order the API numbers them.
func Statuses() []Status { return []Status{Open, InProgress, WaitingForCustomer, Done, Cancelled} }

// Transitions are the status changes allowed: the one table of the
// workflow (docs/orders.md shows it). Work goes back and forth between
// OPEN, IN_PROGRESS and WAITING_FOR_CUSTOMER and ends DONE or CANCELLED;
// a DONE order is reopened into IN_PROGRESS (the work was not done after
// all), a CANCELLED one into OPEN (it is to be done after all).
var Transitions = map[Status][]Status{
	Open:               {InProgress, WaitingForCustomer, Done, Cancelled},
	InProgress:         {Open, WaitingForCustomer, Done, Cancelled},
	WaitingForCustomer: {Open, InProgress, Done, Cancelled},
	Done:               {InProgress},
	Cancelled:          {Open},
}

// CanTransition reports whether an order may go from one status to
// another.
func CanTransition(from, to Status) bool { return slices.Contains(Transitions[from], to) }

// Closed reports whether an order in status s is closed.
func Closed(s Status) bool { return s == Done || s == Cancelled }

// NeedsReason reports whether a change from one status to another needs a
// reason: cancelling, and reopening a closed order.
func NeedsReason(from, to Status) bool { return to == Cancelled || Closed(from) }

// Kind is what kind of work an order is.
type Kind string

// The kinds.
const (
	Support Kind = "SUPPORT"
	Change  Kind = "CHANGE"
	Project Kind = "PROJECT"
	Other   Kind = "OTHER"
)

// Kinds lists the kinds in the order the API numbers them.
func Kinds() []Kind { return []Kind{Support, Change, Project, Other} }

// Priority is how urgent an order is.
type Priority string

// The priorities.
const (
	Low      Priority = "LOW"
	Normal   Priority = "NORMAL"
	High     Priority = "HIGH"
	Critical Priority = "CRITICAL"
)

// Priorities lists the priorities in the order the API numbers them.
func Priorities() []Priority { return []Priority{Low, Normal, High, Critical} }

// Visibility says who reads a comment.
type Visibility string

// The visibilities.
const (
	Customer Visibility = "CUSTOMER"
	Internal Visibility = "INTERNAL"
)

// Visibilities lists the visibilities.
func Visibilities() []Visibility { return []Visibility{Customer, Internal} }

// Limits of the values.
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 20000
	MaxReasonLen      = 1000
	MaxCommentLen     = 4000
)

// Values are an order's editable fields.
type Values struct {
	Title, Description string
	Kind               Kind
	Priority           Priority
	// AssigneeID, WorkspaceID, ServiceInstanceID: nil for none.
	AssigneeID, WorkspaceID, ServiceInstanceID *uuid.UUID
	// DueDate is the due day at midnight UTC; nil for none.
	DueDate *time.Time
}

// equal reports whether two sets of values are the same.
func (v Values) equal(w Values) bool {
	same := func(a, b *uuid.UUID) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	sameDay := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	return v.Title == w.Title && v.Description == w.Description && v.Kind == w.Kind && v.Priority == w.Priority &&
		same(v.AssigneeID, w.AssigneeID) && same(v.WorkspaceID, w.WorkspaceID) &&
		same(v.ServiceInstanceID, w.ServiceInstanceID) && sameDay(v.DueDate, w.DueDate)
}

// Order is an order with the names of what it refers to.
type Order struct {
	ID     uuid.UUID
	Number int64
	Values
	OrganizationID                               uuid.UUID
	OrganizationName, WorkspaceName, ServiceName string
	AssigneeName                                 string
	Status                                       Status
	StatusTime                                   time.Time
	CreatedByEmail                               string
	CreateTime, UpdateTime                       time.Time
	// Overdue: due before today (UTC) and not closed, as of when it was
	// read.
	Overdue bool
	// StepsDone of StepsTotal steps of its processes are done.
	StepsDone, StepsTotal int
}

// Comment is one comment on an order.
type Comment struct {
	ID         uuid.UUID
	OrderID    uuid.UUID
	CreateTime time.Time
	// AuthorID is nil for the platform.
	AuthorID    *uuid.UUID
	AuthorEmail string
	Visibility  Visibility
	Text        string
	// Code and Params: the coded text of a comment the platform wrote;
	// "" for people's.
	Code   string
	Params map[string]string
	// ByCustomer: written by a customer's user (through the portal), not
	// by staff or the platform.
	ByCustomer bool
}

// mask lists the fields UpdateOrder may change, how each is checked and
// copied. The references (assignee, workspace, instance) are checked
// against the database by the service.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "title",
		Check: func(v Values) (string, string) {
			if strings.TrimSpace(v.Title) == "" {
				return "title.required", "give the order a title"
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Title) <= MaxTitleLen, "title.max_len", "at most 200 characters")
		},
		Copy: func(d *Values, s Values) { d.Title = strings.TrimSpace(s.Title) }},
	{Path: "description",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxDescriptionLen, "description.max_len", "at most 20000 characters")
		},
		Copy: func(d *Values, s Values) { d.Description = strings.TrimRight(s.Description, " \t\r\n") }},
	{Path: "kind",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(slices.Contains(Kinds(), v.Kind), "kind.defined", "choose SUPPORT, CHANGE, PROJECT or OTHER")
		},
		Copy: func(d *Values, s Values) { d.Kind = s.Kind }},
	{Path: "priority",
		Check: func(v Values) (string, string) {
			return fieldmask.Require(slices.Contains(Priorities(), v.Priority), "priority.defined", "choose LOW, NORMAL, HIGH or CRITICAL")
		},
		Copy: func(d *Values, s Values) { d.Priority = s.Priority }},
	{Path: "assignee_id", Copy: func(d *Values, s Values) { d.AssigneeID = s.AssigneeID }},
	{Path: "due_date", Copy: func(d *Values, s Values) { d.DueDate = s.DueDate }},
	{Path: "workspace_id", Copy: func(d *Values, s Values) { d.WorkspaceID = s.WorkspaceID }},
	{Path: "service_instance_id", Copy: func(d *Values, s Values) { d.ServiceInstanceID = s.ServiceInstanceID }},
}}

// Paths are the update-mask paths UpdateOrder accepts.
var Paths = mask.Paths()

// state is what the audit trail keeps of an order.
func state(o Order) map[string]any {
	out := map[string]any{
		"number": o.Number, "title": o.Title, "description": o.Description, "kind": string(o.Kind),
		"priority": string(o.Priority), "status": string(o.Status),
	}
	if o.AssigneeID != nil {
		out["assignee_id"] = ids.Format(ids.User, *o.AssigneeID)
	}
	if o.WorkspaceID != nil {
		out["workspace_id"] = ids.Format(ids.Workspace, *o.WorkspaceID)
	}
	if o.ServiceInstanceID != nil {
		out["service_instance_id"] = ids.Format(ids.Service, *o.ServiceInstanceID)
	}
	if o.DueDate != nil {
		out["due_date"] = o.DueDate.Format(time.DateOnly)
	}
	return out
}

// allowedFrom names the statuses from may become, for a message.
func allowedFrom(from Status) string {
	var out []string
	for _, s := range Transitions[from] {
		out = append(out, string(s))
	}
	return strings.Join(out, ", ")
}
