package usagereport

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/ent/organization"
	entreport "github.com/leitstand/leitstand/server/ent/usagereport"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// targetType names stored reports in the audit trail.
const targetType = "usage_report"

// Stored is a month's report the monthly job stored.
type Stored struct {
	ID                uuid.UUID
	BillingEntity     uuid.UUID
	BillingEntityName string
	Month             Month
	GenerateTime      time.Time
	Report            Report
}

func (s *Service) storedOf(r *ent.UsageReport, names map[uuid.UUID]string) (Stored, error) {
	out := Stored{ID: r.ID, BillingEntity: r.BillingEntityID, BillingEntityName: names[r.BillingEntityID], GenerateTime: r.GenerateTime.UTC()}
	if err := out.Month.UnmarshalText([]byte(r.Month)); err != nil {
		return Stored{}, fmt.Errorf("stored usage report %s: month %q: %w", r.ID, r.Month, err)
	}
	if err := json.Unmarshal(r.Content, &out.Report); err != nil {
		return Stored{}, fmt.Errorf("stored usage report %s: %w", r.ID, err)
	}
	return out, nil
}

// entityNames are the names of the billing entities the caller sees.
func (s *Service) entityNames(ctx context.Context) (map[uuid.UUID]string, error) {
	rows, err := s.client.BillingEntity.Query().Select(billingentity.FieldID, billingentity.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read billing entities: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// StoredPage is a page of stored reports.
type StoredPage struct {
	Reports []Stored
	Next    string
	Total   int
}

type storedCursor struct {
	Month string    `json:"m"`
	ID    uuid.UUID `json:"i"`
}

// List lists the stored reports the caller sees, of be alone unless nil,
// the latest month first. A reseller's staff naming another entity get
// NotFound.
func (s *Service) List(ctx context.Context, be *uuid.UUID, size int, token string) (StoredPage, error) {
	names, err := s.entityNames(ctx)
	if err != nil {
		return StoredPage{}, err
	}
	q := s.client.UsageReport.Query()
	if be != nil {
		if _, ok := names[*be]; !ok {
			return StoredPage{}, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, *be))
		}
		q.Where(entreport.BillingEntityID(*be))
	}
	fp := paging.Fingerprint("stored-usage-reports", be)
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return StoredPage{}, fmt.Errorf("count stored usage reports: %w", err)
	}
	var c storedCursor
	if ok, err := paging.Decode(token, fp, &c); err != nil {
		return StoredPage{}, err
	} else if ok {
		q.Where(paging.After(true, paging.Key{Column: entreport.FieldMonth, Value: c.Month}, paging.Key{Column: entreport.FieldID, Value: c.ID}))
	}
	rows, err := q.Order(ent.Desc(entreport.FieldMonth), ent.Desc(entreport.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return StoredPage{}, fmt.Errorf("list stored usage reports: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(r *ent.UsageReport) any { return storedCursor{Month: r.Month, ID: r.ID} })
	out := StoredPage{Next: next, Total: total}
	for _, r := range rows {
		st, err := s.storedOf(r, names)
		if err != nil {
			return StoredPage{}, err
		}
		out.Reports = append(out.Reports, st)
	}
	return out, nil
}

// Get returns one stored report; NotFound where the caller does not see
// it.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Stored, error) {
	r, err := s.client.UsageReport.Get(ctx, id)
	if ent.IsNotFound(err) {
		return Stored{}, apierr.NotFound("usage report", ids.Format(ids.UsageReport, id))
	} else if err != nil {
		return Stored{}, fmt.Errorf("read stored usage report: %w", err)
	}
	names, err := s.entityNames(ctx)
	if err != nil {
		return Stored{}, err
	}
	return s.storedOf(r, names)
}

// StoreResult is what a run of the monthly job did: reports stored, and
// those found stored already, up to the month Last.
type StoreResult struct {
	Last   Month
	Stored int
	Kept   int
}

// StoreMonthly stores the report of every month that has ended, for every
// billing entity, that is not stored yet: the month before the current
// one, and the months a run missed, back to CatchUpMonths before the
// current month and not before the entity or its first organization
// existed. A stored month is never computed again nor rewritten, so a
// second run stores nothing.
func (s *Service) StoreMonthly(ctx context.Context) (StoreResult, error) {
	current := MonthOf(s.clock.Now())
	res := StoreResult{Last: current.Add(-1)}
	entities, err := s.client.BillingEntity.Query().Select(billingentity.FieldID, billingentity.FieldName, billingentity.FieldCreateTime).All(ctx)
	if err != nil {
		return res, fmt.Errorf("read billing entities: %w", err)
	}
	for _, e := range entities {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		first := current.Add(-CatchUpMonths)
		since := e.CreateTime
		o, err := s.client.Organization.Query().Where(organization.BillingEntityID(e.ID)).
			Order(ent.Asc(organization.FieldCreateTime)).Select(organization.FieldCreateTime).First(ctx)
		switch {
		case err == nil && o.CreateTime.Before(since):
			since = o.CreateTime
		case err != nil && !ent.IsNotFound(err):
			return res, fmt.Errorf("read organizations: %w", err)
		}
		if m := MonthOf(since); first.Before(m) {
			first = m
		}
		stored, err := s.client.UsageReport.Query().Where(entreport.BillingEntityID(e.ID)).Select(entreport.FieldMonth).Strings(ctx)
		if err != nil {
			return res, fmt.Errorf("read stored usage reports: %w", err)
		}
		have := map[string]bool{}
		for _, m := range stored {
			have[m] = true
		}
		for m := first; !res.Last.Before(m); m = m.Add(1) {
			if have[m.String()] {
				res.Kept++
				continue
			}
			ok, err := s.StoreMonth(ctx, e.ID, m)
			if err != nil {
				return res, fmt.Errorf("billing entity %s, %s: %w", e.Name, m, err)
			}
			if ok {
				res.Stored++
			} else {
				res.Kept++
			}
		}
	}
	return res, nil
}

// StoreMonth computes and stores be's report of month m, unless it is
// stored already (false): the monthly job's work for one entity and month.
func (s *Service) StoreMonth(ctx context.Context, be uuid.UUID, m Month) (bool, error) {
	now := s.clock.Now()
	r, err := compute(ctx, s.client, be, uuid.Nil, m, m, now)
	if err != nil {
		return false, err
	}
	content, err := json.Marshal(r)
	if err != nil {
		return false, fmt.Errorf("encode the report: %w", err)
	}
	stored := false
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		// Another replica's run may have stored it meanwhile: kept as it is.
		exists, err := tx.UsageReport.Query().Where(entreport.BillingEntityID(be), entreport.Month(m.String())).Exist(ctx)
		if err != nil {
			return fmt.Errorf("find the stored report: %w", err)
		}
		if exists {
			return audit.Unchanged
		}
		row, err := tx.UsageReport.Create().SetBillingEntityID(be).SetMonth(m.String()).SetContent(content).
			SetGenerateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		stored = true
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.UsageReport, row.ID),
			After: map[string]any{"billing_entity_id": ids.Format(ids.BillingEntity, be), "month": m.String(),
				"organizations": len(r.Rows), "net_revenue_cents": r.Totals.NetRevenueCents}})
		return nil
	})
	return stored, err
}
