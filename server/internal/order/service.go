package order

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/ordercomment"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/ent/workspace"
	orgdomain "github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Service reads and changes orders.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the orders domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

// targetType is what the audit trail calls an order.
const targetType = "order"

// actor is who a comment names: a signed-in user, or nobody for the
// platform.
func actor(ctx context.Context) (*uuid.UUID, string) {
	a := authz.ActorOf(ctx)
	if a.ID == nil {
		return nil, ""
	}
	return a.ID, a.Email
}

// ParseDate reads a due date, YYYY-MM-DD, as midnight UTC; "" is none.
func ParseDate(field, s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, apierr.Invalid(field, field+".date", "a date as YYYY-MM-DD, not %q", s)
	}
	return &d, nil
}

// checkRefs checks that the order's references exist and fit: the
// workspace and the instance are the organization's (the instance in the
// workspace when both are named), the assignee is a staff member. An order
// about an instance is in the instance's workspace: v gets it when it names
// none, so the portal shows the order to whom it shows the instance.
func checkRefs(ctx context.Context, c *ent.Client, org uuid.UUID, v *Values, prefix string) error {
	if v.WorkspaceID != nil {
		ws, err := c.Workspace.Query().Where(workspace.ID(*v.WorkspaceID)).Only(ctx)
		if ent.IsNotFound(err) || (err == nil && ws.OrganizationID != org) {
			return apierr.Invalid(prefix+"workspace_id", "workspace_id.of_organization", "no workspace %s in the order's organization",
				ids.Format(ids.Workspace, *v.WorkspaceID))
		}
		if err != nil {
			return err
		}
	}
	if v.ServiceInstanceID != nil {
		si, err := c.ServiceInstance.Query().Where(serviceinstance.ID(*v.ServiceInstanceID)).Only(ctx)
		switch {
		case ent.IsNotFound(err) || (err == nil && si.OrganizationID != org):
			return apierr.Invalid(prefix+"service_instance_id", "service_instance_id.of_organization",
				"no service %s in the order's organization", ids.Format(ids.Service, *v.ServiceInstanceID))
		case err != nil:
			return err
		case v.WorkspaceID != nil && si.WorkspaceID != *v.WorkspaceID:
			return apierr.Invalid(prefix+"service_instance_id", "service_instance_id.of_workspace",
				"%s runs in another workspace than the order's", si.Name)
		case v.WorkspaceID == nil:
			v.WorkspaceID = &si.WorkspaceID
		}
	}
	if v.AssigneeID != nil {
		u, err := c.User.Query().Where(user.ID(*v.AssigneeID)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			return apierr.Invalid(prefix+"assignee_id", "assignee_id.exists", "no user %s", ids.Format(ids.User, *v.AssigneeID))
		case err != nil:
			return err
		case u.PlatformRole == user.PlatformRoleUSER:
			return apierr.Invalid(prefix+"assignee_id", "assignee_id.staff", "%s is a customer's user; orders are assigned to staff", u.Email)
		}
	}
	return nil
}

// load reads an order with what it refers to.
func load(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.Order, error) {
	r, err := withNames(c.Order.Query().Where(order.ID(id))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("order", ids.Format(ids.Order, id))
	}
	if err != nil {
		return nil, fmt.Errorf("get order: %w", err)
	}
	return r, nil
}

// Create opens an order for an organization.
func (s *Service) Create(ctx context.Context, orgID uuid.UUID, v Values) (*Order, error) {
	if v.Priority == "" {
		v.Priority = Normal
	}
	var in Values
	leaves := Paths
	mask.Apply(&in, v, leaves)
	if err := mask.Check(in, leaves, ""); err != nil {
		return nil, err
	}
	var out Order
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		o, err := s.createIn(ctx, tx, log, orgID, in)
		out = o
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, s.withProgress(ctx, &out)
}

// CreateIn opens an order for an organization in tx, for a change of
// another area that records work for staff with it (the Licence Expiry
// job's task): both are kept, or neither.
func (s *Service) CreateIn(ctx context.Context, tx *ent.Tx, log *audit.Log, orgID uuid.UUID, v Values) (*Order, error) {
	if v.Priority == "" {
		v.Priority = Normal
	}
	var in Values
	mask.Apply(&in, v, Paths)
	if err := mask.Check(in, Paths, ""); err != nil {
		return nil, err
	}
	o, err := s.createIn(ctx, tx, log, orgID, in)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// createIn writes the order of checked values in in tx.
func (s *Service) createIn(ctx context.Context, tx *ent.Tx, log *audit.Log, orgID uuid.UUID, in Values) (out Order, err error) {
	err = func() error {
		org, err := tx.Organization.Query().Where(organization.ID(orgID)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("organization", ids.Format(ids.Organization, orgID))
		}
		if err != nil {
			return err
		}
		if err := orgdomain.Bookable(org); err != nil {
			return err
		}
		if err := checkRefs(ctx, tx.Client(), orgID, &in, ""); err != nil {
			return err
		}
		// The audit chain's head lock serialises changes, so the next
		// number is taken by one order only. Numbers count across the
		// platform: a reseller's staff, who see only their customers'
		// orders, take the next one after everybody's (bookkeeping, so
		// unscoped; only the number is read).
		var last int64
		switch prev, err := tx.Order.Query().Order(order.ByNumber(sql.OrderDesc())).Select(order.FieldNumber).
			First(tenancy.Unscoped(ctx)); {
		case err == nil:
			last = prev.Number
		case !ent.IsNotFound(err): // none yet: the first is number 1
			return err
		}
		now := s.clock.Now()
		_, email := actor(ctx)
		id := uuid.Must(uuid.NewV7())
		err = tx.Order.Create().SetID(id).SetNumber(last + 1).SetOrganizationID(orgID).
			SetNillableWorkspaceID(in.WorkspaceID).SetNillableServiceInstanceID(in.ServiceInstanceID).
			SetTitle(in.Title).SetDescription(in.Description).SetKind(order.Kind(in.Kind)).SetPriority(order.Priority(in.Priority)).
			SetStatus(order.StatusOPEN).SetStatusTime(now).SetNillableAssigneeID(in.AssigneeID).SetNillableDueDate(in.DueDate).
			SetCreatedByEmail(email).SetCreateTime(now).SetUpdateTime(now).Exec(ctx)
		if err != nil {
			return err
		}
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		out = s.orderOf(r)
		st := state(out)
		st["organization_id"] = ids.Format(ids.Organization, orgID)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, id), After: st})
		return nil
	}()
	return out, err
}

// Update changes the fields named in paths. A closed order is refused:
// reopen it first.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string) (*Order, error) {
	leaves, err := mask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var in Values
	mask.Apply(&in, v, leaves)
	if err := mask.Check(in, leaves, "order"); err != nil {
		return nil, err
	}
	var out Order
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := s.orderOf(r)
		next := before.Values
		mask.Apply(&next, in, leaves)
		if next.equal(before.Values) {
			out = before
			return audit.Unchanged
		}
		if Closed(before.Status) {
			return apierr.FailedPrecondition("order #%d is %s; reopen it before changing it", before.Number, strings.ToLower(string(before.Status)))
		}
		if err := checkRefs(ctx, tx.Client(), before.OrganizationID, &next, "order."); err != nil {
			return err
		}
		upd := tx.Order.UpdateOneID(id).SetTitle(next.Title).SetDescription(next.Description).
			SetKind(order.Kind(next.Kind)).SetPriority(order.Priority(next.Priority)).SetUpdateTime(s.clock.Now())
		if next.AssigneeID != nil {
			upd.SetAssigneeID(*next.AssigneeID)
		} else {
			upd.ClearAssigneeID()
		}
		if next.WorkspaceID != nil {
			upd.SetWorkspaceID(*next.WorkspaceID)
		} else {
			upd.ClearWorkspaceID()
		}
		if next.ServiceInstanceID != nil {
			upd.SetServiceInstanceID(*next.ServiceInstanceID)
		} else {
			upd.ClearServiceInstanceID()
		}
		if next.DueDate != nil {
			upd.SetDueDate(*next.DueDate)
		} else {
			upd.ClearDueDate()
		}
		if err := upd.Exec(ctx); err != nil {
			return err
		}
		if r, err = load(ctx, tx.Client(), id); err != nil {
			return err
		}
		out = s.orderOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, id), Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.withProgress(ctx, &out)
}

// SetStatus moves an order along Transitions, with an internal comment
// saying so. The status it has changes nothing.
func (s *Service) SetStatus(ctx context.Context, id uuid.UUID, to Status, reason string) (*Order, error) {
	if !slices.Contains(Statuses(), to) {
		return nil, apierr.Invalid("status", "status.defined", "choose a status")
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return nil, apierr.Invalid("reason", "reason.max_len", "at most 1000 characters")
	}
	var out Order
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := s.orderOf(r)
		from := before.Status
		if from == to {
			out = before
			return audit.Unchanged
		}
		if !CanTransition(from, to) {
			return apierr.FailedPrecondition("order #%d cannot go from %s to %s; from %s it may become %s",
				before.Number, from, to, from, allowedFrom(from))
		}
		if NeedsReason(from, to) && reason == "" {
			what := "cancelled"
			if Closed(from) {
				what = "reopened"
			}
			return apierr.Invalid("reason", "reason.required", "say why the order is %s", what)
		}
		now := s.clock.Now()
		if err := tx.Order.UpdateOneID(id).SetStatus(order.Status(to)).SetStatusTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		if err := comment(ctx, tx, before, Internal, StatusChangedText(from, to, reason), now); err != nil {
			return err
		}
		if r, err = load(ctx, tx.Client(), id); err != nil {
			return err
		}
		out = s.orderOf(r)
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, id), Reason: reason,
			Before: state(before), After: state(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, s.withProgress(ctx, &out)
}

// comment writes a comment the platform words itself.
func comment(ctx context.Context, tx *ent.Tx, o Order, vis Visibility, text coded.Text, now time.Time) error {
	author, email := actor(ctx)
	return tx.OrderComment.Create().SetOrganizationID(o.OrganizationID).SetOrderID(o.ID).SetCreateTime(now).
		SetNillableAuthorID(author).SetAuthorEmail(email).SetVisibility(ordercomment.Visibility(vis)).
		SetText(text.English).SetCode(text.Code).SetParams(text.Params).Exec(ctx)
}

// AddComment writes a comment by the caller.
func (s *Service) AddComment(ctx context.Context, id uuid.UUID, vis Visibility, text string) (*Comment, error) {
	var bad []apierr.FieldViolation
	if !slices.Contains(Visibilities(), vis) {
		bad = append(bad, apierr.FieldViolation{Field: "visibility", Rule: "visibility.defined", Message: "choose CUSTOMER or INTERNAL"})
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.required", Message: "write the comment"})
	case utf8.RuneCountInString(text) > MaxCommentLen:
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.max_len", Message: "at most 4000 characters"})
	}
	if len(bad) > 0 {
		return nil, apierr.InvalidFields(bad...)
	}
	var out Comment
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		o := s.orderOf(r)
		customer := authz.IsCustomer(ctx)
		if customer && Closed(o.Status) {
			return apierr.FailedPrecondition("order #%d is %s; report a new problem instead", o.Number, strings.ToLower(string(o.Status)))
		}
		now := s.clock.Now()
		author, email := actor(ctx)
		c, err := tx.OrderComment.Create().SetOrganizationID(r.OrganizationID).SetOrderID(id).SetCreateTime(now).
			SetNillableAuthorID(author).SetAuthorEmail(email).SetVisibility(ordercomment.Visibility(vis)).SetText(text).Save(ctx)
		if err != nil {
			return err
		}
		out = commentOf(c)
		out.ByCustomer = customer
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, id),
			After: map[string]any{"comment": map[string]any{"visibility": string(vis), "text": text}}})
		// The customer's answer is what the order waited for: it goes
		// back to work at once, and staff see why in its comments.
		if customer && o.Status == WaitingForCustomer {
			if err := tx.Order.UpdateOneID(id).SetStatus(order.Status(InProgress)).SetStatusTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
				return err
			}
			if err := comment(ctx, tx, o, Internal, StatusChangedText(WaitingForCustomer, InProgress, CustomerAnswered), now); err != nil {
				return err
			}
			after := o
			after.Status, after.StatusTime = InProgress, now
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Order, id), Reason: CustomerAnswered,
				Before: state(o), After: state(after)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CustomerAnswered is the reason an order waiting for its customer goes
// back to work when they answer.
const CustomerAnswered = "the customer answered"

// The codes of the comments the platform writes itself.
const codeStatusChanged = "status-changed"

// CommentCodes are the codes of the comments the platform writes, with the
// names of their values, for clients that need every code a text. The
// reason is shown beside the wording as it is.
var CommentCodes = map[string][]string{codeStatusChanged: {"from", "to", "reason"}}

// StatusChangedText is the internal comment for a status change.
func StatusChangedText(from, to Status, reason string) coded.Text {
	s := fmt.Sprintf("Status changed from %s to %s", from, to)
	if reason != "" {
		s += ": " + reason
	}
	return coded.Text{Code: codeStatusChanged, Params: map[string]string{"from": string(from), "to": string(to), "reason": reason},
		English: s}
}
