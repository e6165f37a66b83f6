package usage

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/charges"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

func dayOf(s string) calendar.Date {
	d, err := calendar.Parse(s)
	if err != nil {
		// The column holds only days this package wrote.
		panic(fmt.Sprintf("usage day %q: %v", s, err))
	}
	return d
}

func snapshotOf(r *ent.UsageSnapshot) Snapshot {
	return Snapshot{Organization: r.OrganizationID, Workspace: wsOf(r.WorkspaceID), Day: dayOf(r.Day),
		Source: Source(r.Source), StorageBytes: r.StorageBytes, TrafficBytes: r.TrafficBytes}
}

// between narrows a snapshot query to the days from from to to (both
// included; a zero date is no bound).
func between(q *ent.UsageSnapshotQuery, from, to calendar.Date) {
	if !from.IsZero() {
		q.Where(usagesnapshot.DayGTE(from.String()))
	}
	if !to.IsZero() {
		q.Where(usagesnapshot.DayLTE(to.String()))
	}
}

type cursor struct {
	Day   string    `json:"d"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"t"`
}

// List lists an organization's snapshots, the latest day first. An
// organization the caller does not see is NotFound.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, apierr.Invalid("to_day", "to_day.after_from", "the last day %s is before the first %s", f.To, f.From)
	}
	if err := visible(ctx, s.client, f.Organization); err != nil {
		return nil, err
	}
	fp := paging.Fingerprint("usage-snapshots", f.Organization, f.Workspace, f.From.String(), f.To.String())
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	filtered := func() *ent.UsageSnapshotQuery {
		q := s.client.UsageSnapshot.Query().Where(usagesnapshot.OrganizationID(f.Organization))
		if f.Workspace != uuid.Nil {
			q.Where(usagesnapshot.WorkspaceID(f.Workspace))
		}
		between(q, f.From, f.To)
		return q
	}
	q := filtered()
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: usagesnapshot.FieldDay, Value: c.Day},
			paging.Key{Column: usagesnapshot.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(ent.Desc(usagesnapshot.FieldDay), ent.Desc(usagesnapshot.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = filtered().Count(ctx); err != nil {
			return nil, fmt.Errorf("count snapshots: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.UsageSnapshot) any {
		return cursor{Day: last.Day, ID: last.ID, Total: total}
	})
	for _, r := range rows {
		page.Snapshots = append(page.Snapshots, snapshotOf(r))
	}
	return page, nil
}

// daily sums an organization's snapshots per day, from from to to (both
// included), in the order of the days: its storage and its traffic.
func daily(ctx context.Context, c *ent.Client, org uuid.UUID, from, to calendar.Date) (days []calendar.Date, storage, traffic map[calendar.Date]int64, err error) {
	q := c.UsageSnapshot.Query().Where(usagesnapshot.OrganizationID(org))
	between(q, from, to)
	rows, err := q.Select(usagesnapshot.FieldDay, usagesnapshot.FieldStorageBytes, usagesnapshot.FieldTrafficBytes).All(ctx)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read snapshots: %w", err)
	}
	storage, traffic = map[calendar.Date]int64{}, map[calendar.Date]int64{}
	for _, r := range rows {
		d := dayOf(r.Day)
		if _, ok := storage[d]; !ok {
			days = append(days, d)
		}
		storage[d] += r.StorageBytes
		traffic[d] += r.TrafficBytes
	}
	slices.SortFunc(days, func(a, b calendar.Date) int { return a.Time().Compare(b.Time()) })
	return days, storage, traffic, nil
}

// Summary sums an organization's usage from from to to (both included):
// the average storage of the days with a snapshot (days without one are
// left out, as the invoice does), the highest, and the traffic.
func (s *Service) Summary(ctx context.Context, org uuid.UUID, from, to calendar.Date) (*Summary, error) {
	if to.Before(from) {
		return nil, apierr.Invalid("to_day", "to_day.after_from", "the last day %s is before the first %s", to, from)
	}
	if err := visible(ctx, s.client, org); err != nil {
		return nil, err
	}
	days, storage, traffic, err := daily(ctx, s.client, org, from, to)
	if err != nil {
		return nil, err
	}
	out := &Summary{DaysMeasured: len(days)}
	var sum int64
	for _, d := range days {
		sum += storage[d]
		out.PeakStorageBytes = max(out.PeakStorageBytes, storage[d])
		out.TrafficBytes += traffic[d]
	}
	if len(days) > 0 {
		out.AverageStorageGB = float64(sum) / float64(len(days)) / BytesPerGB
	}
	return out, nil
}

// StorageDays is the storage per day of each organization's period (from
// its start, included, to its end, excluded), the days in order: the sum
// of the disk use measured on its containers and the storage reported for
// it, over all its workspaces. A day without any snapshot is left out (not
// counted as empty). One statement for all of them: the billing run asks
// for hundreds of organizations at once, with the client of the change
// that bills, so it reads what that change sees.
func StorageDays(ctx context.Context, c *ent.Client, periods map[uuid.UUID]calendar.Period) (map[uuid.UUID][]charges.Snapshot, error) {
	var orgs []uuid.UUID
	var from, to calendar.Date
	for org, p := range periods {
		if p.Start.IsZero() || !p.Start.Before(p.End) {
			continue
		}
		orgs = append(orgs, org)
		if from.IsZero() || p.Start.Before(from) {
			from = p.Start
		}
		if last := p.End.AddDays(-1); to.IsZero() || last.After(to) {
			to = last
		}
	}
	out := make(map[uuid.UUID][]charges.Snapshot, len(orgs))
	if len(orgs) == 0 {
		return out, nil
	}
	q := c.UsageSnapshot.Query().Where(usagesnapshot.OrganizationIDIn(orgs...))
	between(q, from, to)
	rows, err := q.Select(usagesnapshot.FieldOrganizationID, usagesnapshot.FieldDay, usagesnapshot.FieldStorageBytes).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read snapshots: %w", err)
	}
	sums := map[uuid.UUID]map[calendar.Date]int64{}
	for _, r := range rows {
		d, p := dayOf(r.Day), periods[r.OrganizationID]
		if d.Before(p.Start) || !d.Before(p.End) {
			continue // another organization's period is longer
		}
		if sums[r.OrganizationID] == nil {
			sums[r.OrganizationID] = map[calendar.Date]int64{}
		}
		sums[r.OrganizationID][d] += r.StorageBytes
	}
	for org, byDay := range sums {
		days := make([]charges.Snapshot, 0, len(byDay))
		for d, b := range byDay {
			days = append(days, charges.Snapshot{Day: d, Bytes: b})
		}
		slices.SortFunc(days, func(a, b charges.Snapshot) int { return a.Day.Time().Compare(b.Day.Time()) })
		out[org] = days
	}
	return out, nil
}
