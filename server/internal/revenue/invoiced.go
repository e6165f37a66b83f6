package revenue

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Invoiced returns the net invoiced in each month of the invoices issued
// from from to to (both included), by month (YYYY-MM): one statement,
// summed by day in the database.
func (s *Service) Invoiced(ctx context.Context, from, to calendar.Date) (map[string]int64, error) {
	var days []struct {
		IssueDate string `json:"issue_date"`
		Sum       int64  `json:"sum"`
	}
	err := s.client.Invoice.Query().Where(entinvoice.IssueDateGTE(from.String()), entinvoice.IssueDateLTE(to.String())).
		GroupBy(entinvoice.FieldIssueDate).Aggregate(ent.Sum(entinvoice.FieldNetCents)).Scan(ctx, &days)
	if err != nil {
		return nil, fmt.Errorf("sum the invoices by day: %w", err)
	}
	out := map[string]int64{}
	for _, d := range days {
		out[d.IssueDate[:7]] += d.Sum
	}
	return out, nil
}

// Customer is an organization with what it was invoiced.
type Customer struct {
	Organization uuid.UUID
	Name         string
	NetCents     int64
}

// Top returns the n organizations invoiced the most (net) from from to to
// (both included), the most first; ties by name. Organizations invoiced
// nothing on balance are not among them.
func (s *Service) Top(ctx context.Context, from, to calendar.Date, n int) ([]Customer, error) {
	var sums []struct {
		OrganizationID uuid.UUID `json:"organization_id"`
		Sum            int64     `json:"sum"`
	}
	err := s.client.Invoice.Query().Where(entinvoice.IssueDateGTE(from.String()), entinvoice.IssueDateLTE(to.String())).
		GroupBy(entinvoice.FieldOrganizationID).Aggregate(ent.Sum(entinvoice.FieldNetCents)).Scan(ctx, &sums)
	if err != nil {
		return nil, fmt.Errorf("sum the invoices by organization: %w", err)
	}
	out := make([]Customer, 0, len(sums))
	for _, x := range sums {
		if x.Sum > 0 {
			out = append(out, Customer{Organization: x.OrganizationID, NetCents: x.Sum})
		}
	}
	slices.SortFunc(out, func(a, b Customer) int { return cmp.Compare(b.NetCents, a.NetCents) })
	// The first n, and those tied with the n-th, whose names decide.
	keep := min(n, len(out))
	for keep > 0 && keep < len(out) && out[keep].NetCents == out[keep-1].NetCents {
		keep++
	}
	out = out[:keep]
	ids := make([]uuid.UUID, len(out))
	for i, c := range out {
		ids[i] = c.Organization
	}
	orgs, err := s.client.Organization.Query().Where(organization.IDIn(ids...)).
		Select(organization.FieldID, organization.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the organizations: %w", err)
	}
	names := make(map[uuid.UUID]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	for i := range out {
		out[i].Name = names[out[i].Organization]
	}
	slices.SortFunc(out, func(a, b Customer) int {
		return cmp.Or(cmp.Compare(b.NetCents, a.NetCents), strings.Compare(a.Name, b.Name))
	})
	return out[:min(n, len(out))], nil
}
