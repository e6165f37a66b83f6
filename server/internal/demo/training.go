package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/membership"
	"github.com/leitstand/leitstand/server/ent/organization"
	entreg "github.com/leitstand/leitstand/server/ent/registration"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/training"
)

// demoCourses are the demo's catalogue.
var demoCourses = []training.CourseValues{
	{Title: "Datenschutz-Grundlagen (DSGVO)", Language: "de", DurationMinutes: 180, ValidityMonths: 12, SeatPriceCents: 14900,
		Description: "Was die DSGVO im Alltag verlangt: Rechtsgrundlagen, Betroffenenrechte, Auftragsverarbeitung, Datenpannen melden."},
	{Title: "IT-Sicherheit für Mitarbeitende", Language: "de", DurationMinutes: 120, ValidityMonths: 12, SeatPriceCents: 9900,
		Description: "Phishing erkennen, sichere Passwörter und zweiter Faktor, Umgang mit Zugangsdaten und mobilen Geräten."},
	{Title: "Incident Response Essentials", Language: "en", DurationMinutes: 240, ValidityMonths: 24, SeatPriceCents: 0,
		Description: "Recognising, escalating and documenting security incidents; the first hour of an outage, step by step."},
}

// Training seeds the catalogue, sessions held in the past with their
// licences in every state (valid, expiring, expired, revoked), a cancelled
// one, and upcoming sessions with registrations and a waitlist.
func (s *Seeder) Training(ctx context.Context) error {
	if s.TrainingService == nil {
		return nil
	}
	ctx = authz.System(ctx)
	orgs, err := s.Client.Organization.Query().Where(organization.StatusEQ(organization.StatusACTIVE)).
		Order(organization.ByName(), organization.ByID()).Limit(6).All(ctx)
	if err != nil || len(orgs) < 3 {
		return err
	}
	staff, err := s.Client.User.Query().Where(user.PlatformRoleIn(user.PlatformRoleOWNER, user.PlatformRoleOPERATOR),
		user.BillingEntityIDIsNil()).Order(ent.Asc(user.FieldEmail)).All(ctx)
	if err != nil || len(staff) == 0 {
		return err
	}
	var courses []*training.Course
	for _, v := range demoCourses {
		c, err := s.TrainingService.CreateCourse(ctx, v)
		if err != nil {
			return fmt.Errorf("course %s: %w", v.Title, err)
		}
		courses = append(courses, c)
	}
	// The people: each organization's members, and two without a login.
	type who struct {
		org         uuid.UUID
		user        *uuid.UUID
		name, email string
	}
	var people []who
	for i, o := range orgs {
		ms, err := s.Client.Membership.Query().Where(membership.OrganizationID(o.ID)).WithUser().
			Order(membership.ByUserID()).Limit(3).All(ctx)
		if err != nil {
			return err
		}
		for _, m := range ms {
			u := m.Edges.User
			name := u.DisplayName
			if name == "" {
				name = u.Email
			}
			people = append(people, who{org: o.ID, user: &u.ID, name: name, email: u.Email})
		}
		first, last := firstNames[(i*7)%len(firstNames)], lastNames[(i*5+3)%len(lastNames)]
		domain := o.BillingEmail[strings.LastIndex(o.BillingEmail, "@")+1:]
		people = append(people, who{org: o.ID, name: first + " " + last,
			email: fmt.Sprintf("%s.%s.extern@%s", strings.ToLower(ascii(first)), strings.ToLower(ascii(last)), domain)})
	}
	loc, err := s.location(ctx, orgs[0].BillingEntityID)
	if err != nil {
		return err
	}
	now := s.Clock.Now().Truncate(time.Minute)
	today := calendar.On(now, loc)
	at := func(d calendar.Date, hour int) time.Time { return d.Start(loc).Add(time.Duration(hour) * time.Hour) }
	// Held sessions: completed that long ago, so that their licences are
	// valid, expiring and expired today.
	held := []struct {
		course    int
		daysAgo   int
		attendees []int
		revoke    int // the attendee whose licence is revoked; -1 none
	}{
		{0, 380, []int{0, 1, 2, 3}, -1}, // expired (12 months)
		{1, 350, []int{4, 5, 6, 7}, -1}, // expiring within 30 days
		{0, 90, []int{8, 9, 10, 11, 1}, 2},
		{2, 40, []int{12, 13, 0, 5}, -1},
	}
	err = s.Audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		all := tenancy.Unscoped(ctx)
		for i, h := range held {
			co := courses[h.course]
			day := today.AddDays(-h.daysAgo)
			start := at(day, 9)
			done := start.Add(time.Duration(co.DurationMinutes) * time.Minute)
			sid := uuid.Must(uuid.NewV7())
			if err := tx.TrainingSession.Create().SetID(sid).SetCourseID(co.ID).SetStartTime(start.UTC()).SetEndTime(done.UTC()).
				SetLocation(demoPlaces[i%len(demoPlaces)]).SetTrainerID(staff[i%len(staff)].ID).SetCapacity(12).
				SetStatus(entsession.StatusCOMPLETED).SetStatusTime(done).SetSeatPriceCents(co.SeatPriceCents).
				SetCurrency(co.Currency).SetCreateTime(start.AddDate(0, 0, -30)).SetUpdateTime(done).Exec(all); err != nil {
				return err
			}
			log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "training_session", TargetID: ids.Format(ids.TrainingSession, sid)})
			from := calendar.On(done, loc)
			until := training.ValidUntil(from, co.ValidityMonths)
			for n, a := range h.attendees {
				p := people[a%len(people)]
				rid := uuid.Must(uuid.NewV7())
				// The last of each roster did not come: no licence.
				attendance := entreg.AttendancePRESENT
				if n == len(h.attendees)-1 && len(h.attendees) > 4 {
					attendance = entreg.AttendanceABSENT
				}
				if err := tx.Registration.Create().SetID(rid).SetSessionID(sid).SetOrganizationID(p.org).SetNillableUserID(p.user).
					SetName(p.name).SetEmail(p.email).SetStatus(entreg.StatusCONFIRMED).SetAttendance(attendance).
					SetCreateTime(start.AddDate(0, 0, -20)).SetUpdateTime(done).Exec(all); err != nil {
					return err
				}
				if attendance != entreg.AttendancePRESENT {
					continue
				}
				lid := uuid.Must(uuid.NewV7())
				create := tx.Licence.Create().SetID(lid).SetOrganizationID(p.org).SetRegistrationID(rid).SetSessionID(sid).
					SetCourseID(co.ID).SetNillableUserID(p.user).SetName(p.name).SetEmail(p.email).SetValidFrom(from.String()).
					SetValidUntil(until.String()).SetVerificationCode(training.NewCode()).SetCreateTime(done).SetUpdateTime(done)
				if n == h.revoke {
					revoked := done.AddDate(0, 0, 20)
					create.SetRevokeTime(revoked).SetRevokeReason("Teilnahme nachträglich nicht bestätigt: die Person war nur die erste Stunde anwesend.")
				}
				if err := create.Exec(all); err != nil {
					return err
				}
				log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "licence", TargetID: ids.Format(ids.Licence, lid)})
			}
		}
		// A session called off.
		co := courses[1]
		start := at(today.AddDays(-12), 14)
		sid := uuid.Must(uuid.NewV7())
		if err := tx.TrainingSession.Create().SetID(sid).SetCourseID(co.ID).SetStartTime(start.UTC()).
			SetEndTime(start.Add(time.Duration(co.DurationMinutes) * time.Minute).UTC()).SetOnlineURL("https://meet.example.com/it-sicherheit").
			SetTrainerID(staff[0].ID).SetCapacity(20).SetStatus(entsession.StatusCANCELLED).SetStatusTime(start.AddDate(0, 0, -3)).
			SetStatusReason("Trainerin erkrankt; die Teilnehmenden sind auf den nächsten Termin umgebucht.").
			SetCreateTime(start.AddDate(0, 0, -40)).SetUpdateTime(start.AddDate(0, 0, -3)).Exec(all); err != nil {
			return err
		}
		log.Record(audit.Event{Action: audit.ActionDemoSeed, TargetType: "training_session", TargetID: ids.Format(ids.TrainingSession, sid)})
		return nil
	})
	if err != nil {
		return err
	}
	// Upcoming sessions through the domain: one nearly full with a
	// waitlist, one online with seats free.
	upcoming := []struct {
		course, inDays, hour, capacity int
		online                         bool
		attendees                      []int
	}{
		{0, 9, 9, 4, false, []int{2, 3, 6, 7, 9, 10}},
		{1, 16, 14, 20, true, []int{0, 4, 8}},
		{2, 30, 10, 12, false, nil},
	}
	for i, u := range upcoming {
		p := training.Place{Start: at(today.AddDays(u.inDays), u.hour), Trainer: staff[(i+1)%len(staff)].ID, Capacity: u.capacity}
		if u.online {
			p.OnlineURL = "https://meet.example.com/schulung-" + fmt.Sprint(i+1)
		} else {
			p.Location = demoPlaces[(i+1)%len(demoPlaces)]
		}
		se, err := s.TrainingService.Schedule(ctx, courses[u.course].ID, p)
		if err != nil {
			return fmt.Errorf("session of %s: %w", courses[u.course].Title, err)
		}
		for _, a := range u.attendees {
			w := people[a%len(people)]
			if _, err := s.TrainingService.Register(ctx, se.ID, w.org, training.Person{User: w.user, Name: w.name, Email: w.email}); err != nil {
				return fmt.Errorf("register %s: %w", w.email, err)
			}
		}
	}
	return nil
}

var demoPlaces = []string{
	"Schulungsraum 2, Hafenstraße 12, 20457 Hamburg",
	"Rechenzentrum Frankfurt, Besprechungsraum Main",
	"Seminarzentrum Köln-Deutz, Raum 4.01",
}
