package training

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entlicence "github.com/leitstand/leitstand/server/ent/licence"
	entreg "github.com/leitstand/leitstand/server/ent/registration"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
)

// Complete completes a session that has begun: it grants a licence to each
// confirmed attendee marked present and charges a paid course's confirmed
// seats once per organization. On a completed session it grants the
// licences of those marked present since, and nothing twice. It returns
// the session and the licences this call granted.
func (s *Service) Complete(ctx context.Context, id uuid.UUID) (*Session, []Licence, error) {
	if err := tenancy.LicenseeOnly(ctx, "training sessions"); err != nil {
		return nil, nil, err
	}
	var out Session
	var granted []Licence
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		c := tx.Client()
		se, err := readSession(ctx, c, id)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		switch {
		case se.Status == Cancelled:
			return apierr.FailedPrecondition("the session was cancelled (%s): it cannot be completed", se.StatusReason)
		case !se.Begun(now):
			return apierr.FailedPrecondition("the session begins at %s: it is completed once held", se.Start.UTC().Format(time.RFC3339))
		}
		all := tenancy.Unscoped(ctx)
		fresh := se.Status == Scheduled
		if fresh {
			before := *se
			if err := tx.TrainingSession.UpdateOneID(id).SetStatus(entsession.StatusCOMPLETED).SetStatusTime(now).
				SetStatusReason("").SetSeatPriceCents(se.SeatPriceCents).SetCurrency(se.Currency).SetUpdateTime(now).Exec(ctx); err != nil {
				return err
			}
			// Nobody waits for a session that was held.
			waiting, err := c.Registration.Query().Where(entreg.SessionID(id), entreg.StatusEQ(entreg.StatusWAITLISTED)).All(all)
			if err != nil {
				return err
			}
			for _, w := range waiting {
				if err := w.Update().SetStatus(entreg.StatusCANCELLED).SetCancelReason("no seat became free before the session was held").
					ClearWaitlistTime().SetUpdateTime(now).Exec(all); err != nil {
					return err
				}
				log.Record(audit.Event{TargetType: registrationTarget, TargetID: ids.Format(ids.Registration, w.ID),
					Reason: "session completed", Before: map[string]any{"status": Waitlisted}, After: map[string]any{"status": Cancelled}})
			}
			if se, err = readSession(ctx, c, id); err != nil {
				return err
			}
			if err := s.charge(ctx, tx, log, se); err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: sessionTarget, TargetID: ids.Format(ids.TrainingSession, id),
				Before: sessionState(before), After: sessionState(*se)})
		}
		present, err := c.Registration.Query().Where(entreg.SessionID(id), entreg.StatusEQ(entreg.StatusCONFIRMED),
			entreg.AttendanceEQ(entreg.AttendancePRESENT)).Order(entreg.ByName(), entreg.ByID()).All(all)
		if err != nil {
			return err
		}
		if granted, err = s.grant(ctx, tx, log, se, present); err != nil {
			return err
		}
		if !fresh && len(granted) == 0 {
			// Completed before, nothing marked since: nothing to do.
			out = *se
			return audit.Unchanged
		}
		after, err := readSession(ctx, c, id)
		if err != nil {
			return err
		}
		out = *after
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &out, granted, nil
}

// charge writes a completed paid session's confirmed seats, one charge per
// organization, for the billing run to put on its next invoice. A unique
// index on session and organization keeps it once.
func (s *Service) charge(ctx context.Context, tx *ent.Tx, log *audit.Log, se *Session) error {
	if se.SeatPriceCents <= 0 {
		return nil
	}
	loc, err := s.location(ctx)
	if err != nil {
		return err
	}
	var seats []struct {
		OrganizationID uuid.UUID `json:"organization_id"`
		Count          int       `json:"count"`
	}
	all := tenancy.Unscoped(ctx)
	if err := tx.Registration.Query().Where(entreg.SessionID(se.ID), entreg.StatusEQ(entreg.StatusCONFIRMED)).
		GroupBy(entreg.FieldOrganizationID).Aggregate(ent.Count()).Scan(all, &seats); err != nil {
		return err
	}
	day := calendar.On(se.StatusTime, loc)
	held := calendar.On(se.Start, loc)
	desc := fmt.Sprintf("Schulung „%s“ am %02d.%02d.%d", se.CourseTitle, held.Day(), int(held.Month()), held.Year())
	if len([]rune(desc)) > 300 {
		desc = string([]rune(desc)[:299]) + "…"
	}
	now := s.clock.Now()
	for _, n := range seats {
		id := newID()
		if err := tx.TrainingCharge.Create().SetID(id).SetOrganizationID(n.OrganizationID).SetSessionID(se.ID).
			SetDescription(desc).SetDay(day.String()).SetSeats(n.Count).SetSeatPriceCents(se.SeatPriceCents).
			SetCurrency(se.Currency).SetCreateTime(now).Exec(all); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: chargeTarget, TargetID: id.String(),
			After: map[string]any{"organization_id": ids.Format(ids.Organization, n.OrganizationID),
				"session_id": ids.Format(ids.TrainingSession, se.ID), "seats": n.Count, "seat_price_cents": se.SeatPriceCents,
				"net_cents": int64(n.Count) * se.SeatPriceCents, "currency": se.Currency, "day": day.String()}})
	}
	return nil
}

// grant gives each of regs (confirmed and present) without a licence its
// licence from the session's completion day, and returns those granted.
func (s *Service) grant(ctx context.Context, tx *ent.Tx, log *audit.Log, se *Session, regs []*ent.Registration) ([]Licence, error) {
	if len(regs) == 0 {
		return nil, nil
	}
	loc, err := s.location(ctx)
	if err != nil {
		return nil, err
	}
	all := tenancy.Unscoped(ctx)
	regIDs := make([]uuid.UUID, len(regs))
	for i, r := range regs {
		regIDs[i] = r.ID
	}
	// Those licensed before: one licence a registration.
	before, err := tx.Licence.Query().Where(entlicence.RegistrationIDIn(regIDs...)).
		Select(entlicence.FieldRegistrationID).All(all)
	if err != nil {
		return nil, err
	}
	licensed := map[uuid.UUID]bool{}
	for _, l := range before {
		licensed[l.RegistrationID] = true
	}
	from := calendar.On(se.StatusTime, loc)
	until := ValidUntil(from, se.ValidityMonths)
	now := s.clock.Now()
	var made []uuid.UUID
	for _, r := range regs {
		if licensed[r.ID] {
			continue
		}
		id := newID()
		if err := tx.Licence.Create().SetID(id).SetOrganizationID(r.OrganizationID).SetRegistrationID(r.ID).
			SetSessionID(se.ID).SetCourseID(se.Course).SetNillableUserID(r.UserID).SetName(r.Name).SetEmail(r.Email).
			SetValidFrom(from.String()).SetValidUntil(until.String()).SetVerificationCode(NewCode()).
			SetCreateTime(now).SetUpdateTime(now).Exec(all); err != nil {
			return nil, err
		}
		made = append(made, id)
		log.Record(audit.Event{TargetType: licenceTarget, TargetID: ids.Format(ids.Licence, id),
			After: map[string]any{"organization_id": ids.Format(ids.Organization, r.OrganizationID), "name": r.Name, "email": r.Email,
				"course": se.CourseTitle, "session_id": ids.Format(ids.TrainingSession, se.ID),
				"valid_from": from.String(), "valid_until": until.String()}})
	}
	if len(made) == 0 {
		return nil, nil
	}
	return s.licencesByID(all, tx.Client(), made)
}

// codeAlphabet is Crockford's base 32: no I, L, O or U to misread.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewCode is a verification code: 16 characters of base 32, 80 random
// bits, too many to guess at the rate VerifyCertificate answers.
func NewCode() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	for i := range b {
		b[i] = codeAlphabet[b[i]%32]
	}
	return string(b)
}

// FormatCode groups a code by four for reading: K7QM-4XRT-9BWD-2HNE.
func FormatCode(code string) string {
	var parts []string
	for len(code) > 4 {
		parts, code = append(parts, code[:4]), code[4:]
	}
	return strings.Join(append(parts, code), "-")
}

// normalCode is a code as typed, without dashes and spaces, upper case,
// with the letters misread as digits read as Crockford reads them.
func normalCode(s string) string {
	s = strings.ToUpper(s)
	s = strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1").Replace(s)
	return s
}
