// Package savedview keeps what a member of staff arranges in the
// administration panel on the server: the saved views of the list pages
// (filters, sort and columns under a name, private or shared with their
// team) and the widgets of their dashboard.
//
// The team is the staff of the author's billing entity: the licensee's
// staff share with each other, a reseller's staff with that reseller's.
// The data layer already keeps a reseller's staff to the rows of their own
// entity's users (ownedByUser); who among those sees a view is this
// package's rule (visible): its author, and their team when it is shared.
// A customer's user has no administration panel and is refused.
package savedview

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/predicate"
	entview "github.com/leitstand/leitstand/server/ent/savedview"
	entuser "github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// The bounds of a view.
const (
	// MaxPerPage is how many views one user keeps of one list page.
	MaxPerPage = 50
	// MaxName is the length of a view's name, in characters.
	MaxName = 80
	// MaxParameters is how many search parameters a view keeps; their
	// names and values are bounded by MaxParameterName and
	// MaxParameterValue characters.
	MaxParameters     = 30
	MaxParameterName  = 50
	MaxParameterValue = 1000
	// MaxColumns is how many columns a view names.
	MaxColumns = 40
)

// Pages are the list pages views are saved of: the keys the panel's lists
// name themselves by.
var Pages = []string{"organizations", "signups", "accounts", "at_risk", "upgrades", "partners",
	"invoices", "payments", "dunning", "bank_statements", "orders", "templates", "services", "alerts",
	"servers", "connections", "containers", "members", "audit", "jobs", "catalog", "plans", "webhooks",
	"billing_entities", "courses", "sessions", "licences", "feedback", "offers", "images",
	"usage_reports", "wholesale"}

// KnownPage reports whether p is one of Pages.
func KnownPage(p string) bool { return slices.Contains(Pages, p) }

// targetType is what the audit trail calls a view.
const targetType = "saved_view"

// Service keeps the views and the dashboard layouts.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the service.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

// Values are what a caller sets on a view.
type Values struct {
	Page       string
	Name       string
	Parameters map[string]string
	Columns    []string
	Shared     bool
}

// View is a view as a caller sees it.
type View struct {
	ID     uuid.UUID
	Author uuid.UUID
	// AuthorName is the author's display name.
	AuthorName string
	// Own: the caller wrote it.
	Own bool
	Values
	Created, Updated time.Time
}

// team is whom a staff caller shares views with: a reseller's billing
// entity, or nil for the licensee's staff.
type team struct {
	user uuid.UUID
	be   *uuid.UUID
}

// staff returns the caller as a member of staff, and refuses everyone
// else: a customer's user (whose panel is the portal), and the server
// acting on its own, which has no views.
func staff(ctx context.Context) (team, error) {
	p := authz.FromContext(ctx)
	if p == nil || p.Method == authz.MethodSystem || p.UserID == uuid.Nil {
		return team{}, apierr.PermissionDenied("saved views and dashboards are a signed-in user's own")
	}
	if p.Customer() {
		return team{}, apierr.PermissionDenied("saved views and dashboards belong to the administration panel; customers' users work in the customer portal")
	}
	c := tenancy.CallerOf(ctx)
	t := team{user: p.UserID}
	if c.Kind == tenancy.Reseller {
		be := c.BillingEntity
		t.be = &be
	}
	return t, nil
}

// visible is the rule of who sees a view: its author, and, when it is
// shared, the staff of the same billing entity.
func visible(t team) predicate.SavedView {
	teamOf := entview.TeamIDIsNil()
	if t.be != nil {
		teamOf = entview.TeamID(*t.be)
	}
	return entview.Or(entview.UserID(t.user), entview.And(entview.Shared(true), teamOf))
}

func state(v Values) map[string]any {
	return map[string]any{"page": v.Page, "name": v.Name, "parameters": v.Parameters, "columns": v.Columns, "shared": v.Shared}
}

// check checks v as it will be stored; prefix is the field path of the
// values in the request.
func check(v Values, prefix string) error {
	if !KnownPage(v.Page) {
		return apierr.Invalid(apierr.Path(prefix, "page"), "page.known", "%q is not a list page (one of %s)", v.Page, strings.Join(Pages, ", "))
	}
	if n := utf8.RuneCountInString(v.Name); n == 0 || n > MaxName {
		return apierr.Invalid(apierr.Path(prefix, "name"), "name.length", "name the view in 1 to %d characters", MaxName)
	}
	if len(v.Parameters) > MaxParameters {
		return apierr.Invalid(apierr.Path(prefix, "parameters"), "parameters.max", "a view keeps at most %d search parameters, not %d", MaxParameters, len(v.Parameters))
	}
	for _, k := range slices.Sorted(maps.Keys(v.Parameters)) {
		if n := utf8.RuneCountInString(k); n == 0 || n > MaxParameterName {
			return apierr.Invalid(apierr.Key(apierr.Path(prefix, "parameters"), k), "parameters.name", "a parameter's name has 1 to %d characters", MaxParameterName)
		}
		if utf8.RuneCountInString(v.Parameters[k]) > MaxParameterValue {
			return apierr.Invalid(apierr.Key(apierr.Path(prefix, "parameters"), k), "parameters.value", "a parameter's value has at most %d characters", MaxParameterValue)
		}
	}
	if len(v.Columns) > MaxColumns {
		return apierr.Invalid(apierr.Path(prefix, "columns"), "columns.max", "a view names at most %d columns", MaxColumns)
	}
	for i, c := range v.Columns {
		if n := utf8.RuneCountInString(c); n == 0 || n > MaxParameterName {
			return apierr.Invalid(apierr.Index(apierr.Path(prefix, "columns"), i), "columns.name", "a column's id has 1 to %d characters", MaxParameterName)
		}
		if slices.Index(v.Columns, c) < i {
			return apierr.Invalid(apierr.Index(apierr.Path(prefix, "columns"), i), "columns.unique", "the column %q is named twice", c)
		}
	}
	return nil
}

// normalised is v as it is stored: the name trimmed, empty maps and lists
// rather than nil.
func normalised(v Values) Values {
	v.Name = strings.TrimSpace(v.Name)
	if v.Parameters == nil {
		v.Parameters = map[string]string{}
	} else {
		v.Parameters = maps.Clone(v.Parameters)
	}
	v.Columns = append([]string{}, v.Columns...)
	return v
}

// List returns the views of page the caller may apply: their own first,
// then the team's, each by name.
func (s *Service) List(ctx context.Context, page string) ([]View, error) {
	t, err := staff(ctx)
	if err != nil {
		return nil, err
	}
	if !KnownPage(page) {
		return nil, apierr.Invalid("page", "page.known", "%q is not a list page (one of %s)", page, strings.Join(Pages, ", "))
	}
	rows, err := s.client.SavedView.Query().Where(entview.Page(page), visible(t)).
		Order(ent.Asc(entview.FieldName), ent.Asc(entview.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.authors(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]View, 0, len(rows))
	for _, r := range rows {
		out = append(out, viewOf(r, t, names))
	}
	slices.SortStableFunc(out, func(a, b View) int {
		switch {
		case a.Own == b.Own:
			return 0
		case a.Own:
			return -1
		}
		return 1
	})
	return out, nil
}

// authors are the display names of the rows' authors.
func (s *Service) authors(ctx context.Context, rows []*ent.SavedView) (map[uuid.UUID]string, error) {
	var idList []uuid.UUID
	for _, r := range rows {
		if !slices.Contains(idList, r.UserID) {
			idList = append(idList, r.UserID)
		}
	}
	users, err := s.client.User.Query().Where(entuser.IDIn(idList...)).Select(entuser.FieldID, entuser.FieldDisplayName).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(users))
	for _, u := range users {
		out[u.ID] = u.DisplayName
	}
	return out, nil
}

func viewOf(r *ent.SavedView, t team, names map[uuid.UUID]string) View {
	return View{ID: r.ID, Author: r.UserID, AuthorName: names[r.UserID], Own: r.UserID == t.user,
		Values:  Values{Page: r.Page, Name: r.Name, Parameters: maps.Clone(r.Parameters), Columns: slices.Clone(r.Columns), Shared: r.Shared},
		Created: r.CreateTime, Updated: r.UpdateTime}
}

// Create saves a view as the caller's.
func (s *Service) Create(ctx context.Context, v Values) (View, error) {
	t, err := staff(ctx)
	if err != nil {
		return View{}, err
	}
	v = normalised(v)
	if err := check(v, "view"); err != nil {
		return View{}, err
	}
	var out *ent.SavedView
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		mine := tx.SavedView.Query().Where(entview.UserID(t.user), entview.Page(v.Page))
		n, err := mine.Clone().Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxPerPage {
			return apierr.FailedPrecondition("you keep %d views of this page already, the most there may be; delete one first", MaxPerPage)
		}
		if taken, err := mine.Where(entview.Name(v.Name)).Exist(ctx); err != nil {
			return err
		} else if taken {
			return apierr.AlreadyExists("you have a view of this page named %q already", v.Name)
		}
		now := s.clock.Now()
		c := tx.SavedView.Create().SetUserID(t.user).SetPage(v.Page).SetName(v.Name).SetParameters(v.Parameters).
			SetColumns(v.Columns).SetShared(v.Shared).SetCreateTime(now).SetUpdateTime(now)
		if t.be != nil {
			c.SetTeamID(*t.be)
		}
		out, err = c.Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.SavedView, out.ID), After: state(v)})
		return nil
	})
	if err != nil {
		return View{}, err
	}
	return s.one(ctx, out, t)
}

func (s *Service) one(ctx context.Context, r *ent.SavedView, t team) (View, error) {
	names, err := s.authors(ctx, []*ent.SavedView{r})
	if err != nil {
		return View{}, err
	}
	return viewOf(r, t, names), nil
}

// own loads one of the caller's views for a change: another's view they
// see (the team's) is theirs to apply only, one they do not see is not
// found.
func own(ctx context.Context, c *ent.Client, t team, id uuid.UUID) (*ent.SavedView, error) {
	r, err := c.SavedView.Query().Where(entview.ID(id), visible(t)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("saved view", ids.Format(ids.SavedView, id))
	}
	if err != nil {
		return nil, err
	}
	if r.UserID != t.user {
		return nil, apierr.FailedPrecondition("only the view's author changes it; save it as a view of your own instead")
	}
	return r, nil
}

// mask is how an update changes a view.
var mask = fieldmask.Mask[Values]{Fields: []fieldmask.Field[Values]{
	{Path: "name", Copy: func(d *Values, s Values) { d.Name = s.Name }},
	{Path: "parameters", Copy: func(d *Values, s Values) { d.Parameters = maps.Clone(s.Parameters) }},
	{Path: "columns", Copy: func(d *Values, s Values) { d.Columns = slices.Clone(s.Columns) }},
	{Path: "shared", Copy: func(d *Values, s Values) { d.Shared = s.Shared }},
}}

// Update changes the fields of one of the caller's views named in paths.
func (s *Service) Update(ctx context.Context, id uuid.UUID, v Values, paths []string) (View, error) {
	t, err := staff(ctx)
	if err != nil {
		return View{}, err
	}
	leaves, err := mask.Expand(paths)
	if err != nil {
		return View{}, err
	}
	var out *ent.SavedView
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := own(ctx, tx.Client(), t, id)
		if err != nil {
			return err
		}
		before := viewOf(r, t, nil).Values
		after := normalised(before)
		mask.Apply(&after, normalised(v), leaves)
		after = normalised(after)
		if err := check(after, "view"); err != nil {
			return err
		}
		if after.Name == before.Name && maps.Equal(after.Parameters, before.Parameters) &&
			slices.Equal(after.Columns, before.Columns) && after.Shared == before.Shared {
			out = r
			return audit.Unchanged
		}
		if after.Name != before.Name {
			taken, err := tx.SavedView.Query().Where(entview.UserID(t.user), entview.Page(r.Page), entview.Name(after.Name)).Exist(ctx)
			if err != nil {
				return err
			}
			if taken {
				return apierr.AlreadyExists("you have a view of this page named %q already", after.Name)
			}
		}
		out, err = tx.SavedView.UpdateOne(r).SetName(after.Name).SetParameters(after.Parameters).SetColumns(after.Columns).
			SetShared(after.Shared).SetUpdateTime(s.clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.SavedView, id), Before: state(before), After: state(after)})
		return nil
	})
	if err != nil {
		return View{}, err
	}
	return s.one(ctx, out, t)
}

// Delete removes one of the caller's views.
func (s *Service) Delete(ctx context.Context, id uuid.UUID) error {
	t, err := staff(ctx)
	if err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := own(ctx, tx.Client(), t, id)
		if err != nil {
			return err
		}
		if err := tx.SavedView.DeleteOne(r).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.SavedView, id), Before: state(viewOf(r, t, nil).Values)})
		return nil
	})
}

// Names names views for the audit trail, of those the caller sees.
func (s *Service) Names(ctx context.Context, idList []uuid.UUID) (map[uuid.UUID]string, error) {
	t, err := staff(ctx)
	if err != nil {
		return map[uuid.UUID]string{}, nil
	}
	rows, err := s.client.SavedView.Query().Where(entview.IDIn(idList...), visible(t)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
