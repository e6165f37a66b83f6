package billingentity

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/catalogitem"
	"github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoiceline"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// MaxWholesaleMonths bounds the period of one wholesale report.
const MaxWholesaleMonths = 24

// WholesaleRow is what one reseller's customer consumed of one of the
// licensee's items in the period.
type WholesaleRow struct {
	BillingEntity    uuid.UUID
	Organization     uuid.UUID
	OrganizationName string
	Item             uuid.UUID
	ItemName         string
	// Services counts the booked services charged.
	Services int
	// WholesaleCents is what was charged, repriced at the licensee's price
	// of each booking; ResaleCents what the reseller invoiced for it. Both
	// net, cancellations subtracted.
	WholesaleCents, ResaleCents int64
}

// WholesaleTotal sums one reseller's rows.
type WholesaleTotal struct {
	BillingEntity               uuid.UUID
	Name                        string
	WholesaleCents, ResaleCents int64
}

// WholesaleReport is what resellers' customers consumed of the licensee's
// items in a period, at the licensee's prices beside the resellers'.
type WholesaleReport struct {
	// Period is whole months: [Start, End).
	Period   calendar.Period
	Currency string
	Totals   []WholesaleTotal
	Rows     []WholesaleRow
}

// Wholesale reports what the customers of reseller be (every reseller's
// for uuid.Nil) were invoiced for the licensee's items in the months from
// first to last, both "YYYY-MM" and inclusive, by the invoices' issue
// dates: each service line repriced at the licensee's price the booking
// was made at, with the same rounding as the invoice, cancellations
// subtracting what they cancel. Neither month named: the current month by
// the clock in the platform's time zone; one alone: that month. A
// reseller's staff see their own entity's; naming another is NotFound.
func (s *Service) Wholesale(ctx context.Context, be uuid.UUID, first, last string) (*WholesaleReport, error) {
	switch {
	case first == "" && last == "":
		month, err := s.currentMonth(ctx)
		if err != nil {
			return nil, err
		}
		first, last = month, month
	case first == "":
		first = last
	case last == "":
		last = first
	}
	period, err := monthsPeriod(first, last)
	if err != nil {
		return nil, err
	}
	if own, ok := tenancy.Scope(ctx); ok {
		if be != uuid.Nil && be != own {
			return nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, be))
		}
		be = own
	}
	resellers := s.client.BillingEntity.Query().Where(entbe.KindEQ(entbe.KindRESELLER))
	if be != uuid.Nil {
		resellers.Where(entbe.ID(be))
	}
	entities, err := resellers.Order(entbe.ByName()).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("wholesale: resellers: %w", err)
	}
	if be != uuid.Nil && len(entities) == 0 {
		if _, err := s.client.BillingEntity.Get(ctx, be); ent.IsNotFound(err) {
			return nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, be))
		}
		return nil, apierr.FailedPrecondition("the licensee sells to its own customers directly; the wholesale report is about resellers")
	}
	report := &WholesaleReport{Period: period, Currency: "EUR", Rows: []WholesaleRow{}}
	if len(entities) == 0 {
		return report, nil // no resellers yet
	}
	issuers := make([]uuid.UUID, len(entities))
	for i, e := range entities {
		issuers[i] = e.ID
		report.Totals = append(report.Totals, WholesaleTotal{BillingEntity: e.ID, Name: e.Name})
	}

	// The invoices the resellers issued in the period, selected in the
	// database: a year of a large reseller is many thousands.
	inv := sql.Table(invoice.Table).As("wh_inv")
	issued := sql.Select(inv.C(invoice.FieldID)).From(inv).Where(sql.And(
		sql.In(inv.C(invoice.FieldIssuerID), anys(issuers)...),
		sql.GTE(inv.C(invoice.FieldIssueDate), period.Start.String()),
		sql.LT(inv.C(invoice.FieldIssueDate), period.End.String())))
	lines, err := s.client.InvoiceLine.Query().Where(invoiceline.ServiceInstanceIDNotNil(),
		func(sel *sql.Selector) { sel.Where(sql.In(sel.C(invoiceline.FieldInvoiceID), issued)) }).
		Select(invoiceline.FieldInvoiceID, invoiceline.FieldOrganizationID, invoiceline.FieldServiceInstanceID,
			invoiceline.FieldQuantity, invoiceline.FieldBaseQuantity, invoiceline.FieldNetCents).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("wholesale: invoice lines: %w", err)
	}
	if len(lines) == 0 {
		return report, nil
	}
	var svcIDs, orgIDs []uuid.UUID
	for _, l := range lines {
		svcIDs = append(svcIDs, *l.ServiceInstanceID)
		orgIDs = append(orgIDs, l.OrganizationID)
	}
	services, err := s.client.ServiceInstance.Query().Where(serviceinstance.IDIn(uniq(svcIDs)...)).
		WithCatalogItem(func(q *ent.CatalogItemQuery) {
			q.Select(catalogitem.FieldName, catalogitem.FieldBillingEntityID)
		}).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("wholesale: services: %w", err)
	}
	svc := make(map[uuid.UUID]*ent.ServiceInstance, len(services))
	for _, sv := range services {
		svc[sv.ID] = sv
	}
	orgs, err := s.client.Organization.Query().Where(organization.IDIn(uniq(orgIDs)...)).
		Select(organization.FieldName, organization.FieldBillingEntityID).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("wholesale: organizations: %w", err)
	}
	org := make(map[uuid.UUID]*ent.Organization, len(orgs))
	for _, o := range orgs {
		org[o.ID] = o
	}

	type key struct{ org, item uuid.UUID }
	rows := map[key]*WholesaleRow{}
	counted := map[key]map[uuid.UUID]bool{}
	for _, l := range lines {
		sv, o := svc[*l.ServiceInstanceID], org[l.OrganizationID]
		it := sv.Edges.CatalogItem
		// The reseller's own items are its own business, not wholesale.
		if it == nil || it.BillingEntityID == nil || *it.BillingEntityID == o.BillingEntityID {
			continue
		}
		wholesale, err := cents.MulDiv(l.Quantity, sv.ListPriceCents, max(l.BaseQuantity, 1))
		if err != nil {
			return nil, fmt.Errorf("wholesale: %s: %w", it.Name, err)
		}
		k := key{o.ID, it.ID}
		r := rows[k]
		if r == nil {
			r = &WholesaleRow{BillingEntity: o.BillingEntityID, Organization: o.ID, OrganizationName: o.Name, Item: it.ID, ItemName: it.Name}
			rows[k], counted[k] = r, map[uuid.UUID]bool{}
		}
		if !counted[k][sv.ID] {
			counted[k][sv.ID] = true
			r.Services++
		}
		r.WholesaleCents += wholesale
		r.ResaleCents += l.NetCents
	}
	for _, r := range rows {
		report.Rows = append(report.Rows, *r)
		i := slices.IndexFunc(report.Totals, func(t WholesaleTotal) bool { return t.BillingEntity == r.BillingEntity })
		report.Totals[i].WholesaleCents += r.WholesaleCents
		report.Totals[i].ResaleCents += r.ResaleCents
	}
	names := map[uuid.UUID]string{}
	for _, t := range report.Totals {
		names[t.BillingEntity] = t.Name
	}
	slices.SortFunc(report.Rows, func(a, b WholesaleRow) int {
		return cmp.Or(cmp.Compare(names[a.BillingEntity], names[b.BillingEntity]),
			cmp.Compare(a.OrganizationName, b.OrganizationName), cmp.Compare(a.ItemName, b.ItemName),
			cmp.Compare(a.Organization.String(), b.Organization.String()), cmp.Compare(a.Item.String(), b.Item.String()))
	})
	return report, nil
}

// monthsPeriod is the whole months from first to last ("YYYY-MM",
// inclusive), at most MaxWholesaleMonths.
// currentMonth is the month it is now in the platform's time zone (the
// licensee's invoice calendar), "YYYY-MM".
func (s *Service) currentMonth(ctx context.Context) (string, error) {
	loc := time.UTC
	if s.location != nil {
		licensee, err := tenancy.Licensee(ctx, s.client)
		if err != nil {
			return "", fmt.Errorf("wholesale: the licensee: %w", err)
		}
		if loc, err = s.location(ctx, licensee); err != nil {
			return "", fmt.Errorf("wholesale: the platform's time zone: %w", err)
		}
	}
	return s.clock.Now().In(loc).Format("2006-01"), nil
}

func monthsPeriod(first, last string) (calendar.Period, error) {
	from, err := time.Parse("2006-01", first)
	if err != nil {
		return calendar.Period{}, apierr.Invalid("first_month", "first_month.format", "a month as YYYY-MM")
	}
	to, err := time.Parse("2006-01", last)
	if err != nil {
		return calendar.Period{}, apierr.Invalid("last_month", "last_month.format", "a month as YYYY-MM")
	}
	months := (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
	switch {
	case months < 1:
		return calendar.Period{}, apierr.Invalid("last_month", "last_month.order", "the last month comes on or after the first")
	case months > MaxWholesaleMonths:
		return calendar.Period{}, apierr.Invalid("last_month", "last_month.range", "at most %d months in one report", MaxWholesaleMonths)
	}
	return calendar.Period{
		Start: calendar.D(from.Year(), from.Month(), 1),
		End:   calendar.D(to.Year(), to.Month()+1, 1),
	}, nil
}

func uniq(in []uuid.UUID) []uuid.UUID {
	slices.SortFunc(in, func(a, b uuid.UUID) int { return cmp.Compare(a.String(), b.String()) })
	return slices.Compact(in)
}

func anys(in []uuid.UUID) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}
