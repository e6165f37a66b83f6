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

// Run bills every organization whose billing date has come, once for each
// period due since its last (ACTIVE and SUSPENDED organizations: a
// suspended customer still owes its contract). Each period is billed in a
// change of its own; a period that fails is left for the next run and the
// run goes on.
func (s *Service) Run(ctx context.Context) (RunResult, error) {
	var r RunResult
	issuers := map[uuid.UUID]issuerOf{}
	var errs []error
	after := uuid.Nil
	for {
		orgs, err := s.client.Organization.Query().Where(organization.IDGT(after),
			organization.StatusIn(organization.StatusACTIVE, organization.StatusSUSPENDED)).
			Order(organization.ByID()).Limit(500).All(ctx)
		if err != nil {
			return r, errors.Join(append(errs, fmt.Errorf("organizations to bill: %w", err))...)
		}
		if len(orgs) == 0 {
			return r, errors.Join(errs...)
		}
		after = orgs[len(orgs)-1].ID
		for _, o := range orgs {
			if err := ctx.Err(); err != nil {
				return r, errors.Join(append(errs, err)...)
			}
			r.Organizations++
			is, err := s.issuer(ctx, issuers, o.BillingEntityID)
			if err != nil {
				return r, errors.Join(append(errs, err)...)
			}
			if _, err := s.billDue(ctx, o, is, &r); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", ids.Format(ids.Organization, o.ID), err))
			}
		}
	}
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

// Due lists the billing dates of an organization not billed yet, up to
// today in its calendar, in order: from its first day, or from the period
// after the last one billed.
func (s *Service) due(ctx context.Context, o *ent.Organization, loc *time.Location) ([]calendar.Date, error) {
	return s.dueBy(ctx, o, loc, calendar.On(s.clock.Now(), loc))
}

// dueBy lists the billing dates of an organization not billed yet, up to
// until, in order.
func (s *Service) dueBy(ctx context.Context, o *ent.Organization, loc *time.Location, until calendar.Date) ([]calendar.Date, error) {
	day := calendar.BillingDay(o.CreateTime, loc)
	from := calendar.On(o.CreateTime, loc)
	last, err := s.client.BillingPeriod.Query().Where(billingperiod.OrganizationID(o.ID)).
		Order(ent.Desc(billingperiod.FieldBillingDate)).First(ctx)
	switch {
	case err == nil:
		from = calendar.PeriodFrom(day, dateOf(last.BillingDate)).End
	case !ent.IsNotFound(err):
		return nil, fmt.Errorf("last billed period: %w", err)
	}
	var out []calendar.Date
	for d := from; !d.After(until); d = calendar.PeriodFrom(day, d).End {
		out = append(out, d)
	}
	return out, nil
}

// billDue bills each due period of o in order; it stops at the first that
// fails, so periods are never billed out of order.
func (s *Service) billDue(ctx context.Context, o *ent.Organization, is issuerOf, r *RunResult) ([]*ent.Invoice, error) {
	dates, err := s.due(ctx, o, is.loc)
	if err != nil {
		return nil, err
	}
	var issued []*ent.Invoice
	for _, d := range dates {
		outcome, inv, err := s.billPeriod(ctx, o, is, d)
		switch {
		case err != nil:
			r.Failed++
			return issued, fmt.Errorf("billing date %s: %w", d, err)
		case outcome == billedInvoice:
			r.Invoices++
			issued = append(issued, inv)
		case outcome == billedEmpty:
			r.Empty++
		default:
			r.Skipped++
		}
	}
	return issued, nil
}

type outcome int

const (
	billedAlready outcome = iota
	billedInvoice
	billedEmpty
)

// billPeriod bills o for the period starting on date, in one change: it
// takes a plan transition due that day, computes the lines on the contract
// then in force, issues the invoice, marks the time it bills invoiced and
// records the period billed. A period billed already (by a run that got
// there first) is skipped.
func (s *Service) billPeriod(ctx context.Context, o *ent.Organization, is issuerOf, date calendar.Date) (outcome, *ent.Invoice, error) {
	result := billedAlready
	var issued *ent.Invoice
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if done, err := tx.BillingPeriod.Query().Where(billingperiod.OrganizationID(o.ID),
			billingperiod.BillingDate(date.String())).Exist(ctx); err != nil {
			return err
		} else if done {
			return audit.Unchanged
		}
		if _, err := s.contracts.Take(ctx, tx, log, o.ID, date); err != nil {
			return err
		}
		// The contract in force that day: the active one, or for a period
		// billed late after a move, the one it was on then.
		ct, err := contract.InForceOn(ctx, tx.Client(), o.ID, date)
		if err != nil {
			return err
		}
		if ct == nil {
			return apierr.FailedPrecondition("the organization had no contract in force on %s", date)
		}
		d, res, err := s.prepare(ctx, tx.Client(), o, is, ct, date)
		if err != nil {
			return err
		}
		period := tx.BillingPeriod.Create().SetOrganizationID(o.ID).SetBillingDate(date.String()).
			SetPeriodEnd(d.period.End.String()).SetCreateTime(s.clock.Now())
		if len(res.Lines) == 0 {
			if len(res.InvoicedTime) > 0 {
				if err := order.MarkInvoiced(ctx, tx, res.InvoicedTime, uuid.Nil, s.clock.Now()); err != nil {
					return err
				}
			}
			result = billedEmpty
			p, err := period.Save(ctx)
			if err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: "billing_period", TargetID: p.ID.String(), After: map[string]any{
				"organization_id": ids.Format(ids.Organization, o.ID), "billing_date": date.String(), "invoice": "none: nothing to charge"}})
			return nil
		}
		inv, err := s.issue(ctx, tx, log, d)
		if err != nil {
			return err
		}
		if len(res.InvoicedTime) > 0 {
			if err := order.MarkInvoiced(ctx, tx, res.InvoicedTime, inv.ID, s.clock.Now()); err != nil {
				return err
			}
		}
		if err := period.SetInvoiceID(inv.ID).Exec(ctx); err != nil {
			return err
		}
		result, issued = billedInvoice, inv
		return nil
	})
	return result, issued, err
}

// prepare computes the invoice of o's period starting on date on contract
// ct, read through c: the draft to issue and what the charges covered.
func (s *Service) prepare(ctx context.Context, c *ent.Client, o *ent.Organization, is issuerOf, ct *contract.Contract, date calendar.Date) (draft, charges.Result, error) {
	return s.prepareExcept(ctx, c, o, is, ct, date, nil)
}

// prepareExcept is prepare leaving out the time entries in billed: those a
// preview of an earlier period bills.
func (s *Service) prepareExcept(ctx context.Context, c *ent.Client, o *ent.Organization, is issuerOf, ct *contract.Contract, date calendar.Date, billed map[uuid.UUID]bool) (draft, charges.Result, error) {
	in, err := s.input(ctx, c, o, is.loc, ct, date)
	if err != nil {
		return draft{}, charges.Result{}, err
	}
	in.Time = slices.DeleteFunc(in.Time, func(e charges.TimeEntry) bool { return billed[e.ID] })
	res, err := charges.Compute(in)
	if err != nil {
		return draft{}, charges.Result{}, err
	}
	lines := make([]draftLine, len(res.Lines))
	for i, l := range res.Lines {
		p := l.Period
		lines[i] = draftLine{Kind: string(l.Kind), Description: l.Description, Period: &p, Quantity: l.Quantity,
			Unit: string(l.Unit), UnitPriceCents: l.UnitPriceCents, BaseQuantity: l.BaseQuantity, NetCents: l.NetCents,
			Workspace: l.Workspace}
	}
	return draft{org: o, issuer: is.settings, kind: KindInvoice, origin: "RUN", issue: date, billingDate: &date,
		period: in.Coming, currency: res.Currency, lines: lines}, res, nil
}

// input gathers what the period's invoice charges, read through c: in the
// change that bills it, or for a preview.
func (s *Service) input(ctx context.Context, c *ent.Client, o *ent.Organization, loc *time.Location, ct *contract.Contract, date calendar.Date) (charges.Input, error) {
	day := calendar.BillingDay(o.CreateTime, loc)
	in := charges.Input{
		BillingDate: date, Coming: calendar.PeriodFrom(day, date),
		Terms: charges.Terms{Plan: ct.PlanName, Currency: ct.Currency, MonthlyFeeCents: ct.Terms.MonthlyFeeCents,
			IncludedSupportMinutes: int64(ct.Terms.IncludedSupportMinutes), HourlyRateCents: ct.Terms.HourlyRateCents,
			IncludedStorageGB: int64(ct.Terms.IncludedStorageGB), StorageOverageCentsPerGB: ct.Terms.StorageOverageCentsPerGB},
	}
	if first := calendar.On(o.CreateTime, loc); date.After(first) {
		in.Past = calendar.Containing(day, date.AddDays(-1))
		// The storage above the included amount is billed for the past
		// period, from its daily snapshots.
		var err error
		if in.Storage, err = usage.StorageDays(ctx, c, o.ID, in.Past); err != nil {
			return in, err
		}
	}
	services, err := c.ServiceInstance.Query().Where(serviceinstance.OrganizationID(o.ID)).
		Order(serviceinstance.ByID()).All(ctx)
	if err != nil {
		return in, err
	}
	for _, sv := range services {
		b := charges.BookedService{ID: sv.ID, Name: sv.Name, Workspace: sv.WorkspaceID, MonthlyPriceCents: sv.MonthlyPriceCents,
			Currency: sv.Currency, Booked: calendar.On(sv.CreateTime, loc)}
		if sv.Status == serviceinstance.StatusDECOMMISSIONED {
			end := calendar.On(sv.StatusTime, loc)
			if sv.DecommissionTime != nil {
				end = calendar.On(*sv.DecommissionTime, loc)
			}
			if in.Past.Start.IsZero() || end.Before(in.Past.Start) {
				continue // gone before the period this invoice looks back on
			}
			b.Decommissioned = &end
		}
		if b.Booked.After(date) {
			continue // booked after the billing date: the next invoice charges it
		}
		in.Services = append(in.Services, b)
	}
	entries, err := c.TimeEntry.Query().Where(timeentry.OrganizationID(o.ID), timeentry.Billable(true),
		timeentry.InvoiceTimeIsNil(), timeentry.StartTimeIsNil(), timeentry.DateLT(date.Time())).
		WithOrder().Order(timeentry.ByDate(), timeentry.ByID()).All(ctx)
	if err != nil {
		return in, err
	}
	for _, e := range entries {
		desc := e.Description
		if ord := e.Edges.Order; ord != nil {
			desc = fmt.Sprintf("#%d %s", ord.Number, ord.Title)
		}
		te := charges.TimeEntry{ID: e.ID, Day: calendar.On(e.Date, time.UTC), Minutes: int64(e.Minutes), Description: desc}
		if ord := e.Edges.Order; ord != nil && ord.WorkspaceID != nil {
			te.Workspace = *ord.WorkspaceID
		}
		in.Time = append(in.Time, te)
	}
	return in, nil
}

func dateOf(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		// The columns hold only dates this package wrote.
		panic(fmt.Sprintf("invoice date %q: %v", s, err))
	}
	return d
}
