// Package dunning chases overdue invoices: a friendly payment reminder,
// then a first and a second Mahnung, each a letter (PDF) by e-mail.
//
// The rules:
//   - Each billing entity sets its levels (settings.Dunning): the days
//     after the due date at which each is sent, its fee, and the days each
//     letter gives to pay. Levels are sent in order, each once per invoice
//     (the notices' unique index is the backstop), and a level follows the
//     one before only after the deadline that one set has passed.
//   - Only open invoices are chased: OVERDUE, not paid in full, not a fee
//     invoice of a notice. The moment an invoice is paid or cancelled no
//     further level is written, and a notice written but not yet sent is
//     withdrawn (its fee invoice cancelled).
//   - A fee is billed on an invoice of its own (origin DUNNING, outside
//     the scope of VAT), in the change that writes the notice: the overdue
//     invoice never changes.
//   - A hold on an organization (a dispute, an agreed payment plan) pauses
//     its dunning up to and including its last day; the next level is due
//     the day after at the earliest.
//   - Dates are civil dates in the issuer's calendar, like the invoices'.
package dunning

import (
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// The levels, in the order they are sent.
const (
	Reminder     = "REMINDER"
	FirstNotice  = "FIRST_NOTICE"
	SecondNotice = "SECOND_NOTICE"
)

// Levels are the levels in order: a level's index is its place in
// settings.Dunning.Levels.
var Levels = []string{Reminder, FirstNotice, SecondNotice}

// levelIndex is the place of a level in Levels; -1 for none.
func levelIndex(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return -1
}

// The states of a notice's e-mail.
const (
	StatusQueued    = "QUEUED"
	StatusSent      = "SENT"
	StatusFailed    = "FAILED"
	StatusWithdrawn = "WITHDRAWN"
)

// titles are the letters' titles, by level.
var titles = map[string]string{Reminder: "Zahlungserinnerung", FirstNotice: "1. Mahnung", SecondNotice: "2. Mahnung"}

// Step is where an invoice's dunning goes next.
type Step struct {
	// Level is the next level; "" when none follows (dunning is off, or
	// the last level was sent).
	Level string
	// On is the first day it is sent.
	On calendar.Date
}

// Last is the latest notice of an invoice, as the rule needs it.
type Last struct {
	Level string
	PayBy calendar.Date
}

// Next is the rule: the level that follows last (none sent: nil) for an
// invoice due on due, and the first day it is sent. That day is the due
// date plus the level's days, but not before the day after the deadline
// the last notice set, nor before the day after a hold's last day (hold
// nil: none).
func Next(d settings.Dunning, due calendar.Date, last *Last, hold *calendar.Date) Step {
	if !d.Enabled {
		return Step{}
	}
	n := 0
	if last != nil {
		n = levelIndex(last.Level) + 1
	}
	if n >= len(Levels) {
		return Step{}
	}
	on := due.AddDays(d.Levels[n].Days)
	if last != nil && !on.After(last.PayBy) {
		on = last.PayBy.AddDays(1)
	}
	if hold != nil && !on.After(*hold) {
		on = hold.AddDays(1)
	}
	return Step{Level: Levels[n], On: on}
}
