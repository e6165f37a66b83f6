package usage

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/usagecounter"
	"github.com/leitstand/leitstand/server/ent/usageevent"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Service measures, takes and reads usage.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the usage domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

// targetType is what the audit trail calls an organization's usage; the
// target id is the organization's.
const targetType = "usage"

// today is the current UTC day.
func (s *Service) today() calendar.Date { return calendar.On(s.clock.Now(), time.UTC) }

// visible refuses an organization the caller does not see: NotFound, as
// if it did not exist.
func visible(ctx context.Context, c *ent.Client, org uuid.UUID) error {
	ok, err := c.Organization.Query().Where(organization.ID(org)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("read organization: %w", err)
	}
	if !ok {
		return apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	return nil
}

// key names one snapshot row.
type key struct {
	org, ws uuid.UUID
	day     calendar.Date
	source  Source
}

func wsPtr(ws uuid.UUID) *uuid.UUID {
	if ws == uuid.Nil {
		return nil
	}
	return &ws
}

func wsOf(p *uuid.UUID) uuid.UUID {
	if p == nil {
		return uuid.Nil
	}
	return *p
}

// put writes a snapshot's figures: inserts it, updates it when they
// differ, or leaves it. It reports whether it wrote anything.
func put(ctx context.Context, tx *ent.Tx, k key, storage, traffic int64, now time.Time) (bool, error) {
	q := tx.UsageSnapshot.Query().Where(usagesnapshot.OrganizationID(k.org), usagesnapshot.Day(k.day.String()),
		usagesnapshot.SourceEQ(usagesnapshot.Source(k.source)))
	if k.ws == uuid.Nil {
		q.Where(usagesnapshot.WorkspaceIDIsNil())
	} else {
		q.Where(usagesnapshot.WorkspaceID(k.ws))
	}
	r, err := q.Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return true, tx.UsageSnapshot.Create().SetOrganizationID(k.org).SetNillableWorkspaceID(wsPtr(k.ws)).
			SetDay(k.day.String()).SetSource(usagesnapshot.Source(k.source)).SetStorageBytes(storage).
			SetTrafficBytes(traffic).SetCreateTime(now).SetUpdateTime(now).Exec(ctx)
	case err != nil:
		return false, fmt.Errorf("read snapshot: %w", err)
	case r.StorageBytes == storage && r.TrafficBytes == traffic:
		return false, nil
	default:
		return true, tx.UsageSnapshot.UpdateOne(r).SetStorageBytes(storage).SetTrafficBytes(traffic).SetUpdateTime(now).Exec(ctx)
	}
}

// recount sets the organizations' counters of the month of day from their
// snapshots: the month's traffic and its highest daily storage (of the
// days after a reset, when staff reset them). Counting
// from the snapshots keeps a rerun or a late report exact. It reads the
// snapshots and the counters of up to 500 organizations a query.
func recount(ctx context.Context, tx *ent.Tx, orgs []uuid.UUID, day calendar.Date, now time.Time) error {
	first, next := monthDays(day)
	month := monthOf(day)
	for start := 0; start < len(orgs); start += 500 {
		chunk := orgs[start:min(start+500, len(orgs))]
		counters, err := tx.UsageCounter.Query().Where(usagecounter.OrganizationIDIn(chunk...), usagecounter.Month(month)).All(ctx)
		if err != nil {
			return fmt.Errorf("read counters: %w", err)
		}
		have := make(map[uuid.UUID]*ent.UsageCounter, len(counters))
		for _, c := range counters {
			have[c.OrganizationID] = c
		}
		rows, err := tx.UsageSnapshot.Query().Where(usagesnapshot.OrganizationIDIn(chunk...),
			usagesnapshot.DayGTE(first.String()), usagesnapshot.DayLT(next.String())).
			Select(usagesnapshot.FieldOrganizationID, usagesnapshot.FieldDay, usagesnapshot.FieldStorageBytes,
				usagesnapshot.FieldTrafficBytes).All(ctx)
		if err != nil {
			return fmt.Errorf("read the month's snapshots: %w", err)
		}
		type dayKey struct {
			org uuid.UUID
			day string
		}
		traffic, peak := map[uuid.UUID]int64{}, map[uuid.UUID]int64{}
		perDay := map[dayKey]int64{}
		for _, r := range rows {
			// After a reset, the days up to it no longer count.
			if c := have[r.OrganizationID]; c != nil && r.Day <= c.ResetDay {
				continue
			}
			traffic[r.OrganizationID] += r.TrafficBytes
			perDay[dayKey{r.OrganizationID, r.Day}] += r.StorageBytes
		}
		for k, b := range perDay {
			peak[k.org] = max(peak[k.org], b)
		}
		var creates []*ent.UsageCounterCreate
		for _, org := range chunk {
			c, ok := have[org]
			switch {
			case !ok:
				creates = append(creates, tx.UsageCounter.Create().SetOrganizationID(org).SetMonth(month).
					SetTrafficBytes(traffic[org]).SetPeakStorageBytes(peak[org]).SetCreateTime(now).SetUpdateTime(now))
			case c.TrafficBytes != traffic[org] || c.PeakStorageBytes != peak[org]:
				if err := tx.UsageCounter.UpdateOne(c).SetTrafficBytes(traffic[org]).SetPeakStorageBytes(peak[org]).
					SetUpdateTime(now).Exec(ctx); err != nil {
					return err
				}
			}
		}
		if len(creates) > 0 {
			if err := tx.UsageCounter.CreateBulk(creates...).Exec(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// check refuses an event the rules do not take, at its field.
func (s *Service) check(e Event, i int, today calendar.Date) error {
	field := func(f string) string { return apierr.Path(apierr.Index("events", i), f) }
	switch {
	case e.ID == "" || len(e.ID) > 128:
		return apierr.Invalid(field("event_id"), "event_id.required", "an event needs an id of 1 to 128 characters")
	case !slices.Contains(Metrics(), e.Metric):
		return apierr.Invalid(field("metric"), "metric.defined", "choose STORAGE_BYTES or TRAFFIC_BYTES")
	case e.Quantity < 0 || e.Quantity > MaxQuantity:
		return apierr.Invalid(field("quantity"), "quantity.range", "a quantity from 0 to %d bytes", int64(MaxQuantity))
	case e.Day.IsZero():
		return apierr.Invalid(field("day"), "day.required", "the day the usage happened, as YYYY-MM-DD")
	case e.Day.After(today):
		return apierr.Invalid(field("day"), "day.not_future", "%s is in the future; today is %s (UTC)", e.Day, today)
	case e.Day.Before(Cutoff(today)):
		return apierr.Invalid(field("day"), "day.retention", "%s is older than the %d months usage is kept: the first day taken is %s",
			e.Day, RetentionMonths, Cutoff(today))
	}
	return nil
}

// Report takes a batch of usage events. Each is idempotent by its id
// within its organization: an id taken before with the same payload is a
// Duplicate and changes nothing; with another payload the whole batch is
// refused (AlreadyExists, naming the id). An organization the caller does
// not see is NotFound; a workspace not of its organization is refused at
// its field. The accepted events and the REPORTED snapshots and counters
// they change are written in one change.
func (s *Service) Report(ctx context.Context, events []Event) ([]Result, error) {
	today := s.today()
	for i, e := range events {
		if err := s.check(e, i, today); err != nil {
			return nil, err
		}
	}
	results := make([]Result, len(events))
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		// What each organization's events look like, first those stored,
		// then those of this batch in its order.
		type orgKey struct {
			org uuid.UUID
			id  string
		}
		seen := map[orgKey]Event{}
		byOrg := map[uuid.UUID][]int{}
		for i, e := range events {
			byOrg[e.Organization] = append(byOrg[e.Organization], i)
		}
		orgs := slices.SortedFunc(maps.Keys(byOrg), compareIDs)
		for _, org := range orgs {
			if err := visible(ctx, c, org); err != nil {
				return err
			}
			var eventIDs []string
			wss := map[uuid.UUID]bool{}
			for _, i := range byOrg[org] {
				eventIDs = append(eventIDs, events[i].ID)
				if events[i].Workspace != uuid.Nil {
					wss[events[i].Workspace] = true
				}
			}
			stored, err := c.UsageEvent.Query().Where(usageevent.OrganizationID(org), usageevent.EventIDIn(eventIDs...)).All(ctx)
			if err != nil {
				return fmt.Errorf("read reported events: %w", err)
			}
			for _, r := range stored {
				seen[orgKey{org, r.EventID}] = eventOf(r)
			}
			if len(wss) > 0 {
				found, err := c.Workspace.Query().Where(workspace.OrganizationID(org), workspace.IDIn(slices.Collect(maps.Keys(wss))...)).IDs(ctx)
				if err != nil {
					return fmt.Errorf("read workspaces: %w", err)
				}
				for _, id := range found {
					delete(wss, id)
				}
				for _, i := range byOrg[org] {
					if wss[events[i].Workspace] {
						return apierr.Invalid(apierr.Path(apierr.Index("events", i), "workspace_id"), "workspace_id.exists",
							"the organization %s has no workspace %s", ids.Format(ids.Organization, org), ids.Format(ids.Workspace, events[i].Workspace))
					}
				}
			}
		}
		now := s.clock.Now()
		actor := authz.ActorOf(ctx).Email
		touched := map[key]bool{}
		accepted := map[uuid.UUID][]string{}
		for i, e := range events {
			results[i] = Result{EventID: e.ID, Organization: e.Organization, Outcome: Accepted}
			if first, ok := seen[orgKey{e.Organization, e.ID}]; ok {
				if !first.same(e) {
					return apierr.AlreadyExists("the usage event %q of organization %s was reported before with another payload (%s %d on %s); "+
						"an event id names one measurement: send a new id for a new one",
						e.ID, ids.Format(ids.Organization, e.Organization), first.Metric, first.Quantity, first.Day)
				}
				results[i].Outcome = Duplicate
				continue
			}
			seen[orgKey{e.Organization, e.ID}] = e
			if err := tx.UsageEvent.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(e.Organization).SetEventID(e.ID).
				SetNillableWorkspaceID(wsPtr(e.Workspace)).SetMetric(usageevent.Metric(e.Metric)).SetQuantity(e.Quantity).
				SetDay(e.Day.String()).SetReportedBy(actor).SetCreateTime(now).Exec(ctx); err != nil {
				return err
			}
			touched[key{e.Organization, e.Workspace, e.Day, Reported}] = true
			accepted[e.Organization] = append(accepted[e.Organization], e.ID)
		}
		if len(touched) == 0 {
			return audit.Unchanged
		}
		months := map[calendar.Date]map[uuid.UUID]bool{}
		for _, k := range slices.SortedFunc(maps.Keys(touched), compareKeys) {
			storage, traffic, err := reported(ctx, c, k)
			if err != nil {
				return err
			}
			if _, err := put(ctx, tx, k, storage, traffic, now); err != nil {
				return err
			}
			first, _ := monthDays(k.day)
			if months[first] == nil {
				months[first] = map[uuid.UUID]bool{}
			}
			months[first][k.org] = true
		}
		for _, m := range slices.SortedFunc(maps.Keys(months), func(a, b calendar.Date) int { return a.Time().Compare(b.Time()) }) {
			if err := recount(ctx, tx, slices.SortedFunc(maps.Keys(months[m]), compareIDs), m, now); err != nil {
				return err
			}
		}
		for _, org := range orgs {
			if len(accepted[org]) == 0 {
				continue
			}
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Organization, org),
				After: map[string]any{"reported_events": accepted[org]}})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

func compareIDs(a, b uuid.UUID) int { return cmp.Compare(a.String(), b.String()) }

func compareKeys(a, b key) int {
	return cmp.Or(cmp.Compare(a.org.String(), b.org.String()), cmp.Compare(a.ws.String(), b.ws.String()),
		cmp.Compare(a.day.String(), b.day.String()), cmp.Compare(a.source, b.source))
}

func eventOf(r *ent.UsageEvent) Event {
	d, err := calendar.Parse(r.Day)
	if err != nil {
		// The column holds only days this package wrote.
		panic(fmt.Sprintf("usage event day %q: %v", r.Day, err))
	}
	return Event{ID: r.EventID, Organization: r.OrganizationID, Workspace: wsOf(r.WorkspaceID),
		Metric: Metric(r.Metric), Quantity: r.Quantity, Day: d}
}

// reported is the REPORTED snapshot of k from its events: the storage of
// the latest storage report (a gauge), the sum of the traffic reports (a
// counter).
func reported(ctx context.Context, c *ent.Client, k key) (storage, traffic int64, err error) {
	q := c.UsageEvent.Query().Where(usageevent.OrganizationID(k.org), usageevent.Day(k.day.String()))
	if k.ws == uuid.Nil {
		q.Where(usageevent.WorkspaceIDIsNil())
	} else {
		q.Where(usageevent.WorkspaceID(k.ws))
	}
	rows, err := q.Order(ent.Asc(usageevent.FieldCreateTime), ent.Asc(usageevent.FieldID)).All(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("read the day's reports: %w", err)
	}
	for _, r := range rows {
		switch Metric(r.Metric) {
		case StorageBytes:
			storage = r.Quantity
		case TrafficBytes:
			traffic += r.Quantity
		}
	}
	return storage, traffic, nil
}

// SnapshotResult is what a snapshot run did.
type SnapshotResult struct {
	Day calendar.Date
	// Written: snapshots made or changed; Unchanged: those that were as
	// measured already (a rerun of the day).
	Written, Unchanged int
}

// Snapshot measures the day that ended last (the UTC day before the
// clock's): for each workspace with a service instance that is not
// decommissioned, the disk use of the containers linked to its instances
// that the sync still sees. It writes CONTAINERS snapshots and the
// organizations' counters of the month in one change; a rerun of the day
// updates the same rows and makes no new ones. Missed days are not made
// up: the disk use of a past day is not known.
func (s *Service) Snapshot(ctx context.Context) (SnapshotResult, error) {
	day := s.today().AddDays(-1)
	res := SnapshotResult{Day: day}
	instances, err := s.client.ServiceInstance.Query().
		Where(serviceinstance.StatusNEQ(serviceinstance.StatusDECOMMISSIONED)).
		Select(serviceinstance.FieldID, serviceinstance.FieldOrganizationID, serviceinstance.FieldWorkspaceID).All(ctx)
	if err != nil {
		return res, fmt.Errorf("read service instances: %w", err)
	}
	measured := map[key]int64{}
	owner := map[uuid.UUID]key{}
	for _, in := range instances {
		k := key{org: in.OrganizationID, ws: in.WorkspaceID, day: day, source: Containers}
		measured[k] += 0
		owner[in.ID] = k
	}
	if len(owner) > 0 {
		links, err := s.client.ServiceContainerLink.Query().
			Where(servicecontainerlink.HasServiceInstanceWith(serviceinstance.StatusNEQ(serviceinstance.StatusDECOMMISSIONED)),
				servicecontainerlink.HasContainerWith(container.GoneTimeIsNil())).
			WithContainer(func(q *ent.ContainerQuery) { q.Select(container.FieldID, container.FieldDiskUsed) }).All(ctx)
		if err != nil {
			return res, fmt.Errorf("read linked containers: %w", err)
		}
		for _, l := range links {
			if k, ok := owner[l.ServiceInstanceID]; ok && l.Edges.Container != nil {
				measured[k] += max(l.Edges.Container.DiskUsed, 0)
			}
		}
	}
	if len(measured) == 0 {
		return res, nil
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		res.Written, res.Unchanged = 0, 0
		now := s.clock.Now()
		// The day's measured snapshots so far, read at once: a rerun
		// compares with them.
		rows, err := tx.UsageSnapshot.Query().Where(usagesnapshot.Day(day.String()),
			usagesnapshot.SourceEQ(usagesnapshot.SourceCONTAINERS), usagesnapshot.WorkspaceIDNotNil()).All(ctx)
		if err != nil {
			return fmt.Errorf("read the day's snapshots: %w", err)
		}
		existing := make(map[key]*ent.UsageSnapshot, len(rows))
		for _, r := range rows {
			existing[key{org: r.OrganizationID, ws: *r.WorkspaceID, day: day, source: Containers}] = r
		}
		var creates []*ent.UsageSnapshotCreate
		changed := map[uuid.UUID]bool{}
		for _, k := range slices.SortedFunc(maps.Keys(measured), compareKeys) {
			switch r, ok := existing[k]; {
			case !ok:
				creates = append(creates, tx.UsageSnapshot.Create().SetOrganizationID(k.org).SetWorkspaceID(k.ws).
					SetDay(day.String()).SetSource(usagesnapshot.SourceCONTAINERS).SetStorageBytes(measured[k]).
					SetCreateTime(now).SetUpdateTime(now))
			case r.StorageBytes == measured[k]:
				res.Unchanged++
				continue
			default:
				if err := tx.UsageSnapshot.UpdateOne(r).SetStorageBytes(measured[k]).SetUpdateTime(now).Exec(ctx); err != nil {
					return err
				}
			}
			res.Written++
			changed[k.org] = true
		}
		if len(changed) == 0 {
			return audit.Unchanged
		}
		for start := 0; start < len(creates); start += 500 {
			if err := tx.UsageSnapshot.CreateBulk(creates[start:min(start+500, len(creates))]...).Exec(ctx); err != nil {
				return err
			}
		}
		orgs := slices.SortedFunc(maps.Keys(changed), compareIDs)
		if err := recount(ctx, tx, orgs, day, now); err != nil {
			return err
		}
		// One event for the run: the figures are the snapshots themselves.
		log.Record(audit.Event{TargetType: targetType, TargetID: "snapshots/" + day.String(),
			After: map[string]any{"day": day.String(), "written": res.Written, "unchanged": res.Unchanged, "organizations": len(orgs)}})
		return nil
	})
	return res, err
}

// ResetResult is what a monthly reset did.
type ResetResult struct {
	Month string
	// Started: counters of the month made; Kept: counters of earlier
	// months, all left as they were.
	Started, Kept int
}

// MonthlyReset starts the counters of the current month (UTC) for every
// organization that is not closed, at zero. The counters of the months
// before stay as they are: a reset loses nothing. A rerun starts none
// twice.
func (s *Service) MonthlyReset(ctx context.Context) (ResetResult, error) {
	today := s.today()
	res := ResetResult{Month: monthOf(today)}
	orgs, err := s.client.Organization.Query().Where(organization.StatusNEQ(organization.StatusCLOSED)).IDs(ctx)
	if err != nil {
		return res, fmt.Errorf("read organizations: %w", err)
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		res.Started = 0
		have, err := tx.UsageCounter.Query().Where(usagecounter.Month(res.Month)).
			Select(usagecounter.FieldOrganizationID).Strings(ctx)
		if err != nil {
			return fmt.Errorf("read the month's counters: %w", err)
		}
		if res.Kept, err = tx.UsageCounter.Query().Where(usagecounter.MonthLT(res.Month)).Count(ctx); err != nil {
			return fmt.Errorf("count earlier counters: %w", err)
		}
		now := s.clock.Now()
		var started []string
		for _, org := range orgs {
			if slices.Contains(have, org.String()) {
				continue
			}
			if err := tx.UsageCounter.Create().SetOrganizationID(org).SetMonth(res.Month).
				SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
				return err
			}
			started = append(started, ids.Format(ids.Organization, org))
		}
		if len(started) == 0 {
			return audit.Unchanged
		}
		res.Started = len(started)
		log.Record(audit.Event{TargetType: targetType, TargetID: "counters/" + res.Month,
			After: map[string]any{"month": res.Month, "started": len(started), "kept": res.Kept}})
		return nil
	})
	return res, err
}

// Reset is what ResetCounters did: the counters before it and the day.
type Reset struct {
	Month                        string
	Day                          calendar.Date
	StorageBefore, TrafficBefore int64
}

// ResetCounters resets org's counters of this month (UTC): they count the
// days after today only, so the caps are held against what it uses from
// tomorrow. The snapshots stay as they are, and so does every invoice,
// which charges storage from them.
func (s *Service) ResetCounters(ctx context.Context, org uuid.UUID, reason string) (Reset, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Reset{}, apierr.Invalid("reason", "reason.required", "say why the usage is reset")
	}
	today := s.today()
	out := Reset{Month: monthOf(today), Day: today}
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := visible(ctx, tx.Client(), org); err != nil {
			return err
		}
		now := s.clock.Now()
		c, err := tx.UsageCounter.Query().Where(usagecounter.OrganizationID(org), usagecounter.Month(out.Month)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			c, err = tx.UsageCounter.Create().SetOrganizationID(org).SetMonth(out.Month).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
			if err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("read the counters: %w", err)
		}
		out.StorageBefore, out.TrafficBefore = c.PeakStorageBytes, c.TrafficBytes
		if err := tx.UsageCounter.UpdateOne(c).SetResetDay(today.String()).SetTrafficBytes(0).SetPeakStorageBytes(0).
			SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Organization, org), Reason: reason,
			Before: map[string]any{"month": out.Month, "traffic_bytes": c.TrafficBytes, "peak_storage_bytes": c.PeakStorageBytes, "reset_day": c.ResetDay},
			After:  map[string]any{"month": out.Month, "traffic_bytes": 0, "peak_storage_bytes": 0, "reset_day": today.String()}})
		return nil
	})
	return out, err
}

// CleanupResult is what a clean-up removed.
type CleanupResult struct {
	// Before is the first day kept.
	Before            calendar.Date
	Snapshots, Events int
}

// Cleanup removes the snapshots and reported events of days before the
// retention (Cutoff). The monthly counters stay.
func (s *Service) Cleanup(ctx context.Context) (CleanupResult, error) {
	cut := Cutoff(s.today())
	res := CleanupResult{Before: cut}
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var err error
		if res.Snapshots, err = tx.UsageSnapshot.Delete().Where(usagesnapshot.DayLT(cut.String())).Exec(ctx); err != nil {
			return fmt.Errorf("remove snapshots: %w", err)
		}
		if res.Events, err = tx.UsageEvent.Delete().Where(usageevent.DayLT(cut.String())).Exec(ctx); err != nil {
			return fmt.Errorf("remove reported events: %w", err)
		}
		if res.Snapshots+res.Events == 0 {
			return audit.Unchanged
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: "retention",
			Before: map[string]any{"snapshots": res.Snapshots, "events": res.Events, "days_before": cut.String()}})
		return nil
	})
	return res, err
}
