package instance

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/servicestatuschange"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
)

// UptimeWindows are the numbers of days GetUptime looks back.
var UptimeWindows = []int{7, 14, 30}

// UptimeDay is one UTC day of an instance's availability. Its durations
// add up to the part of the day that has passed.
type UptimeDay struct {
	// Date is the day's midnight, UTC.
	Date                         time.Time
	Online, Disruption, Incident time.Duration
	Unmeasured                   time.Duration
}

// Measured is the time the day was measured: ONLINE, DISRUPTION or
// INCIDENT.
func (d UptimeDay) Measured() time.Duration { return d.Online + d.Disruption + d.Incident }

// Availability is the time ONLINE over the time measured, from 0 to 1;
// ok is false when nothing was measured.
func (d UptimeDay) Availability() (float64, bool) { return ratio(d.Online, d.Measured()) }

// Uptime is an instance's availability over a window of days.
type Uptime struct {
	Days []UptimeDay
	// Online and Measured are the sums over the days.
	Online, Measured time.Duration
}

// Availability is Online over Measured; ok is false when nothing was
// measured.
func (u Uptime) Availability() (float64, bool) { return ratio(u.Online, u.Measured) }

func ratio(online, measured time.Duration) (float64, bool) {
	if measured <= 0 {
		return 0, false
	}
	return float64(online) / float64(measured), true
}

// GetUptime returns an instance's availability per UTC day over the last
// days days, today included up to now. It is computed from the status
// history alone: the status the instance had when the window began, and
// the changes within it, so its cost grows with the number of changes,
// never with the length of the window.
//
// What counts: ONLINE is available; DISRUPTION (partly down) and INCIDENT
// (down) are unavailable and reported apart; MAINTENANCE (planned),
// PROVISIONING (not yet delivered), SUSPENDED (held on purpose),
// DECOMMISSIONED and the time before the booking are not measured, so
// they neither raise nor lower the availability.
func (s *Service) GetUptime(ctx context.Context, id uuid.UUID, days int) (*Uptime, error) {
	if !slices.Contains(UptimeWindows, days) {
		return nil, apierr.Invalid("days", "days.in", "7, 14 or 30 days")
	}
	if err := s.mustExist(ctx, id); err != nil {
		return nil, err
	}
	now := s.clock.Now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	start := today.AddDate(0, 0, -(days - 1))

	// The status when the window began: the last change at or before it.
	var status Status
	before, err := s.client.ServiceStatusChange.Query().
		Where(servicestatuschange.ServiceInstanceID(id), servicestatuschange.ChangeTimeLTE(start)).
		Order(servicestatuschange.ByChangeTime(sql.OrderDesc()), servicestatuschange.ByID(sql.OrderDesc())).
		Select(servicestatuschange.FieldToStatus).First(ctx)
	switch {
	case err == nil:
		status = Status(before.ToStatus)
	case !ent.IsNotFound(err):
		return nil, fmt.Errorf("status at %s: %w", start.Format(time.DateOnly), err)
	}
	changes, err := s.client.ServiceStatusChange.Query().
		Where(servicestatuschange.ServiceInstanceID(id), servicestatuschange.ChangeTimeGT(start),
			servicestatuschange.ChangeTimeLTE(now)).
		Order(servicestatuschange.ByChangeTime(), servicestatuschange.ByID()).
		Select(servicestatuschange.FieldChangeTime, servicestatuschange.FieldToStatus).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("status changes: %w", err)
	}

	u := &Uptime{Days: make([]UptimeDay, days)}
	for i := range u.Days {
		u.Days[i].Date = start.AddDate(0, 0, i)
	}
	// add spreads the span [from, to) in status st over the days it covers.
	add := func(st Status, from, to time.Time) {
		for i := range u.Days {
			dayStart, dayEnd := u.Days[i].Date, u.Days[i].Date.AddDate(0, 0, 1)
			lo, hi := maxTime(from, dayStart), minTime(to, dayEnd)
			if !hi.After(lo) {
				continue
			}
			d := hi.Sub(lo)
			switch st {
			case Online:
				u.Days[i].Online += d
			case Disruption:
				u.Days[i].Disruption += d
			case Incident:
				u.Days[i].Incident += d
			default:
				u.Days[i].Unmeasured += d
			}
		}
	}
	at := start
	for _, c := range changes {
		add(status, at, c.ChangeTime)
		status, at = Status(c.ToStatus), c.ChangeTime
	}
	add(status, at, now)
	for _, d := range u.Days {
		u.Online += d.Online
		u.Measured += d.Measured()
	}
	return u, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
