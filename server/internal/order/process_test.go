package order_test

import (
	"slices"
	"testing"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// A process is a copy of its template: editing or deleting the template
// changes no process. Steps are ticked with who and when, and the order
// shows its progress; a closed order's steps stay as they are.
func TestProcessesAreCopiesOfTheirTemplates(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
		tpl, err := env.Orders.CreateTemplate(op, order.TemplateValues{Name: " Onboarding ", Steps: []string{"Create workspaces", " Invite users ", "Training"}})
		if err != nil || tpl.Name != "Onboarding" || !slices.Equal(tpl.Steps, []string{"Create workspaces", "Invite users", "Training"}) {
			t.Fatalf("template = %+v %v", tpl, err)
		}
		before := env.Fingerprint(t)
		_, err = env.Orders.CreateTemplate(op, order.TemplateValues{Name: "ONBOARDING", Steps: []string{"x"}})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "process_template.name")
		_, err = env.Orders.CreateTemplate(op, order.TemplateValues{Name: "Empty"})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "process_template.steps")
		_, err = env.Orders.CreateTemplate(op, order.TemplateValues{Name: "Blank step", Steps: []string{"a", " "}})
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "process_template.steps")
		if env.Fingerprint(t) != before {
			t.Error("a refused template changed something")
		}

		o, err := env.Orders.Create(op, f.org, order.Values{Title: "New customer", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		p, err := env.Orders.AddProcess(op, o.ID, tpl.ID)
		if err != nil || p.Name != "Onboarding" || len(p.Steps) != 3 || p.Steps[1].Title != "Invite users" {
			t.Fatalf("process = %+v %v", p, err)
		}
		// The template changes; the process does not.
		if _, err := env.Orders.UpdateTemplate(op, tpl.ID, order.TemplateValues{Steps: []string{"Only one step"}}, []string{"steps"}); err != nil {
			t.Fatal(err)
		}
		p, err = env.Orders.SetStep(op, o.ID, p.Steps[0].ID, true)
		if err != nil || len(p.Steps) != 3 || p.Steps[0].DoneTime == nil || p.Steps[0].DoneBy != "lead@example.com" || p.Steps[1].DoneTime != nil {
			t.Fatalf("ticked = %+v %v", p, err)
		}
		seq := env.LastSeq(t)
		if _, err := env.Orders.SetStep(op, o.ID, p.Steps[0].ID, true); err != nil {
			t.Fatal(err)
		}
		env.NoEventsSince(t, seq)
		got, err := env.Orders.Get(op, o.ID)
		if err != nil || got.StepsDone != 1 || got.StepsTotal != 3 {
			t.Errorf("progress = %d of %d %v", got.StepsDone, got.StepsTotal, err)
		}
		page, err := env.Orders.List(op, order.Filter{})
		if err != nil || page.Items[0].StepsDone != 1 || page.Items[0].StepsTotal != 3 {
			t.Errorf("progress in the list = %+v %v", page.Items, err)
		}

		// Deleting the template keeps the process, without its reference.
		if err := env.Orders.DeleteTemplate(op, tpl.ID); err != nil {
			t.Fatal(err)
		}
		ps, err := env.Orders.Processes(op, o.ID)
		if err != nil || len(ps) != 1 || ps[0].TemplateID != nil || len(ps[0].Steps) != 3 {
			t.Errorf("processes after the template went = %+v %v", ps, err)
		}

		// A closed order's steps are kept as they are.
		if _, err := env.Orders.SetStatus(op, o.ID, order.Done, ""); err != nil {
			t.Fatal(err)
		}
		_, err = env.Orders.SetStep(op, o.ID, ps[0].Steps[2].ID, true)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		apptest.WantErr(t, env.Orders.RemoveProcess(op, o.ID, ps[0].ID), apierr.ErrFailedPrecondition)
		// A step of another order is not found through this one.
		other, err := env.Orders.Create(op, f.org, order.Values{Title: "Other", Kind: order.Support})
		if err != nil {
			t.Fatal(err)
		}
		_, err = env.Orders.SetStep(op, other.ID, ps[0].Steps[2].ID, true)
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}

// Templates are the platform's: a reseller's staff use them on their
// customers' orders and change none.
func TestResellersUseTemplatesAndChangeNone(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		sys := authz.System(t.Context())
		tpl, err := env.Orders.CreateTemplate(sys, order.TemplateValues{Name: "Migration", Steps: []string{"Plan", "Copy", "Switch"}})
		if err != nil {
			t.Fatal(err)
		}
		be, owner := env.ResellerOwner(t, "Reseller Nord", "owner@reseller.example")
		rctx := env.As(t, owner)
		o, err := env.Orders.Create(rctx, env.ResellerOrg(t, be, "Kunde Nord"), order.Values{Title: "Move", Kind: order.Project})
		if err != nil {
			t.Fatal(err)
		}
		if ts, err := env.Orders.Templates(rctx); err != nil || len(ts) != 1 {
			t.Errorf("templates a reseller reads = %+v %v", ts, err)
		}
		if _, err := env.Orders.AddProcess(rctx, o.ID, tpl.ID); err != nil {
			t.Errorf("a reseller adds a process: %v", err)
		}
		_, err = env.Orders.UpdateTemplate(rctx, tpl.ID, order.TemplateValues{Name: "Mine"}, []string{"name"})
		apptest.WantErr(t, err, apierr.ErrPermissionDenied)
		_, err = env.Orders.CreateTemplate(rctx, order.TemplateValues{Name: "Mine", Steps: []string{"x"}})
		apptest.WantErr(t, err, apierr.ErrPermissionDenied)
	})
}
