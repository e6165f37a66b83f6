package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entalert "github.com/leitstand/leitstand/server/ent/alert"
	"github.com/leitstand/leitstand/server/ent/alertlabel"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/order"
	"github.com/leitstand/leitstand/server/ent/ordercomment"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// demoAlerts are what the demo's customers reported, by label.
var demoAlerts = map[string][]string{
	"Service unavailable": {"The cloud shows a 502 error since 8 o'clock.", "Our website is down, visitors see an error page."},
	"Login issues":        {"Two colleagues cannot sign in, the password reset mail does not arrive.", "The app asks for a second factor we never set up."},
	"Performance":         {"Uploads of large files stop at 80 %.", "The shop takes 10 seconds per page in the afternoon."},
	"Billing question":    {"The last invoice shows the storage twice.", "Can we pay yearly instead of monthly?"},
	"Other":               {"Please add our new colleague to the team chat.", "We would like a training for the new calendar."},
}

// Alerts records about thirty problems the demo's customers reported over
// the last weeks, in every priority and status, some about a service, some
// turned into support orders (the order links back), and feedback of every
// rating, some reviewed.
func (s *Seeder) Alerts(ctx context.Context) error {
	ctx = authz.System(ctx)
	if s.AlertDesk != nil {
		if err := s.AlertDesk.EnsureLabels(ctx); err != nil {
			return err
		}
	}
	labels, err := s.Client.AlertLabel.Query().Where(alertlabel.RetireTimeIsNil()).All(ctx)
	if err != nil || len(labels) == 0 {
		return err
	}
	members, err := s.Client.Membership.Query().Where(membership.HasUserWith(user.PlatformRoleEQ(user.PlatformRoleUSER))).
		WithUser().WithOrganization().Order(ent.Asc(membership.FieldOrganizationID), ent.Asc(membership.FieldUserID)).All(ctx)
	if err != nil || len(members) == 0 {
		return err
	}
	services, err := s.Client.ServiceInstance.Query().Where(serviceinstance.StatusNEQ(serviceinstance.StatusDECOMMISSIONED)).All(ctx)
	if err != nil {
		return err
	}
	byOrg := map[uuid.UUID][]*ent.ServiceInstance{}
	for _, si := range services {
		byOrg[si.OrganizationID] = append(byOrg[si.OrganizationID], si)
	}
	lastOrder, err := s.Client.Order.Query().Order(ent.Desc(order.FieldNumber)).First(ctx)
	number := int64(0)
	if err == nil {
		number = lastOrder.Number
	} else if !ent.IsNotFound(err) {
		return err
	}
	rng := rand.New(rand.NewPCG(17, 30))
	now := s.Clock.Now().Truncate(time.Second)
	priorities := []entalert.Priority{entalert.PriorityLOW, entalert.PriorityNORMAL, entalert.PriorityNORMAL, entalert.PriorityHIGH, entalert.PriorityCRITICAL}
	return s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		for n := range 30 {
			m := members[(n*7)%len(members)]
			label := labels[n%len(labels)]
			texts := demoAlerts[label.Name]
			if len(texts) == 0 {
				texts = []string{"Something is not right, please call us."}
			}
			created := now.Add(-time.Duration(1+rng.IntN(21*24)) * time.Hour)
			id := uuid.Must(uuid.NewV7())
			c := tx.Alert.Create().SetID(id).SetOrganizationID(m.OrganizationID).SetLabelID(label.ID).
				SetPriority(priorities[n%len(priorities)]).SetText(texts[rng.IntN(len(texts))]).
				SetReporterID(m.UserID).SetReporterEmail(m.Edges.User.Email).SetCreateTime(created)
			var svc *ent.ServiceInstance
			if own := byOrg[m.OrganizationID]; len(own) > 0 && label.Name != "Billing question" && label.Name != "Other" {
				svc = own[rng.IntN(len(own))]
				c.SetServiceInstanceID(svc.ID).SetWorkspaceID(svc.WorkspaceID)
			}
			status := "OPEN"
			switch n % 5 {
			case 1, 2:
				// Turned into a support order, which works on it.
				number++
				oid := uuid.Must(uuid.NewV7())
				at := created.Add(20 * time.Minute)
				oc := tx.Order.Create().SetID(oid).SetNumber(number).SetOrganizationID(m.OrganizationID).
					SetTitle(label.Name).SetDescription(fmt.Sprintf("Reported by %s:\n\n%s", m.Edges.User.Email, texts[0])).
					SetKind(order.KindSUPPORT).SetPriority(order.Priority(priorities[n%len(priorities)])).
					SetStatus(order.StatusIN_PROGRESS).SetStatusTime(at).SetCreatedByEmail("operator@demo.leitstand.test").
					SetCreateTime(at).SetUpdateTime(at)
				if svc != nil {
					oc.SetServiceInstanceID(svc.ID).SetWorkspaceID(svc.WorkspaceID).SetTitle(label.Name + ": " + svc.Name)
				}
				if err := oc.Exec(ctx); err != nil {
					return err
				}
				c.SetOrderID(oid).SetAcknowledgeTime(at).SetAcknowledgedByEmail("operator@demo.leitstand.test")
				status = "ACKNOWLEDGED"
			case 3:
				at := created.Add(time.Hour)
				c.SetAcknowledgeTime(at).SetAcknowledgedByEmail("operator@demo.leitstand.test").
					SetResolveTime(at.Add(2 * time.Hour)).SetResolvedByEmail("operator@demo.leitstand.test").
					SetResolution("Explained by phone; nothing was broken.")
				status = "RESOLVED"
			}
			c.SetStatus(entalert.Status(status))
			if err := c.Exec(ctx); err != nil {
				return fmt.Errorf("demo alert %d: %w", n, err)
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "alert", TargetID: ids.Format(ids.Alert, id),
				Reason: "demo data", After: map[string]any{"label": label.Name, "status": status}})
		}
		if err := s.demoUsersAlert(ctx, tx, log, members, byOrg, labels, number+1, now); err != nil {
			return err
		}
		areas := []string{"portal/services", "portal/alerts", "portal/orders", "portal/invoices", ""}
		notes := []string{"Good point; on the roadmap for the next quarter.", "Answered the customer by mail.", ""}
		for n := range 24 {
			m := members[(n*5)%len(members)]
			created := now.Add(-time.Duration(1+rng.IntN(30*24)) * time.Hour)
			rating := 1 + (n*3)%5
			fid := uuid.Must(uuid.NewV7())
			f := tx.Feedback.Create().SetID(fid).SetUserID(m.UserID).SetUserEmail(m.Edges.User.Email).SetRating(rating).
				SetText(feedbackTexts[rating-1]).SetArea(areas[n%len(areas)]).SetCreateTime(created)
			if n%3 == 0 {
				f.SetReviewTime(created.Add(26 * time.Hour)).SetReviewedByEmail("operator@demo.leitstand.test").SetReviewNote(notes[n%len(notes)])
			}
			if err := f.Exec(ctx); err != nil {
				return err
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "feedback", TargetID: ids.Format(ids.Feedback, fid),
				Reason: "demo data", After: map[string]any{"rating": rating}})
		}
		return nil
	})
}

// feedbackTexts are what the demo's users wrote, by rating.
var feedbackTexts = []string{
	"I could not find where to download our invoices.",
	"The status page was slow to load this morning.",
	"Works, but I would like to see the uptime for a whole year.",
	"Very clear overview of our services.",
	"Great: the alert was answered within ten minutes!",
}

// demoUsersAlert gives the demo USER a story to follow in the portal: a
// problem they reported about one of their services, which staff turned
// into an order that now waits for their answer.
func (s *Seeder) demoUsersAlert(ctx context.Context, tx *ent.Tx, log *audit.Log, members []*ent.Membership,
	byOrg map[uuid.UUID][]*ent.ServiceInstance, labels []*ent.AlertLabel, number int64, now time.Time) error {
	var m *ent.Membership
	for _, x := range members {
		if x.Edges.User.Email == "user@demo.leitstand.test" {
			m = x
		}
	}
	if m == nil || len(byOrg[m.OrganizationID]) == 0 {
		return nil
	}
	own := byOrg[m.OrganizationID]
	svc, label := own[0], labels[0]
	for _, l := range labels {
		if l.Name == "Performance" {
			label = l
		}
	}
	reported := now.Add(-26 * time.Hour)
	at := reported.Add(15 * time.Minute)
	oid, aid := uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())
	text := "Since yesterday morning " + svc.Name + " takes half a minute to open a folder."
	if err := tx.Order.Create().SetID(oid).SetNumber(number).SetOrganizationID(m.OrganizationID).
		SetWorkspaceID(svc.WorkspaceID).SetServiceInstanceID(svc.ID).SetTitle(label.Name + ": " + svc.Name).
		SetDescription("Reported by " + m.Edges.User.Email + ":\n\n" + text).SetKind(order.KindSUPPORT).
		SetPriority(order.PriorityHIGH).SetStatus(order.StatusWAITING_FOR_CUSTOMER).SetStatusTime(now.Add(-3 * time.Hour)).
		SetCreatedByEmail("operator@demo.leitstand.test").SetCreateTime(at).SetUpdateTime(now.Add(-3 * time.Hour)).Exec(ctx); err != nil {
		return err
	}
	if err := tx.OrderComment.Create().SetOrganizationID(m.OrganizationID).SetOrderID(oid).SetCreateTime(now.Add(-3 * time.Hour)).
		SetAuthorEmail("operator@demo.leitstand.test").SetVisibility(ordercomment.VisibilityCUSTOMER).
		SetText("We moved the storage to faster disks overnight. Is opening folders quick again for you?").Exec(ctx); err != nil {
		return err
	}
	if err := tx.Alert.Create().SetID(aid).SetOrganizationID(m.OrganizationID).SetServiceInstanceID(svc.ID).
		SetWorkspaceID(svc.WorkspaceID).SetLabelID(label.ID).SetPriority(entalert.PriorityHIGH).SetText(text).
		SetReporterID(m.UserID).SetReporterEmail(m.Edges.User.Email).SetCreateTime(reported).
		SetStatus(entalert.StatusACKNOWLEDGED).SetAcknowledgeTime(at).SetAcknowledgedByEmail("operator@demo.leitstand.test").
		SetOrderID(oid).Exec(ctx); err != nil {
		return err
	}
	log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "alert", TargetID: ids.Format(ids.Alert, aid),
		Reason: "demo data", After: map[string]any{"label": label.Name, "status": "ACKNOWLEDGED"}})
	return nil
}
