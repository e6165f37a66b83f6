package contract

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// The billing run bills hundreds of organizations in one change; these read
// what it needs of their contracts in a constant number of statements,
// whatever the number of organizations.

// InForceOnEach is InForceOn for many organizations, each on its own date:
// the contract in force on that date, absent for an organization that had
// none. Three statements: the contracts, their plans and plan versions.
func InForceOnEach(ctx context.Context, c *ent.Client, dates map[uuid.UUID]calendar.Date) (map[uuid.UUID]*Contract, error) {
	return onEach(ctx, c, dates, entcontract.StatusACTIVE, entcontract.StatusENDED)
}

// InForceOrScheduledOnEach is InForceOnEach for dates that may lie ahead:
// a plan transition scheduled to start by an organization's date counts as
// in force then, as it will be once the billing run has taken it.
func InForceOrScheduledOnEach(ctx context.Context, c *ent.Client, dates map[uuid.UUID]calendar.Date) (map[uuid.UUID]*Contract, error) {
	return onEach(ctx, c, dates, entcontract.StatusACTIVE, entcontract.StatusENDED, entcontract.StatusSCHEDULED)
}

func onEach(ctx context.Context, c *ent.Client, dates map[uuid.UUID]calendar.Date, statuses ...entcontract.Status) (map[uuid.UUID]*Contract, error) {
	out := make(map[uuid.UUID]*Contract, len(dates))
	if len(dates) == 0 {
		return out, nil
	}
	orgs := make([]uuid.UUID, 0, len(dates))
	var latest calendar.Date
	for org, d := range dates {
		orgs = append(orgs, org)
		if d.After(latest) {
			latest = d
		}
	}
	rows, err := c.Contract.Query().Where(entcontract.OrganizationIDIn(orgs...),
		entcontract.StatusIn(statuses...), entcontract.StartDateLTE(latest.String())).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the contracts in force: %w", err)
	}
	// Of each organization's contracts that started by its date and had not
	// ended, the one that started last (as InForceOn orders them).
	chosen := map[uuid.UUID]*ent.Contract{}
	for _, r := range rows {
		d := dates[r.OrganizationID].String()
		if r.StartDate > d || r.EndDate != nil && *r.EndDate <= d {
			continue
		}
		if prev, ok := chosen[r.OrganizationID]; !ok || r.StartDate > prev.StartDate {
			chosen[r.OrganizationID] = r
		}
	}
	list := make([]*ent.Contract, 0, len(chosen))
	for _, r := range chosen {
		list = append(list, r)
	}
	loaded, err := load(ctx, c, list)
	if err != nil {
		return nil, err
	}
	for i := range loaded {
		out[loaded[i].OrganizationID] = &loaded[i]
	}
	return out, nil
}

// TransitionsDue lists which of the organizations have a transition
// scheduled to start on or before their date: those the billing run takes
// (Take) before it bills them. One statement.
func TransitionsDue(ctx context.Context, c *ent.Client, dates map[uuid.UUID]calendar.Date) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(dates) == 0 {
		return out, nil
	}
	orgs := make([]uuid.UUID, 0, len(dates))
	for org := range dates {
		orgs = append(orgs, org)
	}
	rows, err := c.Contract.Query().Where(entcontract.OrganizationIDIn(orgs...), entcontract.StatusEQ(entcontract.StatusSCHEDULED)).
		Select(entcontract.FieldOrganizationID, entcontract.FieldStartDate).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read scheduled contracts: %w", err)
	}
	for _, r := range rows {
		if r.StartDate <= dates[r.OrganizationID].String() {
			out[r.OrganizationID] = true
		}
	}
	return out, nil
}
