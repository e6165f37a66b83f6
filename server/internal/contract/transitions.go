package contract

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Take makes the organization's scheduled contract the active one when its
// start date is on or before date: the active contract ends that day. It
// runs in the caller's transaction, so the billing run takes a transition
// in the change that bills its first day — that invoice is on the new
// plan — whether or not the daily job got to it first. It reports whether
// it took one.
func (s *Service) Take(ctx context.Context, tx *ent.Tx, log *audit.Log, org uuid.UUID, date calendar.Date) (bool, error) {
	sched, err := tx.Contract.Query().Where(entcontract.OrganizationID(org), entcontract.StatusEQ(entcontract.StatusSCHEDULED),
		entcontract.StartDateLTE(date.String())).Only(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read scheduled contract: %w", err)
	}
	now := s.clock.Now()
	active, err := inStatus(ctx, tx.Client(), org, entcontract.StatusACTIVE)
	if err != nil {
		return false, err
	}
	if active != nil {
		// The old contract ends first: the database holds one ACTIVE
		// contract per organization at every statement.
		before, err := loadOne(ctx, tx.Client(), active)
		if err != nil {
			return false, err
		}
		if active, err = tx.Contract.UpdateOneID(active.ID).SetStatus(entcontract.StatusENDED).
			SetEndDate(sched.StartDate).SetUpdateTime(now).Save(ctx); err != nil {
			return false, err
		}
		after, err := loadOne(ctx, tx.Client(), active)
		if err != nil {
			return false, err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Contract, active.ID),
			Reason: "replaced by the contract scheduled for " + sched.StartDate, Before: state(before), After: state(after)})
	}
	before, err := loadOne(ctx, tx.Client(), sched)
	if err != nil {
		return false, err
	}
	if sched, err = tx.Contract.UpdateOneID(sched.ID).SetStatus(entcontract.StatusACTIVE).SetUpdateTime(now).Save(ctx); err != nil {
		return false, err
	}
	after, err := loadOne(ctx, tx.Client(), sched)
	if err != nil {
		return false, err
	}
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Contract, sched.ID),
		Reason: "its start date has come", Before: state(before), After: state(after)})
	return true, nil
}

// Taken is what a run of TakeDue did.
type Taken struct {
	// Taken transitions took effect; Waiting are scheduled for a later day.
	Taken, Waiting int
}

// TakeDue takes every scheduled transition whose start date has come in
// its organization's calendar, each in a change of its own. It works from
// the database state, so a run after days of downtime takes every one
// missed.
func (s *Service) TakeDue(ctx context.Context) (Taken, error) {
	var r Taken
	// No calendar is more than a day ahead of UTC: what starts later than
	// tomorrow in UTC is not due anywhere.
	horizon := calendar.On(s.clock.Now(), time.UTC).AddDays(1)
	rows, err := s.client.Contract.Query().Where(entcontract.StatusEQ(entcontract.StatusSCHEDULED),
		entcontract.StartDateLTE(horizon.String())).
		Select(entcontract.FieldID, entcontract.FieldOrganizationID, entcontract.FieldStartDate).All(ctx)
	if err != nil {
		return r, fmt.Errorf("scheduled contracts: %w", err)
	}
	zones := map[uuid.UUID]*time.Location{}
	var errs []error
	for _, c := range rows {
		if ctx.Err() != nil {
			return r, errors.Join(append(errs, ctx.Err())...)
		}
		o, err := s.client.Organization.Query().Where(organization.ID(c.OrganizationID)).
			Select(organization.FieldBillingEntityID).Only(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("organization of contract %s: %w", ids.Format(ids.Contract, c.ID), err))
			continue
		}
		loc, ok := zones[o.BillingEntityID]
		if !ok {
			if loc, err = s.zones(ctx, o.BillingEntityID); err != nil {
				errs = append(errs, err)
				continue
			}
			zones[o.BillingEntityID] = loc
		}
		today := calendar.On(s.clock.Now(), loc)
		if dateOf(c.StartDate).After(today) {
			r.Waiting++
			continue
		}
		var took bool
		err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
			var err error
			if took, err = s.Take(ctx, tx, log, c.OrganizationID, today); err == nil && !took {
				return audit.Unchanged
			}
			return err
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("take contract %s: %w", ids.Format(ids.Contract, c.ID), err))
		} else if took {
			r.Taken++
		}
	}
	return r, errors.Join(errs...)
}

// Filter selects a page of an organization's contracts.
type Filter struct {
	Organization uuid.UUID
	PageSize     int32
	PageToken    string
}

// Page is one page of contracts, the latest start first.
type Page struct {
	Contracts     []Contract
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Start string    `json:"s"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of an organization's contracts, the latest start
// first (a cancelled transition beside the contract that stayed).
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	if _, err := s.calendarOf(ctx, f.Organization); err != nil {
		return nil, err
	}
	fp := paging.Fingerprint("contracts", f.Organization)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Contract.Query().Where(entcontract.OrganizationID(f.Organization))
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: entcontract.FieldStartDate, Value: c.Start},
			paging.Key{Column: entcontract.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(entcontract.FieldStartDate), ent.Desc(entcontract.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list contracts: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Contract.Query().Where(entcontract.OrganizationID(f.Organization)).Count(ctx); err != nil {
			return nil, fmt.Errorf("count contracts: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Contract) any {
		return cursor{Start: last.StartDate, ID: last.ID, Total: total}
	})
	if page.Contracts, err = load(ctx, s.client, rows); err != nil {
		return nil, err
	}
	return page, nil
}

// Names returns the plan names of the contracts with these ids, for the
// audit trail ("Premium since 2027-01-31").
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Contract.Query().Where(entcontract.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name contracts: %w", err)
	}
	cs, err := load(ctx, s.client, rows)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(cs))
	for _, c := range cs {
		out[c.ID] = fmt.Sprintf("%s v%d from %s", c.PlanName, c.PlanVersion, c.Start)
	}
	return out, nil
}
