package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/ent/usagesnapshot"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// usageDays is how many days of usage the demo has, up to yesterday.
const usageDays = 60

// Usage gives every demo organization that is not closed the usage
// snapshots of the last 60 days (up to yesterday, UTC): per workspace the
// storage its containers took, growing steadily with a little noise, and
// per organization the traffic other systems reported. Most stay within
// their contract's included storage; about one in five grows past it, so
// that invoices show storage overage. The months' counters follow from the
// snapshots.
func (s *Seeder) Usage(ctx context.Context) error {
	ctx = authz.System(ctx)
	orgs, err := s.Client.Organization.Query().Where(organization.StatusNEQ(organization.StatusCLOSED)).
		WithWorkspaces(func(q *ent.WorkspaceQuery) { q.Order(workspace.ByName(), workspace.ByID()) }).
		Order(organization.ByCreateTime(), organization.ByID()).All(ctx)
	if err != nil || len(orgs) == 0 {
		return err
	}
	included, caps, err := s.includedStorage(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(23, 60))
	now := s.Clock.Now().Truncate(time.Second)
	today := calendar.On(now, time.UTC)
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var rows []*ent.UsageSnapshotCreate
		type month struct {
			traffic int64
			perDay  map[string]int64
		}
		for i, o := range orgs {
			gb := included[o.ID]
			if gb <= 0 {
				gb = 50
			}
			// Where the organization starts and ends, as a share of its
			// included storage: one in five ends above it.
			from := 0.2 + 0.4*rng.Float64()
			to := from * (1.05 + 0.3*rng.Float64())
			if i%5 == 1 {
				to = 1.1 + 0.4*rng.Float64()
			}
			// Every seventh grows towards its storage cap (80 to 95 % of
			// it): the accounts approaching a cap.
			if c := caps[o.ID]; i%7 == 3 && c > gb {
				from = 0.7 * float64(c) / float64(gb)
				to = (0.8 + 0.15*rng.Float64()) * float64(c) / float64(gb)
			}
			wss := o.Edges.Workspaces
			shares := make([]float64, len(wss))
			var total float64
			for k := range shares {
				shares[k] = 0.5 + rng.Float64()
				total += shares[k]
			}
			trafficPerDay := float64(gb) * (0.02 + 0.05*rng.Float64()) * 1e9
			first := calendar.On(o.CreateTime, time.UTC)
			months := map[string]*month{}
			written := 0
			for k := usageDays; k >= 1; k-- {
				day := today.AddDays(-k)
				if day.Before(first) {
					continue
				}
				at := day.AddDays(1).Time().Add(5 * time.Minute)
				if at.After(now) {
					at = now
				}
				progress := float64(usageDays-k) / float64(usageDays-1)
				bytes := float64(gb) * 1e9 * (from + (to-from)*progress) * (0.98 + 0.04*rng.Float64())
				m := months[day.String()[:7]]
				if m == nil {
					m = &month{perDay: map[string]int64{}}
					months[day.String()[:7]] = m
				}
				for w, ws := range wss {
					b := int64(bytes * shares[w] / total)
					rows = append(rows, tx.UsageSnapshot.Create().SetOrganizationID(o.ID).SetWorkspaceID(ws.ID).
						SetDay(day.String()).SetSource(usagesnapshot.SourceCONTAINERS).SetStorageBytes(b).
						SetCreateTime(at).SetUpdateTime(at))
					m.perDay[day.String()] += b
				}
				// Weekends carry less traffic.
				t := trafficPerDay * (0.7 + 0.6*rng.Float64())
				if wd := day.Time().Weekday(); wd == time.Saturday || wd == time.Sunday {
					t *= 0.4
				}
				rows = append(rows, tx.UsageSnapshot.Create().SetOrganizationID(o.ID).SetDay(day.String()).
					SetSource(usagesnapshot.SourceREPORTED).SetTrafficBytes(int64(t)).SetCreateTime(at).SetUpdateTime(at))
				m.traffic += int64(t)
				written++
			}
			if written == 0 {
				continue
			}
			for name, m := range months {
				var peak int64
				for _, b := range m.perDay {
					peak = max(peak, b)
				}
				if err := tx.UsageCounter.Create().SetOrganizationID(o.ID).SetMonth(name).SetTrafficBytes(m.traffic).
					SetPeakStorageBytes(peak).SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
					return err
				}
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "usage", TargetID: ids.Format(ids.Organization, o.ID),
				Reason: "demo data", After: map[string]any{"days": written, "included_storage_gb": gb}})
		}
		for start := 0; start < len(rows); start += 500 {
			if err := tx.UsageSnapshot.CreateBulk(rows[start:min(start+500, len(rows))]...).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo usage: %w", err)
	}
	return nil
}

// includedStorage is the storage (GB) each organization's active contract
// includes, and its storage cap (0: none), custom terms applied.
func (s *Seeder) includedStorage(ctx context.Context) (included, caps map[uuid.UUID]int, err error) {
	cs, err := s.Client.Contract.Query().Where(entcontract.StatusEQ(entcontract.StatusACTIVE)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	var versionIDs []uuid.UUID
	for _, c := range cs {
		versionIDs = append(versionIDs, c.PlanVersionID)
	}
	vs, err := s.Client.PlanVersion.Query().Where(planversion.IDIn(versionIDs...)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	byVersion := map[uuid.UUID]*ent.PlanVersion{}
	for _, v := range vs {
		byVersion[v.ID] = v
	}
	included, caps = map[uuid.UUID]int{}, map[uuid.UUID]int{}
	for _, c := range cs {
		v := byVersion[c.PlanVersionID]
		included[c.OrganizationID], caps[c.OrganizationID] = v.IncludedStorageGB, v.MaxStorageGB
		if c.CustomIncludedStorageGB != nil {
			included[c.OrganizationID] = int(*c.CustomIncludedStorageGB)
		}
		if c.CustomMaxStorageGB != nil {
			caps[c.OrganizationID] = int(*c.CustomMaxStorageGB)
		}
	}
	return included, caps, nil
}
