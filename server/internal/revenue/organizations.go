package revenue

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// InvoicedByOrganization is the net invoiced to each of orgs by month
// (YYYY-MM) of the invoices issued from from to to (both included), as
// Invoiced counts it: cancellations negative. One statement, summed by
// organization and day in the database; organizations invoiced nothing
// are not in it.
func InvoicedByOrganization(ctx context.Context, c *ent.Client, orgs []uuid.UUID, from, to calendar.Date) (map[uuid.UUID]map[string]int64, error) {
	out := map[uuid.UUID]map[string]int64{}
	if len(orgs) == 0 {
		return out, nil
	}
	var days []struct {
		OrganizationID uuid.UUID `json:"organization_id"`
		IssueDate      string    `json:"issue_date"`
		Sum            int64     `json:"sum"`
	}
	err := c.Invoice.Query().Where(entinvoice.OrganizationIDIn(orgs...),
		entinvoice.IssueDateGTE(from.String()), entinvoice.IssueDateLTE(to.String())).
		GroupBy(entinvoice.FieldOrganizationID, entinvoice.FieldIssueDate).Aggregate(ent.Sum(entinvoice.FieldNetCents)).Scan(ctx, &days)
	if err != nil {
		return nil, fmt.Errorf("sum the invoices by organization and day: %w", err)
	}
	for _, d := range days {
		if out[d.OrganizationID] == nil {
			out[d.OrganizationID] = map[string]int64{}
		}
		out[d.OrganizationID][d.IssueDate[:7]] += d.Sum
	}
	return out, nil
}
