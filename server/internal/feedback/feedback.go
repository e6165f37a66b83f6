// Package feedback keeps what users think of the product: a rating from 1
// to 5, a text and the page or area it is about, given by a user for
// themselves, and marked reviewed by staff with a note. Feedback belongs to
// the user who gave it (tenancy scope user).
package feedback

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entfeedback "github.com/leitstand/leitstand/server/ent/feedback"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/clock"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Limits.
const (
	MaxTextLen = 4000
	MaxAreaLen = 200
	MaxNoteLen = 2000
	// PerHour is how much feedback one user gives in an hour at most: the
	// portal is open to every customer's user, and a script must not fill
	// the staff's list.
	PerHour = 10
)

// Feedback is one user's opinion.
type Feedback struct {
	ID, UserID       uuid.UUID
	UserEmail        string
	Rating           int
	Text, Area       string
	CreateTime       time.Time
	ReviewTime       *time.Time
	ReviewedBy, Note string
}

// Service reads and records feedback.
type Service struct {
	client *ent.Client
	audit  *audit.Writer
	clock  clock.Clock
}

// NewService returns the feedback domain.
func NewService(client *ent.Client, aw *audit.Writer, clk clock.Clock) *Service {
	return &Service{client: client, audit: aw, clock: clk}
}

func feedbackOf(r *ent.Feedback) Feedback {
	return Feedback{ID: r.ID, UserID: r.UserID, UserEmail: r.UserEmail, Rating: r.Rating, Text: r.Text, Area: r.Area,
		CreateTime: r.CreateTime, ReviewTime: r.ReviewTime, ReviewedBy: r.ReviewedByEmail, Note: r.ReviewNote}
}

// Give records the caller's feedback.
func (s *Service) Give(ctx context.Context, rating int, text, area string) (*Feedback, error) {
	me := authz.ActorOf(ctx)
	if me.ID == nil {
		return nil, apierr.FailedPrecondition("feedback is a signed-in user's")
	}
	text, area = strings.TrimSpace(text), strings.TrimSpace(area)
	var bad []apierr.FieldViolation
	if rating < 1 || rating > 5 {
		bad = append(bad, apierr.FieldViolation{Field: "rating", Rule: "rating.range", Message: "from 1 to 5"})
	}
	if utf8.RuneCountInString(text) > MaxTextLen {
		bad = append(bad, apierr.FieldViolation{Field: "text", Rule: "text.max_len", Message: "at most 4000 characters"})
	}
	if utf8.RuneCountInString(area) > MaxAreaLen {
		bad = append(bad, apierr.FieldViolation{Field: "area", Rule: "area.max_len", Message: "at most 200 characters"})
	}
	if len(bad) > 0 {
		return nil, apierr.InvalidFields(bad...)
	}
	var out Feedback
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		now := s.clock.Now()
		// Counted in the change, which holds the audit chain's lock, so
		// parallel calls cannot slip past the limit.
		n, err := tx.Feedback.Query().Where(entfeedback.UserID(*me.ID), entfeedback.CreateTimeGT(now.Add(-time.Hour))).Count(ctx)
		if err != nil {
			return err
		}
		if n >= PerHour {
			return apierr.ResourceExhausted("at most %d pieces of feedback an hour; thank you, and try again later", PerHour)
		}
		r, err := tx.Feedback.Create().SetID(uuid.Must(uuid.NewV7())).SetUserID(*me.ID).SetUserEmail(me.Email).SetRating(rating).
			SetText(text).SetArea(area).SetCreateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = feedbackOf(r)
		log.Record(audit.Event{TargetType: "feedback", TargetID: ids.Format(ids.Feedback, r.ID),
			After: map[string]any{"rating": rating, "area": area}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Review marks feedback reviewed with a note; again, it replaces the note.
func (s *Service) Review(ctx context.Context, id uuid.UUID, note string) (*Feedback, error) {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxNoteLen {
		return nil, apierr.Invalid("note", "note.max_len", "at most 2000 characters")
	}
	var out Feedback
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := tx.Feedback.Get(ctx, id)
		if ent.IsNotFound(err) {
			return apierr.NotFound("feedback", ids.Format(ids.Feedback, id))
		}
		if err != nil {
			return err
		}
		if r.ReviewTime != nil && r.ReviewNote == note {
			out = feedbackOf(r)
			return audit.Unchanged
		}
		u, err := tx.Feedback.UpdateOne(r).SetReviewTime(s.clock.Now()).SetReviewedByEmail(authz.ActorOf(ctx).Email).
			SetReviewNote(note).Save(ctx)
		if err != nil {
			return err
		}
		out = feedbackOf(u)
		log.Record(audit.Event{TargetType: "feedback", TargetID: ids.Format(ids.Feedback, id),
			Before: map[string]any{"reviewed": r.ReviewTime != nil, "review_note": r.ReviewNote},
			After:  map[string]any{"reviewed": true, "review_note": note}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Filter selects a page of feedback.
type Filter struct {
	PageSize  int32
	PageToken string
	// Reviewed: nil for all, else only reviewed or only unreviewed.
	Reviewed *bool
	// MaxRating keeps ratings at or below it; 0 for all.
	MaxRating int
	// Area keeps feedback about areas starting with it.
	Area string
}

// Page is one page of feedback.
type Page struct {
	Items         []Feedback
	NextPageToken string
	TotalSize     int
}

type cursor struct {
	Time  time.Time `json:"t"`
	ID    uuid.UUID `json:"i"`
	Total int       `json:"c,omitempty"`
}

// List returns one page of the feedback the caller sees, newest first.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	if f.MaxRating < 0 || f.MaxRating > 5 {
		return nil, apierr.Invalid("max_rating", "max_rating.range", "from 1 to 5, or 0 for all")
	}
	var where []predicate.Feedback
	if f.Reviewed != nil {
		if *f.Reviewed {
			where = append(where, entfeedback.ReviewTimeNotNil())
		} else {
			where = append(where, entfeedback.ReviewTimeIsNil())
		}
	}
	if f.MaxRating > 0 {
		where = append(where, entfeedback.RatingLTE(f.MaxRating))
	}
	if a := strings.TrimSpace(f.Area); a != "" {
		where = append(where, entfeedback.AreaHasPrefix(a))
	}
	fp := paging.Fingerprint("feedback", f.Reviewed, f.MaxRating, f.Area)
	var c cursor
	hasCursor, err := paging.Decode(f.PageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Feedback.Query().Where(where...)
	if hasCursor {
		q.Where(paging.After(true, paging.Key{Column: entfeedback.FieldCreateTime, Value: c.Time}, paging.Key{Column: entfeedback.FieldID, Value: c.ID}))
	}
	size := paging.Size(f.PageSize)
	rows, err := q.Order(entfeedback.ByCreateTime(sql.OrderDesc()), entfeedback.ByID(sql.OrderDesc())).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Feedback.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count feedback: %w", err)
		}
	}
	page := &Page{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Feedback) any {
		return cursor{Time: last.CreateTime, ID: last.ID, Total: total}
	})
	page.Items = make([]Feedback, len(rows))
	for i, r := range rows {
		page.Items[i] = feedbackOf(r)
	}
	return page, nil
}
