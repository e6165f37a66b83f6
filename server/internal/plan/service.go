package plan

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Service reads and changes the plans.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the plans domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

// targetType is what the audit trail calls a plan.
const targetType = "plan"

func termsOf(v *ent.PlanVersion) Terms {
	return Terms{
		MonthlyFeeCents: v.MonthlyFeeCents, IncludedUsers: v.IncludedUsers, IncludedStorageGB: v.IncludedStorageGB,
		IncludedSupportMinutes: v.IncludedSupportMinutes, HourlyRateCents: v.HourlyRateCents,
		StorageOverageCentsPerGB: v.StorageOverageCentsPerGB, MaxUsers: v.MaxUsers, MaxStorageGB: v.MaxStorageGB,
		MaxTrafficGB: v.MaxTrafficGB,
	}
}

func planOf(r *ent.Plan, v *ent.PlanVersion) Plan {
	return Plan{
		ID:       r.ID,
		Values:   Values{Name: r.Name, Description: r.Description, Rank: r.Rank, Terms: termsOf(v)},
		Currency: v.Currency, Version: v.Version, VersionID: v.ID,
		RetireTime: r.RetireTime, CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
	}
}

// VersionOf makes a version of its row.
func VersionOf(v *ent.PlanVersion) Version {
	return Version{ID: v.ID, PlanID: v.PlanID, Number: v.Version, Terms: termsOf(v), Currency: v.Currency,
		CreateTime: v.CreateTime, CreatedByEmail: v.CreatedByEmail, Reason: v.Reason}
}

// withTerms makes plans of rows with their current versions, read in one
// query.
func withTerms(ctx context.Context, c *ent.Client, rows []*ent.Plan) ([]Plan, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	current := make([]predicate.PlanVersion, len(rows))
	for i, r := range rows {
		current[i] = planversion.And(planversion.PlanID(r.ID), planversion.Version(r.Version))
	}
	vs, err := c.PlanVersion.Query().Where(planversion.Or(current...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("current plan versions: %w", err)
	}
	byPlan := make(map[uuid.UUID]*ent.PlanVersion, len(vs))
	for _, v := range vs {
		byPlan[v.PlanID] = v
	}
	out := make([]Plan, len(rows))
	for i, r := range rows {
		v, ok := byPlan[r.ID]
		if !ok {
			return nil, fmt.Errorf("plan %s has no version %d", r.ID, r.Version)
		}
		out[i] = planOf(r, v)
	}
	return out, nil
}

// Read reads one plan with its current terms through c: NotFound when
// there is none. Contracts read the plan they are made on with it, in
// their own transaction.
func Read(ctx context.Context, c *ent.Client, id uuid.UUID) (*Plan, error) {
	r, err := c.Plan.Query().Where(entplan.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("plan", ids.Format(ids.Plan, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get plan: %w", err)
	}
	ps, err := withTerms(ctx, c, []*ent.Plan{r})
	if err != nil {
		return nil, err
	}
	return &ps[0], nil
}

// Get returns one plan with its current terms.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*Plan, error) {
	return Read(ctx, s.client, id)
}

// Versions lists a plan's versions, newest first.
func (s *Service) Versions(ctx context.Context, id uuid.UUID) ([]Version, error) {
	if ok, err := s.client.Plan.Query().Where(entplan.ID(id)).Exist(ctx); err != nil {
		return nil, fmt.Errorf("find plan: %w", err)
	} else if !ok {
		return nil, apierr.NotFound("plan", ids.Format(ids.Plan, id))
	}
	rows, err := s.client.PlanVersion.Query().Where(planversion.PlanID(id)).Order(ent.Desc(planversion.FieldVersion)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list plan versions: %w", err)
	}
	out := make([]Version, len(rows))
	for i, r := range rows {
		out[i] = VersionOf(r)
	}
	return out, nil
}

// taken refuses a name or a rank another plan has, retired or not.
func taken(ctx context.Context, c *ent.Client, v Values, except uuid.UUID, prefix string) error {
	if ok, err := c.Plan.Query().Where(entplan.Name(v.Name), entplan.IDNEQ(except)).Exist(ctx); err != nil {
		return err
	} else if ok {
		return apierr.AlreadyExists("a plan named %q exists", v.Name)
	}
	if ok, err := c.Plan.Query().Where(entplan.Rank(v.Rank), entplan.IDNEQ(except)).Exist(ctx); err != nil {
		return err
	} else if ok {
		return apierr.AlreadyExists("another plan has rank %d (at %s); ranks are unique, retired plans included", v.Rank, apierr.Path(prefix, "rank"))
	}
	return nil
}

// writeVersion writes version n of a plan's terms.
func (s *Service) writeVersion(ctx context.Context, tx *ent.Tx, planID uuid.UUID, n int, t Terms, reason string) (*ent.PlanVersion, error) {
	return tx.PlanVersion.Create().SetID(uuid.Must(uuid.NewV7())).SetPlanID(planID).SetVersion(n).
		SetMonthlyFeeCents(t.MonthlyFeeCents).SetCurrency(Currency).
		SetIncludedUsers(t.IncludedUsers).SetIncludedStorageGB(t.IncludedStorageGB).
		SetIncludedSupportMinutes(t.IncludedSupportMinutes).SetHourlyRateCents(t.HourlyRateCents).
		SetStorageOverageCentsPerGB(t.StorageOverageCentsPerGB).SetMaxUsers(t.MaxUsers).SetMaxStorageGB(t.MaxStorageGB).
		SetMaxTrafficGB(t.MaxTrafficGB).SetCreateTime(s.clock.Now()).SetCreatedByEmail(authz.ActorOf(ctx).Email).SetReason(reason).Save(ctx)
}

// Create adds a plan with its terms as version 1.
func (s *Service) Create(ctx context.Context, v Values, reason string) (*Plan, error) {
	reason = strings.TrimSpace(reason)
	var in Values
	mask.Apply(&in, v, mask.Leaves())
	if err := mask.Check(in, mask.Leaves(), ""); err != nil {
		return nil, err
	}
	if err := checkCaps(in.Terms, ""); err != nil {
		return nil, err
	}
	var out Plan
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := taken(ctx, tx.Client(), in, uuid.Nil, ""); err != nil {
			return err
		}
		now := s.clock.Now()
		r, err := tx.Plan.Create().SetID(uuid.Must(uuid.NewV7())).SetName(in.Name).SetDescription(in.Description).
			SetRank(in.Rank).SetVersion(1).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		ver, err := s.writeVersion(ctx, tx, r.ID, 1, in.Terms, reason)
		if err != nil {
			return err
		}
		out = planOf(r, ver)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Plan, r.ID), Reason: reason, After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes the fields named in paths. Name, description and rank
// change the plan; a change of any term writes the next version with the
// reason. A change to nothing writes nothing; a retired plan is not
// changed.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string, reason string) (*Plan, error) {
	reason = strings.TrimSpace(reason)
	leaves, err := mask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in Values
	mask.Apply(&in, v, leaves)
	if err := mask.Check(in, leaves, "plan"); err != nil {
		return nil, err
	}
	var out Plan
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := Read(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		if before.Retired() {
			return apierr.FailedPrecondition("the plan %s is retired and kept as it was; add a new plan instead", before.Name)
		}
		next := *before
		mask.Apply(&next.Values, in, leaves)
		if err := checkCaps(next.Terms, "plan"); err != nil {
			return err
		}
		if next.Values == before.Values {
			out = *before
			return audit.Unchanged
		}
		if next.Name != before.Name || next.Rank != before.Rank {
			if err := taken(ctx, tx.Client(), next.Values, id, "plan"); err != nil {
				return err
			}
		}
		up := tx.Plan.UpdateOneID(id).SetName(next.Name).SetDescription(next.Description).SetRank(next.Rank).
			SetUpdateTime(s.clock.Now())
		termsChange := next.Terms != before.Terms
		if termsChange {
			up.SetVersion(before.Version + 1)
		}
		// The plan first: the data layer refuses a scoped caller here,
		// before anything else is said about the request.
		r, err := up.Save(ctx)
		if err != nil {
			return err
		}
		if termsChange {
			if reason == "" {
				return apierr.Invalid("reason", "reason.required", "say why the terms change: the reason is kept with version %d", before.Version+1)
			}
			ver, err := s.writeVersion(ctx, tx, id, before.Version+1, next.Terms, reason)
			if err != nil {
				return err
			}
			next.Version, next.VersionID = ver.Version, ver.ID
		}
		next.UpdateTime = r.UpdateTime
		out = next
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Plan, id), Reason: reason,
			Before: state(*before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Retire retires a plan for good. Retiring a retired plan changes nothing
// and records nothing.
func (s *Service) Retire(ctx context.Context, id uuid.UUID, reason string) (*Plan, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the plan is retired")
	}
	var out Plan
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := Read(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		if before.Retired() {
			out = *before
			return audit.Unchanged
		}
		now := s.clock.Now()
		r, err := tx.Plan.UpdateOneID(id).SetRetireTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = *before
		out.RetireTime, out.UpdateTime = r.RetireTime, r.UpdateTime
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Plan, id), Reason: reason,
			Before: state(*before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Names returns the names of the plans with these ids, for the audit
// trail.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Plan.Query().Where(entplan.IDIn(idList...)).
		Select(entplan.FieldID, entplan.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name plans: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
