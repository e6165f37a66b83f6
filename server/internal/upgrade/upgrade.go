// Package upgrade keeps the customers' requests for a higher tier and the
// staff's decisions on them.
//
// The rules:
//   - An organization's owners and admins ask through the portal for one
//     of the tiers ranked above the one they are on (Options), with a
//     message. One request of an organization waits at a time; they may
//     withdraw it while it waits.
//   - Staff approve a waiting request (Approving): the organization's move
//     to the tier is scheduled as a tier change is (contract.ScheduleIn),
//     on a billing date, since invoices are billed a period in advance. At
//     once, in addition, gives the new tier's caps from the decision until
//     that day (UserCap, Bridges). Or staff deny it with a reason the
//     customer reads.
//   - Every request, withdrawal and decision is audited (target type
//     upgrade_request).
package upgrade

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	entplan "github.com/leitstand/leitstand/server/ent/plan"
	"github.com/leitstand/leitstand/server/ent/planversion"
	"github.com/leitstand/leitstand/server/ent/predicate"
	entreq "github.com/leitstand/leitstand/server/ent/upgraderequest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// The states of a request.
const (
	Pending   = "PENDING"
	Approved  = "APPROVED"
	Denied    = "DENIED"
	Withdrawn = "WITHDRAWN"
)

// Request is an upgrade request.
type Request struct {
	ID, Organization, Plan     uuid.UUID
	OrganizationName, PlanName string
	// FromPlanName is the tier it was on when it asked; empty without one.
	FromPlanName     string
	Message          string
	RequestedByEmail string
	Status           string
	DecidedByEmail   string
	DecideTime       *time.Time
	DecisionReason   string
	// Effective is an approval's first day on the new tier's price; AtOnce
	// whether its caps applied from the decision; MoveCancelled whether
	// staff cancelled the move since.
	Effective     calendar.Date
	AtOnce        bool
	MoveCancelled bool
	CreateTime    time.Time
}

// Option is a tier an organization may ask for.
type Option struct {
	Plan                uuid.UUID
	Name, Description   string
	MonthlyFeeCents     int64
	Currency            string
	MaxUsers, MaxStorGB int
}

// Service keeps the requests.
type Service struct {
	client    *ent.Client
	audit     *audit.Writer
	clock     clock.Clock
	contracts *contract.Service
}

// NewService returns the upgrade requests.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock, contracts *contract.Service) *Service {
	return &Service{client: client, audit: aw, clock: clk, contracts: contracts}
}

// targetType is what the audit trail calls a request.
const targetType = "upgrade_request"

// Options are the tiers org may ask for: the plans offering contracts
// ranked above its own (all of them without a contract), the lowest first,
// with their latest version's terms; and the name of its own.
func (s *Service) Options(ctx context.Context, org uuid.UUID) (string, []Option, error) {
	o, err := s.organization(ctx, s.client, org)
	if err != nil {
		return "", nil, err
	}
	own, rank, err := s.ownTier(ctx, s.client, o)
	if err != nil {
		return "", nil, err
	}
	plans, err := s.client.Plan.Query().Where(entplan.RetireTimeIsNil(), entplan.RankGT(rank)).
		Order(entplan.ByRank(), entplan.ByName()).All(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("read the plans: %w", err)
	}
	out := make([]Option, 0, len(plans))
	for _, p := range plans {
		v, err := s.client.PlanVersion.Query().Where(planversion.PlanID(p.ID)).Order(ent.Desc(planversion.FieldVersion)).First(ctx)
		if err != nil {
			return "", nil, fmt.Errorf("read the terms of %s: %w", p.Name, err)
		}
		out = append(out, Option{Plan: p.ID, Name: p.Name, Description: p.Description, MonthlyFeeCents: v.MonthlyFeeCents,
			Currency: v.Currency, MaxUsers: v.MaxUsers, MaxStorGB: v.MaxStorageGB})
	}
	return own, out, nil
}

// organization reads org as the caller sees it: not found when they do not.
func (s *Service) organization(ctx context.Context, c *ent.Client, org uuid.UUID) (*ent.Organization, error) {
	o, err := c.Organization.Query().Where(entorg.ID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	}
	return o, err
}

// ownTier is the plan of o's contract in force today, and its rank; ""
// and -1 without one.
func (s *Service) ownTier(ctx context.Context, c *ent.Client, o *ent.Organization) (string, int, error) {
	ct, err := c.Contract.Query().Where(entcontract.OrganizationID(o.ID), entcontract.StatusEQ(entcontract.StatusACTIVE)).Only(ctx)
	if ent.IsNotFound(err) {
		return "", -1, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("read the contract: %w", err)
	}
	p, err := c.Plan.Get(ctx, ct.PlanID)
	if err != nil {
		return "", 0, err
	}
	return p.Name, p.Rank, nil
}

// mayAsk refuses a customer who is not an owner or admin of org. Staff
// may file a request a customer made by phone.
func mayAsk(ctx context.Context, c *ent.Client, org uuid.UUID) error {
	return organization.CustomerAdminOnly(ctx, c, org, "only the organization's owners and admins ask for another tier")
}

// Ask files a request of org for the tier planID with a message.
func (s *Service) Ask(ctx context.Context, org, planID uuid.UUID, message string) (*Request, error) {
	message = strings.TrimSpace(message)
	var out Request
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		o, err := s.organization(ctx, c, org)
		if err != nil {
			return err
		}
		if err := mayAsk(ctx, c, org); err != nil {
			return err
		}
		if o.Status != entorg.StatusACTIVE {
			return apierr.FailedPrecondition("%s is %s: only an active organization changes its tier", o.Name,
				strings.ReplaceAll(strings.ToLower(o.Status.String()), "_", " "))
		}
		own, rank, err := s.ownTier(ctx, c, o)
		if err != nil {
			return err
		}
		p, err := c.Plan.Query().Where(entplan.ID(planID), entplan.RetireTimeIsNil()).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.Invalid("plan_id", "plan_id.offered", "%s is not a tier offered", ids.Format(ids.Plan, planID))
		}
		if err != nil {
			return err
		}
		if p.Rank <= rank {
			return apierr.Invalid("plan_id", "plan_id.higher", "%s is not above %s, the tier %s is on", p.Name, own, o.Name)
		}
		if waiting, err := c.UpgradeRequest.Query().Where(entreq.OrganizationID(org), entreq.StatusEQ(entreq.StatusPENDING)).Only(ctx); err == nil {
			named, err := s.named(ctx, c, []*ent.UpgradeRequest{waiting})
			if err != nil {
				return err
			}
			return apierr.FailedPrecondition("%s asked for %s already on %s; withdraw that request first", o.Name,
				named[0].PlanName, waiting.CreateTime.Format(time.DateOnly))
		} else if !ent.IsNotFound(err) {
			return err
		}
		var from *uuid.UUID
		if ct, err := c.Contract.Query().Where(entcontract.OrganizationID(org), entcontract.StatusEQ(entcontract.StatusACTIVE)).Only(ctx); err == nil {
			from = &ct.PlanID
		} else if !ent.IsNotFound(err) {
			return err
		}
		actor := authz.FromContext(ctx)
		now := s.clock.Now()
		r, err := c.UpgradeRequest.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org).SetPlanID(p.ID).
			SetNillableFromPlanID(from).SetMessage(message).SetRequestedByUserID(actor.UserID).
			SetRequestedByEmail(actor.Email).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		named, err := s.named(ctx, c, []*ent.UpgradeRequest{r})
		if err != nil {
			return err
		}
		out = named[0]
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.UpgradeRequest, r.ID), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Withdraw takes back a waiting request.
func (s *Service) Withdraw(ctx context.Context, id uuid.UUID) (*Request, error) {
	return s.decide(ctx, id, func(tx *ent.Tx, r *ent.UpgradeRequest) (*ent.UpgradeRequestUpdateOne, error) {
		if err := mayAsk(ctx, tx.Client(), r.OrganizationID); err != nil {
			return nil, err
		}
		return r.Update().SetStatus(entreq.StatusWITHDRAWN), nil
	}, "")
}

// Deny denies a waiting request with a reason the customer reads.
func (s *Service) Deny(ctx context.Context, id uuid.UUID, reason string) (*Request, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why: the customer reads it")
	}
	return s.decide(ctx, id, func(tx *ent.Tx, r *ent.UpgradeRequest) (*ent.UpgradeRequestUpdateOne, error) {
		return r.Update().SetStatus(entreq.StatusDENIED).SetDecidedByEmail(authz.ActorOf(ctx).Email).
			SetDecideTime(s.clock.Now()).SetDecisionReason(reason), nil
	}, reason)
}

// decide changes a waiting request in a change of its own.
func (s *Service) decide(ctx context.Context, id uuid.UUID, update func(*ent.Tx, *ent.UpgradeRequest) (*ent.UpgradeRequestUpdateOne, error), reason string) (*Request, error) {
	var out Request
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.decideIn(ctx, tx, log, id, reason, update)
		out = r
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *Service) decideIn(ctx context.Context, tx *ent.Tx, log *audit.Log, id uuid.UUID, reason string, update func(*ent.Tx, *ent.UpgradeRequest) (*ent.UpgradeRequestUpdateOne, error)) (Request, error) {
	c := tx.Client()
	r, err := c.UpgradeRequest.Query().Where(entreq.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return Request{}, apierr.NotFound("upgrade request", ids.Format(ids.UpgradeRequest, id))
	}
	if err != nil {
		return Request{}, err
	}
	if r.Status != entreq.StatusPENDING {
		return Request{}, apierr.FailedPrecondition("the request is %s already", strings.ToLower(r.Status.String()))
	}
	before, err := s.named(ctx, c, []*ent.UpgradeRequest{r})
	if err != nil {
		return Request{}, err
	}
	u, err := update(tx, r)
	if err != nil {
		return Request{}, err
	}
	r, err = u.SetUpdateTime(s.clock.Now()).Save(ctx)
	if err != nil {
		return Request{}, err
	}
	after, err := s.named(ctx, c, []*ent.UpgradeRequest{r})
	if err != nil {
		return Request{}, err
	}
	log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.UpgradeRequest, id), Reason: reason,
		Before: state(before[0]), After: state(after[0])})
	return after[0], nil
}

// Approval is a checked approval: the request's organization, the day it
// pays the new tier from, and the note.
type Approval struct {
	Organization uuid.UUID
	Start        calendar.Date
	Reason       string
}

// CheckApprove checks an approval of request id on start (the next billing
// date when nil): the request is waiting and the day is one of its
// organization's billing dates after today.
func (s *Service) CheckApprove(ctx context.Context, id uuid.UUID, start *calendar.Date, reason string) (Approval, error) {
	r, err := s.client.UpgradeRequest.Query().Where(entreq.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return Approval{}, apierr.NotFound("upgrade request", ids.Format(ids.UpgradeRequest, id))
	}
	if err != nil {
		return Approval{}, err
	}
	if r.Status != entreq.StatusPENDING {
		return Approval{}, apierr.FailedPrecondition("the request is %s already", strings.ToLower(r.Status.String()))
	}
	day, reason, err := s.contracts.CheckSchedule(ctx, r.OrganizationID, start, reason)
	if err != nil {
		return Approval{}, err
	}
	return Approval{Organization: r.OrganizationID, Start: day, Reason: reason}, nil
}

// Approving approves request id as a change's function, for a change that
// measures what it does (account.Measure): it schedules the move checked
// by CheckApprove and writes the request to out.
func (s *Service) Approving(ctx context.Context, id uuid.UUID, a Approval, atOnce bool, out *Request) audit.Func {
	return func(tx *ent.Tx, log *audit.Log) error {
		r, err := s.decideIn(ctx, tx, log, id, a.Reason, func(tx *ent.Tx, r *ent.UpgradeRequest) (*ent.UpgradeRequestUpdateOne, error) {
			// Still an upgrade, of an active organization: it may have
			// moved up, or been suspended, since it asked.
			o, err := s.organization(ctx, tx.Client(), r.OrganizationID)
			if err != nil {
				return nil, err
			}
			if o.Status != entorg.StatusACTIVE {
				return nil, apierr.FailedPrecondition("%s is %s now: deny the request", o.Name,
					strings.ReplaceAll(strings.ToLower(o.Status.String()), "_", " "))
			}
			own, rank, err := s.ownTier(ctx, tx.Client(), o)
			if err != nil {
				return nil, err
			}
			p, err := tx.Plan.Get(ctx, r.PlanID)
			if err != nil {
				return nil, err
			}
			if p.Rank <= rank {
				return nil, apierr.FailedPrecondition("%s is on %s now, not below %s: deny the request", o.Name, own, p.Name)
			}
			ct, err := s.contracts.ScheduleIn(ctx, tx, log, r.OrganizationID, r.PlanID, a.Start,
				"upgrade request "+ids.Format(ids.UpgradeRequest, r.ID)+": "+a.Reason)
			if err != nil {
				return nil, err
			}
			return r.Update().SetStatus(entreq.StatusAPPROVED).SetDecidedByEmail(authz.ActorOf(ctx).Email).
				SetDecideTime(s.clock.Now()).SetDecisionReason(a.Reason).SetContractID(ct.ID).
				SetEffectiveDate(a.Start.String()).SetAtOnce(atOnce), nil
		})
		*out = r
		return err
	}
}

// Filter selects requests for staff.
type Filter struct {
	// Status: Pending (the queue) when empty.
	Status       string
	Organization *uuid.UUID
	PageSize     int
	PageToken    string
}

// Page is a page of requests.
type Page struct {
	Requests       []Request
	NextPageToken  string
	Total, Pending int
}

// cursor is a page token's place: the last row's time and id.
type cursor struct {
	Time time.Time `json:"t"`
	ID   uuid.UUID `json:"i"`
}

// List pages through the requests: the queue (pending) the oldest first,
// the others the latest first.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	if f.Status == "" {
		f.Status = Pending
	}
	where := []predicate.UpgradeRequest{entreq.StatusEQ(entreq.Status(f.Status))}
	if f.Organization != nil {
		// An organization the caller does not see is not found.
		if _, err := s.organization(ctx, s.client, *f.Organization); err != nil {
			return nil, err
		}
		where = append(where, entreq.OrganizationID(*f.Organization))
	}
	fp := paging.Fingerprint("upgrades", f.Status, f.Organization)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	out := &Page{}
	if out.Total, err = s.client.UpgradeRequest.Query().Where(where...).Count(ctx); err != nil {
		return nil, err
	}
	if out.Pending, err = s.client.UpgradeRequest.Query().Where(entreq.StatusEQ(entreq.StatusPENDING)).Count(ctx); err != nil {
		return nil, err
	}
	latestFirst := f.Status != Pending
	q := s.client.UpgradeRequest.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(latestFirst, paging.Key{Column: entreq.FieldCreateTime, Value: c.Time}, paging.Key{Column: entreq.FieldID, Value: c.ID}))
	}
	if latestFirst {
		q.Order(ent.Desc(entreq.FieldCreateTime), ent.Desc(entreq.FieldID))
	} else {
		q.Order(entreq.ByCreateTime(), entreq.ByID())
	}
	size := min(paging.Size(int32(f.PageSize)), 200)
	rows, err := q.Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list upgrade requests: %w", err)
	}
	rows, out.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.UpgradeRequest) any {
		return cursor{Time: last.CreateTime, ID: last.ID}
	})
	out.Requests, err = s.named(ctx, s.client, rows)
	return out, err
}

// Of lists org's requests, the latest first (at most 100), as its
// customers see them.
func (s *Service) Of(ctx context.Context, org uuid.UUID) ([]Request, error) {
	if _, err := s.organization(ctx, s.client, org); err != nil {
		return nil, err
	}
	rows, err := s.client.UpgradeRequest.Query().Where(entreq.OrganizationID(org)).
		Order(ent.Desc(entreq.FieldCreateTime), ent.Desc(entreq.FieldID)).Limit(100).All(ctx)
	if err != nil {
		return nil, err
	}
	return s.named(ctx, s.client, rows)
}

// named converts rows with their organizations' and plans' names.
func (s *Service) named(ctx context.Context, c *ent.Client, rows []*ent.UpgradeRequest) ([]Request, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	orgIDs, planIDs := make([]uuid.UUID, 0, len(rows)), make([]uuid.UUID, 0, 2*len(rows))
	for _, r := range rows {
		orgIDs = append(orgIDs, r.OrganizationID)
		planIDs = append(planIDs, r.PlanID)
		if r.FromPlanID != nil {
			planIDs = append(planIDs, *r.FromPlanID)
		}
	}
	orgs, err := c.Organization.Query().Where(entorg.IDIn(orgIDs...)).Select(entorg.FieldID, entorg.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	var moves []uuid.UUID
	for _, r := range rows {
		if r.ContractID != nil {
			moves = append(moves, *r.ContractID)
		}
	}
	cancelled := map[uuid.UUID]bool{}
	if len(moves) > 0 {
		cts, err := c.Contract.Query().Where(entcontract.IDIn(moves...), entcontract.StatusEQ(entcontract.StatusCANCELLED)).
			Select(entcontract.FieldID).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, ct := range cts {
			cancelled[ct.ID] = true
		}
	}
	plans, err := c.Plan.Query().Where(entplan.IDIn(planIDs...)).Select(entplan.FieldID, entplan.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[uuid.UUID]string, len(orgs)+len(plans))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	for _, p := range plans {
		names[p.ID] = p.Name
	}
	out := make([]Request, len(rows))
	for i, r := range rows {
		eff, _ := calendar.Parse(r.EffectiveDate)
		out[i] = Request{ID: r.ID, Organization: r.OrganizationID, Plan: r.PlanID, OrganizationName: names[r.OrganizationID],
			PlanName: names[r.PlanID], Message: r.Message, RequestedByEmail: r.RequestedByEmail, Status: r.Status.String(),
			DecidedByEmail: r.DecidedByEmail, DecideTime: r.DecideTime, DecisionReason: r.DecisionReason, Effective: eff,
			AtOnce: r.AtOnce, CreateTime: r.CreateTime, MoveCancelled: r.ContractID != nil && cancelled[*r.ContractID]}
		if r.FromPlanID != nil {
			out[i].FromPlanName = names[*r.FromPlanID]
		}
	}
	return out, nil
}

func state(r Request) map[string]any {
	m := map[string]any{"organization_id": ids.Format(ids.Organization, r.Organization), "plan": r.PlanName,
		"from_plan": r.FromPlanName, "status": r.Status}
	if r.Status == Approved {
		m["effective_date"], m["at_once"] = r.Effective.String(), r.AtOnce
	}
	return m
}

// Names names requests for the audit trail: "Acme: Business".
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.UpgradeRequest.Query().Where(entreq.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	named, err := s.named(ctx, s.client, rows)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(named))
	for _, r := range named {
		out[r.ID] = r.OrganizationName + ": " + r.PlanName
	}
	return out, nil
}

// Bridge is an approval at once bridging to its move: from the decision to
// the day before Effective, the organization has the caps of Version
// where they are above its own (a cap is never lowered by it).
type Bridge struct {
	Version   uuid.UUID
	Effective calendar.Date
}

// bridgeOf is org's bridge on day, if any, read in c.
func bridgesOn(ctx context.Context, c *ent.Client, day calendar.Date, orgs ...uuid.UUID) (map[uuid.UUID]Bridge, error) {
	q := c.UpgradeRequest.Query().Where(entreq.StatusEQ(entreq.StatusAPPROVED), entreq.AtOnce(true),
		entreq.EffectiveDateGT(day.String()), entreq.ContractIDNotNil())
	if len(orgs) > 0 {
		q.Where(entreq.OrganizationIDIn(orgs...))
	}
	rows, err := q.All(ctx)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	contractIDs := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		contractIDs[i] = *r.ContractID
	}
	// Only a move still scheduled: one cancelled since bridges nothing.
	cts, err := c.Contract.Query().Where(entcontract.IDIn(contractIDs...), entcontract.StatusEQ(entcontract.StatusSCHEDULED)).All(ctx)
	if err != nil {
		return nil, err
	}
	version := make(map[uuid.UUID]uuid.UUID, len(cts))
	for _, ct := range cts {
		version[ct.ID] = ct.PlanVersionID
	}
	out := make(map[uuid.UUID]Bridge, len(rows))
	for _, r := range rows {
		// Decided on or before day (in UTC: a day's bridge is never
		// missed by a calendar ahead of it).
		if v, ok := version[*r.ContractID]; ok && r.DecideTime != nil && !calendar.On(*r.DecideTime, time.UTC).After(day) {
			eff, _ := calendar.Parse(r.EffectiveDate)
			out[r.OrganizationID] = Bridge{Version: v, Effective: eff}
		}
	}
	return out, nil
}

// HigherCap is the higher of two caps, where 0 is none (the highest).
func HigherCap[N int | int64](a, b N) N {
	if a == 0 || b == 0 {
		return 0
	}
	return max(a, b)
}

// Bridges are the bridges of every organization the caller sees on day,
// by organization.
func Bridges(ctx context.Context, c *ent.Client, day calendar.Date) (map[uuid.UUID]Bridge, error) {
	return bridgesOn(ctx, c, day)
}

// UserCap is the users cap of org in the change tx: its approved tier's
// while an approval at once bridges to its move, else what next says.
func (s *Service) UserCap(zones organization.Zones, next organization.UserCap) organization.UserCap {
	return func(ctx context.Context, tx *ent.Tx, org uuid.UUID) (int, error) {
		o, err := tx.Organization.Query().Where(entorg.ID(org)).Select(entorg.FieldBillingEntityID).Only(ctx)
		if err != nil {
			return next(ctx, tx, org)
		}
		loc, err := zones(ctx, o.BillingEntityID)
		if err != nil {
			return 0, err
		}
		b, err := bridgesOn(ctx, tx.Client(), calendar.On(s.clock.Now(), loc), org)
		if err != nil {
			return 0, err
		}
		bridge, ok := b[org]
		if !ok {
			return next(ctx, tx, org)
		}
		v, err := tx.PlanVersion.Get(ctx, bridge.Version)
		if err != nil {
			return 0, err
		}
		own, err := next(ctx, tx, org)
		if err != nil {
			return 0, err
		}
		return HigherCap(own, v.MaxUsers), nil
	}
}
