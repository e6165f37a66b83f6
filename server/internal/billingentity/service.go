package billingentity

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entbe "github.com/leitstand/leitstand/server/ent/billingentity"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Filter narrows List; zero fields do not filter.
type Filter struct{ Kind, Status string }

// List returns the billing entities the caller sees (a reseller's staff:
// their own), the licensee first, then by name, with their counts.
func (s *Service) List(ctx context.Context, f Filter) ([]BillingEntity, error) {
	q := s.client.BillingEntity.Query()
	if f.Kind != "" {
		q.Where(entbe.KindEQ(entbe.Kind(f.Kind)))
	}
	if f.Status != "" {
		q.Where(entbe.StatusEQ(entbe.Status(f.Status)))
	}
	rows, err := q.Order(ent.Asc(entbe.FieldName)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list billing entities: %w", err)
	}
	out := make([]BillingEntity, 0, len(rows))
	for _, r := range rows {
		out = append(out, entityOf(r))
	}
	slices.SortStableFunc(out, func(a, b BillingEntity) int {
		if (a.Kind == KindLicensee) != (b.Kind == KindLicensee) {
			if a.Kind == KindLicensee {
				return -1
			}
			return 1
		}
		return 0
	})
	return out, s.withCounts(ctx, out)
}

// withCounts fills in the organizations, pending sign-ups and staff of
// each entity, in two grouped queries.
func (s *Service) withCounts(ctx context.Context, es []BillingEntity) error {
	if len(es) == 0 {
		return nil
	}
	idList := make([]uuid.UUID, 0, len(es))
	for _, e := range es {
		idList = append(idList, e.ID)
	}
	var orgs []struct {
		BillingEntityID uuid.UUID `json:"billing_entity_id"`
		Status          string    `json:"status"`
		Count           int       `json:"count"`
	}
	if err := s.client.Organization.Query().Where(entorg.BillingEntityIDIn(idList...), entorg.StatusNEQ(entorg.StatusCLOSED)).
		GroupBy(entorg.FieldBillingEntityID, entorg.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &orgs); err != nil {
		return fmt.Errorf("count organizations: %w", err)
	}
	var staff []struct {
		BillingEntityID uuid.UUID `json:"billing_entity_id"`
		Count           int       `json:"count"`
	}
	if err := s.client.User.Query().Where(user.BillingEntityIDIn(idList...)).
		GroupBy(user.FieldBillingEntityID).Aggregate(ent.Count()).Scan(ctx, &staff); err != nil {
		return fmt.Errorf("count staff: %w", err)
	}
	// The licensee's staff are the platform's: users of no entity but
	// customers' users.
	var platformStaff int
	for i := range es {
		if es[i].Kind == KindLicensee {
			n, err := s.client.User.Query().Where(user.BillingEntityIDIsNil(), user.PlatformRoleNEQ(user.PlatformRoleUSER)).Count(ctx)
			if err != nil {
				return fmt.Errorf("count staff: %w", err)
			}
			platformStaff = n
		}
	}
	for i := range es {
		e := &es[i]
		for _, o := range orgs {
			if o.BillingEntityID == e.ID {
				e.OrganizationCount += o.Count
				if o.Status == entorg.StatusPENDING_APPROVAL.String() {
					e.PendingSignupCount += o.Count
				}
			}
		}
		for _, st := range staff {
			if st.BillingEntityID == e.ID {
				e.StaffCount = st.Count
			}
		}
		if e.Kind == KindLicensee {
			e.StaffCount = platformStaff
		}
	}
	return nil
}

// Get returns a billing entity with its staff.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*BillingEntity, []Staff, error) {
	r, err := s.client.BillingEntity.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, id))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("get billing entity: %w", err)
	}
	b := entityOf(r)
	if err := s.withCountsOne(ctx, &b); err != nil {
		return nil, nil, err
	}
	q := s.client.User.Query().Order(ent.Asc(user.FieldEmail))
	if b.Kind == KindLicensee {
		q.Where(user.BillingEntityIDIsNil(), user.PlatformRoleNEQ(user.PlatformRoleUSER))
	} else {
		q.Where(user.BillingEntityID(id))
	}
	users, err := q.All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list staff: %w", err)
	}
	staff := make([]Staff, 0, len(users))
	for _, u := range users {
		staff = append(staff, Staff{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: authz.Role(u.PlatformRole), Disabled: u.Disabled})
	}
	return &b, staff, nil
}

// taken refuses a name or sign-up handle another entity has.
func taken(ctx context.Context, c *ent.Client, v Values, except uuid.UUID) error {
	exists, err := c.BillingEntity.Query().Where(entbe.IDNEQ(except), entbe.NameEqualFold(v.Name)).Exist(ctx)
	if err != nil {
		return err
	}
	if exists {
		return apierr.AlreadyExists("a billing entity named %q exists", v.Name)
	}
	if v.SignupHandle == "" {
		return nil
	}
	exists, err = c.BillingEntity.Query().Where(entbe.IDNEQ(except), entbe.SignupHandle(v.SignupHandle)).Exist(ctx)
	if err != nil {
		return err
	}
	if exists {
		return apierr.AlreadyExists("the sign-up handle %q is taken", v.SignupHandle)
	}
	return nil
}

func handleOrNil(h string) *string {
	if h == "" {
		return nil
	}
	return &h
}

func capNames(cs []authz.Capability) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, string(c))
	}
	return out
}

// Create adds a reseller, active, with the values given.
func (s *Service) Create(ctx context.Context, v Values, reason string) (*BillingEntity, error) {
	if err := tenancy.LicenseeOnly(ctx, "billing entities"); err != nil {
		return nil, err
	}
	var in Values
	mask.Apply(&in, v, mask.Leaves())
	if err := mask.Check(in, mask.Leaves(), ""); err != nil {
		return nil, err
	}
	var out BillingEntity
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := taken(ctx, tx.Client(), in, uuid.Nil); err != nil {
			return err
		}
		now := s.clock.Now()
		r, err := tx.BillingEntity.Create().SetName(in.Name).SetKind(entbe.KindRESELLER).
			SetNillableSignupHandle(handleOrNil(in.SignupHandle)).SetAcceptSignups(in.AcceptSignups).
			SetAutoApproveSignups(in.AutoApproveSignups).SetCapabilities(capNames(in.Capabilities)).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = entityOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.BillingEntity, r.ID), Reason: reason, After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes the fields named in paths. The licensee holds every
// capability, so its capabilities cannot be set.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string, reason string) (*BillingEntity, error) {
	if err := tenancy.LicenseeOnly(ctx, "billing entities"); err != nil {
		return nil, err
	}
	leaves, err := mask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var out BillingEntity
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.BillingEntity.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, id))
		}
		if err != nil {
			return err
		}
		before := entityOf(r)
		if before.Kind == KindLicensee && slices.Contains(leaves, "capabilities") {
			return apierr.Invalid("billing_entity.capabilities", "capabilities.licensee", "the licensee holds every capability; only a reseller's are granted")
		}
		next := before.Values
		mask.Apply(&next, v, leaves)
		if err := mask.Check(next, leaves, "billing_entity"); err != nil {
			return err
		}
		if err := taken(ctx, tx.Client(), next, id); err != nil {
			return err
		}
		u := tx.BillingEntity.UpdateOneID(id).SetName(next.Name).SetAcceptSignups(next.AcceptSignups).
			SetAutoApproveSignups(next.AutoApproveSignups).SetUpdateTime(s.clock.Now())
		if next.SignupHandle == "" {
			u.ClearSignupHandle()
		} else {
			u.SetSignupHandle(next.SignupHandle)
		}
		if before.Kind == KindReseller {
			u.SetCapabilities(capNames(next.Capabilities))
		}
		after, err := u.Save(ctx)
		if err != nil {
			return err
		}
		out = entityOf(after)
		if slices.Equal(capNames(before.Capabilities), capNames(out.Capabilities)) && before.Name == out.Name &&
			before.SignupHandle == out.SignupHandle && before.AcceptSignups == out.AcceptSignups &&
			before.AutoApproveSignups == out.AutoApproveSignups {
			return audit.Unchanged
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.BillingEntity, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.withCountsOne(ctx, &out)
}

func (s *Service) withCountsOne(ctx context.Context, b *BillingEntity) error {
	one := []BillingEntity{*b}
	if err := s.withCounts(ctx, one); err != nil {
		return err
	}
	*b = one[0]
	return nil
}

// Suspend locks a reseller's staff out and closes its sign-ups; its
// customers are served and billed as before.
func (s *Service) Suspend(ctx context.Context, id uuid.UUID, reason string) (*BillingEntity, error) {
	return s.setStatus(ctx, id, StatusSuspended, reason)
}

// Resume lifts a suspension.
func (s *Service) Resume(ctx context.Context, id uuid.UUID, reason string) (*BillingEntity, error) {
	return s.setStatus(ctx, id, StatusActive, reason)
}

func (s *Service) setStatus(ctx context.Context, id uuid.UUID, status, reason string) (*BillingEntity, error) {
	if err := tenancy.LicenseeOnly(ctx, "billing entities"); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why")
	}
	var out BillingEntity
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.BillingEntity.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("billing entity", ids.Format(ids.BillingEntity, id))
		}
		if err != nil {
			return err
		}
		before := entityOf(r)
		if before.Kind == KindLicensee {
			return apierr.FailedPrecondition("the licensee runs the platform and cannot be suspended")
		}
		if before.Status == status {
			if status == StatusSuspended {
				return apierr.FailedPrecondition("%s is suspended already", before.Name)
			}
			return apierr.FailedPrecondition("%s is not suspended", before.Name)
		}
		u := tx.BillingEntity.UpdateOneID(id).SetStatus(entbe.Status(status)).SetUpdateTime(s.clock.Now())
		if status == StatusSuspended {
			u.SetSuspendReason(reason)
		} else {
			u.SetSuspendReason("")
		}
		after, err := u.Save(ctx)
		if err != nil {
			return err
		}
		out = entityOf(after)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.BillingEntity, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.withCountsOne(ctx, &out)
}

// AddStaff creates a staff user of a reseller with a platform role inside
// it and returns them with a first password, which is stored only as a
// hash.
func (s *Service) AddStaff(ctx context.Context, id uuid.UUID, email, displayName string, role authz.Role, reason string) (*Staff, string, error) {
	if err := tenancy.LicenseeOnly(ctx, "billing entities"); err != nil {
		return nil, "", err
	}
	if role != authz.RoleOwner && role != authz.RoleOperator && role != authz.RoleDeveloper {
		return nil, "", apierr.Invalid("platform_role", "platform_role.staff", "choose owner, operator or developer")
	}
	r, err := s.client.BillingEntity.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, "", apierr.Invalid("billing_entity_id", "billing_entity.exists", "no billing entity %s", ids.Format(ids.BillingEntity, id))
	}
	if err != nil {
		return nil, "", fmt.Errorf("get billing entity: %w", err)
	}
	if r.Kind == entbe.KindLICENSEE {
		return nil, "", apierr.FailedPrecondition("the licensee's staff are the platform's own users, created on the command line")
	}
	password := newPassword()
	u, err := s.users.CreateUser(ctx, member.NewUser{Email: email, DisplayName: strings.TrimSpace(displayName), Password: password,
		Role: role, BillingEntity: &id}, reason)
	if err != nil {
		return nil, "", err
	}
	return &Staff{UserID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: u.PlatformRole, Disabled: u.Disabled}, password, nil
}

// newPassword is a first password: 20 characters of base 32, 100 bits.
func newPassword() string {
	b := make([]byte, 13)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:20]
}

// Names returns the names of the billing entities with the given ids the
// caller sees, for the audit log.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.BillingEntity.Query().Where(entbe.IDIn(idList...)).Select(entbe.FieldID, entbe.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
