package savedview

import (
	"context"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/ent"
	entlayout "github.com/leitstand/leitstand/server/ent/dashboardlayout"
	"github.com/leitstand/leitstand/server/ent/schema"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Widget is a widget of the dashboard and the permissions that read what
// it shows: a caller holding any of them may place it.
type Widget struct {
	ID    string
	AnyOf []authz.Permission
}

// Widgets are the dashboard's widgets in the default order: how the
// business is doing, then what needs attention.
var Widgets = []Widget{
	{ID: "key_figures", AnyOf: []authz.Permission{authz.OrganizationsRead, authz.InvoicesRead}},
	{ID: "revenue", AnyOf: []authz.Permission{authz.InvoicesRead}},
	{ID: "top_customers", AnyOf: []authz.Permission{authz.InvoicesRead}},
	{ID: "server_health", AnyOf: []authz.Permission{authz.ServersRead}},
	{ID: "failing_syncs", AnyOf: []authz.Permission{authz.ServersRead}},
	{ID: "failed_runs", AnyOf: []authz.Permission{jobsRead}},
	{ID: "recent_changes", AnyOf: []authz.Permission{authz.AuditRead}},
}

// WidgetIDs lists the widgets' ids.
func WidgetIDs() []string {
	out := make([]string, len(Widgets))
	for i, w := range Widgets {
		out[i] = w.ID
	}
	return out
}

// Placed is a widget of a layout.
type Placed struct {
	ID     string
	Hidden bool
}

// Layout is a caller's dashboard.
type Layout struct {
	Widgets []Placed
	// Customised: the caller arranged it; false for the default.
	Customised bool
}

// allowed are the ids of the widgets p may place, in the default order.
func allowed(p *authz.Principal) []string {
	var out []string
	for _, w := range Widgets {
		if slices.ContainsFunc(w.AnyOf, p.Has) {
			out = append(out, w.ID)
		}
	}
	return out
}

// arrange is the layout of stored widgets (nil: none stored) for a caller
// who may place allowed: the stored ones they still may, in their order,
// then the allowed ones the stored layout does not name, shown.
func arrange(stored []schema.LayoutWidget, allowed []string, customised bool) Layout {
	out := Layout{Widgets: []Placed{}, Customised: customised}
	for _, w := range stored {
		if slices.Contains(allowed, w.ID) {
			out.Widgets = append(out.Widgets, Placed{ID: w.ID, Hidden: w.Hidden})
		}
	}
	for _, id := range allowed {
		if !slices.ContainsFunc(out.Widgets, func(p Placed) bool { return p.ID == id }) {
			out.Widgets = append(out.Widgets, Placed{ID: id})
		}
	}
	return out
}

// Layout returns the caller's dashboard.
func (s *Service) Layout(ctx context.Context) (Layout, error) {
	t, err := staff(ctx)
	if err != nil {
		return Layout{}, err
	}
	r, err := s.client.DashboardLayout.Query().Where(entlayout.UserID(t.user)).Only(ctx)
	if ent.IsNotFound(err) {
		return arrange(nil, allowed(authz.FromContext(ctx)), false), nil
	}
	if err != nil {
		return Layout{}, err
	}
	return arrange(r.Widgets, allowed(authz.FromContext(ctx)), true), nil
}

// layoutTarget is what the audit trail calls a layout.
const layoutTarget = "dashboard_layout"

func layoutState(ws []schema.LayoutWidget) map[string]any {
	shown, hidden := []string{}, []string{}
	for _, w := range ws {
		if w.Hidden {
			hidden = append(hidden, w.ID)
		} else {
			shown = append(shown, w.ID)
		}
	}
	return map[string]any{"widgets": shown, "hidden": hidden}
}

// SetLayout stores the caller's widgets in order. Every widget must be
// known, named once, and one the caller's permissions allow.
func (s *Service) SetLayout(ctx context.Context, widgets []Placed) (Layout, error) {
	t, err := staff(ctx)
	if err != nil {
		return Layout{}, err
	}
	mine := allowed(authz.FromContext(ctx))
	stored := make([]schema.LayoutWidget, 0, len(widgets))
	for i, w := range widgets {
		field := apierr.Path(apierr.Index("widgets", i), "widget_id")
		switch {
		case !slices.Contains(WidgetIDs(), w.ID):
			return Layout{}, apierr.Invalid(field, "widget.known", "%q is not a widget of the dashboard (one of %s)", w.ID, strings.Join(WidgetIDs(), ", "))
		case !slices.Contains(mine, w.ID):
			return Layout{}, apierr.Invalid(field, "widget.allowed", "your permissions do not show the widget %q", w.ID)
		case slices.ContainsFunc(stored, func(l schema.LayoutWidget) bool { return l.ID == w.ID }):
			return Layout{}, apierr.Invalid(field, "widget.unique", "the widget %q is named twice", w.ID)
		}
		stored = append(stored, schema.LayoutWidget{ID: w.ID, Hidden: w.Hidden})
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.DashboardLayout.Query().Where(entlayout.UserID(t.user)).Only(ctx)
		now := s.clock.Now()
		target := ids.Format(ids.User, t.user)
		switch {
		case ent.IsNotFound(err):
			if _, err := tx.DashboardLayout.Create().SetUserID(t.user).SetWidgets(stored).SetCreateTime(now).SetUpdateTime(now).Save(ctx); err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: layoutTarget, TargetID: target, After: layoutState(stored)})
			return nil
		case err != nil:
			return err
		case slices.Equal(r.Widgets, stored):
			return audit.Unchanged
		}
		if _, err := tx.DashboardLayout.UpdateOne(r).SetWidgets(stored).SetUpdateTime(now).Save(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: layoutTarget, TargetID: target, Before: layoutState(r.Widgets), After: layoutState(stored)})
		return nil
	})
	if err != nil {
		return Layout{}, err
	}
	return arrange(stored, mine, true), nil
}

// ResetLayout forgets the caller's arrangement.
func (s *Service) ResetLayout(ctx context.Context) (Layout, error) {
	t, err := staff(ctx)
	if err != nil {
		return Layout{}, err
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.DashboardLayout.Query().Where(entlayout.UserID(t.user)).Only(ctx)
		if ent.IsNotFound(err) {
			return audit.Unchanged
		}
		if err != nil {
			return err
		}
		if err := tx.DashboardLayout.DeleteOne(r).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: layoutTarget, TargetID: ids.Format(ids.User, t.user), Before: layoutState(r.Widgets)})
		return nil
	})
	if err != nil {
		return Layout{}, err
	}
	return arrange(nil, allowed(authz.FromContext(ctx)), false), nil
}

// jobsRead reads the job runs (the failed runs' widget).
const jobsRead = authz.Permission("JOBS_READ")
