package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/ordercomment"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/user"
	orders "github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// demoOrders is how many orders the demo opens.
const demoOrders = 40

// orderTemplates are the kinds of work the demo's orders are.
var orderTemplates = []struct {
	kind        orders.Kind
	title, text string
	onService   bool
}{
	{orders.Support, "Login to %s fails for two users", "Two colleagues get \"invalid credentials\" since this morning; passwords were not changed.", true},
	{orders.Support, "%s is slow in the afternoons", "Page loads take 5–10 seconds between 14:00 and 17:00.", true},
	{orders.Support, "Restore a deleted folder in %s", "The folder \"Verträge 2025\" was deleted yesterday around 16:30; please restore it.", true},
	{orders.Change, "Raise the storage quota of %s to 500 GB", "Agreed by phone; the price follows the catalog.", true},
	{orders.Change, "Add a second admin account to %s", "For the new IT lead, Ms. Albers.", true},
	{orders.Change, "Move %s to the new domain", "Switch from the old domain to the new one, with redirects for 6 months.", true},
	{orders.Project, "Onboarding of the new customer", "Set up workspaces, users and the first services; training session afterwards.", false},
	{orders.Project, "Migration from the old file server", "About 2 TB from the customer's NAS; cut-over on a weekend.", false},
	{orders.Other, "Quarterly review meeting", "Go through uptime, tickets and upcoming changes with the customer.", false},
}

// workDone is what the demo's time entries say was done.
var workDone = []string{
	"Analysed the logs and reproduced the problem",
	"Changed the configuration and tested it",
	"Call with the customer to agree the next steps",
	"Copied the data and checked the result",
	"Documented the change in the notes",
}

// processTemplates are the demo's checklists.
var processTemplates = []struct {
	name, description string
	steps             []string
}{
	{"Onboarding", "A new customer, from the signed contract to the first training.", []string{
		"Create the organization and its workspaces", "Invite the customer's admins", "Book the agreed services",
		"Set up backups and monitoring", "Hand over the credentials", "Training session with the customer's team"}},
	{"Migration", "Moving a customer's data and services to the platform.", []string{
		"Inventory of the old systems", "Agree the cut-over date", "Test copy of the data", "Final copy and switch of DNS",
		"Check with the customer", "Switch off the old systems"}},
	{"Offboarding", "A customer leaving: their data handed over, their services taken down.", []string{
		"Confirm the end date in writing", "Export the customer's data", "Hand over the export",
		"Schedule the decommission of every service", "Close the organization"}},
}

// orderPath is the statuses a demo order went through, in order; the last
// is where it stands.
var orderPaths = [][]orders.Status{
	{orders.Open},
	{orders.Open, orders.InProgress},
	{orders.Open, orders.InProgress, orders.WaitingForCustomer},
	{orders.Open, orders.InProgress, orders.Done},
	{orders.Open, orders.InProgress, orders.WaitingForCustomer, orders.InProgress, orders.Done},
	{orders.Open, orders.Cancelled},
}

// Orders opens about forty orders across the demo organizations over the
// last sixty days, in every status, some about a service, most assigned to
// the demo's owner or operator, some with a due date (a few overdue), with
// customer-visible and internal comments and the internal comments their
// status changes wrote.
func (s *Seeder) Orders(ctx context.Context) error {
	ctx = authz.System(ctx)
	orgs, err := s.Client.Organization.Query().Where(organization.StatusEQ(organization.StatusACTIVE)).
		Order(ent.Asc(organization.FieldName)).All(ctx)
	if err != nil || len(orgs) == 0 {
		return err
	}
	running, err := s.Client.ServiceInstance.Query().Where(serviceinstance.StatusNEQ(serviceinstance.StatusDECOMMISSIONED)).
		Order(ent.Asc(serviceinstance.FieldName)).All(ctx)
	if err != nil {
		return err
	}
	services := map[uuid.UUID][]*ent.ServiceInstance{}
	for _, si := range running {
		services[si.OrganizationID] = append(services[si.OrganizationID], si)
	}
	staff, err := s.Client.User.Query().Where(user.PlatformRoleIn(user.PlatformRoleOWNER, user.PlatformRoleOPERATOR)).
		Order(ent.Asc(user.FieldEmail)).All(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(16, 40))
	now := s.Clock.Now().Truncate(time.Second)
	return s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		var templates []*ent.ProcessTemplate
		for _, pt := range processTemplates {
			r, err := tx.ProcessTemplate.Create().SetID(uuid.Must(uuid.NewV7())).SetName(pt.name).SetDescription(pt.description).
				SetSteps(pt.steps).SetCreateTime(now.AddDate(0, -3, 0)).SetUpdateTime(now.AddDate(0, -3, 0)).Save(ctx)
			if err != nil {
				return err
			}
			templates = append(templates, r)
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "process_template",
				TargetID: ids.Format(ids.ProcessTemplate, r.ID), Reason: "demo data", After: map[string]any{"name": pt.name}})
		}
		for n := range demoOrders {
			org := orgs[(n*5)%len(orgs)]
			tpl := orderTemplates[rng.IntN(len(orderTemplates))]
			path := orderPaths[n%len(orderPaths)]
			id := uuid.Must(uuid.NewV7())
			created := now.Add(-time.Duration(2+rng.IntN(60*24)) * time.Hour)
			title := tpl.title
			var svc *ent.ServiceInstance
			if own := services[org.ID]; tpl.onService && len(own) > 0 {
				svc = own[rng.IntN(len(own))]
				title = fmt.Sprintf(tpl.title, svc.Name)
			} else if tpl.onService {
				title = fmt.Sprintf(tpl.title, "the file storage")
			}
			priority := []orders.Priority{orders.Low, orders.Normal, orders.Normal, orders.Normal, orders.High, orders.Critical}[rng.IntN(6)]
			c := tx.Order.Create().SetID(id).SetNumber(int64(n + 1)).SetOrganizationID(org.ID).SetTitle(title).SetDescription(tpl.text).
				SetKind(order.Kind(tpl.kind)).SetPriority(order.Priority(priority)).SetCreateTime(created).
				SetCreatedByEmail("operator@demo.leitstand.test")
			if svc != nil {
				c.SetServiceInstanceID(svc.ID).SetWorkspaceID(svc.WorkspaceID)
			}
			if len(staff) > 0 && n%4 != 0 {
				c.SetAssigneeID(staff[n%len(staff)].ID)
			}
			if n%3 == 0 {
				// Due within two weeks of its creation: some of those are
				// past by now.
				c.SetDueDate(time.Date(created.Year(), created.Month(), created.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 3+rng.IntN(14)))
			}
			var comments []*ent.OrderCommentCreate
			at := created
			for k := 1; k < len(path); k++ {
				at = at.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
				if at.After(now) {
					at = now.Add(-time.Duration(len(path)-k) * time.Minute)
				}
				reason := ""
				if path[k] == orders.Cancelled {
					reason = "The customer solved it themselves"
				}
				text := orders.StatusChangedText(path[k-1], path[k], reason)
				comments = append(comments, tx.OrderComment.Create().SetOrganizationID(org.ID).SetOrderID(id).SetCreateTime(at).
					SetAuthorEmail("operator@demo.leitstand.test").SetVisibility(ordercomment.VisibilityINTERNAL).
					SetText(text.English).SetCode(text.Code).SetParams(text.Params))
				if path[k] == orders.WaitingForCustomer {
					comments = append(comments, tx.OrderComment.Create().SetOrganizationID(org.ID).SetOrderID(id).
						SetCreateTime(at.Add(time.Minute)).SetAuthorEmail("operator@demo.leitstand.test").
						SetVisibility(ordercomment.VisibilityCUSTOMER).
						SetText("Could you tell us a time this week when we may restart the service?"))
				}
			}
			status := path[len(path)-1]
			c.SetStatus(order.Status(status)).SetStatusTime(at).SetUpdateTime(at)
			if err := c.Exec(ctx); err != nil {
				return fmt.Errorf("demo order %d: %w", n+1, err)
			}
			if err := tx.OrderComment.CreateBulk(comments...).Exec(ctx); err != nil {
				return err
			}
			// A project follows a checklist, ticked as far as it got.
			if tpl.kind == orders.Project {
				pt := templates[n%2] // onboarding or migration
				pid := uuid.Must(uuid.NewV7())
				if err := tx.OrderProcess.Create().SetID(pid).SetOrganizationID(org.ID).SetOrderID(id).SetTemplateID(pt.ID).
					SetName(pt.Name).SetCreateTime(created.Add(time.Minute)).Exec(ctx); err != nil {
					return err
				}
				done := map[orders.Status]int{orders.Open: 0, orders.InProgress: 2, orders.WaitingForCustomer: 3, orders.Done: len(pt.Steps),
					orders.Cancelled: 1}[status]
				var steps []*ent.ProcessStepCreate
				for k, title := range pt.Steps {
					st := tx.ProcessStep.Create().SetID(uuid.Must(uuid.NewV7())).SetOrganizationID(org.ID).SetProcessID(pid).
						SetPosition(k).SetTitle(title)
					if k < done {
						st.SetDoneTime(created.Add(time.Duration(k+1) * time.Hour)).SetDoneByEmail("operator@demo.leitstand.test")
					}
					steps = append(steps, st)
				}
				if err := tx.ProcessStep.CreateBulk(steps...).Exec(ctx); err != nil {
					return err
				}
			}
			// Time worked on it, by its assignee (or the first staff
			// member): none yet on a new or cancelled order; billable
			// except for an internal review; none invoiced yet.
			if len(staff) > 0 && status != orders.Open && status != orders.Cancelled {
				by := staff[0].ID
				if len(staff) > 0 && n%4 != 0 {
					by = staff[n%len(staff)].ID
				}
				var entries []*ent.TimeEntryCreate
				for k := range 1 + rng.IntN(4) {
					worked := created.Add(time.Duration(k*24+rng.IntN(20)) * time.Hour)
					if worked.After(now) {
						break
					}
					entries = append(entries, tx.TimeEntry.Create().SetOrganizationID(org.ID).SetOrderID(id).SetUserID(by).
						SetDate(time.Date(worked.Year(), worked.Month(), worked.Day(), 0, 0, 0, 0, time.UTC)).
						SetMinutes(15*(1+rng.IntN(12))).SetDescription(workDone[rng.IntN(len(workDone))]).
						SetBillable(tpl.kind != orders.Other).SetCreateTime(worked).SetUpdateTime(worked))
				}
				if err := tx.TimeEntry.CreateBulk(entries...).Exec(ctx); err != nil {
					return err
				}
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "order", TargetID: ids.Format(ids.Order, id),
				Reason: "demo data", After: map[string]any{"number": n + 1, "title": title, "status": string(status)}})
		}
		return nil
	})
}
