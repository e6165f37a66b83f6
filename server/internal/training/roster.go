package training

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entlicence "github.com/leitstand/leitstand/server/ent/licence"
	"github.com/leitstand/leitstand/server/ent/membership"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	entreg "github.com/leitstand/leitstand/server/ent/registration"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Registration is a person on a session's roster.
type Registration struct {
	ID, Session, Organization uuid.UUID
	OrganizationName          string
	User                      *uuid.UUID
	Name, Email               string
	Status                    string
	// WaitlistPosition is a waitlisted registration's place in line, 1
	// the next; 0 otherwise.
	WaitlistPosition int
	Attendance       string
	Licence          *uuid.UUID
	CancelReason     string
	CreateTime       time.Time
}

// Person is whom a registration is for: a user of the organization, or a
// name and e-mail address.
type Person struct {
	User        *uuid.UUID
	Name, Email string
}

func registrationState(r Registration) map[string]any {
	return map[string]any{"session_id": ids.Format(ids.TrainingSession, r.Session),
		"organization_id": ids.Format(ids.Organization, r.Organization), "name": r.Name, "email": r.Email,
		"status": r.Status, "attendance": r.Attendance}
}

// mayRegister refuses a customer who is not an owner or admin of org;
// staff need no membership.
func mayRegister(ctx context.Context, c *ent.Client, org uuid.UUID) error {
	return organization.CustomerAdminOnly(ctx, c, org, "only the organization's owners and admins register people for trainings")
}

// customer reports whether the caller is a customer's user (the portal).
func customer(ctx context.Context) bool {
	p := authz.FromContext(ctx)
	return p != nil && p.Customer()
}

// person checks who is registered: a member of org, whose name and address
// are taken from their user, or a name and an e-mail address.
func person(ctx context.Context, c *ent.Client, org uuid.UUID, p Person) (Person, error) {
	if p.User != nil {
		m, err := c.Membership.Query().Where(membership.OrganizationID(org), membership.UserID(*p.User)).Exist(ctx)
		if err != nil {
			return Person{}, err
		}
		u, err := c.User.Query().Where(user.ID(*p.User)).Only(tenancy.Unscoped(ctx))
		if !m || ent.IsNotFound(err) {
			return Person{}, apierr.Invalid("user_id", "user_id.member", "%s is not a member of the organization", ids.Format(ids.User, *p.User))
		}
		if err != nil {
			return Person{}, err
		}
		if why := unprintable(displayName(u)); why != "" {
			return Person{}, apierr.Invalid("user_id", "user_id.printable", "the name of %s: %s; register them by a name and e-mail address",
				ids.Format(ids.User, *p.User), why)
		}
		return Person{User: &u.ID, Name: displayName(u), Email: strings.ToLower(u.Email)}, nil
	}
	p.Name, p.Email = strings.TrimSpace(p.Name), strings.ToLower(strings.TrimSpace(p.Email))
	var vs []apierr.FieldViolation
	if p.Name == "" || utf8.RuneCountInString(p.Name) > 200 {
		vs = append(vs, apierr.FieldViolation{Field: "name", Rule: "name.required", Message: "the person's name (at most 200 characters), or a user_id"})
	} else if why := unprintable(p.Name); why != "" {
		vs = append(vs, apierr.FieldViolation{Field: "name", Rule: "name.printable", Message: "the person's name as the certificate prints it: " + why})
	}
	if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email || len(p.Email) > 254 {
		vs = append(vs, apierr.FieldViolation{Field: "email", Rule: "email.required", Message: "the person's e-mail address, or a user_id"})
	}
	if len(vs) > 0 {
		return Person{}, apierr.InvalidFields(vs...)
	}
	return p, nil
}

// Register puts a person of org on a scheduled session's roster: confirmed
// while a seat is free, waitlisted after. Customers register for sessions
// not begun yet only.
func (s *Service) Register(ctx context.Context, sessionID, org uuid.UUID, who Person) (*Registration, error) {
	var out Registration
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		o, err := c.Organization.Query().Where(entorg.ID(org)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("organization", ids.Format(ids.Organization, org))
		}
		if err != nil {
			return err
		}
		if err := mayRegister(ctx, c, org); err != nil {
			return err
		}
		if err := organization.Bookable(o); err != nil {
			return err
		}
		se, err := scheduled(ctx, c, sessionID, "taking registrations")
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if customer(ctx) && se.Begun(now) {
			return apierr.FailedPrecondition("the session of %s began at %s: ask the operator", se.CourseTitle, se.Start.UTC().Format(time.RFC3339))
		}
		p, err := person(ctx, c, org, who)
		if err != nil {
			return err
		}
		// The seats and the one registration of a person are counted
		// over every organization; the caller learns only whether the
		// person is registered already.
		all := tenancy.Unscoped(ctx)
		dup, err := c.Registration.Query().Where(entreg.SessionID(sessionID), entreg.Email(p.Email),
			entreg.StatusNEQ(entreg.StatusCANCELLED)).Exist(all)
		if err != nil {
			return err
		}
		if dup {
			return apierr.AlreadyExists("%s is registered for this session already", p.Email)
		}
		status := entreg.StatusCONFIRMED
		if se.Confirmed >= se.Capacity || se.Waitlisted > 0 {
			status = entreg.StatusWAITLISTED
		}
		create := tx.Registration.Create().SetID(newID()).SetSessionID(sessionID).SetOrganizationID(org).
			SetNillableUserID(p.User).SetName(p.Name).SetEmail(p.Email).SetStatus(status).
			SetRegisteredByEmail(authz.ActorOf(ctx).Email).SetCreateTime(now).SetUpdateTime(now)
		if status == entreg.StatusWAITLISTED {
			create.SetWaitlistTime(now)
		}
		r, err := create.Save(ctx)
		if ent.IsConstraintError(err) {
			// Registered at the same moment by someone else.
			return apierr.AlreadyExists("%s is registered for this session already", p.Email)
		}
		if err != nil {
			return err
		}
		regs, err := registrationsOf(ctx, c, []*ent.Registration{r})
		if err != nil {
			return err
		}
		out = regs[0]
		log.Record(audit.Event{TargetType: registrationTarget, TargetID: ids.Format(ids.Registration, r.ID), After: registrationState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// readRegistration reads a registration the caller sees.
func readRegistration(ctx context.Context, c *ent.Client, id uuid.UUID) (*ent.Registration, error) {
	r, err := c.Registration.Query().Where(entreg.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("registration", ids.Format(ids.Registration, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read the registration: %w", err)
	}
	return r, nil
}

// CancelRegistration cancels a registration of a scheduled session with a
// reason; a confirmed one's seat goes to the first one waiting, returned
// as movedUp when the caller sees it. Customers cancel before the session
// begins only.
func (s *Service) CancelRegistration(ctx context.Context, id uuid.UUID, reason string) (out *Registration, movedUp *Registration, err error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, nil, apierr.Invalid("reason", "reason.required", "say why the registration is cancelled")
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		r, err := readRegistration(ctx, c, id)
		if err != nil {
			return err
		}
		if err := mayRegister(ctx, c, r.OrganizationID); err != nil {
			return err
		}
		if r.Status == entreg.StatusCANCELLED {
			return apierr.FailedPrecondition("the registration of %s is cancelled already", r.Name)
		}
		se, err := scheduled(ctx, c, r.SessionID, "changed")
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if customer(ctx) && se.Begun(now) {
			return apierr.FailedPrecondition("the session of %s began at %s: ask the operator", se.CourseTitle, se.Start.UTC().Format(time.RFC3339))
		}
		before, err := registrationsOf(ctx, c, []*ent.Registration{r})
		if err != nil {
			return err
		}
		r, err = r.Update().SetStatus(entreg.StatusCANCELLED).SetCancelReason(reason).ClearWaitlistTime().SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		after, err := registrationsOf(ctx, c, []*ent.Registration{r})
		if err != nil {
			return err
		}
		out = &after[0]
		log.Record(audit.Event{TargetType: registrationTarget, TargetID: ids.Format(ids.Registration, id), Reason: reason,
			Before: registrationState(before[0]), After: registrationState(*out)})
		moved, err := s.moveUp(ctx, tx, log, r.SessionID, se.Capacity)
		if err != nil {
			return err
		}
		for _, m := range moved {
			// Only one the caller sees: another organization's attendee
			// moved up is not theirs to know.
			if seen, err := c.Registration.Query().Where(entreg.ID(m)).Only(ctx); err == nil {
				regs, err := registrationsOf(ctx, c, []*ent.Registration{seen})
				if err != nil {
					return err
				}
				movedUp = &regs[0]
			} else if !ent.IsNotFound(err) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, movedUp, nil
}

// moveUp confirms the first ones waiting for session while it has a free
// seat of capacity, and returns their ids. It is the session's
// bookkeeping, over every organization's registrations.
func (s *Service) moveUp(ctx context.Context, tx *ent.Tx, log *audit.Log, session uuid.UUID, capacity int) ([]uuid.UUID, error) {
	all := tenancy.Unscoped(ctx)
	confirmed, err := tx.Registration.Query().Where(entreg.SessionID(session), entreg.StatusEQ(entreg.StatusCONFIRMED)).Count(all)
	if err != nil {
		return nil, err
	}
	free := capacity - confirmed
	if free <= 0 {
		return nil, nil
	}
	waiting, err := tx.Registration.Query().Where(entreg.SessionID(session), entreg.StatusEQ(entreg.StatusWAITLISTED)).
		Order(entreg.ByWaitlistTime(), entreg.ByID()).Limit(free).All(all)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var moved []uuid.UUID
	for _, w := range waiting {
		if err := w.Update().SetStatus(entreg.StatusCONFIRMED).ClearWaitlistTime().SetUpdateTime(now).Exec(all); err != nil {
			return nil, err
		}
		moved = append(moved, w.ID)
		log.Record(audit.Event{TargetType: registrationTarget, TargetID: ids.Format(ids.Registration, w.ID),
			Reason: "a seat became free", Before: map[string]any{"status": Waitlisted}, After: map[string]any{"status": Confirmed}})
	}
	return moved, nil
}

// MarkAttendance marks a confirmed attendee of a session that has begun
// present or absent. On a completed session a present mark grants the
// licence at once, returned.
func (s *Service) MarkAttendance(ctx context.Context, id uuid.UUID, attendance string) (*Registration, *Licence, error) {
	if attendance != Present && attendance != Absent {
		return nil, nil, apierr.Invalid("attendance", "attendance.in", "PRESENT or ABSENT")
	}
	if err := tenancy.LicenseeOnly(ctx, "training sessions"); err != nil {
		return nil, nil, err
	}
	var out Registration
	var granted *Licence
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		r, err := readRegistration(ctx, c, id)
		if err != nil {
			return err
		}
		if r.Status != entreg.StatusCONFIRMED {
			return apierr.FailedPrecondition("%s is %s, not confirmed: only attendees holding a seat attend", r.Name,
				strings.ToLower(r.Status.String()))
		}
		se, err := readSession(ctx, c, r.SessionID)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		switch {
		case se.Status == Cancelled:
			return apierr.FailedPrecondition("the session was cancelled")
		case !se.Begun(now):
			return apierr.FailedPrecondition("the session begins at %s: attendance is marked from then on", se.Start.UTC().Format(time.RFC3339))
		}
		if r.Attendance.String() == attendance {
			regs, err := registrationsOf(ctx, c, []*ent.Registration{r})
			if err != nil {
				return err
			}
			out = regs[0]
			return audit.Unchanged
		}
		before, err := registrationsOf(ctx, c, []*ent.Registration{r})
		if err != nil {
			return err
		}
		r, err = r.Update().SetAttendance(entreg.Attendance(attendance)).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		if se.Status == Completed && attendance == Present {
			ls, err := s.grant(ctx, tx, log, se, []*ent.Registration{r})
			if err != nil {
				return err
			}
			if len(ls) > 0 {
				granted = &ls[0]
			}
		}
		after, err := registrationsOf(ctx, c, []*ent.Registration{r})
		if err != nil {
			return err
		}
		out = after[0]
		log.Record(audit.Event{TargetType: registrationTarget, TargetID: ids.Format(ids.Registration, id),
			Before: registrationState(before[0]), After: registrationState(out)})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &out, granted, nil
}

// registrationsOf converts rows with their organizations' names, waitlist
// positions and licences.
func registrationsOf(ctx context.Context, c *ent.Client, rows []*ent.Registration) ([]Registration, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	orgIDs, regIDs := make([]uuid.UUID, len(rows)), make([]uuid.UUID, len(rows))
	for i, r := range rows {
		orgIDs[i], regIDs[i] = r.OrganizationID, r.ID
	}
	orgs, err := c.Organization.Query().Where(entorg.IDIn(orgIDs...)).Select(entorg.FieldID, entorg.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	names := map[uuid.UUID]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	licences, err := c.Licence.Query().Where(entlicence.RegistrationIDIn(regIDs...)).
		Select(entlicence.FieldID, entlicence.FieldRegistrationID).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, err
	}
	licenceOf := map[uuid.UUID]uuid.UUID{}
	for _, l := range licences {
		licenceOf[l.RegistrationID] = l.ID
	}
	positions, err := waitlistPositions(ctx, c, rows)
	if err != nil {
		return nil, err
	}
	out := make([]Registration, len(rows))
	for i, r := range rows {
		out[i] = Registration{ID: r.ID, Session: r.SessionID, Organization: r.OrganizationID, OrganizationName: names[r.OrganizationID],
			User: r.UserID, Name: r.Name, Email: r.Email, Status: r.Status.String(), Attendance: r.Attendance.String(),
			CancelReason: r.CancelReason, CreateTime: r.CreateTime}
		if l, ok := licenceOf[r.ID]; ok {
			out[i].Licence = &l
		}
		if r.WaitlistTime != nil {
			out[i].WaitlistPosition = positions[r.ID]
		}
	}
	return out, nil
}

// Roster is a session's registrations the caller sees: the confirmed ones
// by name, then the waitlist in its order, then the cancelled ones; at
// most MaxCapacity of each, so that neither a long waitlist nor many
// cancelled crowd out who holds a seat.
func (s *Service) Roster(ctx context.Context, session uuid.UUID) ([]Registration, error) {
	var rows []*ent.Registration
	for _, st := range []entreg.Status{entreg.StatusCONFIRMED, entreg.StatusWAITLISTED, entreg.StatusCANCELLED} {
		q := s.client.Registration.Query().Where(entreg.SessionID(session), entreg.StatusEQ(st))
		if st == entreg.StatusWAITLISTED {
			q.Order(entreg.ByWaitlistTime(), entreg.ByID())
		} else {
			q.Order(entreg.ByName(), entreg.ByID())
		}
		some, err := q.Limit(MaxCapacity).All(ctx)
		if err != nil {
			return nil, err
		}
		rows = append(rows, some...)
	}
	// Read in the roster's order; registrationsOf keeps it.
	return registrationsOf(ctx, s.client, rows)
}

// SessionRegistration is a registration with its session.
type SessionRegistration struct {
	Registration
	CourseTitle   string
	Start         time.Time
	SessionStatus string
}

// RegistrationPage is a page of an organization's registrations.
type RegistrationPage struct {
	Registrations []SessionRegistration
	NextPageToken string
	Total         int
}

// RegistrationsOf pages through org's registrations, those of the latest
// sessions first.
func (s *Service) RegistrationsOf(ctx context.Context, org uuid.UUID, pageSize int32, pageToken string) (*RegistrationPage, error) {
	if _, err := s.client.Organization.Query().Where(entorg.ID(org)).OnlyID(ctx); ent.IsNotFound(err) {
		return nil, apierr.NotFound("organization", ids.Format(ids.Organization, org))
	} else if err != nil {
		return nil, err
	}
	fp := paging.Fingerprint("registrations", org)
	var cur struct {
		Start time.Time `json:"s"`
		ID    uuid.UUID `json:"i"`
	}
	has, err := paging.Decode(pageToken, fp, &cur)
	if err != nil {
		return nil, err
	}
	q := s.client.Registration.Query().Where(entreg.OrganizationID(org))
	out := &RegistrationPage{}
	if out.Total, err = q.Clone().Count(ctx); err != nil {
		return nil, err
	}
	// Ordered by the session's start: joined in.
	t := sql.Table(entsession.Table)
	q.Where(func(s *sql.Selector) {
		s.Join(t).On(s.C(entreg.FieldSessionID), t.C(entsession.FieldID))
		if has {
			s.Where(sql.Or(sql.LT(t.C(entsession.FieldStartTime), cur.Start),
				sql.And(sql.EQ(t.C(entsession.FieldStartTime), cur.Start), sql.LT(s.C(entreg.FieldID), cur.ID))))
		}
		s.OrderBy(sql.Desc(t.C(entsession.FieldStartTime)), sql.Desc(s.C(entreg.FieldID)))
	})
	size := min(paging.Size(pageSize), 200)
	rows, err := q.WithSession(func(sq *ent.TrainingSessionQuery) { sq.WithCourse() }).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list registrations: %w", err)
	}
	rows, out.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Registration) any {
		return struct {
			Start time.Time `json:"s"`
			ID    uuid.UUID `json:"i"`
		}{last.Edges.Session.StartTime, last.ID}
	})
	regs, err := registrationsOf(ctx, s.client, rows)
	if err != nil {
		return nil, err
	}
	for i, r := range regs {
		se := rows[i].Edges.Session
		out.Registrations = append(out.Registrations, SessionRegistration{Registration: r, CourseTitle: se.Edges.Course.Title,
			Start: se.StartTime, SessionStatus: se.Status.String()})
	}
	return out, nil
}

// waitlistPositions are the places in line of the waitlisted ones of rows:
// 1 the next, counting everyone waiting for their sessions, of any
// organization. One query a session.
func waitlistPositions(ctx context.Context, c *ent.Client, rows []*ent.Registration) (map[uuid.UUID]int, error) {
	out := map[uuid.UUID]int{}
	seen := map[uuid.UUID]bool{}
	for _, r := range rows {
		if r.WaitlistTime == nil || seen[r.SessionID] {
			continue
		}
		seen[r.SessionID] = true
		line, err := c.Registration.Query().Where(entreg.SessionID(r.SessionID), entreg.StatusEQ(entreg.StatusWAITLISTED)).
			Order(entreg.ByWaitlistTime(), entreg.ByID()).IDs(tenancy.Unscoped(ctx))
		if err != nil {
			return nil, err
		}
		for i, id := range line {
			out[id] = i + 1
		}
	}
	return out, nil
}

// Seated says which of sessions the caller's organizations hold a
// confirmed seat on: the portal gives those the link of an online session.
func (s *Service) Seated(ctx context.Context, sessions []uuid.UUID) (map[uuid.UUID]bool, error) {
	rows, err := s.client.Registration.Query().Where(entreg.SessionIDIn(sessions...), entreg.StatusEQ(entreg.StatusCONFIRMED)).
		Select(entreg.FieldSessionID).All(ctx)
	if err != nil {
		return nil, err
	}
	out := map[uuid.UUID]bool{}
	for _, r := range rows {
		out[r.SessionID] = true
	}
	return out, nil
}
