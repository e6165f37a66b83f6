package training_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/member"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/training"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestALicenceIsValidForItsMonthsToTheSameDayOrTheMonthsLast(t *testing.T) {
	for _, c := range []struct {
		from   calendar.Date
		months int
		want   calendar.Date
	}{
		{calendar.D(2028, time.February, 29), 12, calendar.D(2029, time.February, 28)},
		{calendar.D(2027, time.March, 14), 12, calendar.D(2028, time.March, 14)},
		{calendar.D(2027, time.January, 31), 1, calendar.D(2027, time.February, 28)},
		{calendar.D(2027, time.August, 31), 6, calendar.D(2028, time.February, 29)},
		{calendar.D(2026, time.December, 15), 24, calendar.D(2028, time.December, 15)},
		{calendar.D(2026, time.November, 30), 3, calendar.D(2027, time.February, 28)},
	} {
		if got := training.ValidUntil(c.from, c.months); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
	until := calendar.D(2027, time.March, 31)
	for _, c := range []struct {
		day     calendar.Date
		revoked bool
		want    string
	}{
		{calendar.D(2027, time.February, 28), false, training.Valid},
		{calendar.D(2027, time.March, 1), false, training.Expiring},
		{calendar.D(2027, time.March, 31), false, training.Expiring},
		{calendar.D(2027, time.April, 1), false, training.Expired},
		{calendar.D(2027, time.January, 1), true, training.Revoked},
	} {
		if got := training.StateOn(until, c.revoked, c.day); got != c.want {
			t.Errorf("valid until %s, on %s (revoked %t) = %s, want %s", until, c.day, c.revoked, got, c.want)
		}
	}
}

func atField(err error, field string) bool {
	e, ok := apierr.As(err)
	if !ok || e.Kind != apierr.KindInvalidArgument {
		return false
	}
	for _, v := range e.Fields {
		if v.Field == field {
			return true
		}
	}
	return false
}

// course makes a course of 2 hours for 149 € a seat.
func course(t *testing.T, env *apptest.Env, title string) *training.Course {
	t.Helper()
	c, err := env.Training.CreateCourse(authz.System(t.Context()), training.CourseValues{Title: title, Language: "de",
		DurationMinutes: 120, SeatPriceCents: 14900})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func trainer(t *testing.T, env *apptest.Env) uuid.UUID {
	t.Helper()
	return env.User(t, "trainerin@platform.example", authz.RoleOperator).ID
}

// The catalogue refuses bad input at its field, keeps titles unique
// regardless of case, and never deletes a course that had a session.
func TestTheCatalogueRefusesBadCoursesAndKeepsHeldOnes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Datenschutz-Grundlagen")
		staff := trainer(t, env)
		if c.ValidityMonths != 12 || c.Currency != "EUR" || c.Retired {
			t.Errorf("course = %+v, want 12 months, EUR, active", c)
		}
		bad := []struct {
			v     training.CourseValues
			field string
		}{
			{training.CourseValues{Title: "  ", Language: "de", DurationMinutes: 60}, "course.title"},
			{training.CourseValues{Title: "DATENSCHUTZ-grundlagen", Language: "de", DurationMinutes: 60}, "course.title"},
			{training.CourseValues{Title: "Neu", Language: "fr", DurationMinutes: 60}, "course.language"},
			{training.CourseValues{Title: "Neu", Language: "de", DurationMinutes: 5}, "course.duration_minutes"},
			{training.CourseValues{Title: "Neu", Language: "de", DurationMinutes: 60, SeatPriceCents: -1}, "course.seat_price_cents"},
			{training.CourseValues{Title: "Neu", Language: "de", DurationMinutes: 60, ValidityMonths: 121}, "course.validity_months"},
		}
		for _, b := range bad {
			if _, err := env.Training.CreateCourse(sys, b.v); !atField(err, b.field) {
				t.Errorf("create %+v = %v, want invalid at %s", b.v, err, b.field)
			}
		}
		if _, err := env.Training.UpdateCourse(sys, c.ID, training.CourseValues{}, []string{"currency"}); !atField(err, "update_mask") {
			t.Errorf("update of currency = %v", err)
		}
		if _, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: staff, Capacity: 5}); err != nil {
			t.Fatal(err)
		}
		if err := env.Training.DeleteCourse(sys, c.ID); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("deleting a course with a session = %v", err)
		}
		r, err := env.Training.UpdateCourse(sys, c.ID, training.CourseValues{Retired: true}, []string{"retired"})
		if err != nil || !r.Retired {
			t.Fatalf("retire = %+v %v", r, err)
		}
		if _, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: staff, Capacity: 5}); !atField(err, "course_id") {
			t.Errorf("a session of a retired course = %v", err)
		}
		page, err := env.Training.Courses(sys, false, 0, "")
		if err != nil || page.Total != 0 {
			t.Errorf("active courses = %+v %v", page, err)
		}
		if page, _ := env.Training.Courses(sys, true, 0, ""); page.Total != 1 || page.Courses[0].SessionCount != 1 {
			t.Errorf("all courses = %+v", page)
		}
		fresh := course(t, env, "Ungenutzt")
		if err := env.Training.DeleteCourse(sys, fresh.ID); err != nil {
			t.Errorf("deleting an unused course: %v", err)
		}
	})
}

// The whole cycle: a session of two seats takes two and waitlists the
// third; nobody is on it twice; a cancellation moves the waitlisted up;
// completing it grants a licence to who was there and charges the seats
// once per organization; completing again grants nothing twice; a late
// mark grants the forgotten one's licence.
func TestASessionFromScheduleToLicences(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "IT-Sicherheit")
		kiel, hamburg := env.Org(t, "Kieler Segel").ID, env.Org(t, "Hamburger Hafen").ID
		staff := trainer(t, env)
		start := env.Clock.Now().Add(48 * time.Hour)

		// Bad places are refused at their field.
		for _, b := range []struct {
			p     training.Place
			field string
		}{
			{training.Place{Start: start, Trainer: staff, Capacity: 2}, "place.location"},
			{training.Place{Start: start, Location: "Kiel", OnlineURL: "https://meet.example", Trainer: staff, Capacity: 2}, "place.location"},
			{training.Place{Start: start, OnlineURL: "http://meet.example", Trainer: staff, Capacity: 2}, "place.online_url"},
			{training.Place{Start: start, Location: "Kiel", Trainer: staff, Capacity: 0}, "place.capacity"},
			{training.Place{Start: start.AddDate(-1, 0, 0), Location: "Kiel", Trainer: staff, Capacity: 2}, "place.start_time"},
			{training.Place{Start: start, Location: "Kiel", Trainer: env.User(t, "kunde@segel.example", authz.RoleUser).ID, Capacity: 2}, "place.trainer_id"},
		} {
			if _, err := env.Training.Schedule(sys, c.ID, b.p); !atField(err, b.field) {
				t.Errorf("schedule %+v = %v, want invalid at %s", b.p, err, b.field)
			}
		}
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: start, Location: "Kiel, Raum 2", Trainer: staff, Capacity: 2})
		if err != nil {
			t.Fatal(err)
		}
		if !se.End.Equal(start.Add(2*time.Hour)) || se.TrainerName == "" || se.Status != training.Scheduled {
			t.Errorf("session = %+v", se)
		}
		reg := func(org uuid.UUID, name, email string) (*training.Registration, error) {
			return env.Training.Register(sys, se.ID, org, training.Person{Name: name, Email: email})
		}
		anna, err := reg(kiel, "Anna Berg", "anna@segel.example")
		if err != nil {
			t.Fatal(err)
		}
		ben, err := reg(kiel, "Ben Kurz", "ben@segel.example")
		if err != nil {
			t.Fatal(err)
		}
		cara, err := reg(hamburg, "Cara Hafen", "cara@hafen.example")
		if err != nil {
			t.Fatal(err)
		}
		if anna.Status != training.Confirmed || ben.Status != training.Confirmed || cara.Status != training.Waitlisted || cara.WaitlistPosition != 1 {
			t.Errorf("registrations = %s %s %s (%d)", anna.Status, ben.Status, cara.Status, cara.WaitlistPosition)
		}
		if _, err := reg(hamburg, "Anna B.", "ANNA@segel.example"); !errors.Is(err, apierr.ErrAlreadyExists) {
			t.Errorf("the same person again = %v", err)
		}
		if _, err := reg(kiel, "", "nobody"); !atField(err, "name") || !atField(err, "email") {
			t.Errorf("no name, bad address = %v", err)
		}
		// A user of another organization is not one of Kiel's people.
		outsider := env.User(t, "someone@else.example", authz.RoleUser)
		if _, err := env.Training.Register(sys, se.ID, kiel, training.Person{User: &outsider.ID}); !atField(err, "user_id") {
			t.Errorf("registering a non-member = %v", err)
		}
		// Ben cancels: Cara moves up.
		cancelled, moved, err := env.Training.CancelRegistration(sys, ben.ID, "krank")
		if err != nil {
			t.Fatal(err)
		}
		if cancelled.Status != training.Cancelled || moved == nil || moved.ID != cara.ID || moved.Status != training.Confirmed {
			t.Errorf("cancel = %+v, moved up %+v", cancelled, moved)
		}
		// Ben may register again; the session is full, so he waits.
		ben2, err := reg(kiel, "Ben Kurz", "ben@segel.example")
		if err != nil || ben2.Status != training.Waitlisted {
			t.Fatalf("Ben again = %+v %v", ben2, err)
		}

		if _, _, err := env.Training.MarkAttendance(sys, anna.ID, training.Present); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("attendance before the start = %v", err)
		}
		if _, _, err := env.Training.Complete(sys, se.ID); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("completing before the start = %v", err)
		}
		env.Clock.Advance(50 * time.Hour)
		if _, _, err := env.Training.MarkAttendance(sys, anna.ID, training.Present); err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Training.MarkAttendance(sys, ben2.ID, training.Present); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("a waitlisted attendee marked present = %v", err)
		}
		done, granted, err := env.Training.Complete(sys, se.ID)
		if err != nil {
			t.Fatal(err)
		}
		today := calendar.On(env.Clock.Now(), time.UTC)
		if done.Status != training.Completed || len(granted) != 1 || granted[0].Name != "Anna Berg" ||
			granted[0].ValidFrom != today || granted[0].ValidUntil != training.ValidUntil(today, 12) || granted[0].State != training.Valid {
			t.Fatalf("completed = %+v, granted %+v", done, granted)
		}
		// Ben waited in vain; Cara was absent and gets nothing.
		roster, err := env.Training.Roster(sys, se.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range roster {
			if r.Email == "ben@segel.example" && r.Status != training.Cancelled {
				t.Errorf("Ben after completion: %s", r.Status)
			}
			if r.Email == "cara@hafen.example" && r.Licence != nil {
				t.Errorf("Cara, unmarked, got a licence")
			}
		}
		seq := env.LastSeq(t)
		if _, again, err := env.Training.Complete(sys, se.ID); err != nil || len(again) != 0 {
			t.Errorf("completing twice granted %+v, %v", again, err)
		}
		env.NoEventsSince(t, seq)
		// Cara's mark was forgotten: marking her present now grants hers.
		_, late, err := env.Training.MarkAttendance(sys, cara.ID, training.Present)
		if err != nil || late == nil || late.Organization != hamburg || late.ValidFrom != today {
			t.Fatalf("late mark = %+v %v", late, err)
		}
		if _, again, _ := env.Training.Complete(sys, se.ID); len(again) != 0 {
			t.Errorf("completing after the late mark granted %+v", again)
		}
		// One charge per organization: Kiel had one seat (Anna), Hamburg one (Cara).
		charges := env.EventsOf(t, "training_charge")
		if len(charges) != 2 {
			t.Fatalf("charges = %d, want one per organization", len(charges))
		}
		// Licences by state and person; revoke; verify.
		page, err := env.Training.Licences(sys, training.LicenceFilter{State: training.Valid, Person: "berg"})
		if err != nil || page.Total != 1 {
			t.Fatalf("valid licences of Berg = %+v %v", page, err)
		}
		code := page.Licences[0].Code
		if ok, err := env.Training.Verify(t.Context(), code); err != nil || !ok {
			t.Errorf("verify %s = %t %v", code, ok, err)
		}
		if ok, _ := env.Training.Verify(t.Context(), "0000-0000-0000-0000"); ok {
			t.Errorf("an unknown code verified")
		}
		if _, err := env.Training.Revoke(sys, page.Licences[0].ID, ""); !atField(err, "reason") {
			t.Errorf("revoke without a reason = %v", err)
		}
		if _, err := env.Training.Revoke(sys, page.Licences[0].ID, "Täuschung im Test"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := env.Training.Verify(t.Context(), code); ok {
			t.Errorf("a revoked licence verified")
		}
		if p, _ := env.Training.Licences(sys, training.LicenceFilter{State: training.Revoked}); p.Total != 1 {
			t.Errorf("revoked = %d", p.Total)
		}
		// A year on, Cara's licence has expired.
		env.Clock.Advance(366 * 24 * time.Hour)
		if p, _ := env.Training.Licences(sys, training.LicenceFilter{State: training.Expired, Organization: &hamburg}); p.Total != 1 {
			t.Errorf("expired of Hamburg = %d", p.Total)
		}
	})
}

// A session cancelled takes its registrations with it; a cancelled or
// completed session takes no more.
func TestACancelledSessionCancelsItsRegistrations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Notfallmanagement")
		org := env.Org(t, "Kieler Segel").ID
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), OnlineURL: "https://meet.example/x",
			Trainer: trainer(t, env), Capacity: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []string{"a@segel.example", "b@segel.example"} {
			if _, err := env.Training.Register(sys, se.ID, org, training.Person{Name: e, Email: e}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := env.Training.CancelSession(sys, se.ID, " "); !atField(err, "reason") {
			t.Errorf("cancel without a reason = %v", err)
		}
		out, err := env.Training.CancelSession(sys, se.ID, "Trainerin erkrankt")
		if err != nil || out.Status != training.Cancelled || out.Confirmed != 0 || out.Waitlisted != 0 {
			t.Fatalf("cancelled = %+v %v", out, err)
		}
		if _, err := env.Training.Register(sys, se.ID, org, training.Person{Name: "C", Email: "c@segel.example"}); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("registering for a cancelled session = %v", err)
		}
		if _, _, err := env.Training.Complete(sys, se.ID); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("completing a cancelled session = %v", err)
		}
	})
}

// Many registering at once for the last seats: the session never holds
// more than its capacity.
func TestConcurrentRegistrationsKeepTheCapacity(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Brandschutz")
		org := env.Org(t, "Kieler Segel").ID
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: trainer(t, env), Capacity: 3})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				e := fmt.Sprintf("p%d@segel.example", i)
				if _, err := env.Training.Register(sys, se.ID, org, training.Person{Name: e, Email: e}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got, err := env.Training.Session(sys, se.ID)
		if err != nil || got.Confirmed != 3 || got.Waitlisted != 5 {
			t.Errorf("after 8 at once: %d confirmed, %d waiting (%v), want 3 and 5", got.Confirmed, got.Waitlisted, err)
		}
	})
}

// The Licence Expiry job tells the organization's admins and staff once
// when a licence is expiring and once when it has expired; a member of
// the organization does not read the notices.
func TestLicenceExpiryNoticesOncePerLicenceAndKind(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c, err := env.Training.CreateCourse(sys, training.CourseValues{Title: "Erste Hilfe", Language: "de", DurationMinutes: 60, ValidityMonths: 2})
		if err != nil {
			t.Fatal(err)
		}
		org := env.Org(t, "Kieler Segel").ID
		admin := env.User(t, "admin@segel.example", authz.RoleUser)
		member := env.User(t, "crew@segel.example", authz.RoleUser)
		env.Member(t, org, admin.ID, organization.RoleAdmin)
		env.Member(t, org, member.ID, organization.RoleMember)
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(-time.Hour), Location: "Kiel",
			Trainer: trainer(t, env), Capacity: 5})
		if err != nil {
			t.Fatal(err)
		}
		r, err := env.Training.Register(sys, se.ID, org, training.Person{User: &member.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Training.MarkAttendance(sys, r.ID, training.Present); err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Training.Complete(sys, se.ID); err != nil {
			t.Fatal(err)
		}
		run := func() training.Expiry {
			t.Helper()
			e, err := env.Training.MarkExpiring(sys)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		if e := run(); e != (training.Expiry{}) {
			t.Errorf("a fresh licence noticed: %+v", e)
		}
		env.Clock.Advance(40 * 24 * time.Hour) // 2 months valid: 20 days left
		if e := run(); e.Expiring != 1 || e.Expired != 0 || e.Tasks != 1 {
			t.Errorf("expiring run = %+v", e)
		}
		if e := run(); e != (training.Expiry{}) {
			t.Errorf("a second run noticed again: %+v", e)
		}
		orders, err := env.Orders.List(sys, order.Filter{OrganizationID: &org})
		if err != nil || orders.TotalSize != 1 {
			t.Fatalf("tasks = %+v %v", orders, err)
		}
		env.Clock.Advance(30 * 24 * time.Hour)
		if e := run(); e.Expired != 1 || e.Expiring != 0 || e.Tasks != 1 {
			t.Errorf("expired run = %+v", e)
		}
		notices, err := env.Training.Notices(env.As(t, admin), org, 0, "")
		if err != nil || len(notices.Notices) != 2 || notices.Notices[0].Kind != training.Expired ||
			notices.Notices[0].Licence.State != training.Expired {
			t.Fatalf("the admin's notices = %+v %v", notices, err)
		}
		if _, err := env.Training.Notices(env.As(t, member), org, 0, ""); !errors.Is(err, apierr.ErrPermissionDenied) {
			t.Errorf("a member's notices = %v", err)
		}
	})
}

// Customers register their own people only, as owners or admins, and only
// for sessions not begun; a reseller's staff run no sessions.
func TestWhoMayRegisterAndRunSessions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Arbeitsschutz")
		staff := trainer(t, env)
		org, other := env.Org(t, "Kieler Segel").ID, env.Org(t, "Hamburger Hafen").ID
		owner := env.User(t, "chefin@segel.example", authz.RoleUser)
		crew := env.User(t, "crew@segel.example", authz.RoleUser)
		env.Member(t, org, owner.ID, organization.RoleOwner)
		env.Member(t, org, crew.ID, organization.RoleMember)
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: staff, Capacity: 5})
		if err != nil {
			t.Fatal(err)
		}
		asOwner, asCrew := env.As(t, owner), env.As(t, crew)
		if _, err := env.Training.Register(asCrew, se.ID, org, training.Person{User: &crew.ID}); !errors.Is(err, apierr.ErrPermissionDenied) {
			t.Errorf("a member registering = %v", err)
		}
		if _, err := env.Training.Register(asOwner, se.ID, other, training.Person{Name: "X", Email: "x@hafen.example"}); !errors.Is(err, apierr.ErrNotFound) {
			t.Errorf("registering for another organization = %v", err)
		}
		r, err := env.Training.Register(asOwner, se.ID, org, training.Person{User: &crew.ID})
		if err != nil || r.Email != "crew@segel.example" {
			t.Fatalf("the owner registers the crew: %+v %v", r, err)
		}
		if _, _, err := env.Training.Complete(asOwner, se.ID); !errors.Is(err, apierr.ErrPermissionDenied) {
			t.Errorf("a customer completing = %v", err)
		}
		_, resellerOwner := env.ResellerOwner(t, "Nordlicht IT", "chef@nordlicht.example")
		asReseller := env.As(t, resellerOwner)
		if _, _, err := env.Training.Complete(asReseller, se.ID); !errors.Is(err, apierr.ErrPermissionDenied) {
			t.Errorf("a reseller completing = %v", err)
		}
		if _, err := env.Training.Schedule(asReseller, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: staff, Capacity: 5}); !errors.Is(err, apierr.ErrPermissionDenied) {
			t.Errorf("a reseller scheduling = %v", err)
		}
		// The reseller sees the session's seats, not Kiel's people.
		roster, err := env.Training.Roster(asReseller, se.ID)
		if err != nil || len(roster) != 0 {
			t.Errorf("the reseller's roster = %+v %v", roster, err)
		}
		env.Clock.Advance(2 * time.Hour)
		if _, _, err := env.Training.CancelRegistration(asOwner, r.ID, "doch nicht"); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("a customer cancelling after the start = %v", err)
		}
	})
}

// From the roster to the invoice: a paid session completed with two of
// Kiel's people and one of Hamburg's on it puts two seats on Kiel's next
// invoice and one on Hamburg's, each once, whoever attended.
func TestCompletedSeatsReachTheNextInvoiceOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		env.Issuer(t)
		basis := env.Plan(t, "Basis", 20, plan.Terms{MonthlyFeeCents: 4900})
		kiel, hamburg := env.Customer(t, "Kieler Segel", basis), env.Customer(t, "Hamburger Hafen", basis)
		if _, err := env.Invoices.Run(sys); err != nil { // the first invoices, 2026-03-14
			t.Fatal(err)
		}
		c := course(t, env, "Datenschutz") // 149 € a seat
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: trainer(t, env), Capacity: 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct {
			org   uuid.UUID
			email string
		}{{kiel, "a@segel.example"}, {kiel, "b@segel.example"}, {hamburg, "c@hafen.example"}} {
			if _, err := env.Training.Register(sys, se.ID, p.org, training.Person{Name: p.email, Email: p.email}); err != nil {
				t.Fatal(err)
			}
		}
		env.Clock.Advance(3 * time.Hour)
		if _, _, err := env.Training.Complete(sys, se.ID); err != nil {
			t.Fatal(err)
		}
		// The course costs more from now on: the session keeps its price.
		if _, err := env.Training.UpdateCourse(sys, c.ID, training.CourseValues{SeatPriceCents: 19900}, []string{"seat_price_cents"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Training.Complete(sys, se.ID); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		for org, want := range map[uuid.UUID]string{kiel: "[2×14900=29800]", hamburg: "[1×14900=14900]"} {
			page, err := env.Invoices.List(sys, invoice.Filter{Organization: &org})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, sum := range page.Invoices {
				inv, err := env.Invoices.Get(sys, sum.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range inv.Lines {
					if l.Kind == "TRAINING" {
						got = append(got, fmt.Sprintf("%d×%d=%d", l.Quantity, l.UnitPriceCents, l.NetCents))
					}
				}
			}
			if fmt.Sprint(got) != want {
				t.Errorf("training lines of %s over three invoices = %v, want %s", org, got, want)
			}
		}
	})
}

// Names, titles and places are measured in characters, not bytes, however
// many bytes their letters take; a name or title the certificate cannot
// print is refused at its field when it is given, not failed on when the
// certificate is asked for.
func TestNamesAreCheckedAsTheCertificatePrintsThem(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		unprintable := []string{"李小龍", "Anna 📚", "Anna\nBerg", "Anna\tBerg"}
		for _, title := range unprintable {
			if _, err := env.Training.CreateCourse(sys, training.CourseValues{Title: title, Language: "de", DurationMinutes: 60}); !atField(err, "course.title") {
				t.Errorf("a course titled %q = %v, want invalid at course.title", title, err)
			}
		}
		// 150 characters of two bytes each.
		c, err := env.Training.CreateCourse(sys, training.CourseValues{Title: strings.Repeat("Ü", 150), Language: "de",
			DurationMinutes: 60, SeatPriceCents: 1000})
		if err != nil {
			t.Fatalf("a title of 150 umlauts: %v", err)
		}
		org := env.Org(t, "Kieler Segel").ID
		// A trainer whose name the certificate cannot print is left off it.
		li, err := env.Members.CreateUser(sys, member.NewUser{Email: "li@platform.example", DisplayName: "李老师",
			Password: apptest.Password, Role: authz.RoleOperator}, "test fixture")
		if err != nil {
			t.Fatal(err)
		}
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: strings.Repeat("ö", 250),
			Trainer: li.ID, Capacity: 5})
		if err != nil {
			t.Fatalf("a location of 250 umlauts: %v", err)
		}
		for _, name := range unprintable {
			if _, err := env.Training.Register(sys, se.ID, org, training.Person{Name: name, Email: "x@segel.example"}); !atField(err, "name") {
				t.Errorf("registering %q = %v, want invalid at name", name, err)
			}
		}
		wang, err := env.Members.CreateUser(sys, member.NewUser{Email: "wang@segel.example", DisplayName: "王芳",
			Password: apptest.Password, Role: authz.RoleUser}, "test fixture")
		if err != nil {
			t.Fatal(err)
		}
		env.Member(t, org, wang.ID, organization.RoleMember)
		if _, err := env.Training.Register(sys, se.ID, org, training.Person{User: &wang.ID}); !atField(err, "user_id") {
			t.Errorf("registering a user whose name the certificate cannot print = %v, want invalid at user_id", err)
		}
		r, err := env.Training.Register(sys, se.ID, org, training.Person{Name: strings.Repeat("ß", 200), Email: "lang@segel.example"})
		if err != nil {
			t.Fatalf("a name of 200 sharp s: %v", err)
		}
		env.Clock.Advance(2 * time.Hour)
		if _, _, err := env.Training.MarkAttendance(sys, r.ID, training.Present); err != nil {
			t.Fatal(err)
		}
		_, granted, err := env.Training.Complete(sys, se.ID)
		if err != nil || len(granted) != 1 {
			t.Fatalf("completing = %+v %v", granted, err)
		}
		if _, _, err := env.Training.Certificate(sys, granted[0].ID, ""); err != nil {
			t.Errorf("the certificate: %v", err)
		}
	})
}

// Certificate checks are counted per client: an IPv4 address, or an IPv6
// /64 (one subscriber's network, whose addresses a client picks freely).
func TestVerificationIsLimitedPerClientNetwork(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		from := func(addr string) context.Context {
			return reqctx.With(t.Context(), &reqctx.Info{RemoteAddr: addr})
		}
		var err error
		for i := range training.VerificationsPerMinute + 1 {
			_, err = env.Training.Verify(from(fmt.Sprintf("[2001:db8:1:2::%x]:443", i+1)), "ABCD-EFGH-JKMN-PQRS")
		}
		if !errors.Is(err, apierr.ErrResourceExhausted) {
			t.Errorf("check %d from one /64 = %v, want resource exhausted", training.VerificationsPerMinute+1, err)
		}
		if _, err := env.Training.Verify(from("[2001:db8:1:3::1]:443"), "ABCD-EFGH-JKMN-PQRS"); err != nil {
			t.Errorf("a check from another network = %v", err)
		}
		if _, err := env.Training.Verify(from("192.0.2.7:443"), "ABCD-EFGH-JKMN-PQRS"); err != nil {
			t.Errorf("a check from an IPv4 address = %v", err)
		}
	})
}

// A customer learns the trainer's name, never a staff member's e-mail
// address: not in the upcoming sessions, not on the certificate.
func TestCustomersLearnNoStaffAddress(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Datenschutz")
		staff, err := env.Members.CreateUser(sys, member.NewUser{Email: "trainer@platform.example", Password: apptest.Password,
			Role: authz.RoleOperator}, "test fixture")
		if err != nil {
			t.Fatal(err)
		}
		org := env.Org(t, "Kieler Segel").ID
		owner := env.User(t, "chefin@segel.example", authz.RoleUser)
		env.Member(t, org, owner.ID, organization.RoleOwner)
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: staff.ID, Capacity: 5})
		if err != nil {
			t.Fatal(err)
		}
		asOwner := env.As(t, owner)
		page, err := env.Training.Sessions(asOwner, training.SessionFilter{Status: training.Scheduled})
		if err != nil || len(page.Sessions) != 1 || strings.Contains(page.Sessions[0].TrainerName, "@") {
			t.Errorf("the customer's upcoming sessions = %+v %v", page, err)
		}
		if got, _ := env.Training.Session(sys, se.ID); got.TrainerName != "trainer@platform.example" {
			t.Errorf("staff read the trainer as %q, want the address for want of a name", got.TrainerName)
		}
		r, err := env.Training.Register(asOwner, se.ID, org, training.Person{Name: "Anna Berg", Email: "anna@segel.example"})
		if err != nil {
			t.Fatal(err)
		}
		env.Clock.Advance(2 * time.Hour)
		if _, _, err := env.Training.MarkAttendance(sys, r.ID, training.Present); err != nil {
			t.Fatal(err)
		}
		_, granted, err := env.Training.Complete(sys, se.ID)
		if err != nil || len(granted) != 1 {
			t.Fatalf("complete = %+v %v", granted, err)
		}
		l, err := env.Training.Licence(asOwner, granted[0].ID)
		if err != nil || strings.Contains(l.TrainerName, "@") {
			t.Errorf("the licence's trainer, as its certificate prints it = %q %v", l.TrainerName, err)
		}
	})
}

// However long the waitlist and however many cancelled, the roster shows
// every attendee holding a seat, those staff mark present.
func TestTheRosterKeepsEveryConfirmedAttendee(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Brandschutz")
		org := env.Org(t, "Kieler Segel").ID
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(time.Hour), Location: "Kiel",
			Trainer: trainer(t, env), Capacity: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Training.Register(sys, se.ID, org, training.Person{Name: "Zora Zeh", Email: "zora@segel.example"}); err != nil {
			t.Fatal(err)
		}
		// Waiting, all by names before hers.
		for i := range 3 * training.MaxCapacity {
			e := fmt.Sprintf("a%04d@segel.example", i)
			if _, err := env.Training.Register(sys, se.ID, org, training.Person{Name: fmt.Sprintf("Anna %04d", i), Email: e}); err != nil {
				t.Fatal(err)
			}
		}
		roster, err := env.Training.Roster(sys, se.ID)
		if err != nil || len(roster) == 0 || roster[0].Email != "zora@segel.example" || roster[0].Status != training.Confirmed {
			t.Fatalf("the roster's first of %d = %+v %v, want Zora confirmed", len(roster), roster[:min(1, len(roster))], err)
		}
		if w := roster[1]; w.Status != training.Waitlisted || w.WaitlistPosition != 1 || w.Email != "a0000@segel.example" {
			t.Errorf("the next = %+v, want the first one waiting", w)
		}
	})
}

// A large organization's licences expiring together still get their
// notices and one task, whose description lists as many as it holds and
// counts the rest; the run is not refused for it, day after day.
func TestLicenceExpiryCopesWithALargeOrganization(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c, err := env.Training.CreateCourse(sys, training.CourseValues{Title: "Erste Hilfe", Language: "de", DurationMinutes: 60, ValidityMonths: 1})
		if err != nil {
			t.Fatal(err)
		}
		org := env.Org(t, "Großreederei").ID
		se, err := env.Training.Schedule(sys, c.ID, training.Place{Start: env.Clock.Now().Add(-time.Hour), Location: "Kiel",
			Trainer: trainer(t, env), Capacity: training.MaxCapacity})
		if err != nil {
			t.Fatal(err)
		}
		const people = 120 // lines of some 200 characters: more than an order's description holds
		for i := range people {
			e := fmt.Sprintf("p%03d@reederei.example", i)
			r, err := env.Training.Register(sys, se.ID, org, training.Person{Name: fmt.Sprintf("%03d %s", i, strings.Repeat("Matrose ", 18)), Email: e})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := env.Training.MarkAttendance(sys, r.ID, training.Present); err != nil {
				t.Fatal(err)
			}
		}
		if _, granted, err := env.Training.Complete(sys, se.ID); err != nil || len(granted) != people {
			t.Fatalf("complete = %d granted, %v", len(granted), err)
		}
		env.Clock.Advance(10 * 24 * time.Hour)
		e, err := env.Training.MarkExpiring(sys)
		if err != nil || e.Expiring != people || e.Tasks != 1 {
			t.Fatalf("the run = %+v %v, want %d expiring in one task", e, err, people)
		}
		orders, err := env.Orders.List(sys, order.Filter{OrganizationID: &org})
		if err != nil || orders.TotalSize != 1 {
			t.Fatalf("tasks = %+v %v", orders, err)
		}
	})
}

// A session moved after its start takes its attendance anew: marks of the
// start that was moved grant nothing.
func TestReschedulingClearsTheAttendanceMarks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		c := course(t, env, "Erste Hilfe")
		staff := trainer(t, env)
		org := env.Org(t, "Kieler Segel").ID
		place := training.Place{Start: env.Clock.Now().Add(-time.Hour), Location: "Kiel", Trainer: staff, Capacity: 5}
		se, err := env.Training.Schedule(sys, c.ID, place)
		if err != nil {
			t.Fatal(err)
		}
		r, err := env.Training.Register(sys, se.ID, org, training.Person{Name: "Anna", Email: "anna@segel.example"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Training.MarkAttendance(sys, r.ID, training.Present); err != nil {
			t.Fatal(err)
		}
		place.Start = env.Clock.Now().Add(24 * time.Hour)
		if _, err := env.Training.Reschedule(sys, se.ID, place, "Stromausfall im Schulungsraum"); err != nil {
			t.Fatal(err)
		}
		roster, err := env.Training.Roster(sys, se.ID)
		if err != nil || len(roster) != 1 || roster[0].Attendance != training.Unmarked {
			t.Fatalf("roster after the move = %+v %v", roster, err)
		}
		env.Clock.Advance(26 * time.Hour)
		_, granted, err := env.Training.Complete(sys, se.ID)
		if err != nil || len(granted) != 0 {
			t.Errorf("completing with nobody marked granted %+v (%v)", granted, err)
		}
	})
}
