package order

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	entdialect "entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/timeentry"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/changes"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Time tracking: what staff record on orders becomes invoice lines. The
// rules:
//   - An entry is a staff member's minutes on one day, 1 to 1440, on a day
//     not in the future, billable or not.
//   - A timer is an entry that runs: started now, stopped later, its
//     minutes the time between, rounded up to the whole minute. A staff
//     member runs one timer at a time.
//   - Once the billing run has invoiced an entry (MarkInvoiced, in the
//     transaction that writes the invoice), it is kept as it was: changes
//     and deletion are refused with the reason.
//   - Unbilled sums the billable minutes not yet invoiced: exactly what
//     the next billing run invoices.

// MaxEntryMinutes is the most minutes one entry holds: a day.
const MaxEntryMinutes = 24 * 60

// MaxEntryDescriptionLen bounds an entry's description.
const MaxEntryDescriptionLen = 2000

// TimeValues are an entry's editable fields.
type TimeValues struct {
	// UserID is the staff member; nil means the caller on create.
	UserID      *uuid.UUID
	Date        time.Time
	Minutes     int
	Description string
	Billable    bool
}

// TimeEntry is recorded time with the names it refers to.
type TimeEntry struct {
	ID, OrderID, OrganizationID uuid.UUID
	OrderNumber                 int64
	OrderTitle, UserName        string
	TimeValues
	// StartTime is set while its timer runs.
	StartTime *time.Time
	// InvoiceTime and InvoiceID are set once it is invoiced.
	InvoiceTime *time.Time
	InvoiceID   *uuid.UUID
	CreateTime  time.Time
}

// timeMask lists the fields UpdateTimeEntry may change.
var timeMask = fieldmask.Mask[TimeValues]{Fields: []fieldmask.Field[TimeValues]{
	{Path: "user_id", Copy: func(d *TimeValues, s TimeValues) { d.UserID = s.UserID }},
	{Path: "date",
		Check: func(v TimeValues) (string, string) {
			return fieldmask.Require(!v.Date.IsZero(), "date.required", "the day worked, YYYY-MM-DD")
		},
		Copy: func(d *TimeValues, s TimeValues) { d.Date = s.Date }},
	{Path: "minutes",
		Check: func(v TimeValues) (string, string) {
			return fieldmask.Require(v.Minutes >= 1 && v.Minutes <= MaxEntryMinutes, "minutes.range", "from 1 to 1440 minutes")
		},
		Copy: func(d *TimeValues, s TimeValues) { d.Minutes = s.Minutes }},
	{Path: "description",
		Check: func(v TimeValues) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxEntryDescriptionLen, "description.max_len", "at most 2000 characters")
		},
		Copy: func(d *TimeValues, s TimeValues) { d.Description = strings.TrimSpace(s.Description) }},
	{Path: "billable", Copy: func(d *TimeValues, s TimeValues) { d.Billable = s.Billable }},
}}

// TimePaths are the update-mask paths UpdateTimeEntry accepts.
var TimePaths = timeMask.Paths()

const timeTarget = "time_entry"

func timeState(e TimeEntry) map[string]any {
	out := map[string]any{"order_id": ids.Format(ids.Order, e.OrderID), "date": e.Date.Format(time.DateOnly),
		"minutes": e.Minutes, "description": e.Description, "billable": e.Billable}
	if e.UserID != nil {
		out["user_id"] = ids.Format(ids.User, *e.UserID)
	}
	if e.StartTime != nil {
		out["start_time"] = e.StartTime.UTC().Format(time.RFC3339)
	}
	return out
}

func withEntryNames(q *ent.TimeEntryQuery) *ent.TimeEntryQuery {
	return q.WithOrder(func(q *ent.OrderQuery) { q.Select(order.FieldNumber, order.FieldTitle) }).
		WithUser(func(q *ent.UserQuery) { q.Select(user.FieldDisplayName, user.FieldEmail) })
}

func entryOf(r *ent.TimeEntry) TimeEntry {
	uid := r.UserID
	e := TimeEntry{ID: r.ID, OrderID: r.OrderID, OrganizationID: r.OrganizationID,
		TimeValues: TimeValues{UserID: &uid, Date: r.Date.UTC(), Minutes: r.Minutes, Description: r.Description, Billable: r.Billable},
		StartTime:  r.StartTime, InvoiceTime: r.InvoiceTime, InvoiceID: r.InvoiceID, CreateTime: r.CreateTime}
	if o := r.Edges.Order; o != nil {
		e.OrderNumber, e.OrderTitle = o.Number, o.Title
	}
	if u := r.Edges.User; u != nil {
		e.UserName = u.DisplayName
		if e.UserName == "" {
			e.UserName = u.Email
		}
	}
	return e
}

func loadEntry(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.TimeEntry, error) {
	r, err := withEntryNames(c.TimeEntry.Query().Where(timeentry.ID(id))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("time entry", ids.Format(ids.TimeEntry, id))
	}
	return r, err
}

// staff checks that id is a staff member, for field.
func staff(ctx context.Context, c *ent.Client, id uuid.UUID, field string) error {
	u, err := c.User.Query().Where(user.ID(id)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return apierr.Invalid(field, "user_id.exists", "no user %s", ids.Format(ids.User, id))
	case err != nil:
		return err
	case u.PlatformRole == user.PlatformRoleUSER:
		return apierr.Invalid(field, "user_id.staff", "%s is a customer's user; time is recorded for staff", u.Email)
	}
	return nil
}

// refuseInvoiced refuses a change to an invoiced entry, naming when.
func refuseInvoiced(e TimeEntry, what string) error {
	if e.InvoiceTime == nil {
		return nil
	}
	invoice := ""
	if e.InvoiceID != nil {
		invoice = " (invoice " + e.InvoiceID.String() + ")"
	}
	return apierr.FailedPrecondition("the entry was invoiced on %s%s and is kept as it was; it cannot be %s",
		e.InvoiceTime.UTC().Format(time.DateOnly), invoice, what)
}

// CreateTimeEntry records time on an order by hand.
func (s *Service) CreateTimeEntry(ctx context.Context, orderID uuid.UUID, v TimeValues) (*TimeEntry, error) {
	if v.UserID == nil {
		v.UserID = authz.ActorOf(ctx).ID
		if v.UserID == nil {
			return nil, apierr.Invalid("user_id", "user_id.required", "name the staff member whose time it is")
		}
	}
	var in TimeValues
	timeMask.Apply(&in, v, TimePaths)
	if err := timeMask.Check(in, TimePaths, ""); err != nil {
		return nil, err
	}
	if !s.begun(in.Date) {
		return nil, apierr.Invalid("date", "date.past", "time is recorded for days that have begun, not for %s", in.Date.Format(time.DateOnly))
	}
	var out TimeEntry
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := load(ctx, tx.Client(), orderID)
		if err != nil {
			return err
		}
		if err := staff(ctx, tx.Client(), *in.UserID, "user_id"); err != nil {
			return err
		}
		now := s.clock.Now()
		id := uuid.Must(uuid.NewV7())
		if err := tx.TimeEntry.Create().SetID(id).SetOrganizationID(o.OrganizationID).SetOrderID(orderID).SetUserID(*in.UserID).
			SetDate(in.Date).SetMinutes(in.Minutes).SetDescription(in.Description).SetBillable(in.Billable).
			SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		r, err := loadEntry(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		out = entryOf(r)
		log.Record(audit.Event{TargetType: timeTarget, TargetID: ids.Format(ids.TimeEntry, id), After: timeState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateTimeEntry changes the fields named in paths of an entry that is not
// invoiced; a running timer is stopped first.
func (s *Service) UpdateTimeEntry(ctx context.Context, id uuid.UUID, v TimeValues, paths []string) (*TimeEntry, error) {
	leaves, err := timeMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in TimeValues
	timeMask.Apply(&in, v, leaves)
	if err := timeMask.Check(in, leaves, "time_entry"); err != nil {
		return nil, err
	}
	if slices.Contains(leaves, "date") && !s.begun(in.Date) {
		return nil, apierr.Invalid("time_entry.date", "date.past", "time is recorded for days that have begun")
	}
	if slices.Contains(leaves, "user_id") && in.UserID == nil {
		return nil, apierr.Invalid("time_entry.user_id", "user_id.required", "name the staff member whose time it is")
	}
	var out TimeEntry
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := loadEntry(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := entryOf(r)
		if err := refuseInvoiced(before, "changed"); err != nil {
			return err
		}
		if before.StartTime != nil {
			return apierr.FailedPrecondition("the entry's timer is running; stop it before changing the entry")
		}
		next := before.TimeValues
		timeMask.Apply(&next, in, leaves)
		if *next.UserID == *before.UserID && next.Date.Equal(before.Date) && next.Minutes == before.Minutes &&
			next.Description == before.Description && next.Billable == before.Billable {
			out = before
			return audit.Unchanged
		}
		if *next.UserID != *before.UserID {
			if err := staff(ctx, tx.Client(), *next.UserID, "time_entry.user_id"); err != nil {
				return err
			}
		}
		if err := tx.TimeEntry.UpdateOneID(id).SetUserID(*next.UserID).SetDate(next.Date).SetMinutes(next.Minutes).
			SetDescription(next.Description).SetBillable(next.Billable).SetUpdateTime(s.clock.Now()).Exec(ctx); err != nil {
			return err
		}
		if r, err = loadEntry(ctx, tx.Client(), id); err != nil {
			return err
		}
		out = entryOf(r)
		log.Record(audit.Event{TargetType: timeTarget, TargetID: ids.Format(ids.TimeEntry, id), Before: timeState(before), After: timeState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteTimeEntry removes an entry that is not invoiced.
func (s *Service) DeleteTimeEntry(ctx context.Context, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := loadEntry(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		e := entryOf(r)
		if err := refuseInvoiced(e, "deleted"); err != nil {
			return err
		}
		if err := tx.TimeEntry.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: timeTarget, TargetID: ids.Format(ids.TimeEntry, id), Before: timeState(e)})
		return nil
	})
}

// StartTimer starts the caller's timer on an order.
func (s *Service) StartTimer(ctx context.Context, orderID uuid.UUID, description string, billable bool) (*TimeEntry, error) {
	me := authz.ActorOf(ctx).ID
	if me == nil {
		return nil, apierr.FailedPrecondition("a timer is a signed-in staff member's")
	}
	description = strings.TrimSpace(description)
	if utf8.RuneCountInString(description) > MaxEntryDescriptionLen {
		return nil, apierr.Invalid("description", "description.max_len", "at most 2000 characters")
	}
	var out TimeEntry
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := load(ctx, tx.Client(), orderID)
		if err != nil {
			return err
		}
		if Closed(Status(o.Status)) {
			return apierr.FailedPrecondition("order #%d is %s; reopen it to record time on it", o.Number, strings.ToLower(string(o.Status)))
		}
		if err := staff(ctx, tx.Client(), *me, "user_id"); err != nil {
			return err
		}
		// One timer at a time: the change's lock on the audit chain keeps
		// two starts from both finding none running.
		running, err := withEntryNames(tx.TimeEntry.Query().Where(timeentry.UserID(*me), timeentry.StartTimeNotNil())).First(ctx)
		switch {
		case err == nil:
			e := entryOf(running)
			return apierr.FailedPrecondition("your timer runs on order #%d (%s) since %s; stop it first",
				e.OrderNumber, e.OrderTitle, e.StartTime.UTC().Format("15:04 UTC"))
		case !ent.IsNotFound(err):
			return err
		}
		now := s.clock.Now()
		id := uuid.Must(uuid.NewV7())
		if err := tx.TimeEntry.Create().SetID(id).SetOrganizationID(o.OrganizationID).SetOrderID(orderID).SetUserID(*me).
			SetDate(s.today()).SetMinutes(0).SetDescription(description).SetBillable(billable).SetStartTime(now).
			SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		r, err := loadEntry(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		out = entryOf(r)
		log.Record(audit.Event{TargetType: timeTarget, TargetID: ids.Format(ids.TimeEntry, id), After: timeState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// StopTimer stops the caller's running timer: its minutes are the time
// since it started, rounded up to the whole minute, at most a day.
func (s *Service) StopTimer(ctx context.Context) (*TimeEntry, error) {
	me := authz.ActorOf(ctx).ID
	if me == nil {
		return nil, apierr.FailedPrecondition("a timer is a signed-in staff member's")
	}
	var out TimeEntry
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := withEntryNames(tx.TimeEntry.Query().Where(timeentry.UserID(*me), timeentry.StartTimeNotNil())).First(ctx)
		if ent.IsNotFound(err) {
			return apierr.FailedPrecondition("no timer of yours is running")
		}
		if err != nil {
			return err
		}
		before := entryOf(r)
		elapsed := s.clock.Now().Sub(*before.StartTime)
		minutes := int((elapsed + time.Minute - 1) / time.Minute)
		minutes = min(max(minutes, 1), MaxEntryMinutes)
		if err := tx.TimeEntry.UpdateOneID(r.ID).SetMinutes(minutes).ClearStartTime().SetUpdateTime(s.clock.Now()).Exec(ctx); err != nil {
			return err
		}
		if r, err = loadEntry(ctx, tx.Client(), r.ID); err != nil {
			return err
		}
		out = entryOf(r)
		log.Record(audit.Event{TargetType: timeTarget, TargetID: ids.Format(ids.TimeEntry, r.ID), Before: timeState(before), After: timeState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

type entryCursor struct {
	Date time.Time `json:"d"`
	ID   uuid.UUID `json:"i"`
}

// TimeEntries returns one page of an order's entries (orderID set) or of
// all an organization's orders, newest day first.
func (s *Service) TimeEntries(ctx context.Context, orderID, orgID *uuid.UUID, pageSize int32, pageToken string) ([]TimeEntry, string, error) {
	q := s.client.TimeEntry.Query()
	switch {
	case orderID != nil && orgID != nil:
		return nil, "", apierr.Invalid("organization_id", "organization_id.exclusive", "name an order or an organization, not both")
	case orderID != nil:
		if _, err := load(ctx, s.client, *orderID); err != nil {
			return nil, "", err
		}
		q.Where(timeentry.OrderID(*orderID))
	case orgID != nil:
		q.Where(timeentry.OrganizationID(*orgID))
	default:
		return nil, "", apierr.Invalid("order_id", "order_id.required", "name an order or an organization")
	}
	fp := paging.Fingerprint("time-entries", orderID, orgID)
	var c entryCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, "", err
	}
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: timeentry.FieldDate, Value: c.Date}, paging.Key{Column: timeentry.FieldID, Value: c.ID}))
	}
	size := paging.Size(pageSize)
	rows, err := withEntryNames(q.Order(timeentry.ByDate(sql.OrderDesc()), timeentry.ByID(sql.OrderDesc()))).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("time entries: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.TimeEntry) any { return entryCursor{Date: last.Date, ID: last.ID} })
	out := make([]TimeEntry, len(rows))
	for i, r := range rows {
		out[i] = entryOf(r)
	}
	return out, next, nil
}

// UnbilledOrder is one order's billable time not yet invoiced.
type UnbilledOrder struct {
	OrderID     uuid.UUID
	OrderNumber int64
	OrderTitle  string
	Minutes     int64
	Entries     int
}

// Unbilled sums an organization's billable minutes not yet invoiced, per
// order, by number.
func (s *Service) Unbilled(ctx context.Context, orgID uuid.UUID) ([]UnbilledOrder, int64, error) {
	if ok, err := s.client.Organization.Query().Where(organization.ID(orgID)).Exist(ctx); err != nil || !ok {
		if err == nil {
			err = apierr.NotFound("organization", ids.Format(ids.Organization, orgID))
		}
		return nil, 0, err
	}
	var rows []struct {
		OrderID uuid.UUID `json:"order_id"`
		Minutes int64     `json:"minutes"`
		Entries int       `json:"entries"`
	}
	err := s.client.TimeEntry.Query().Where(timeentry.OrganizationID(orgID), timeentry.Billable(true),
		timeentry.InvoiceTimeIsNil(), timeentry.StartTimeIsNil()).
		GroupBy(timeentry.FieldOrderID).
		Aggregate(ent.As(ent.Sum(timeentry.FieldMinutes), "minutes"), ent.As(ent.Count(), "entries")).Scan(ctx, &rows)
	if err != nil {
		return nil, 0, fmt.Errorf("unbilled time: %w", err)
	}
	idList := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		idList[i] = r.OrderID
	}
	orders, err := s.client.Order.Query().Where(order.IDIn(idList...)).Select(order.FieldID, order.FieldNumber, order.FieldTitle).All(ctx)
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[uuid.UUID]*ent.Order, len(orders))
	for _, o := range orders {
		byID[o.ID] = o
	}
	var out []UnbilledOrder
	var total int64
	for _, r := range rows {
		o := byID[r.OrderID]
		if o == nil {
			continue
		}
		out = append(out, UnbilledOrder{OrderID: r.OrderID, OrderNumber: o.Number, OrderTitle: o.Title, Minutes: r.Minutes, Entries: r.Entries})
		total += r.Minutes
	}
	slices.SortFunc(out, func(a, b UnbilledOrder) int { return int(a.OrderNumber - b.OrderNumber) })
	return out, total, nil
}

// MarkInvoicedOn marks time entries as invoiced at now, in tx, each on the
// invoice it is listed under (uuid.Nil: on none, for a period whose time
// the included support covered and that had nothing to charge). One
// statement for all: the billing run marks the time of hundreds of
// invoices in the change that issues them, so an entry is on exactly one
// invoice. An entry invoiced already, running or not billable is refused,
// so a second run cannot bill it twice.
func MarkInvoicedOn(ctx context.Context, tx *ent.Tx, dialect string, on map[uuid.UUID][]uuid.UUID, now time.Time) error {
	var entries []any
	written := []uuid.UUID{}
	for inv, list := range on {
		for _, e := range list {
			entries = append(entries, e)
			written = append(written, e)
		}
		if inv != uuid.Nil {
			written = append(written, inv)
		}
	}
	if len(entries) == 0 {
		return nil
	}
	// Postgres infers no type for a parameter in a CASE result: it is
	// told; SQLite keeps ids as text and must not be told.
	cast := ""
	if dialect == entdialect.Postgres {
		cast = "::uuid"
	}
	invoiceOf := sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("CASE ").Ident(timeentry.FieldID)
		for inv, list := range on {
			for _, e := range list {
				b.WriteString(" WHEN ").Arg(e).WriteString(" THEN ")
				if inv == uuid.Nil {
					// Typed too: a CASE of NULLs alone is text.
					b.WriteString("NULL" + cast)
				} else {
					b.Arg(inv).WriteString(cast)
				}
			}
		}
		b.WriteString(" END")
	})
	query, args := sql.Dialect(dialect).Update(timeentry.Table).
		Set(timeentry.FieldInvoiceTime, now).Set(timeentry.FieldInvoiceID, invoiceOf).
		Where(sql.And(sql.In(timeentry.FieldID, entries...), sql.EQ(timeentry.FieldBillable, true),
			sql.IsNull(timeentry.FieldInvoiceTime), sql.IsNull(timeentry.FieldStartTime))).Query()
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("mark time invoiced: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if int(n) != len(entries) {
		return apierr.FailedPrecondition("%d of %d time entries are invoiced already, running or not billable", len(entries)-int(n), len(entries))
	}
	changes.Note(tx, ent.TypeTimeEntry, written...)
	return nil
}
