package invoice

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingperiod"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/timeentry"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/db"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/settings"
	"github.com/leitstand/leitstand/server/internal/usage"
)

// RunResult is what a billing run did.
type RunResult struct {
	// Organizations were looked at; Invoices issued; Empty periods had
	// nothing to charge; Skipped were billed already (by another run).
	Organizations, Invoices, Empty, Skipped int
	// Failed periods are left for the next run, with the errors returned.
	Failed int
}

// issuerOf is a billing entity's settings and calendar, read once a run.
type issuerOf struct {
	settings settings.Settings
	loc      *time.Location
}

// batchSize is how many organizations one change bills: large enough that
// a run's statements and commits are shared by many invoices, small enough
// that a change stays short and a failing organization, billed again
// alone, costs little.
const batchSize = 1000

// due is one organization's period to bill: the billing date it starts on.
type due struct {
	org  *ent.Organization
	is   issuerOf
	date calendar.Date
}

// Run bills every organization whose billing date has come, once for each
// period due since its last (ACTIVE and SUSPENDED organizations: a
// suspended customer still owes its contract). It bills day by day, the
// earliest billing date due first: every organization due on that day, a
// batch of them a change, then the next day due. So an organization's
// periods are billed in order, and after days without a run the invoice
// numbers follow the billing dates across all organizations, as on days
// the run ran. A batch that fails is billed again one organization at a
// time: an organization that fails is left for the next run, with its
// error returned, and the run goes on.
func (s *Service) Run(ctx context.Context) (RunResult, error) {
	var r RunResult
	issuers := map[uuid.UUID]issuerOf{}
	failed := map[uuid.UUID]bool{}
	var errs []error
	day, found, err := s.earliestDue(ctx, issuers, &r)
	for err == nil && found {
		var passErrs []error
		day, found, passErrs, err = s.billDay(ctx, day, issuers, failed, &r)
		errs = append(errs, passErrs...)
	}
	if err != nil {
		errs = append(errs, err)
	}
	return r, errors.Join(errs...)
}

// billable pages through the organizations the run bills, a batch at a
// time, by id.
func (s *Service) billable(ctx context.Context, each func([]*ent.Organization) error) error {
	after := uuid.Nil
	for {
		orgs, err := s.client.Organization.Query().Where(organization.IDGT(after),
			organization.StatusIn(organization.StatusACTIVE, organization.StatusSUSPENDED)).
			Order(organization.ByID()).Limit(s.batch).All(ctx)
		if err != nil {
			return fmt.Errorf("organizations to bill: %w", err)
		}
		if len(orgs) == 0 {
			return nil
		}
		after = orgs[len(orgs)-1].ID
		if err := each(orgs); err != nil {
			return err
		}
	}
}

// earliestDue is the earliest billing date due of any organization; found
// is false when none is due. It counts the organizations looked at.
func (s *Service) earliestDue(ctx context.Context, issuers map[uuid.UUID]issuerOf, r *RunResult) (day calendar.Date, found bool, err error) {
	err = s.billable(ctx, func(orgs []*ent.Organization) error {
		r.Organizations += len(orgs)
		periods, err := s.firstDue(ctx, orgs, issuers)
		for _, p := range periods {
			if !found || p.date.Before(day) {
				day, found = p.date, true
			}
		}
		return err
	})
	return day, found, err
}

// billDay bills every organization whose next period due starts on day,
// leaving out those that failed this run, and returns the next billing
// date due after it: of those billed, and of those due later.
//
// It works as a pipeline of two: while one batch is issued in its change,
// the next is read and computed in a snapshot of its own (see prepare), so
// the database writes one batch while the server computes the next.
func (s *Service) billDay(ctx context.Context, day calendar.Date, issuers map[uuid.UUID]issuerOf, failed map[uuid.UUID]bool, r *RunResult) (next calendar.Date, found bool, errs []error, err error) {
	later := func(d calendar.Date) {
		if !found || d.Before(next) {
			next, found = d, true
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		today []due
		pre   *prepared
		// later is the earliest billing date due after day of the page's
		// organizations not due today (zero: none).
		later calendar.Date
	}
	// Unbuffered: the reading side prepares a batch while the one before
	// is billed, never further ahead, so the only change that can come
	// between a batch's snapshot and its own is the one before it (see
	// prepared.current).
	batches := make(chan batch)
	// The reading side: pages of organizations, their periods due today
	// prepared. An organization is due once a day, so what fails today
	// (failed is the consumer's to write) matters only from the next day.
	var readErr error
	go func() {
		defer close(batches)
		readErr = s.billable(ctx, func(orgs []*ent.Organization) error {
			periods, err := s.firstDue(ctx, orgs, issuers)
			if err != nil {
				return err
			}
			var b batch
			for _, p := range periods {
				switch {
				case failed[p.org.ID]:
				case p.date == day:
					b.today = append(b.today, p)
				case b.later.IsZero() || p.date.Before(b.later):
					b.later = p.date
				}
			}
			if len(b.today) > 0 {
				b.pre = s.prepare(ctx, b.today)
				if s.prepared != nil && b.pre != nil {
					s.prepared(orgsOf(b.today))
				}
			}
			select {
			case batches <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var own committed
	failedToday := map[uuid.UUID]bool{}
	for b := range batches {
		if !b.later.IsZero() {
			later(b.later)
		}
		if len(b.today) == 0 || ctx.Err() != nil {
			continue
		}
		_, billed, batchErrs := s.billBatch(ctx, b.today, b.pre, &own, r)
		errs = append(errs, batchErrs...)
		if ctx.Err() != nil {
			cancel() // stop the reading side; the loop drains what it sent
			continue
		}
		for _, p := range b.today {
			if !billed[p.org.ID] {
				failedToday[p.org.ID] = true
				continue
			}
			if d := nextDate(p.org, p.is.loc, p.date); !d.After(calendar.On(s.clock.Now(), p.is.loc)) {
				later(d)
			}
		}
	}
	for id := range failedToday {
		failed[id] = true
	}
	if readErr == nil {
		readErr = ctx.Err()
	}
	return next, found, errs, readErr
}

// prepared is a batch's invoices computed ahead of the change that issues
// them, in a snapshot of the database at data version version.
type prepared struct {
	version int64
	todo    []due
	drafts  []draft
	results []charges.Result
}

// committed is the span of data versions the run's last change moved the
// data through: from the version it began at to the one it committed as.
type committed struct{ from, to int64 }

// prepare reads and computes the invoices of periods in a snapshot, outside
// any change, so that the change issuing them needs only write (see
// billPeriods). It gives nil when it cannot: a plan transition is due (the
// change takes it first), or a reading fails (the change reads again and
// reports it).
func (s *Service) prepare(ctx context.Context, periods []due) *prepared {
	var pre *prepared
	err := db.ReadSnapshot(ctx, s.client, s.dialect, func(c *ent.Client) error {
		version, err := audit.Version(ctx, c)
		if err != nil {
			return err
		}
		todo, err := s.notBilled(ctx, c, periods)
		if err != nil || len(todo) == 0 {
			return err
		}
		dates := make(map[uuid.UUID]calendar.Date, len(todo))
		for _, p := range todo {
			dates[p.org.ID] = p.date
		}
		moving, err := contract.TransitionsDue(ctx, c, dates)
		if err != nil || len(moving) > 0 {
			return err
		}
		cts, err := contract.InForceOnEach(ctx, c, dates)
		if err != nil {
			return err
		}
		drafts, results, err := s.prepareEach(ctx, c, todo, cts)
		if err != nil {
			return err
		}
		// One that breaks a rule: the change finds it again, and the
		// batch is billed one by one.
		if err := s.checkDrafts(drafts); err != nil {
			return err
		}
		pre = &prepared{version: version, todo: todo, drafts: drafts, results: results}
		return nil
	})
	if err != nil {
		return nil
	}
	return pre
}

// current reports whether pre still holds in a change that began at data
// version at: nothing has been written since its snapshot, or only by the
// run's own last change, which billed other organizations. Every write
// moves the version (see audit.Writer.Change), so anything else — staff
// booking time, a plan moved, another run — sends the change back to
// reading for itself.
func (pre *prepared) current(at int64, own committed) bool {
	return pre.version == at || pre.version == own.from && at == own.to
}

// billBatch bills periods in one change, with what was prepared of them
// (pre, nil for nothing) if it is still current; when that fails (but for the
// context ending), it bills them again one at a time, so one organization
// that cannot be billed holds up no other. It returns the invoices issued,
// the organizations whose period is billed (or was already) and the
// errors of the others.
func (s *Service) billBatch(ctx context.Context, periods []due, pre *prepared, own *committed, r *RunResult) ([]*ent.Invoice, map[uuid.UUID]bool, []error) {
	billed := make(map[uuid.UUID]bool, len(periods))
	invs, err := s.billPeriods(ctx, periods, pre, own, r)
	if err == nil {
		for _, p := range periods {
			billed[p.org.ID] = true
		}
		return invs, billed, nil
	}
	if ctx.Err() != nil || len(periods) == 1 {
		r.Failed += len(periods)
		return nil, billed, []error{periodError(periods, err)}
	}
	var errs []error
	for i, p := range periods {
		one, err := s.billPeriods(ctx, []due{p}, nil, own, r)
		if err != nil {
			r.Failed++
			errs = append(errs, periodError([]due{p}, err))
			if ctx.Err() != nil {
				r.Failed += len(periods) - i - 1
				return invs, billed, errs
			}
			continue
		}
		invs = append(invs, one...)
		billed[p.org.ID] = true
	}
	return invs, billed, errs
}

func orgsOf(periods []due) []uuid.UUID {
	out := make([]uuid.UUID, len(periods))
	for i, p := range periods {
		out[i] = p.org.ID
	}
	return out
}

// periodError names the period that failed, or the batch's first day.
func periodError(periods []due, err error) error {
	if len(periods) == 1 {
		return fmt.Errorf("%s, billing date %s: %w", ids.Format(ids.Organization, periods[0].org.ID), periods[0].date, err)
	}
	return fmt.Errorf("%d organizations, billing date %s: %w", len(periods), periods[0].date, err)
}

func (s *Service) issuer(ctx context.Context, cache map[uuid.UUID]issuerOf, be uuid.UUID) (issuerOf, error) {
	if is, ok := cache[be]; ok {
		return is, nil
	}
	set, err := s.settings.Of(ctx, be)
	if err != nil {
		return issuerOf{}, err
	}
	is := issuerOf{settings: set, loc: set.Invoice.Location()}
	cache[be] = is
	return is, nil
}

// billOrganizations bills each due period of orgs in order: every one's
// first period due in one change, then the second, until none is due. An
// organization whose period fails is billed no further.
func (s *Service) billOrganizations(ctx context.Context, orgs []*ent.Organization, issuers map[uuid.UUID]issuerOf, r *RunResult) ([]*ent.Invoice, []error) {
	var issued []*ent.Invoice
	var errs []error
	for len(orgs) > 0 {
		if err := ctx.Err(); err != nil {
			return issued, append(errs, err)
		}
		periods, err := s.firstDue(ctx, orgs, issuers)
		if err != nil {
			return issued, append(errs, err)
		}
		if len(periods) == 0 {
			break
		}
		invs, billed, batchErrs := s.billBatch(ctx, periods, nil, &committed{}, r)
		issued, errs = append(issued, invs...), append(errs, batchErrs...)
		orgs = orgs[:0:0]
		for _, p := range periods {
			if billed[p.org.ID] {
				orgs = append(orgs, p.org)
			}
		}
	}
	return issued, errs
}

// firstDue is the first period not billed yet of each of orgs whose
// billing date has come, in its issuer's calendar: from its first day, or
// the period after the last one billed. One statement for all of them.
func (s *Service) firstDue(ctx context.Context, orgs []*ent.Organization, issuers map[uuid.UUID]issuerOf) ([]due, error) {
	last, err := s.lastBilled(ctx, s.client, orgs)
	if err != nil {
		return nil, err
	}
	var out []due
	for _, o := range orgs {
		is, err := s.issuer(ctx, issuers, o.BillingEntityID)
		if err != nil {
			return nil, err
		}
		next := nextDate(o, is.loc, last[o.ID])
		if !next.After(calendar.On(s.clock.Now(), is.loc)) {
			out = append(out, due{org: o, is: is, date: next})
		}
	}
	return out, nil
}

// lastBilled is the last billing date billed of each of orgs that has one.
func (s *Service) lastBilled(ctx context.Context, c *ent.Client, orgs []*ent.Organization) (map[uuid.UUID]calendar.Date, error) {
	list := make([]uuid.UUID, len(orgs))
	for i, o := range orgs {
		list[i] = o.ID
	}
	var rows []struct {
		Org  uuid.UUID `json:"organization_id"`
		Last string    `json:"last"`
	}
	if err := c.BillingPeriod.Query().Where(billingperiod.OrganizationIDIn(list...)).
		GroupBy(billingperiod.FieldOrganizationID).Aggregate(ent.As(ent.Max(billingperiod.FieldBillingDate), "last")).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("last billed periods: %w", err)
	}
	out := make(map[uuid.UUID]calendar.Date, len(rows))
	for _, r := range rows {
		out[r.Org] = dateOf(r.Last)
	}
	return out, nil
}

// nextDate is the billing date after last (zero: none billed yet, so the
// organization's first day).
func nextDate(o *ent.Organization, loc *time.Location, last calendar.Date) calendar.Date {
	if last.IsZero() {
		return calendar.On(o.CreateTime, loc)
	}
	return calendar.PeriodFrom(calendar.BillingDay(o.CreateTime, loc), last).End
}

// dueBy lists the billing dates of an organization not billed yet, up to
// until, in order.
func (s *Service) dueBy(ctx context.Context, o *ent.Organization, loc *time.Location, until calendar.Date) ([]calendar.Date, error) {
	last, err := s.lastBilled(ctx, s.client, []*ent.Organization{o})
	if err != nil {
		return nil, err
	}
	day := calendar.BillingDay(o.CreateTime, loc)
	var out []calendar.Date
	for d := nextDate(o, loc, last[o.ID]); !d.After(until); d = calendar.PeriodFrom(day, d).End {
		out = append(out, d)
	}
	return out, nil
}

// billPeriods bills each of periods (one per organization) in one change:
// it takes the plan transitions due that day, computes the lines on the
// contracts then in force, issues the invoices, marks the time and the
// training charges they bill invoiced and records the periods billed. A period billed already (by a
// run that got there first) is skipped. The statements are a constant
// number for the batch, plus one for each organization with time to bill
// and a few for each taking a plan transition. When pre, what the run
// prepared of the batch, is still current, the change only writes. r
// counts what the change did once it has committed, and own the span of
// versions it committed.
func (s *Service) billPeriods(ctx context.Context, periods []due, pre *prepared, own *committed, r *RunResult) ([]*ent.Invoice, error) {
	var issued []*ent.Invoice
	var empty, skipped int
	var span committed
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		issued, empty, skipped, span = nil, 0, 0, committed{}
		var todo []due
		var drafts []draft
		var results []charges.Result
		if pre != nil && pre.current(log.Version(), *own) {
			todo, drafts, results = pre.todo, pre.drafts, pre.results
		} else {
			var err error
			if todo, drafts, results, err = s.read(ctx, tx, log, periods); err != nil {
				return err
			}
		}
		skipped = len(periods) - len(todo)
		if len(todo) == 0 {
			return audit.Unchanged
		}
		var toIssue []draft
		for _, d := range drafts {
			if len(d.lines) > 0 {
				toIssue = append(toIssue, d)
			}
		}
		invs, err := s.issueMany(ctx, tx, log, toIssue)
		if err != nil {
			return err
		}
		invoiceOf := make(map[uuid.UUID]*ent.Invoice, len(invs))
		for _, inv := range invs {
			invoiceOf[inv.OrganizationID] = inv
		}
		now := s.clock.Now()
		rows := make([]*ent.BillingPeriodCreate, len(todo))
		timeOn, trainingOn := map[uuid.UUID][]uuid.UUID{}, map[uuid.UUID][]uuid.UUID{}
		for i, p := range todo {
			inv := invoiceOf[p.org.ID]
			invID := uuid.Nil
			if inv != nil {
				invID = inv.ID
			}
			if times := results[i].InvoicedTime; len(times) > 0 {
				timeOn[invID] = append(timeOn[invID], times...)
			}
			if seats := results[i].InvoicedOneOffs; len(seats) > 0 {
				trainingOn[invID] = append(trainingOn[invID], seats...)
			}
			id := uuid.Must(uuid.NewV7())
			rows[i] = tx.BillingPeriod.Create().SetID(id).SetOrganizationID(p.org.ID).SetBillingDate(p.date.String()).
				SetPeriodEnd(drafts[i].period.End.String()).SetCreateTime(now)
			if inv != nil {
				rows[i].SetInvoiceID(inv.ID)
				continue
			}
			empty++
			log.Record(audit.Event{TargetType: "billing_period", TargetID: id.String(),
				After: map[string]any{"organization_id": ids.Format(ids.Organization, p.org.ID), "billing_date": p.date.String(),
					"invoice": "none: nothing to charge"}})
		}
		if err := order.MarkInvoicedOn(ctx, tx, s.dialect, timeOn, now); err != nil {
			return err
		}
		if err := markTrainingInvoiced(ctx, tx, s.dialect, trainingOn, now); err != nil {
			return err
		}
		for part := range slices.Chunk(rows, rowsPerInsert) {
			if err := tx.BillingPeriod.CreateBulk(part...).Exec(ctx); err != nil {
				return err
			}
		}
		issued, span = invs, committed{from: log.Version(), to: log.Next()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if span.to != 0 {
		*own = span
	}
	r.Invoices += len(issued)
	r.Empty += empty
	r.Skipped += skipped
	return issued, nil
}

// read reads and computes, in the change that bills them, the invoices of
// periods not billed yet, after taking the plan transitions due that day.
func (s *Service) read(ctx context.Context, tx *ent.Tx, log *audit.Log, periods []due) ([]due, []draft, []charges.Result, error) {
	c := tx.Client()
	todo, err := s.notBilled(ctx, c, periods)
	if err != nil || len(todo) == 0 {
		return nil, nil, nil, err
	}
	dates := make(map[uuid.UUID]calendar.Date, len(todo))
	for _, p := range todo {
		dates[p.org.ID] = p.date
	}
	moving, err := contract.TransitionsDue(ctx, c, dates)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, p := range todo {
		if moving[p.org.ID] {
			if _, err := s.contracts.Take(ctx, tx, log, p.org.ID, p.date); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	// The contract in force that day: the active one, or for a period
	// billed late after a move, the one it was on then.
	cts, err := contract.InForceOnEach(ctx, c, dates)
	if err != nil {
		return nil, nil, nil, err
	}
	drafts, results, err := s.prepareEach(ctx, c, todo, cts)
	if err != nil {
		return nil, nil, nil, err
	}
	return todo, drafts, results, nil
}

// notBilled leaves out of periods those billed already: by another run or
// "bill now", which the audit chain's head lock let go first.
func (s *Service) notBilled(ctx context.Context, c *ent.Client, periods []due) ([]due, error) {
	orgs := make([]uuid.UUID, len(periods))
	dates := make([]string, 0, len(periods))
	for i, p := range periods {
		orgs[i] = p.org.ID
		if !slices.Contains(dates, p.date.String()) {
			dates = append(dates, p.date.String())
		}
	}
	rows, err := c.BillingPeriod.Query().Where(billingperiod.OrganizationIDIn(orgs...), billingperiod.BillingDateIn(dates...)).
		Select(billingperiod.FieldOrganizationID, billingperiod.FieldBillingDate).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("periods billed: %w", err)
	}
	type key struct {
		org  uuid.UUID
		date string
	}
	done := make(map[key]bool, len(rows))
	for _, r := range rows {
		done[key{r.OrganizationID, r.BillingDate}] = true
	}
	var out []due
	for _, p := range periods {
		if !done[key{p.org.ID, p.date.String()}] {
			out = append(out, p)
		}
	}
	return out, nil
}

// prepareEach computes the invoice of each period on the contract in force
// then (cts, by organization), read through c: the draft to issue and what
// the charges covered.
func (s *Service) prepareEach(ctx context.Context, c *ent.Client, periods []due, cts map[uuid.UUID]*contract.Contract) ([]draft, []charges.Result, error) {
	for _, p := range periods {
		if cts[p.org.ID] == nil {
			return nil, nil, apierr.FailedPrecondition("%s had no contract in force on %s", p.org.Name, p.date)
		}
	}
	ins, err := s.inputs(ctx, c, periods, cts)
	if err != nil {
		return nil, nil, err
	}
	drafts := make([]draft, len(periods))
	results := make([]charges.Result, len(periods))
	for i, p := range periods {
		if drafts[i], results[i], err = draftFrom(p, ins[i]); err != nil {
			return nil, nil, fmt.Errorf("%s on %s: %w", p.org.Name, p.date, err)
		}
	}
	return drafts, results, nil
}

// prepareExcept computes the invoice of o's period starting on date on
// contract ct, read through c, leaving out the time entries and training
// charges in billed: those a preview of an earlier period bills.
func (s *Service) prepareExcept(ctx context.Context, c *ent.Client, o *ent.Organization, is issuerOf, ct *contract.Contract, date calendar.Date, billed map[uuid.UUID]bool) (draft, charges.Result, error) {
	p := due{org: o, is: is, date: date}
	ins, err := s.inputs(ctx, c, []due{p}, map[uuid.UUID]*contract.Contract{o.ID: ct})
	if err != nil {
		return draft{}, charges.Result{}, err
	}
	in := ins[0]
	in.Time = slices.DeleteFunc(in.Time, func(e charges.TimeEntry) bool { return billed[e.ID] })
	in.OneOffs = slices.DeleteFunc(in.OneOffs, func(o charges.OneOff) bool { return billed[o.ID] })
	return draftFrom(p, in)
}

// draftFrom computes the charges of in: the draft of the period's invoice.
func draftFrom(p due, in charges.Input) (draft, charges.Result, error) {
	res, err := charges.Compute(in)
	if err != nil {
		return draft{}, charges.Result{}, err
	}
	lines := make([]draftLine, len(res.Lines))
	for i, l := range res.Lines {
		period := l.Period
		lines[i] = draftLine{Kind: string(l.Kind), Description: l.Description, Period: &period, Quantity: l.Quantity,
			Unit: string(l.Unit), UnitPriceCents: l.UnitPriceCents, BaseQuantity: l.BaseQuantity, NetCents: l.NetCents,
			Workspace: l.Workspace}
		if (l.Kind == charges.Service || l.Kind == charges.ServiceProrated) && len(l.Sources) == 1 {
			lines[i].Service = l.Sources[0]
		}
	}
	date := p.date
	return draft{org: p.org, issuer: p.is.settings, kind: KindInvoice, origin: "RUN", issue: date, billingDate: &date,
		period: in.Coming, currency: res.Currency, lines: lines}, res, nil
}

// inputs gathers what each period's invoice charges, read through c (in the
// change that bills them, or for a preview): one statement each for the
// storage, the discounts, the services, the time and the training charges
// of all of them.
func (s *Service) inputs(ctx context.Context, c *ent.Client, periods []due, cts map[uuid.UUID]*contract.Contract) ([]charges.Input, error) {
	ins := make([]charges.Input, len(periods))
	index := make(map[uuid.UUID]int, len(periods))
	orgs := make([]uuid.UUID, len(periods))
	past := map[uuid.UUID]calendar.Period{}
	var latest calendar.Date
	for i, p := range periods {
		o, ct := p.org, cts[p.org.ID]
		index[o.ID], orgs[i] = i, o.ID
		day := calendar.BillingDay(o.CreateTime, p.is.loc)
		ins[i] = charges.Input{BillingDate: p.date, Coming: calendar.PeriodFrom(day, p.date), Terms: ct.Charges()}
		// The storage above the included amount is billed for the past
		// period, from its daily snapshots; the first invoice has none.
		if first := calendar.On(o.CreateTime, p.is.loc); p.date.After(first) {
			ins[i].Past = calendar.Containing(day, p.date.AddDays(-1))
			past[o.ID] = ins[i].Past
		}
		if p.date.After(latest) {
			latest = p.date
		}
	}
	storage, err := usage.StorageDays(ctx, c, past)
	if err != nil {
		return nil, err
	}
	for org, days := range storage {
		ins[index[org]].Storage = days
	}
	// Every discount of each organization: the computation takes those in
	// force on the billing date.
	discounts, err := contract.Discounts(ctx, c, orgs)
	if err != nil {
		return nil, err
	}
	for org, ds := range discounts {
		ins[index[org]].Discounts = ds
	}
	services, err := c.ServiceInstance.Query().Where(serviceinstance.OrganizationIDIn(orgs...)).
		Order(serviceinstance.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, sv := range services {
		i := index[sv.OrganizationID]
		p, in := periods[i], &ins[i]
		b := Charged(sv, p.is.loc)
		if b.Decommissioned != nil && (in.Past.Start.IsZero() || b.Decommissioned.Before(in.Past.Start)) {
			continue // gone before the period this invoice looks back on
		}
		if b.Booked.After(p.date) {
			continue // booked after the billing date: the next invoice charges it
		}
		in.Services = append(in.Services, b)
	}
	entries, err := c.TimeEntry.Query().Where(timeentry.OrganizationIDIn(orgs...), timeentry.Billable(true),
		timeentry.InvoiceTimeIsNil(), timeentry.StartTimeIsNil(), timeentry.DateLT(latest.Time())).
		WithOrder().Order(timeentry.ByDate(), timeentry.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		i := index[e.OrganizationID]
		if !e.Date.Before(periods[i].date.Time()) {
			continue // recorded for a day this period does not bill yet
		}
		desc := e.Description
		if ord := e.Edges.Order; ord != nil {
			desc = fmt.Sprintf("#%d %s", ord.Number, ord.Title)
		}
		te := charges.TimeEntry{ID: e.ID, Day: calendar.On(e.Date, time.UTC), Minutes: int64(e.Minutes), Description: desc}
		if ord := e.Edges.Order; ord != nil && ord.WorkspaceID != nil {
			te.Workspace = *ord.WorkspaceID
		}
		ins[i].Time = append(ins[i].Time, te)
	}
	seats, err := trainingCharges(ctx, c, orgs, latest)
	if err != nil {
		return nil, err
	}
	for _, r := range seats {
		i := index[r.OrganizationID]
		if r.Day >= periods[i].date.String() {
			continue // completed on or after the billing date: the next invoice charges it
		}
		ins[i].OneOffs = append(ins[i].OneOffs, oneOff(r))
	}
	return ins, nil
}

// Charged is a booked service as the billing computation takes it, its
// days those of the issuer's calendar loc.
func Charged(sv *ent.ServiceInstance, loc *time.Location) charges.BookedService {
	b := charges.BookedService{ID: sv.ID, Name: sv.Name, Workspace: sv.WorkspaceID, MonthlyPriceCents: sv.MonthlyPriceCents,
		Currency: sv.Currency, Booked: calendar.On(sv.CreateTime, loc)}
	if sv.Status == serviceinstance.StatusDECOMMISSIONED {
		end := calendar.On(sv.StatusTime, loc)
		if sv.DecommissionTime != nil {
			end = calendar.On(*sv.DecommissionTime, loc)
		}
		b.Decommissioned = &end
	}
	return b
}

func dateOf(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		// The columns hold only dates this package wrote.
		panic(fmt.Sprintf("invoice date %q: %v", s, err))
	}
	return d
}
