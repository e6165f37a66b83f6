package training

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcourse "github.com/leitstand/leitstand/server/ent/course"
	entlicence "github.com/leitstand/leitstand/server/ent/licence"
	entorg "github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/ent/predicate"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
	"github.com/leitstand/leitstand/server/ent/user"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/ratelimit"
	"github.com/leitstand/leitstand/server/internal/platform/reqctx"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// Licence is a person's proof of a completed course.
type Licence struct {
	ID, Organization, Course, Session uuid.UUID
	OrganizationName                  string
	User                              *uuid.UUID
	Name, Email                       string
	CourseTitle, CourseLanguage       string
	DurationMinutes                   int
	Held                              time.Time
	// TrainerName is the trainer's display name; empty without one.
	TrainerName           string
	ValidFrom, ValidUntil calendar.Date
	State                 string
	RevokeTime            *time.Time
	RevokeReason          string
	Code                  string
}

func licenceState(l Licence) map[string]any {
	return map[string]any{"organization_id": ids.Format(ids.Organization, l.Organization), "name": l.Name, "email": l.Email,
		"course": l.CourseTitle, "valid_from": l.ValidFrom.String(), "valid_until": l.ValidUntil.String(), "state": l.State,
		"revoke_reason": l.RevokeReason}
}

// licencesOf converts rows, with their states on the platform's today.
func (s *Service) licencesOf(ctx context.Context, c *ent.Client, rows []*ent.Licence) ([]Licence, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	today, _, err := s.today(ctx)
	if err != nil {
		return nil, err
	}
	orgIDs, courseIDs, sessionIDs := make([]uuid.UUID, len(rows)), make([]uuid.UUID, len(rows)), make([]uuid.UUID, len(rows))
	for i, r := range rows {
		orgIDs[i], courseIDs[i], sessionIDs[i] = r.OrganizationID, r.CourseID, r.SessionID
	}
	orgs, err := c.Organization.Query().Where(entorg.IDIn(orgIDs...)).Select(entorg.FieldID, entorg.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	courses, err := c.Course.Query().Where(entcourse.IDIn(courseIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	sessions, err := c.TrainingSession.Query().Where(entsession.IDIn(sessionIDs...)).All(ctx)
	if err != nil {
		return nil, err
	}
	trainers := make([]uuid.UUID, len(sessions))
	for i, se := range sessions {
		trainers[i] = se.TrainerID
	}
	users, err := c.User.Query().Where(user.IDIn(trainers...)).All(tenancy.Unscoped(ctx))
	if err != nil {
		return nil, err
	}
	orgName, course, session, trainer := map[uuid.UUID]string{}, map[uuid.UUID]*ent.Course{}, map[uuid.UUID]*ent.TrainingSession{}, map[uuid.UUID]string{}
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	for _, co := range courses {
		course[co.ID] = co
	}
	for _, se := range sessions {
		session[se.ID] = se
	}
	for _, u := range users {
		// As the certificate prints it: a staff member's address is
		// not for the customer who reads it.
		trainer[u.ID] = u.DisplayName
	}
	out := make([]Licence, len(rows))
	for i, r := range rows {
		from, _ := calendar.Parse(r.ValidFrom)
		until, _ := calendar.Parse(r.ValidUntil)
		l := Licence{ID: r.ID, Organization: r.OrganizationID, Course: r.CourseID, Session: r.SessionID,
			OrganizationName: orgName[r.OrganizationID], User: r.UserID, Name: r.Name, Email: r.Email,
			ValidFrom: from, ValidUntil: until, State: StateOn(until, r.RevokeTime != nil, today),
			RevokeTime: r.RevokeTime, RevokeReason: r.RevokeReason, Code: FormatCode(r.VerificationCode)}
		if co := course[r.CourseID]; co != nil {
			l.CourseTitle, l.CourseLanguage, l.DurationMinutes = co.Title, co.Language, co.DurationMinutes
		}
		if se := session[r.SessionID]; se != nil {
			l.Held, l.TrainerName = se.StartTime, trainer[se.TrainerID]
		}
		out[i] = l
	}
	return out, nil
}

// licencesByID reads the licences ids, in that order.
func (s *Service) licencesByID(ctx context.Context, c *ent.Client, idList []uuid.UUID) ([]Licence, error) {
	rows, err := c.Licence.Query().Where(entlicence.IDIn(idList...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]*ent.Licence{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	ordered := make([]*ent.Licence, 0, len(rows))
	for _, id := range idList {
		if r := byID[id]; r != nil {
			ordered = append(ordered, r)
		}
	}
	return s.licencesOf(ctx, c, ordered)
}

// Licence returns a licence the caller sees.
func (s *Service) Licence(ctx context.Context, id uuid.UUID) (*Licence, error) {
	r, err := s.client.Licence.Query().Where(entlicence.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("licence", ids.Format(ids.Licence, id))
	}
	if err != nil {
		return nil, err
	}
	ls, err := s.licencesOf(ctx, s.client, []*ent.Licence{r})
	if err != nil {
		return nil, err
	}
	return &ls[0], nil
}

// LicenceFilter selects licences.
type LicenceFilter struct {
	Organization, Course *uuid.UUID
	State                string
	Person               string
	PageSize             int32
	PageToken            string
}

// LicencePage is a page of licences.
type LicencePage struct {
	Licences      []Licence
	NextPageToken string
	Total         int
}

// stateOn selects the licences in state on today.
func stateOn(state string, today calendar.Date) []predicate.Licence {
	soon := today.AddDays(ExpiringDays).String()
	switch state {
	case Revoked:
		return []predicate.Licence{entlicence.RevokeTimeNotNil()}
	case Expired:
		return []predicate.Licence{entlicence.RevokeTimeIsNil(), entlicence.ValidUntilLT(today.String())}
	case Expiring:
		return []predicate.Licence{entlicence.RevokeTimeIsNil(), entlicence.ValidUntilGTE(today.String()), entlicence.ValidUntilLTE(soon)}
	case Valid:
		return []predicate.Licence{entlicence.RevokeTimeIsNil(), entlicence.ValidUntilGT(soon)}
	}
	return nil
}

// Licences pages through licences, the earliest last valid day first.
func (s *Service) Licences(ctx context.Context, f LicenceFilter) (*LicencePage, error) {
	today, _, err := s.today(ctx)
	if err != nil {
		return nil, err
	}
	where := stateOn(f.State, today)
	if f.Organization != nil {
		if _, err := s.client.Organization.Query().Where(entorg.ID(*f.Organization)).OnlyID(ctx); ent.IsNotFound(err) {
			return nil, apierr.NotFound("organization", ids.Format(ids.Organization, *f.Organization))
		} else if err != nil {
			return nil, err
		}
		where = append(where, entlicence.OrganizationID(*f.Organization))
	}
	if f.Course != nil {
		where = append(where, entlicence.CourseID(*f.Course))
	}
	if p := textfold.Fold(strings.TrimSpace(f.Person)); p != "" {
		where = append(where, entlicence.SearchKeyContains(p))
	}
	fp := paging.Fingerprint("licences", f.Organization, f.Course, f.State, f.Person, today.String())
	var cur struct {
		Until string    `json:"u"`
		ID    uuid.UUID `json:"i"`
	}
	has, err := paging.Decode(f.PageToken, fp, &cur)
	if err != nil {
		return nil, err
	}
	q := s.client.Licence.Query().Where(where...)
	out := &LicencePage{}
	if out.Total, err = q.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if has {
		q.Where(paging.After(false, paging.Key{Column: entlicence.FieldValidUntil, Value: cur.Until},
			paging.Key{Column: entlicence.FieldID, Value: cur.ID}))
	}
	size := min(paging.Size(f.PageSize), 200)
	rows, err := q.Order(entlicence.ByValidUntil(), entlicence.ByID()).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list licences: %w", err)
	}
	rows, out.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Licence) any {
		return struct {
			Until string    `json:"u"`
			ID    uuid.UUID `json:"i"`
		}{last.ValidUntil, last.ID}
	})
	out.Licences, err = s.licencesOf(ctx, s.client, rows)
	return out, err
}

// Revoke revokes a licence with a reason.
func (s *Service) Revoke(ctx context.Context, id uuid.UUID, reason string) (*Licence, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apierr.Invalid("reason", "reason.required", "say why the licence is revoked")
	}
	var out Licence
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		r, err := c.Licence.Query().Where(entlicence.ID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("licence", ids.Format(ids.Licence, id))
		}
		if err != nil {
			return err
		}
		if r.RevokeTime != nil {
			return apierr.FailedPrecondition("the licence of %s was revoked on %s already", r.Name, r.RevokeTime.UTC().Format(time.DateOnly))
		}
		before, err := s.licencesOf(ctx, c, []*ent.Licence{r})
		if err != nil {
			return err
		}
		if r, err = r.Update().SetRevokeTime(s.clock.Now()).SetRevokeReason(reason).SetUpdateTime(s.clock.Now()).Save(ctx); err != nil {
			return err
		}
		after, err := s.licencesOf(ctx, c, []*ent.Licence{r})
		if err != nil {
			return err
		}
		out = after[0]
		log.Record(audit.Event{TargetType: licenceTarget, TargetID: ids.Format(ids.Licence, id), Reason: reason,
			Before: licenceState(before[0]), After: licenceState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// VerificationsPerMinute is how many codes one client address may check a
// minute.
const VerificationsPerMinute = 30

// Verify says whether code belongs to a licence valid today, and nothing
// else. Anyone may ask, at most VerificationsPerMinute a minute from one
// client address.
func (s *Service) Verify(ctx context.Context, code string) (bool, error) {
	if !s.verify.Allow(ratelimit.ClientKey(reqctx.From(ctx).RemoteAddr)) {
		return false, apierr.ResourceExhausted("at most %d certificate checks a minute; try again in a minute", VerificationsPerMinute)
	}
	code = normalCode(code)
	if len(code) != 16 {
		return false, nil
	}
	today, _, err := s.today(ctx)
	if err != nil {
		return false, err
	}
	// One query whether the code exists or not, so that the time taken
	// tells no more than the answer. The licence is nobody's the caller
	// is: the code is the key.
	return s.client.Licence.Query().Where(entlicence.VerificationCode(code), entlicence.RevokeTimeIsNil(),
		entlicence.ValidUntilGTE(today.String())).Exist(tenancy.Unscoped(ctx))
}
