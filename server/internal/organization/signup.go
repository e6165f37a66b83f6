package organization

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	entcontract "github.com/leitstand/leitstand/server/ent/contract"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/pdfkit"
	"github.com/leitstand/leitstand/server/internal/platform/ratelimit"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// The limits of the public sign-up. They bound what one client, and all
// of them together, can make the platform do (each sign-up hashes a
// password and writes an organization and a user): a flood is turned
// away before any of that work.
const (
	SignUpsPerClientHour = 5
	SignUpsPerHour       = 200
	MaxSignUpNameLen     = 200
	MaxRejectionLen      = 1000
)

// PasswordHasher checks a password a customer chooses and returns its hash
// (identity.Service.HashNewPassword); a weak one is InvalidArgument at
// field.
type PasswordHasher func(ctx context.Context, field, password, email string) (string, error)

// HashPasswordsWith sets how sign-ups' passwords are checked and hashed.
func (s *Service) HashPasswordsWith(f PasswordHasher) { s.hashPassword = f }

// SignUpRequest is what a new customer gives.
type SignUpRequest struct {
	// Handle names the billing entity (empty: the licensee).
	Handle                                   string
	OrganizationName, DisplayName, Email, Pw string
}

// SignedUp is the organization a sign-up made.
type SignedUp struct {
	OrganizationID uuid.UUID
	Status         string
}

// The states of a sign-up.
const (
	SignUpPending  = "PENDING"
	SignUpApproved = "APPROVED"
	SignUpRejected = "REJECTED"
)

// SignUp is an organization that signed up, as the approval queue shows it.
type SignUp struct {
	OrganizationID                uuid.UUID
	OrganizationName              string
	State                         string
	ApplicantEmail, ApplicantName string
	BillingEntityID               uuid.UUID
	BillingEntityName             string
	SignUpTime                    time.Time
	DecisionTime                  *time.Time
	RejectionReason               string
}

// SignUp creates an organization and its owner for a new customer under the
// billing entity handle names. The entity's options decide whether it
// starts ACTIVE, with its first contract, or PENDING_APPROVAL, with none
// until it is approved: a pending organization books nothing and is not
// billed.
func (s *Service) SignUp(ctx context.Context, r SignUpRequest) (*SignedUp, error) {
	if !s.signUpsPerClient.Allow(ratelimit.ClientKey(reqctx.From(ctx).RemoteAddr)) || !s.signUpsOverall.Allow("") {
		return nil, apierr.ResourceExhausted("too many sign-ups; try again in an hour")
	}
	// The caller is anonymous: what the sign-up reads and writes is the
	// platform's bookkeeping on their behalf.
	ctx = tenancy.Unscoped(ctx)
	name, display := strings.TrimSpace(r.OrganizationName), strings.TrimSpace(r.DisplayName)
	email := strings.ToLower(strings.TrimSpace(r.Email))
	var vs []apierr.FieldViolation
	if utf8.RuneCountInString(name) < 2 || utf8.RuneCountInString(name) > MaxSignUpNameLen || !printable(name) {
		vs = append(vs, apierr.FieldViolation{Field: "organization_name", Rule: "organization_name.text", Message: "2 to 200 printable characters"})
	}
	if display == "" || utf8.RuneCountInString(display) > MaxSignUpNameLen || !printable(display) {
		vs = append(vs, apierr.FieldViolation{Field: "display_name", Rule: "display_name.text", Message: "1 to 200 printable characters"})
	}
	if len(vs) > 0 {
		return nil, apierr.InvalidFields(vs...)
	}
	be, err := s.signUpEntity(ctx, r.Handle)
	if err != nil {
		return nil, err
	}
	hash, err := s.hashPassword(ctx, "password", r.Pw, email)
	if err != nil {
		return nil, err
	}
	status := organization.StatusPENDING_APPROVAL
	if be.AutoApproveSignups {
		status = organization.StatusACTIVE
	}
	loc, err := s.zones(ctx, be.ID)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var o *ent.Organization
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		taken, err := tx.User.Query().Where(user.Email(email)).Exist(ctx)
		if err != nil {
			return err
		}
		if taken {
			return apierr.AlreadyExists("the e-mail address %s has a login already; sign in instead", email)
		}
		u, err := tx.User.Create().SetEmail(email).SetDisplayName(display).SetPasswordHash(hash).
			SetPlatformRole(user.PlatformRoleUSER).SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		c := tx.Organization.Create().SetBillingEntityID(be.ID).SetName(name).SetStatus(status).
			SetSignupTime(now).SetApplicantID(u.ID).SetCreateTime(now).SetUpdateTime(now)
		if status == organization.StatusACTIVE {
			c.SetDecisionTime(now)
		}
		if o, err = c.Save(ctx); err != nil {
			return err
		}
		m, err := tx.Membership.Create().SetOrganizationID(o.ID).SetUserID(u.ID).SetRole(membership.RoleOWNER).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		m.Edges.User = u
		orgID := ids.Format(ids.Organization, o.ID)
		log.Record(audit.Event{TargetType: "user", TargetID: ids.Format(ids.User, u.ID),
			After: map[string]any{"email": u.Email, "display_name": u.DisplayName, "platform_role": "USER"}})
		log.Record(audit.Event{TargetType: "organization", TargetID: orgID, After: signUpState(o)})
		log.Record(audit.Event{TargetType: "organization", TargetID: orgID, After: membershipState(m)})
		if status != organization.StatusACTIVE || s.firstContract == nil {
			return nil
		}
		return s.firstContract(ctx, tx, log, o.ID, calendar.On(now, loc), uuid.Nil)
	})
	if err != nil {
		return nil, err
	}
	return &SignedUp{OrganizationID: o.ID, Status: o.Status.String()}, nil
}

// printable: invoices and letters can print s.
func printable(s string) bool {
	_, missing := pdfkit.Missing(s)
	return !missing
}

// signUpEntity finds the billing entity a sign-up names, if it takes
// sign-ups. A suspended entity's sign-ups are closed, said the same way as
// those it does not take, so the answer tells nobody it is suspended.
func (s *Service) signUpEntity(ctx context.Context, handle string) (*ent.BillingEntity, error) {
	q := s.client.BillingEntity.Query()
	if handle == "" {
		q.Where(entbe.KindEQ(entbe.KindLICENSEE))
	} else {
		q.Where(entbe.SignupHandle(handle))
	}
	be, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("billing entity", handle)
	}
	if err != nil {
		return nil, fmt.Errorf("find billing entity: %w", err)
	}
	if !be.AcceptSignups || be.Status != entbe.StatusACTIVE {
		return nil, apierr.FailedPrecondition("sign-ups are closed here; ask the provider for an account")
	}
	return be, nil
}

// signUpState is a signed-up organization as the audit trail records it.
func signUpState(o *ent.Organization) map[string]any {
	out := state(o)
	out["signup"] = true
	if o.RejectionReason != "" {
		out["rejection_reason"] = o.RejectionReason
	}
	return out
}

// SignUpFilter narrows the queue; zero fields do not filter.
type SignUpFilter struct {
	State         string
	BillingEntity *uuid.UUID
	PageSize      int32
	PageToken     string
}

// SignUpPage is one page of the queue.
type SignUpPage struct {
	SignUps       []SignUp
	NextPageToken string
	// PendingCount counts every pending organization the caller sees.
	PendingCount int
}

// isSignUp: the organizations of the queue, those that signed up and those
// that wait for approval however they were made.
func isSignUp() predicate.Organization {
	return organization.Or(organization.SignupTimeNotNil(), organization.StatusEQ(organization.StatusPENDING_APPROVAL))
}

func inState(st string) predicate.Organization {
	switch st {
	case SignUpPending:
		return organization.StatusEQ(organization.StatusPENDING_APPROVAL)
	case SignUpApproved:
		return organization.And(organization.DecisionTimeNotNil(), organization.RejectionReason(""))
	default:
		return organization.RejectionReasonNEQ("")
	}
}

// SignUps lists the queue: the pending sign-ups, oldest first, then the
// decided ones, newest decision first.
func (s *Service) SignUps(ctx context.Context, f SignUpFilter) (*SignUpPage, error) {
	fp := paging.Fingerprint("signups", f.State, f.BillingEntity)
	var offset int
	if _, err := paging.Decode(f.PageToken, fp, &offset); err != nil {
		return nil, err
	}
	size := paging.Size(f.PageSize)
	base := []predicate.Organization{isSignUp()}
	if f.BillingEntity != nil {
		// An entity the caller does not see is not found, not empty.
		if ok, err := s.client.BillingEntity.Query().Where(entbe.ID(*f.BillingEntity)).Exist(ctx); err != nil {
			return nil, fmt.Errorf("find billing entity: %w", err)
		} else if !ok {
			return nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, *f.BillingEntity))
		}
		base = append(base, organization.BillingEntityID(*f.BillingEntity))
	}
	pending, err := s.client.Organization.Query().Where(organization.StatusEQ(organization.StatusPENDING_APPROVAL)).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("count sign-ups: %w", err)
	}
	// Pending first, then decided: the states in the order the list shows
	// them, each its own ordered query.
	states := []string{SignUpPending, SignUpApproved, SignUpRejected}
	if f.State != "" {
		states = []string{f.State}
	}
	var rows []*ent.Organization
	skip, want := offset, size+1
	for _, st := range states {
		if want <= 0 {
			break
		}
		if st == SignUpApproved || st == SignUpRejected {
			// Approved and rejected share one order: newest decision
			// first.
			if f.State == "" && st == SignUpRejected {
				continue
			}
		}
		q := s.client.Organization.Query().Where(base...)
		switch {
		case st == SignUpPending:
			q.Where(inState(SignUpPending)).Order(ent.Asc(organization.FieldCreateTime), ent.Asc(organization.FieldID))
		case f.State == "":
			q.Where(organization.StatusNEQ(organization.StatusPENDING_APPROVAL), organization.DecisionTimeNotNil()).
				Order(ent.Desc(organization.FieldDecisionTime), ent.Desc(organization.FieldID))
		default:
			q.Where(inState(st)).Order(ent.Desc(organization.FieldDecisionTime), ent.Desc(organization.FieldID))
		}
		n, err := q.Clone().Count(ctx)
		if err != nil {
			return nil, fmt.Errorf("count sign-ups: %w", err)
		}
		if skip >= n {
			skip -= n
			continue
		}
		part, err := q.Offset(skip).Limit(want).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("list sign-ups: %w", err)
		}
		skip = 0
		want -= len(part)
		rows = append(rows, part...)
	}
	page := &SignUpPage{PendingCount: pending}
	if len(rows) > size {
		rows = rows[:size]
		page.NextPageToken = paging.Encode(fp, offset+size)
	}
	if page.SignUps, err = s.signUpsOf(ctx, rows); err != nil {
		return nil, err
	}
	return page, nil
}

// signUpsOf adds the applicants and billing entities' names, one query
// each.
func (s *Service) signUpsOf(ctx context.Context, rows []*ent.Organization) ([]SignUp, error) {
	var applicants, entities []uuid.UUID
	for _, o := range rows {
		if o.ApplicantID != nil {
			applicants = append(applicants, *o.ApplicantID)
		}
		entities = append(entities, o.BillingEntityID)
	}
	// Without an applicant (an organization staff made pending), the
	// queue names its first owner.
	owners := map[uuid.UUID]*ent.User{}
	ms, err := s.client.Membership.Query().Where(membership.OrganizationIDIn(orgIDs(rows)...), membership.RoleEQ(membership.RoleOWNER)).
		Order(ent.Asc(membership.FieldCreateTime)).WithUser().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read applicants: %w", err)
	}
	for _, m := range ms {
		if _, ok := owners[m.OrganizationID]; !ok && m.Edges.User != nil {
			owners[m.OrganizationID] = m.Edges.User
		}
	}
	users, err := s.client.User.Query().Where(user.IDIn(applicants...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read applicants: %w", err)
	}
	byID := map[uuid.UUID]*ent.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	names := map[uuid.UUID]string{}
	bes, err := s.client.BillingEntity.Query().Where(entbe.IDIn(entities...)).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, fmt.Errorf("read billing entities: %w", err)
	}
	for _, b := range bes {
		names[b.ID] = b.Name
	}
	out := make([]SignUp, 0, len(rows))
	for _, o := range rows {
		su := SignUp{OrganizationID: o.ID, OrganizationName: o.Name, BillingEntityID: o.BillingEntityID,
			BillingEntityName: names[o.BillingEntityID], SignUpTime: o.CreateTime, DecisionTime: o.DecisionTime,
			RejectionReason: o.RejectionReason}
		if o.SignupTime != nil {
			su.SignUpTime = *o.SignupTime
		}
		switch {
		case o.Status == organization.StatusPENDING_APPROVAL:
			su.State = SignUpPending
		case o.RejectionReason != "":
			su.State = SignUpRejected
		default:
			su.State = SignUpApproved
		}
		u := owners[o.ID]
		if o.ApplicantID != nil && byID[*o.ApplicantID] != nil {
			u = byID[*o.ApplicantID]
		}
		if u != nil {
			su.ApplicantEmail, su.ApplicantName = u.Email, u.DisplayName
		}
		out = append(out, su)
	}
	return out, nil
}

func orgIDs(rows []*ent.Organization) []uuid.UUID {
	out := make([]uuid.UUID, 0, len(rows))
	for _, o := range rows {
		out = append(out, o.ID)
	}
	return out
}

// Approve makes a pending organization ACTIVE and gives it its first
// contract from today, unless it has one (an organization staff made).
func (s *Service) Approve(ctx context.Context, id uuid.UUID, reason string) (*SignUp, error) {
	return s.decide(ctx, id, "", reason)
}

// Reject closes a pending organization with a reason its applicant reads.
func (s *Service) Reject(ctx context.Context, id uuid.UUID, reason string) (*SignUp, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why, as the applicant will read it")
	}
	if utf8.RuneCountInString(reason) > MaxRejectionLen {
		return nil, apierr.Invalid("reason", "reason.max_len", "at most 1000 characters")
	}
	return s.decide(ctx, id, reason, reason)
}

func (s *Service) decide(ctx context.Context, id uuid.UUID, rejection, reason string) (*SignUp, error) {
	now := s.clock.Now()
	var after *ent.Organization
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := getOrganization(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Status != organization.StatusPENDING_APPROVAL {
			return apierr.FailedPrecondition("%s is not waiting for approval (it is %s)", before.Name, before.Status)
		}
		u := tx.Organization.UpdateOneID(id).SetDecisionTime(now).SetUpdateTime(now)
		if rejection != "" {
			u.SetStatus(organization.StatusCLOSED).SetRejectionReason(rejection)
		} else {
			u.SetStatus(organization.StatusACTIVE)
		}
		if after, err = u.Save(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "organization", TargetID: ids.Format(ids.Organization, id), Reason: reason,
			Before: signUpState(before), After: signUpState(after)})
		if rejection != "" || s.firstContract == nil {
			return nil
		}
		has, err := tx.Contract.Query().Where(entcontract.OrganizationID(id)).Exist(ctx)
		if err != nil || has {
			return err
		}
		loc, err := s.zones(ctx, after.BillingEntityID)
		if err != nil {
			return err
		}
		return s.firstContract(ctx, tx, log, id, calendar.On(now, loc), uuid.Nil)
	})
	if err != nil {
		return nil, err
	}
	out, err := s.signUpsOf(ctx, []*ent.Organization{after})
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

// Bookable refuses work that commits an organization to pay (a booking,
// a training seat, a tier) while it waits for approval or is closed.
func Bookable(o *ent.Organization) error {
	switch o.Status {
	case organization.StatusPENDING_APPROVAL:
		return apierr.FailedPrecondition("%s is waiting for approval: nothing can be booked until it is approved", o.Name)
	case organization.StatusCLOSED:
		return apierr.FailedPrecondition("%s is closed", o.Name)
	}
	return nil
}
