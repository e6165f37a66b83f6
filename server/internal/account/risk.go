package account

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Risk is why an account needs staff, the most urgent first.
type Risk string

// The risks, in their urgency.
const (
	// HardBlocked: at (or over) its users cap, which blocks: no member
	// can be added (organization.AddMember).
	HardBlocked Risk = "HARD_BLOCKED"
	// AtCap: at (or over) its storage or traffic cap.
	AtCap Risk = "AT_CAP"
	// Overdue: invoices past their due date not paid in full.
	Overdue Risk = "OVERDUE"
	// ApproachingCap: a cap used to the threshold (80 % by default) or
	// more, not yet reached.
	ApproachingCap Risk = "APPROACHING_CAP"
	// Downgraded: moved to a lower tier in the last 30 days.
	Downgraded Risk = "DOWNGRADED"
)

var urgency = map[Risk]int{HardBlocked: 0, AtCap: 1, Overdue: 2, ApproachingCap: 3, Downgraded: 4}

// Risks lists the risks in their urgency.
func Risks() []Risk { return []Risk{HardBlocked, AtCap, Overdue, ApproachingCap, Downgraded} }

// Reason is one risk of an account, with what shows it.
type Reason struct {
	Risk Risk
	// Cap is "users", "storage" or "traffic" for a cap's risk, Percent its share
	// used.
	Cap     string
	Percent int
	// OverdueInvoices and OverdueCents are its overdue invoices and what
	// is open of them.
	OverdueInvoices int
	OverdueCents    int64
	// From and To are the tiers of a downgrade, On its first day.
	From, To string
	On       calendar.Date
}

// AtRisk is an account with its risks, the most urgent first.
type AtRisk struct {
	Account
	Reasons []Reason
}

// RiskQuery is what to list of the accounts at risk.
type RiskQuery struct {
	// ApproachingPercent is the share of a cap from which an account is
	// approaching it, 1 to 99; DefaultApproachingPercent when 0.
	ApproachingPercent int
	PageSize           int32
	PageToken          string
}

// DefaultApproachingPercent is the share of a cap from which an account
// approaches it, unless asked otherwise.
const DefaultApproachingPercent = 80

// downgradeDays is how long a downgrade counts as recent.
const downgradeDays = 30

// RiskPage is a page of the accounts at risk.
type RiskPage struct {
	Accounts      []AtRisk
	NextPageToken string
	// Total is how many accounts are at risk; ByRisk how many have each
	// risk (an account may count under several).
	Total  int
	ByRisk map[Risk]int
}

// AtRisk is this month's rollup pre-triaged for outreach: the accounts
// with a risk, each with its reasons, the most urgent on top (by their
// most urgent risk, then the share of the cap, the amount overdue or the
// day of the downgrade, then by name).
func (s *Service) AtRisk(ctx context.Context, q RiskQuery) (*RiskPage, error) {
	approaching := q.ApproachingPercent
	if approaching == 0 {
		approaching = DefaultApproachingPercent
	}
	if approaching < 1 || approaching > 99 {
		return nil, apierr.Invalid("approaching_percent", "approaching_percent.range", "from 1 to 99 %%")
	}
	m, err := s.monthOf(ctx, "")
	if err != nil {
		return nil, err
	}
	fp := paging.Fingerprint("at-risk", m.today.String(), approaching)
	var after riskCursor
	hasAfter, err := paging.Decode(q.PageToken, fp, &after)
	if err != nil {
		return nil, err
	}
	all, err := s.rollup(ctx, m)
	if err != nil {
		return nil, err
	}
	overdue, err := s.overdue(ctx)
	if err != nil {
		return nil, err
	}
	downgrades, err := s.downgrades(ctx, m.today)
	if err != nil {
		return nil, err
	}
	page := &RiskPage{ByRisk: map[Risk]int{}}
	var rows []AtRisk
	for _, a := range all {
		r := AtRisk{Account: a}
		for _, c := range []struct {
			name  string
			usage Usage
			at    Risk
		}{{"users", a.Users, HardBlocked}, {"storage", a.Storage, AtCap}, {"traffic", a.Traffic, AtCap}} {
			switch p := c.usage.Percent(); {
			case c.usage.Cap > 0 && c.usage.Used >= c.usage.Cap:
				r.Reasons = append(r.Reasons, Reason{Risk: c.at, Cap: c.name, Percent: p})
			case p >= approaching:
				r.Reasons = append(r.Reasons, Reason{Risk: ApproachingCap, Cap: c.name, Percent: p})
			}
		}
		if o, ok := overdue[a.Organization]; ok {
			r.Reasons = append(r.Reasons, o)
		}
		if d, ok := downgrades[a.Organization]; ok {
			r.Reasons = append(r.Reasons, d)
		}
		if len(r.Reasons) == 0 {
			continue
		}
		slices.SortStableFunc(r.Reasons, func(x, y Reason) int {
			return cmp.Or(cmp.Compare(urgency[x.Risk], urgency[y.Risk]), cmp.Compare(y.Percent, x.Percent))
		})
		seen := map[Risk]bool{}
		for _, reason := range r.Reasons {
			if !seen[reason.Risk] {
				seen[reason.Risk] = true
				page.ByRisk[reason.Risk]++
			}
		}
		rows = append(rows, r)
	}
	page.Total = len(rows)
	slices.SortFunc(rows, func(a, b AtRisk) int { return riskCursorOf(a).compare(riskCursorOf(b)) })
	if hasAfter {
		i, _ := slices.BinarySearchFunc(rows, after, func(a AtRisk, c riskCursor) int { return riskCursorOf(a).compare(c) })
		for i < len(rows) && rows[i].Organization == after.ID {
			i++
		}
		rows = rows[i:]
	}
	rows, page.NextPageToken = paging.Cut(rows, paging.Size(q.PageSize), fp, func(last AtRisk) any { return riskCursorOf(last) })
	accounts := make([]Account, len(rows))
	for i := range rows {
		accounts[i] = rows[i].Account
	}
	if err := s.details(ctx, m, accounts); err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].Account = accounts[i]
	}
	page.Accounts = rows
	return page, nil
}

// riskCursor is an account's place in the at-risk order.
type riskCursor struct {
	Urgency int       `json:"u"`
	Weight  int64     `json:"w"` // the larger first
	Name    string    `json:"n"` // folded
	ID      uuid.UUID `json:"i"`
}

func riskCursorOf(a AtRisk) riskCursor {
	first := a.Reasons[0]
	c := riskCursor{Urgency: urgency[first.Risk], Name: a.folded, ID: a.Organization}
	switch first.Risk {
	case Overdue:
		c.Weight = first.OverdueCents
	case Downgraded:
		c.Weight = first.On.Time().Unix() // the latest first
	default:
		c.Weight = int64(first.Percent)
	}
	return c
}

func (c riskCursor) compare(o riskCursor) int {
	return cmp.Or(cmp.Compare(c.Urgency, o.Urgency), cmp.Compare(o.Weight, c.Weight), strings.Compare(c.Name, o.Name),
		slices.Compare(c.ID[:], o.ID[:]))
}

// overdue reads each organization's overdue invoices: how many, and what
// is open of them.
func (s *Service) overdue(ctx context.Context) (map[uuid.UUID]Reason, error) {
	rows, err := s.client.Invoice.Query().Where(entinvoice.StatusEQ(entinvoice.StatusOVERDUE)).
		Select(entinvoice.FieldOrganizationID, entinvoice.FieldGrossCents, entinvoice.FieldPaidCents).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the overdue invoices: %w", err)
	}
	out := map[uuid.UUID]Reason{}
	for _, r := range rows {
		o := out[r.OrganizationID]
		o.Risk = Overdue
		o.OverdueInvoices++
		o.OverdueCents += r.GrossCents - r.PaidCents
		out[r.OrganizationID] = o
	}
	return out, nil
}

// downgrades finds the organizations moved to a lower-ranked plan in the
// last 30 days up to today: a contract that began then on a plan ranked
// below the one of the contract it followed.
func (s *Service) downgrades(ctx context.Context, today calendar.Date) (map[uuid.UUID]Reason, error) {
	since := today.AddDays(-downgradeDays)
	began, err := s.client.Contract.Query().Where(entcontract.StatusIn(entcontract.StatusACTIVE, entcontract.StatusENDED),
		entcontract.StartDateGT(since.String()), entcontract.StartDateLTE(today.String())).All(ctx)
	if err != nil || len(began) == 0 {
		return nil, err
	}
	orgs := make([]uuid.UUID, len(began))
	for i, c := range began {
		orgs[i] = c.OrganizationID
	}
	ended, err := s.client.Contract.Query().Where(entcontract.OrganizationIDIn(orgs...), entcontract.StatusEQ(entcontract.StatusENDED)).All(ctx)
	if err != nil {
		return nil, err
	}
	plans, err := s.client.Plan.Query().Select(entplan.FieldID, entplan.FieldName, entplan.FieldRank).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]*ent.Plan, len(plans))
	for _, p := range plans {
		byID[p.ID] = p
	}
	out := map[uuid.UUID]Reason{}
	for _, c := range began {
		for _, e := range ended {
			if e.OrganizationID != c.OrganizationID || e.EndDate == nil || *e.EndDate != c.StartDate {
				continue
			}
			from, to := byID[e.PlanID], byID[c.PlanID]
			if from == nil || to == nil || to.Rank >= from.Rank {
				continue
			}
			on, err := calendar.Parse(c.StartDate)
			if err != nil {
				return nil, err
			}
			if prev, ok := out[c.OrganizationID]; !ok || on.After(prev.On) {
				out[c.OrganizationID] = Reason{Risk: Downgraded, From: from.Name, To: to.Name, On: on}
			}
		}
	}
	return out, nil
}
