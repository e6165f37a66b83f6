package feedback_test

import (
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/feedback"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// Users give feedback for themselves, a few an hour; staff find it by
// rating, area and whether it is reviewed, and review it with a note; a
// user sees only their own.
func TestFeedbackIsGivenAndReviewed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		anna := env.As(t, env.User(t, "anna@example.com", authz.RoleUser))
		ben := env.As(t, env.User(t, "ben@example.com", authz.RoleUser))
		op := env.AsRole(t, "operator@example.com", authz.RoleOperator)

		low, err := env.Feedback.Give(anna, 2, " The invoices are hard to find ", "portal/invoices")
		if err != nil || low.Text != "The invoices are hard to find" || low.UserEmail != "anna@example.com" {
			t.Fatalf("given = %+v %v", low, err)
		}
		if _, err := env.Feedback.Give(ben, 5, "", "portal/services"); err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		_, err = env.Feedback.Give(anna, 6, "", "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "rating")
		if env.Fingerprint(t) != before {
			t.Error("refused feedback changed something")
		}

		count := func(f feedback.Filter) int {
			t.Helper()
			p, err := env.Feedback.List(op, f)
			if err != nil {
				t.Fatal(err)
			}
			return p.TotalSize
		}
		no := false
		if n := count(feedback.Filter{MaxRating: 3}); n != 1 {
			t.Errorf("at most 3 stars: %d", n)
		}
		if n := count(feedback.Filter{Area: "portal/serv"}); n != 1 {
			t.Errorf("about services: %d", n)
		}
		if n := count(feedback.Filter{Reviewed: &no}); n != 2 {
			t.Errorf("unreviewed: %d", n)
		}
		if p, err := env.Feedback.List(anna, feedback.Filter{}); err != nil || p.TotalSize != 1 {
			t.Errorf("what a user sees = %+v %v", p, err)
		}

		reviewed, err := env.Feedback.Review(op, low.ID, "Moved the link to the top")
		if err != nil || reviewed.ReviewTime == nil || reviewed.ReviewedBy != "operator@example.com" {
			t.Errorf("reviewed = %+v %v", reviewed, err)
		}
		seq := env.LastSeq(t)
		if _, err := env.Feedback.Review(op, low.ID, "Moved the link to the top"); err != nil {
			t.Fatal(err)
		}
		env.NoEventsSince(t, seq)
		if n := count(feedback.Filter{Reviewed: &no}); n != 1 {
			t.Errorf("unreviewed after the review: %d", n)
		}

		// A few an hour.
		for range feedback.PerHour - 1 {
			if _, err := env.Feedback.Give(anna, 4, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		_, err = env.Feedback.Give(anna, 4, "", "")
		apptest.WantErr(t, err, apierr.ErrResourceExhausted)
		env.Clock.Advance(time.Hour)
		if _, err := env.Feedback.Give(anna, 4, "", ""); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}
