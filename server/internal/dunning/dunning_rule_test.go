package dunning

import (
	"testing"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/settings"
)

// The rule, written out: levels in order after their days, each waiting
// for the deadline of the one before and for a hold to end.
func TestNextLevelAndItsDay(t *testing.T) {
	t.Parallel()
	d := settings.Dunning{Enabled: true, PayWithinDays: 7,
		Levels: [3]settings.DunningLevel{{Days: 7}, {Days: 21, FeeCents: 500}, {Days: 35, FeeCents: 1000}}}
	due := calendar.D(2027, 1, 17)
	day := calendar.D
	hold := day(2027, 3, 31)
	for _, tt := range []struct {
		name string
		d    settings.Dunning
		last *Last
		hold *calendar.Date
		want Step
	}{
		{"nothing sent: the reminder a week after the due date", d, nil, nil, Step{Reminder, day(2027, 1, 24)}},
		{"after the reminder: the first notice three weeks after", d, &Last{Reminder, day(2027, 1, 31)}, nil, Step{FirstNotice, day(2027, 2, 7)}},
		{"a reminder sent late: the first notice waits for its deadline", d, &Last{Reminder, day(2027, 2, 10)}, nil, Step{FirstNotice, day(2027, 2, 11)}},
		{"after the first: the second", d, &Last{FirstNotice, day(2027, 2, 14)}, nil, Step{SecondNotice, day(2027, 2, 21)}},
		{"after the second: nothing", d, &Last{SecondNotice, day(2027, 2, 28)}, nil, Step{}},
		{"a hold: the day after it", d, nil, &hold, Step{Reminder, day(2027, 4, 1)}},
		{"a hold that ended before: no effect", d, nil, ptr(day(2027, 1, 2)), Step{Reminder, day(2027, 1, 24)}},
		{"dunning off", settings.Dunning{Levels: d.Levels}, nil, nil, Step{}},
	} {
		if got := Next(tt.d, due, tt.last, tt.hold); got != tt.want {
			t.Errorf("%s: Next = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
