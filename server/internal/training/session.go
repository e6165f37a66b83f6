package training

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcourse "github.com/leitstand/leitstand/server/ent/course"
	entlicence "github.com/leitstand/leitstand/server/ent/licence"
	"github.com/leitstand/leitstand/server/ent/predicate"
	entreg "github.com/leitstand/leitstand/server/ent/registration"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Bounds of a session.
const (
	MaxCapacity = 500
	// A session may be recorded up to this long after it was held, and
	// scheduled up to MaxAhead in advance.
	MaxBehind = 90 * 24 * time.Hour
	MaxAhead  = 3 * 366 * 24 * time.Hour
)

// Place is when, where, by whom and for how many a session is held.
type Place struct {
	Start     time.Time
	OnlineURL string
	Location  string
	Trainer   uuid.UUID
	Capacity  int
}

// Session is a course held at a time.
type Session struct {
	ID, Course            uuid.UUID
	CourseTitle, Language string
	CourseDescription     string
	ValidityMonths        int
	Start, End            time.Time
	OnlineURL, Location   string
	Trainer               uuid.UUID
	TrainerName           string
	Capacity              int
	Confirmed, Waitlisted int
	Status                string
	StatusTime            time.Time
	StatusReason          string
	SeatPriceCents        int64
	Currency              string
	Licences              int
}

// Begun says whether the session has started at now.
func (s Session) Begun(now time.Time) bool { return !s.Start.After(now) }

// SeatsFree is how many seats are not taken.
func (s Session) SeatsFree() int { return max(0, s.Capacity-s.Confirmed) }

func sessionState(s Session) map[string]any {
	return map[string]any{"course_id": ids.Format(ids.Course, s.Course), "course": s.CourseTitle,
		"start_time": s.Start.UTC().Format(time.RFC3339), "end_time": s.End.UTC().Format(time.RFC3339),
		"online_url": s.OnlineURL, "location": s.Location, "trainer_id": ids.Format(ids.User, s.Trainer), "capacity": s.Capacity,
		"status": s.Status, "status_reason": s.StatusReason}
}

// checkPlace checks p (below field prefix) for a session of a course
// lasting minutes, at now.
func checkPlace(ctx context.Context, c *ent.Client, p *Place, now time.Time) error {
	p.OnlineURL, p.Location = strings.TrimSpace(p.OnlineURL), strings.TrimSpace(p.Location)
	var vs []apierr.FieldViolation
	bad := func(field, rule, format string, args ...any) {
		vs = append(vs, apierr.FieldViolation{Field: "place." + field, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case p.Start.IsZero():
		bad("start_time", "start_time.required", "say when it starts")
	case p.Start.Before(now.Add(-MaxBehind)):
		bad("start_time", "start_time.range", "at most 90 days ago: a session is recorded soon after it was held")
	case p.Start.After(now.Add(MaxAhead)):
		bad("start_time", "start_time.range", "at most three years ahead")
	}
	switch {
	case p.OnlineURL == "" && p.Location == "":
		bad("location", "place.required", "give a location, or a link for an online session")
	case p.OnlineURL != "" && p.Location != "":
		bad("location", "place.one", "a session is online or at a location, not both")
	case p.OnlineURL != "":
		u, err := url.Parse(p.OnlineURL)
		if err != nil || u.Scheme != "https" || u.Host == "" || utf8.RuneCountInString(p.OnlineURL) > 500 {
			bad("online_url", "online_url.https", "an https:// link of at most 500 characters")
		}
	case utf8.RuneCountInString(p.Location) > 300:
		bad("location", "location.max_len", "at most 300 characters")
	}
	if !between(p.Capacity, 1, MaxCapacity) {
		bad("capacity", "capacity.range", "from 1 to 500 seats")
	}
	if p.Trainer == uuid.Nil {
		bad("trainer_id", "trainer_id.required", "name the trainer")
	} else {
		u, err := c.User.Query().Where(user.ID(p.Trainer)).Only(tenancy.Unscoped(ctx))
		switch {
		case ent.IsNotFound(err):
			bad("trainer_id", "trainer_id.exists", "no user %s", ids.Format(ids.User, p.Trainer))
		case err != nil:
			return err
		case u.PlatformRole == user.PlatformRoleUSER || u.BillingEntityID != nil:
			bad("trainer_id", "trainer_id.staff", "%s is not a member of the platform's staff", u.Email)
		}
	}
	if len(vs) > 0 {
		return apierr.InvalidFields(vs...)
	}
	return nil
}

// readSession reads a session as it is, with its course and counts.
func readSession(ctx context.Context, c *ent.Client, id uuid.UUID) (*Session, error) {
	r, err := c.TrainingSession.Query().Where(entsession.ID(id)).WithCourse().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("training session", ids.Format(ids.TrainingSession, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read the session: %w", err)
	}
	out, err := sessionsOf(ctx, c, []*ent.TrainingSession{r})
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

// sessionsOf converts rows (with their courses) with their trainers' names
// and their seats, counted over every organization: how full a session is
// is no organization's secret.
func sessionsOf(ctx context.Context, c *ent.Client, rows []*ent.TrainingSession) ([]Session, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	sessionIDs, trainers := make([]uuid.UUID, len(rows)), make([]uuid.UUID, len(rows))
	for i, r := range rows {
		sessionIDs[i], trainers[i] = r.ID, r.TrainerID
	}
	all := tenancy.Unscoped(ctx)
	var counts []struct {
		SessionID uuid.UUID `json:"session_id"`
		Status    string    `json:"status"`
		Count     int       `json:"count"`
	}
	if err := c.Registration.Query().Where(entreg.SessionIDIn(sessionIDs...), entreg.StatusNEQ(entreg.StatusCANCELLED)).
		GroupBy(entreg.FieldSessionID, entreg.FieldStatus).Aggregate(ent.Count()).Scan(all, &counts); err != nil {
		return nil, fmt.Errorf("count the seats: %w", err)
	}
	var granted []struct {
		SessionID uuid.UUID `json:"session_id"`
		Count     int       `json:"count"`
	}
	if err := c.Licence.Query().Where(entlicence.SessionIDIn(sessionIDs...)).
		GroupBy(entlicence.FieldSessionID).Aggregate(ent.Count()).Scan(all, &granted); err != nil {
		return nil, fmt.Errorf("count the licences: %w", err)
	}
	users, err := c.User.Query().Where(user.IDIn(trainers...)).Select(user.FieldID, user.FieldDisplayName, user.FieldEmail).All(all)
	if err != nil {
		return nil, err
	}
	names := map[uuid.UUID]string{}
	for _, u := range users {
		names[u.ID] = displayName(u)
		if customer(ctx) {
			// A staff member's address is not for customers.
			names[u.ID] = u.DisplayName
		}
	}
	type key struct {
		id     uuid.UUID
		status string
	}
	seats := map[key]int{}
	for _, n := range counts {
		seats[key{n.SessionID, n.Status}] = n.Count
	}
	licences := map[uuid.UUID]int{}
	for _, n := range granted {
		licences[n.SessionID] = n.Count
	}
	out := make([]Session, len(rows))
	for i, r := range rows {
		co := r.Edges.Course
		out[i] = Session{ID: r.ID, Course: r.CourseID, CourseTitle: co.Title, Language: co.Language, CourseDescription: co.Description,
			ValidityMonths: co.ValidityMonths, Start: r.StartTime, End: r.EndTime, OnlineURL: r.OnlineURL, Location: r.Location,
			Trainer: r.TrainerID, TrainerName: names[r.TrainerID], Capacity: r.Capacity,
			Confirmed: seats[key{r.ID, Confirmed}], Waitlisted: seats[key{r.ID, Waitlisted}],
			Status: r.Status.String(), StatusTime: r.StatusTime, StatusReason: r.StatusReason,
			SeatPriceCents: co.SeatPriceCents, Currency: co.Currency, Licences: licences[r.ID]}
		if r.SeatPriceCents != nil {
			out[i].SeatPriceCents, out[i].Currency = *r.SeatPriceCents, r.Currency
		}
	}
	return out, nil
}

func displayName(u *ent.User) string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Email
}

// Session returns a session.
func (s *Service) Session(ctx context.Context, id uuid.UUID) (*Session, error) {
	return readSession(ctx, s.client, id)
}

// Schedule schedules a session of an active course.
func (s *Service) Schedule(ctx context.Context, course uuid.UUID, p Place) (*Session, error) {
	if err := tenancy.LicenseeOnly(ctx, "training sessions"); err != nil {
		return nil, err
	}
	var out Session
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		co, err := c.Course.Query().Where(entcourse.ID(course)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.Invalid("course_id", "course_id.exists", "no course %s", ids.Format(ids.Course, course))
		}
		if err != nil {
			return err
		}
		if co.Retired {
			return apierr.Invalid("course_id", "course_id.active", "%s is retired: it takes no new sessions", co.Title)
		}
		now := s.clock.Now()
		if err := checkPlace(ctx, c, &p, now); err != nil {
			return err
		}
		id := newID()
		if err := tx.TrainingSession.Create().SetID(id).SetCourseID(course).SetStartTime(p.Start.UTC()).
			SetEndTime(p.Start.UTC().Add(time.Duration(co.DurationMinutes) * time.Minute)).SetOnlineURL(p.OnlineURL).
			SetLocation(p.Location).SetTrainerID(p.Trainer).SetCapacity(p.Capacity).SetStatusTime(now).
			SetCreateTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		r, err := readSession(ctx, c, id)
		if err != nil {
			return err
		}
		out = *r
		log.Record(audit.Event{TargetType: sessionTarget, TargetID: ids.Format(ids.TrainingSession, id), After: sessionState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// scheduled reads session id for a change and refuses one that is not
// scheduled any more.
func scheduled(ctx context.Context, c *ent.Client, id uuid.UUID, doing string) (*Session, error) {
	se, err := readSession(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if se.Status != Scheduled {
		return nil, apierr.FailedPrecondition("the session of %s on %s is %s: it is not %s", se.CourseTitle,
			se.Start.UTC().Format(time.DateOnly), strings.ToLower(se.Status), doing)
	}
	return se, nil
}

// Reschedule moves a scheduled session to place p, with a reason; its
// registrations follow. A higher capacity moves the waitlist up.
func (s *Service) Reschedule(ctx context.Context, id uuid.UUID, p Place, reason string) (*Session, error) {
	if err := tenancy.LicenseeOnly(ctx, "training sessions"); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the session moves")
	}
	var out Session
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		before, err := scheduled(ctx, c, id, "moved")
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if err := checkPlace(ctx, c, &p, now); err != nil {
			return err
		}
		duration := before.End.Sub(before.Start)
		if err := tx.TrainingSession.UpdateOneID(id).SetStartTime(p.Start.UTC()).SetEndTime(p.Start.UTC().Add(duration)).
			SetOnlineURL(p.OnlineURL).SetLocation(p.Location).SetTrainerID(p.Trainer).SetCapacity(p.Capacity).
			SetStatusReason(reason).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		// Marks of a start that was moved are void: who attends is marked
		// when the session is held.
		cleared, err := tx.Registration.Update().Where(entreg.SessionID(id), entreg.AttendanceNEQ(entreg.AttendanceUNMARKED)).
			SetAttendance(entreg.AttendanceUNMARKED).SetUpdateTime(now).Save(tenancy.Unscoped(ctx))
		if err != nil {
			return err
		}
		if _, err := s.moveUp(ctx, tx, log, id, p.Capacity); err != nil {
			return err
		}
		after, err := readSession(ctx, c, id)
		if err != nil {
			return err
		}
		out = *after
		state := sessionState(out)
		if cleared > 0 {
			state["attendance_marks_cleared"] = cleared
		}
		log.Record(audit.Event{TargetType: sessionTarget, TargetID: ids.Format(ids.TrainingSession, id), Reason: reason,
			Before: sessionState(*before), After: state})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CancelSession cancels a scheduled session with a reason, and its
// registrations with it.
func (s *Service) CancelSession(ctx context.Context, id uuid.UUID, reason string) (*Session, error) {
	if err := tenancy.LicenseeOnly(ctx, "training sessions"); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the session is cancelled")
	}
	var out Session
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		before, err := scheduled(ctx, c, id, "cancelled")
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if err := tx.TrainingSession.UpdateOneID(id).SetStatus(entsession.StatusCANCELLED).SetStatusTime(now).
			SetStatusReason(reason).SetUpdateTime(now).Exec(ctx); err != nil {
			return err
		}
		// Every organization's attendees: the session is not held for
		// anyone.
		all := tenancy.Unscoped(ctx)
		regs, err := c.Registration.Query().Where(entreg.SessionID(id), entreg.StatusNEQ(entreg.StatusCANCELLED)).All(all)
		if err != nil {
			return err
		}
		for _, r := range regs {
			if err := r.Update().SetStatus(entreg.StatusCANCELLED).SetCancelReason("session cancelled: " + reason).
				SetUpdateTime(now).Exec(all); err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: registrationTarget, TargetID: ids.Format(ids.Registration, r.ID), Reason: reason,
				Before: map[string]any{"status": r.Status.String()}, After: map[string]any{"status": Cancelled}})
		}
		after, err := readSession(ctx, c, id)
		if err != nil {
			return err
		}
		out = *after
		log.Record(audit.Event{TargetType: sessionTarget, TargetID: ids.Format(ids.TrainingSession, id), Reason: reason,
			Before: sessionState(*before), After: sessionState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SessionFilter selects sessions.
type SessionFilter struct {
	Course *uuid.UUID
	Status string
	// From and To bound the start (To excluded); without From, from now.
	// Past lists those started before now (or To), the latest first.
	From, To  *time.Time
	Past      bool
	PageSize  int32
	PageToken string
}

// SessionPage is a page of sessions.
type SessionPage struct {
	Sessions      []Session
	NextPageToken string
	Total         int
}

type sessionCursor struct {
	Start time.Time `json:"s"`
	ID    uuid.UUID `json:"i"`
}

// Sessions pages through sessions by start: upcoming ones the earliest
// first, past ones the latest first.
func (s *Service) Sessions(ctx context.Context, f SessionFilter) (*SessionPage, error) {
	now := s.clock.Now()
	var where []predicate.TrainingSession
	if f.Course != nil {
		where = append(where, entsession.CourseID(*f.Course))
	}
	if f.Status != "" {
		where = append(where, entsession.StatusEQ(entsession.Status(f.Status)))
	}
	switch {
	case f.Past:
		to := now
		if f.To != nil && f.To.Before(now) {
			to = *f.To
		}
		where = append(where, entsession.StartTimeLT(to))
		if f.From != nil {
			where = append(where, entsession.StartTimeGTE(*f.From))
		}
	default:
		from := now
		if f.From != nil {
			from = *f.From
		}
		where = append(where, entsession.StartTimeGTE(from))
		if f.To != nil {
			where = append(where, entsession.StartTimeLT(*f.To))
		}
	}
	fp := paging.Fingerprint("sessions", f.Course, f.Status, f.From, f.To, f.Past)
	var cur sessionCursor
	has, err := paging.Decode(f.PageToken, fp, &cur)
	if err != nil {
		return nil, err
	}
	q := s.client.TrainingSession.Query().Where(where...)
	out := &SessionPage{}
	if out.Total, err = q.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if has {
		q.Where(paging.After(f.Past, paging.Key{Column: entsession.FieldStartTime, Value: cur.Start},
			paging.Key{Column: entsession.FieldID, Value: cur.ID}))
	}
	if f.Past {
		q.Order(ent.Desc(entsession.FieldStartTime), ent.Desc(entsession.FieldID))
	} else {
		q.Order(entsession.ByStartTime(), entsession.ByID())
	}
	size := min(paging.Size(f.PageSize), 200)
	rows, err := q.WithCourse().Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	rows, out.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.TrainingSession) any {
		return sessionCursor{Start: last.StartTime, ID: last.ID}
	})
	out.Sessions, err = sessionsOf(ctx, s.client, rows)
	return out, err
}
