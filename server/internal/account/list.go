package account

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	entpayment "github.com/leitstand/leitstand/server/ent/payment"
	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/ent/usagecounter"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
	"github.com/leitstand/leitstand/server/internal/trial"
	"github.com/leitstand/leitstand/server/internal/upgrade"
)

// Query is what to list of the rollup.
type Query struct {
	// Month is YYYY-MM; this month when empty. A month ahead is refused.
	Month string
	// Classes keeps only these revenue classes; all when empty.
	Classes []Class
	// Search keeps the accounts with this text in their name.
	Search string
	// OrderBy is name (default), mrr, invoiced, paid, users, storage or
	// traffic, with " desc" for descending.
	OrderBy  string
	PageSize int32
	// PageToken is the NextPageToken of the page before.
	PageToken string
}

// Page is a page of the rollup.
type Page struct {
	Month         string
	Accounts      []Account
	NextPageToken string
	// Total is how many accounts match; Totals their sums.
	Total  int
	Totals Totals
}

// Totals are the rollup's sums over every account that matches.
type Totals struct {
	Currency                      string
	InvoicedGrossCents, PaidCents int64
	MRRStartCents, MRREndCents    int64
	Classes                       map[Class]int
}

// month is the span of days of a rollup.
type month struct {
	name               string
	first, last, today calendar.Date
	loc                *time.Location
}

// asOf is the day "now" means in the month: its last, or today in this
// month.
func (m month) asOf() calendar.Date {
	if m.today.Before(m.last) {
		return m.today
	}
	return m.last
}

func (m month) current() bool { return !m.today.Before(m.first) && !m.today.After(m.last) }

// monthOf reads a month of the rollup: YYYY-MM, not ahead of today.
func (s *Service) monthOf(ctx context.Context, name string) (month, error) {
	today, loc, err := s.revenue.Today(ctx)
	if err != nil {
		return month{}, err
	}
	if name == "" {
		name = today.String()[:7]
	}
	first, err := calendar.Parse(name + "-01")
	if err != nil {
		return month{}, apierr.Invalid("month", "month.format", "a month is YYYY-MM, e.g. 2027-01")
	}
	if first.After(today) {
		return month{}, apierr.Invalid("month", "month.not_ahead", "%s has not begun; the rollup covers months up to this one", name)
	}
	last := calendar.D(first.Year(), first.Month()+1, 1).AddDays(-1)
	return month{name: name, first: first, last: last, today: today, loc: loc}, nil
}

// order is a sort of the rollup.
type order struct {
	key  string
	desc bool
}

var orders = map[string]func(a Account) int64{
	"name":     nil,
	"mrr":      func(a Account) int64 { return a.MRREndCents },
	"invoiced": func(a Account) int64 { return a.InvoicedGrossCents },
	"paid":     func(a Account) int64 { return a.PaidCents },
	// By the share of the cap first (what is near its cap on top), then
	// the amount (for those without a cap).
	"users":   func(a Account) int64 { return int64(a.Users.Percent())<<40 | min(a.Users.Used, 1<<40-1) },
	"storage": func(a Account) int64 { return int64(a.Storage.Percent())<<40 | min(a.Storage.Used>>20, 1<<40-1) },
	"traffic": func(a Account) int64 { return int64(a.Traffic.Percent())<<40 | min(a.Traffic.Used>>20, 1<<40-1) },
}

func orderOf(s string) (order, error) {
	if s == "" {
		s = "name"
	}
	key, desc := strings.CutSuffix(s, " desc")
	if _, ok := orders[key]; !ok {
		return order{}, apierr.Invalid("order_by", "order_by.in", "order by name, mrr, invoiced, paid, users, storage or traffic")
	}
	return order{key: key, desc: desc}, nil
}

// cursor is an account's place in an order: its sort key, its folded
// name and its id; a page ends at its last row's.
type cursor struct {
	Key  int64     `json:"k"`
	Name string    `json:"n"`
	ID   uuid.UUID `json:"i"`
}

func (o order) cursorOf(a Account) cursor {
	c := cursor{Name: a.folded, ID: a.Organization}
	if f := orders[o.key]; f != nil {
		c.Key = f(a)
	}
	return c
}

// compare orders two places by o, then by name and id, so that every
// order is total and a cursor finds its place.
func (o order) compare(a, b cursor) int {
	c := cmp.Or(cmp.Compare(a.Key, b.Key), strings.Compare(a.Name, b.Name), slices.Compare(a.ID[:], b.ID[:]))
	if o.desc {
		return -c
	}
	return c
}

// List is the rollup of a month: every account the caller may see that
// matches q, its page, and the sums over all that match.
func (s *Service) List(ctx context.Context, q Query) (*Page, error) {
	m, err := s.monthOf(ctx, q.Month)
	if err != nil {
		return nil, err
	}
	o, err := orderOf(q.OrderBy)
	if err != nil {
		return nil, err
	}
	classes := map[Class]bool{}
	for _, c := range q.Classes {
		if !slices.Contains(Classes(), c) {
			return nil, apierr.Invalid("revenue_classes", "revenue_classes.defined", "choose TRIAL, MANAGED, PAYING or COMPED")
		}
		classes[c] = true
	}
	fp := paging.Fingerprint("accounts", m.name, q.Classes, q.Search, o.key, o.desc)
	var after cursor
	hasAfter, err := paging.Decode(q.PageToken, fp, &after)
	if err != nil {
		return nil, err
	}
	all, err := s.rollup(ctx, m)
	if err != nil {
		return nil, err
	}
	search := textfold.Fold(strings.TrimSpace(q.Search))
	page := &Page{Month: m.name, Totals: Totals{Currency: "EUR", Classes: map[Class]int{}}}
	var rows []Account
	for _, a := range all {
		if len(classes) > 0 && !classes[a.Class] || search != "" && !strings.Contains(a.folded, search) {
			continue
		}
		rows = append(rows, a)
		t := &page.Totals
		t.InvoicedGrossCents += a.InvoicedGrossCents
		t.PaidCents += a.PaidCents
		t.MRRStartCents += a.MRRStartCents
		t.MRREndCents += a.MRREndCents
		t.Classes[a.Class]++
	}
	page.Total = len(rows)
	slices.SortFunc(rows, func(a, b Account) int { return o.compare(o.cursorOf(a), o.cursorOf(b)) })
	if hasAfter {
		// The first row after the cursor, whether or not its row is still
		// there.
		i, found := slices.BinarySearchFunc(rows, after, func(a Account, c cursor) int { return o.compare(o.cursorOf(a), c) })
		if found {
			i++
		}
		rows = rows[i:]
	}
	size := paging.Size(q.PageSize)
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last Account) any { return o.cursorOf(last) })
	if err := s.details(ctx, m, rows); err != nil {
		return nil, err
	}
	page.Accounts = rows
	return page, nil
}

// rollup computes every account of month m the caller may see, without
// what only a page shows.
func (s *Service) rollup(ctx context.Context, m month) ([]Account, error) {
	orgs, err := s.client.Organization.Query().
		Select(organization.FieldID, organization.FieldName, organization.FieldStatus, organization.FieldManaged,
			organization.FieldCreateTime, organization.FieldAccountManagerID, organization.FieldPartner,
			organization.FieldReferredByID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the organizations: %w", err)
	}
	// Those that existed in the month.
	orgs = slices.DeleteFunc(orgs, func(o *ent.Organization) bool { return calendar.On(o.CreateTime, m.loc).After(m.last) })
	days := []calendar.Date{m.first, m.last}
	if m.asOf() != m.last {
		days = append(days, m.asOf())
	}
	mrr, err := s.revenue.MRR(ctx, days)
	if err != nil {
		return nil, err
	}
	now := mrr[len(mrr)-1]
	members, err := s.members(ctx)
	if err != nil {
		return nil, err
	}
	counters, err := s.client.UsageCounter.Query().Where(usagecounter.Month(m.name)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the usage: %w", err)
	}
	usage := make(map[uuid.UUID]*ent.UsageCounter, len(counters))
	for _, c := range counters {
		usage[c.OrganizationID] = c
	}
	invoiced, err := s.invoiced(ctx, m)
	if err != nil {
		return nil, err
	}
	paid, err := s.paid(ctx, m)
	if err != nil {
		return nil, err
	}
	trials, err := trial.OfOrganizations(ctx, s.client, m.asOf(), m.asOf())
	if err != nil {
		return nil, err
	}
	trialCaps, err := s.latestCaps(ctx)
	if err != nil {
		return nil, err
	}
	bridges, err := upgrade.Bridges(ctx, s.client, m.asOf())
	if err != nil {
		return nil, err
	}
	bridged, err := s.versions(ctx, bridges)
	if err != nil {
		return nil, err
	}
	out := make([]Account, len(orgs))
	for i, o := range orgs {
		a := Account{Organization: o.ID, Name: o.Name, Status: o.Status.String(), Managed: o.Managed, Currency: "EUR",
			MRRStartCents: mrr[0][o.ID].Cents, MRREndCents: mrr[1][o.ID].Cents,
			InvoicedGrossCents: invoiced[o.ID], PaidCents: paid[o.ID], Users: Usage{Used: int64(members[o.ID])},
			AccountManagerID: o.AccountManagerID, Partner: o.Partner, referredBy: o.ReferredByID, folded: textfold.Fold(o.Name)}
		if ct := now[o.ID].Contract; ct != nil {
			a.Plan, a.Currency = ct.PlanName, ct.Currency
			a.Users.Cap = int64(ct.Terms.MaxUsers)
			a.Storage.Cap = int64(ct.Terms.MaxStorageGB) * bytesPerGB
		}
		if u := usage[o.ID]; u != nil {
			a.Storage.Used, a.Traffic.Used = u.PeakStorageBytes, u.TrafficBytes
			a.UsageResetDay, _ = calendar.Parse(u.ResetDay)
		}
		// An upgrade approved at once gives its tier's caps until its
		// move; a trial's top tier goes above it.
		if b, ok := bridges[o.ID]; ok {
			if v := bridged[b.Version]; v != nil {
				a.Users.Cap, a.Storage.Cap = int64(v.MaxUsers), int64(v.MaxStorageGB)*bytesPerGB
			}
		}
		if t, ok := trials[o.ID]; ok && t.On(m.asOf(), m.loc) {
			a.Trial = &t
			c := trialCaps[t.Plan]
			a.Users.Cap, a.Storage.Cap = int64(c.MaxUsers), int64(c.MaxStorageGB)*bytesPerGB
		}
		a.Class = ClassOf(a.Trial != nil, o.Managed, now[o.ID].Cents)
		out[i] = a
	}
	return out, nil
}

// versions reads the plan versions the bridges give, by id.
func (s *Service) versions(ctx context.Context, bridges map[uuid.UUID]upgrade.Bridge) (map[uuid.UUID]*ent.PlanVersion, error) {
	if len(bridges) == 0 {
		return nil, nil
	}
	idList := make([]uuid.UUID, 0, len(bridges))
	for _, b := range bridges {
		idList = append(idList, b.Version)
	}
	rows, err := s.client.PlanVersion.Query().Where(planversion.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the approved tiers: %w", err)
	}
	out := make(map[uuid.UUID]*ent.PlanVersion, len(rows))
	for _, v := range rows {
		out[v.ID] = v
	}
	return out, nil
}

// latestCaps are the caps of each plan's latest version: a trial's tier.
func (s *Service) latestCaps(ctx context.Context) (map[uuid.UUID]*ent.PlanVersion, error) {
	rows, err := s.client.PlanVersion.Query().Order(planversion.ByVersion()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the plans' versions: %w", err)
	}
	out := make(map[uuid.UUID]*ent.PlanVersion, len(rows))
	for _, v := range rows {
		out[v.PlanID] = v // the last is the latest
	}
	return out, nil
}

// bytesPerGB is the gigabyte of caps and prices: 10^9 bytes.
const bytesPerGB = 1_000_000_000

// members counts each organization's members.
func (s *Service) members(ctx context.Context) (map[uuid.UUID]int, error) {
	var rows []struct {
		Org   uuid.UUID `json:"organization_id"`
		Count int       `json:"count"`
	}
	if err := s.client.Membership.Query().GroupBy(membership.FieldOrganizationID).Aggregate(ent.Count()).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("count the members: %w", err)
	}
	out := make(map[uuid.UUID]int, len(rows))
	for _, r := range rows {
		out[r.Org] = r.Count
	}
	return out, nil
}

// invoiced sums each organization's invoices issued in the month, gross.
func (s *Service) invoiced(ctx context.Context, m month) (map[uuid.UUID]int64, error) {
	var rows []struct {
		Org uuid.UUID `json:"organization_id"`
		Sum int64     `json:"sum"`
	}
	if err := s.client.Invoice.Query().Where(entinvoice.IssueDateGTE(m.first.String()), entinvoice.IssueDateLTE(m.last.String())).
		GroupBy(entinvoice.FieldOrganizationID).Aggregate(ent.Sum(entinvoice.FieldGrossCents)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("sum the invoices: %w", err)
	}
	out := make(map[uuid.UUID]int64, len(rows))
	for _, r := range rows {
		out[r.Org] = r.Sum
	}
	return out, nil
}

// paid sums what each organization paid in the month: its succeeded
// payments with a value date in it, less what was refunded of them (what
// counts towards invoices, payment.Counted).
func (s *Service) paid(ctx context.Context, m month) (map[uuid.UUID]int64, error) {
	var rows []struct {
		Org      uuid.UUID `json:"organization_id"`
		Amount   int64     `json:"amount"`
		Refunded int64     `json:"refunded"`
	}
	if err := s.client.Payment.Query().Where(entpayment.StatusEQ(entpayment.StatusSUCCEEDED),
		entpayment.ValueDateGTE(m.first.String()), entpayment.ValueDateLTE(m.last.String())).
		GroupBy(entpayment.FieldOrganizationID).
		Aggregate(ent.As(ent.Sum(entpayment.FieldAmountCents), "amount"), ent.As(ent.Sum(entpayment.FieldRefundedCents), "refunded")).
		Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("sum the payments: %w", err)
	}
	out := make(map[uuid.UUID]int64, len(rows))
	for _, r := range rows {
		out[r.Org] = r.Amount - r.Refunded
	}
	return out, nil
}
