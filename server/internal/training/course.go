package training

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entcourse "github.com/leitstand/leitstand/server/ent/course"
	entsession "github.com/leitstand/leitstand/server/ent/trainingsession"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/fieldmask"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/textfold"
)

// Currency is the currency seats are priced in: the platform's.
const Currency = "EUR"

// Bounds of a course's fields.
const (
	MaxTitleLen       = 200
	MaxDescriptionLen = 4000
	MinDuration       = 15
	MaxDuration       = 3 * 24 * 60
	MaxValidityMonths = 120
	MaxSeatPriceCents = 100_000_000
)

// Languages are the languages a course is held in.
var Languages = []string{"de", "en"}

// CourseValues are a course's fields that staff set.
type CourseValues struct {
	Title, Description, Language string
	DurationMinutes              int
	ValidityMonths               int
	SeatPriceCents               int64
	Retired                      bool
}

// Course is a course of the catalogue.
type Course struct {
	ID uuid.UUID
	CourseValues
	Currency     string
	SessionCount int
	CreateTime   time.Time
}

func between[N int | int64](v, lo, hi N) bool { return v >= lo && v <= hi }

// courseMask lists the fields CreateCourse sets and UpdateCourse may change.
var courseMask = fieldmask.Mask[CourseValues]{Fields: []fieldmask.Field[CourseValues]{
	{Path: "title",
		Check: func(v CourseValues) (string, string) {
			if v.Title == "" {
				return "title.required", "give the course a title"
			}
			if why := unprintable(v.Title); why != "" {
				return "title.printable", why
			}
			return fieldmask.Require(utf8.RuneCountInString(v.Title) <= MaxTitleLen, "title.max_len", "at most 200 characters")
		},
		Copy: func(d *CourseValues, s CourseValues) { d.Title = strings.TrimSpace(s.Title) }},
	{Path: "description",
		Check: func(v CourseValues) (string, string) {
			return fieldmask.Require(utf8.RuneCountInString(v.Description) <= MaxDescriptionLen, "description.max_len", "at most 4000 characters")
		},
		Copy: func(d *CourseValues, s CourseValues) { d.Description = strings.TrimSpace(s.Description) }},
	{Path: "language",
		Check: func(v CourseValues) (string, string) {
			return fieldmask.Require(v.Language == "de" || v.Language == "en", "language.in", "de or en")
		},
		Copy: func(d *CourseValues, s CourseValues) { d.Language = s.Language }},
	{Path: "duration_minutes",
		Check: func(v CourseValues) (string, string) {
			return fieldmask.Require(between(v.DurationMinutes, MinDuration, MaxDuration), "duration_minutes.range",
				"from 15 minutes to 3 days (4,320 minutes)")
		},
		Copy: func(d *CourseValues, s CourseValues) { d.DurationMinutes = s.DurationMinutes }},
	{Path: "validity_months",
		Check: func(v CourseValues) (string, string) {
			return fieldmask.Require(between(v.ValidityMonths, 1, MaxValidityMonths), "validity_months.range", "from 1 to 120 months")
		},
		Copy: func(d *CourseValues, s CourseValues) { d.ValidityMonths = s.ValidityMonths }},
	{Path: "seat_price_cents",
		Check: func(v CourseValues) (string, string) {
			return fieldmask.Require(between(v.SeatPriceCents, 0, MaxSeatPriceCents), "seat_price_cents.range",
				"from 0 (free) to 1,000,000.00 EUR, in cents")
		},
		Copy: func(d *CourseValues, s CourseValues) { d.SeatPriceCents = s.SeatPriceCents }},
	{Path: "retired", Copy: func(d *CourseValues, s CourseValues) { d.Retired = s.Retired }},
}}

// CoursePaths are the update-mask paths UpdateCourse accepts.
var CoursePaths = courseMask.Paths()

func courseOf(r *ent.Course, sessions int) Course {
	return Course{ID: r.ID, CourseValues: CourseValues{Title: r.Title, Description: r.Description, Language: r.Language,
		DurationMinutes: r.DurationMinutes, ValidityMonths: r.ValidityMonths, SeatPriceCents: r.SeatPriceCents, Retired: r.Retired},
		Currency: r.Currency, SessionCount: sessions, CreateTime: r.CreateTime}
}

func courseState(c Course) map[string]any {
	return map[string]any{"title": c.Title, "description": c.Description, "language": c.Language,
		"duration_minutes": c.DurationMinutes, "validity_months": c.ValidityMonths,
		"seat_price_cents": c.SeatPriceCents, "currency": c.Currency, "retired": c.Retired}
}

// readCourse reads a course with its number of sessions.
func readCourse(ctx context.Context, c *ent.Client, id uuid.UUID) (*Course, error) {
	r, err := c.Course.Query().Where(entcourse.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("course", ids.Format(ids.Course, id))
	}
	if err != nil {
		return nil, fmt.Errorf("read the course: %w", err)
	}
	n, err := c.TrainingSession.Query().Where(entsession.CourseID(id)).Count(ctx)
	if err != nil {
		return nil, err
	}
	out := courseOf(r, n)
	return &out, nil
}

// Course returns one course.
func (s *Service) Course(ctx context.Context, id uuid.UUID) (*Course, error) {
	return readCourse(ctx, s.client, id)
}

// titleTaken refuses a title another course has, regardless of case and
// accents.
func titleTaken(ctx context.Context, c *ent.Client, title string, except uuid.UUID, prefix string) error {
	other, err := c.Course.Query().Where(entcourse.TitleKey(textfold.Key(title)), entcourse.IDNEQ(except)).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return apierr.Invalid(apierr.Path(prefix, "title"), "title.unique", "the course %q has this title already", other.Title)
}

// CreateCourse adds a course; its validity is 12 months when v gives none.
func (s *Service) CreateCourse(ctx context.Context, v CourseValues) (*Course, error) {
	if err := tenancy.LicenseeOnly(ctx, "the training catalogue and its courses"); err != nil {
		return nil, err
	}
	if v.ValidityMonths == 0 {
		v.ValidityMonths = DefaultValidityMonths
	}
	var in CourseValues
	leaves := courseMask.Leaves()
	courseMask.Apply(&in, v, leaves)
	in.Retired = false
	if err := courseMask.Check(in, leaves, "course"); err != nil {
		return nil, err
	}
	var out Course
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := titleTaken(ctx, tx.Client(), in.Title, uuid.Nil, "course"); err != nil {
			return err
		}
		now := s.clock.Now()
		r, err := tx.Course.Create().SetID(newID()).SetTitle(in.Title).SetTitleKey(textfold.Key(in.Title)).
			SetDescription(in.Description).SetLanguage(in.Language).SetDurationMinutes(in.DurationMinutes).
			SetValidityMonths(in.ValidityMonths).SetSeatPriceCents(in.SeatPriceCents).SetCurrency(Currency).
			SetCreateTime(now).SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		out = courseOf(r, 0)
		log.Record(audit.Event{TargetType: courseTarget, TargetID: ids.Format(ids.Course, r.ID), After: courseState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateCourse changes the fields named in paths; a change to nothing
// writes nothing.
func (s *Service) UpdateCourse(ctx context.Context, id uuid.UUID, v CourseValues, paths []string) (*Course, error) {
	if err := tenancy.LicenseeOnly(ctx, "the training catalogue and its courses"); err != nil {
		return nil, err
	}
	leaves, err := courseMask.Expand(paths)
	if err != nil {
		return nil, err
	}
	var out Course
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := readCourse(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		next := *before
		courseMask.Apply(&next.CourseValues, v, leaves)
		if err := courseMask.Check(next.CourseValues, leaves, "course"); err != nil {
			return err
		}
		if next.CourseValues == before.CourseValues {
			out = *before
			return audit.Unchanged
		}
		if next.Title != before.Title {
			if err := titleTaken(ctx, tx.Client(), next.Title, id, "course"); err != nil {
				return err
			}
		}
		if _, err := tx.Course.UpdateOneID(id).SetTitle(next.Title).SetTitleKey(textfold.Key(next.Title)).
			SetDescription(next.Description).SetLanguage(next.Language).SetDurationMinutes(next.DurationMinutes).
			SetValidityMonths(next.ValidityMonths).SetSeatPriceCents(next.SeatPriceCents).SetRetired(next.Retired).
			SetUpdateTime(s.clock.Now()).Save(ctx); err != nil {
			return err
		}
		out = next
		log.Record(audit.Event{TargetType: courseTarget, TargetID: ids.Format(ids.Course, id),
			Before: courseState(*before), After: courseState(out)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCourse removes a course that never had a session.
func (s *Service) DeleteCourse(ctx context.Context, id uuid.UUID) error {
	if err := tenancy.LicenseeOnly(ctx, "the training catalogue and its courses"); err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := readCourse(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		if before.SessionCount > 0 {
			return apierr.FailedPrecondition("%s had %d sessions and is kept with them: retire it instead", before.Title, before.SessionCount)
		}
		if err := tx.Course.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: courseTarget, TargetID: ids.Format(ids.Course, id), Before: courseState(*before)})
		return nil
	})
}

// CoursePage is a page of courses.
type CoursePage struct {
	Courses       []Course
	NextPageToken string
	Total         int
}

type courseCursor struct {
	Retired bool      `json:"r"`
	Key     string    `json:"k"`
	ID      uuid.UUID `json:"i"`
}

// Courses pages through the catalogue by title, active courses first.
func (s *Service) Courses(ctx context.Context, includeRetired bool, pageSize int32, pageToken string) (*CoursePage, error) {
	fp := paging.Fingerprint("courses", includeRetired)
	var cur courseCursor
	has, err := paging.Decode(pageToken, fp, &cur)
	if err != nil {
		return nil, err
	}
	q := s.client.Course.Query()
	if !includeRetired {
		q.Where(entcourse.Retired(false))
	}
	out := &CoursePage{}
	if out.Total, err = q.Clone().Count(ctx); err != nil {
		return nil, err
	}
	if has {
		q.Where(paging.After(false, paging.Key{Column: entcourse.FieldRetired, Value: cur.Retired},
			paging.Key{Column: entcourse.FieldTitleKey, Value: cur.Key}, paging.Key{Column: entcourse.FieldID, Value: cur.ID}))
	}
	size := min(paging.Size(pageSize), 200)
	rows, err := q.Order(entcourse.ByRetired(), entcourse.ByTitleKey(), entcourse.ByID()).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list courses: %w", err)
	}
	rows, out.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Course) any {
		return courseCursor{Retired: last.Retired, Key: last.TitleKey, ID: last.ID}
	})
	counts := map[uuid.UUID]int{}
	if len(rows) > 0 {
		idList := make([]uuid.UUID, len(rows))
		for i, r := range rows {
			idList[i] = r.ID
		}
		var byCourse []struct {
			CourseID uuid.UUID `json:"course_id"`
			Count    int       `json:"count"`
		}
		if err := s.client.TrainingSession.Query().Where(entsession.CourseIDIn(idList...)).
			GroupBy(entsession.FieldCourseID).Aggregate(ent.Count()).Scan(ctx, &byCourse); err != nil {
			return nil, err
		}
		for _, b := range byCourse {
			counts[b.CourseID] = b.Count
		}
	}
	for _, r := range rows {
		out.Courses = append(out.Courses, courseOf(r, counts[r.ID]))
	}
	return out, nil
}
