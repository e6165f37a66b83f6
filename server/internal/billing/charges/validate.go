package charges

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// maxSnapshotBytes bounds a day's storage (100 PB) so that a period's sum
// of snapshots fits in int64.
const maxSnapshotBytes = 100_000_000_000_000_000

// maxEntryMinutes bounds one time entry (a year of minutes), so that a
// period's sum of entries cannot overflow.
const maxEntryMinutes = 366 * 24 * 60

// ErrCurrency is returned when an amount is not in the currency of the
// terms (rule 8): the invoice has one currency, and nothing is converted.
var ErrCurrency = errors.New("currency mismatch")

// validate refuses input the rules cannot charge sensibly; each error
// names the input and what is wrong with it. Rule 8 (one currency) is
// checked here.
func (in Input) validate() error {
	bd := in.BillingDate
	switch {
	case bd.IsZero():
		return fmt.Errorf("no billing date")
	case in.Coming.Start != bd || !in.Coming.End.After(bd):
		return fmt.Errorf("the coming period %s does not start on the billing date %s", in.Coming, bd)
	case !in.Past.Start.IsZero() && (in.Past.End != bd || !in.Past.Start.Before(bd)):
		return fmt.Errorf("the past period %s does not end on the billing date %s", in.Past, bd)
	}
	t := in.Terms
	switch {
	case t.Currency == "":
		return fmt.Errorf("the terms have no currency")
	case t.Plan == "":
		return fmt.Errorf("the terms name no plan")
	case t.MonthlyFeeCents < 0, t.HourlyRateCents < 0, t.StorageOverageCentsPerGB < 0:
		return fmt.Errorf("the terms of plan %s have a negative price", t.Plan)
	case t.IncludedSupportMinutes < 0, t.IncludedStorageGB < 0:
		return fmt.Errorf("the terms of plan %s include a negative amount", t.Plan)
	}
	for _, s := range in.Services {
		switch {
		case s.ID == uuid.Nil || s.Name == "":
			return fmt.Errorf("service %q (%s) has no id or no name", s.Name, s.ID)
		case s.Currency != t.Currency: // rule 8
			return fmt.Errorf("%w: service %s is priced in %q, the invoice in %s", ErrCurrency, s.Name, s.Currency, t.Currency)
		case s.MonthlyPriceCents < 0:
			return fmt.Errorf("service %s has a negative price", s.Name)
		case s.Booked.IsZero():
			return fmt.Errorf("service %s has no booking date", s.Name)
		case s.Decommissioned != nil && s.Decommissioned.Before(s.Booked):
			return fmt.Errorf("service %s was decommissioned on %s, before it was booked on %s", s.Name, s.Decommissioned, s.Booked)
		}
	}
	for _, e := range in.Time {
		switch {
		case e.ID == uuid.Nil:
			return fmt.Errorf("time entry %q has no id", e.Description)
		case e.Minutes < 0 || e.Minutes > maxEntryMinutes:
			return fmt.Errorf("time entry %s has %d minutes", e.ID, e.Minutes)
		case e.Day.IsZero() || !e.Day.Before(bd):
			return fmt.Errorf("time entry %s of %s is not before the billing date %s", e.ID, e.Day, bd)
		}
	}
	oneOffs := map[uuid.UUID]bool{}
	for _, o := range in.OneOffs {
		switch {
		case oneOffs[o.ID]:
			return fmt.Errorf("one-off charge %s is given twice", o.ID)
		case o.ID == uuid.Nil || o.Description == "":
			return fmt.Errorf("one-off charge %q (%s) has no id or no description", o.Description, o.ID)
		case o.Currency != t.Currency: // rule 8
			return fmt.Errorf("%w: one-off charge %s is priced in %q, the invoice in %s", ErrCurrency, o.Description, o.Currency, t.Currency)
		case o.Quantity <= 0:
			return fmt.Errorf("one-off charge %s has %d seats, not at least one", o.Description, o.Quantity)
		case o.UnitPriceCents <= 0:
			return fmt.Errorf("one-off charge %s has a price of %d cents, not a positive one", o.Description, o.UnitPriceCents)
		case o.Day.IsZero() || !o.Day.Before(bd):
			return fmt.Errorf("one-off charge %s of %s is not before the billing date %s", o.Description, o.Day, bd)
		}
		oneOffs[o.ID] = true
	}
	days := map[calendar.Date]bool{}
	for _, s := range in.Storage {
		switch {
		case !in.Past.Contains(s.Day):
			return fmt.Errorf("a storage snapshot of %s is outside the past period %s", s.Day, in.Past)
		case days[s.Day]:
			return fmt.Errorf("two storage snapshots of %s", s.Day)
		case s.Bytes < 0 || s.Bytes > maxSnapshotBytes:
			return fmt.Errorf("the storage snapshot of %s has %d bytes", s.Day, s.Bytes)
		}
		days[s.Day] = true
	}
	for _, d := range in.Discounts {
		switch {
		case d.ID == uuid.Nil:
			return fmt.Errorf("discount %q has no id", d.Name)
		case d.BasisPoints <= 0 || d.BasisPoints > 10000:
			return fmt.Errorf("discount %s of %d basis points is not between 0 and 100 %%", d.Name, d.BasisPoints)
		case d.Start.IsZero():
			return fmt.Errorf("discount %s has no start", d.Name)
		case d.End != nil && d.End.Before(d.Start):
			return fmt.Errorf("discount %s ends on %s, before it starts on %s", d.Name, d.End, d.Start)
		}
	}
	return nil
}
