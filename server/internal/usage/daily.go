package usage

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Day is an organization's usage of one day: the sum of all its
// snapshots of the day (every workspace and the whole organization, both
// sources), as Summary and the invoice count it.
type Day struct {
	Day          calendar.Date
	StorageBytes int64
	TrafficBytes int64
}

// Daily is the usage per day of each of orgs from from to to (both
// included), in one statement: the days with at least one snapshot, by
// organization, in no particular order. Days without a snapshot are left
// out (not counted as empty), as Summary leaves them out.
func Daily(ctx context.Context, c *ent.Client, orgs []uuid.UUID, from, to calendar.Date) (map[uuid.UUID][]Day, error) {
	out := map[uuid.UUID][]Day{}
	if len(orgs) == 0 {
		return out, nil
	}
	q := c.UsageSnapshot.Query().Where(usagesnapshot.OrganizationIDIn(orgs...))
	between(q, from, to)
	rows, err := q.Select(usagesnapshot.FieldOrganizationID, usagesnapshot.FieldDay,
		usagesnapshot.FieldStorageBytes, usagesnapshot.FieldTrafficBytes).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read snapshots: %w", err)
	}
	sums := map[uuid.UUID]map[calendar.Date]*Day{}
	for _, r := range rows {
		byDay := sums[r.OrganizationID]
		if byDay == nil {
			byDay = map[calendar.Date]*Day{}
			sums[r.OrganizationID] = byDay
		}
		d := dayOf(r.Day)
		if byDay[d] == nil {
			byDay[d] = &Day{Day: d}
		}
		byDay[d].StorageBytes += r.StorageBytes
		byDay[d].TrafficBytes += r.TrafficBytes
	}
	for org, byDay := range sums {
		for _, d := range byDay {
			out[org] = append(out[org], *d)
		}
	}
	return out, nil
}
