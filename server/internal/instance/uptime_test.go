package instance_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The uptime is the time ONLINE over the time measured, per UTC day, from
// the status history alone: MAINTENANCE, PROVISIONING and the time before
// the booking are not measured; DISRUPTION and INCIDENT are unavailable.
func TestUptimeCountsTheHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		f := setup(t, d)
		env := f.env
		ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
		// Booked on day 1 at 18:00, set up at midnight.
		day1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		env.Clock.Set(day1.Add(18 * time.Hour))
		svc, err := env.Services.Book(ctx, f.item.ID, f.ws, "", "")
		if err != nil {
			t.Fatal(err)
		}
		at := func(d time.Duration, to instance.Status, source instance.Source) {
			t.Helper()
			env.Clock.Set(day1.Add(d))
			if _, err := env.Services.ChangeStatus(ctx, svc.ID, to, source, "test"); err != nil {
				t.Fatal(err)
			}
		}
		h := time.Hour
		at(24*h, instance.Online, instance.Staff)           // day 2 00:00
		at(24*h+6*h, instance.Disruption, instance.Sync)    // day 2 06:00
		at(24*h+9*h, instance.Online, instance.Sync)        // day 2 09:00
		at(24*h+22*h, instance.Maintenance, instance.Staff) // day 2 22:00
		at(48*h+2*h, instance.Incident, instance.Sync)      // day 3 02:00
		at(48*h+3*h, instance.Online, instance.Sync)        // day 3 03:00
		env.Clock.Set(day1.Add(72*h + 12*h))                // day 4 12:00
		u, err := env.Services.GetUptime(ctx, svc.ID, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Days) != 7 || !u.Days[0].Date.Equal(day1.AddDate(0, 0, -3)) || !u.Days[6].Date.Equal(day1.AddDate(0, 0, 3)) {
			t.Fatalf("days from %s, %d of them", u.Days[0].Date, len(u.Days))
		}
		want := []struct{ online, disruption, incident, unmeasured time.Duration }{
			{0, 0, 0, 24 * h}, {0, 0, 0, 24 * h}, {0, 0, 0, 24 * h},
			{0, 0, 0, 24 * h},         // day 1: before the booking, then PROVISIONING
			{19 * h, 3 * h, 0, 2 * h}, // day 2: MAINTENANCE from 22:00
			{21 * h, 0, h, 2 * h},     // day 3: MAINTENANCE until 02:00
			{12 * h, 0, 0, 0},         // day 4, until now
		}
		for i, w := range want {
			got := u.Days[i]
			if got.Online != w.online || got.Disruption != w.disruption || got.Incident != w.incident || got.Unmeasured != w.unmeasured {
				t.Errorf("%s: online %s disruption %s incident %s unmeasured %s; want %+v", got.Date.Format(time.DateOnly),
					got.Online, got.Disruption, got.Incident, got.Unmeasured, w)
			}
		}
		if a, ok := u.Days[4].Availability(); !ok || a != 19.0/22.0 {
			t.Errorf("day 2 availability %v %v", a, ok)
		}
		if _, ok := u.Days[3].Availability(); ok {
			t.Error("a day with nothing measured has an availability")
		}
		if a, ok := u.Availability(); !ok || u.Online != 52*h || u.Measured != 56*h || a != 52.0/56.0 {
			t.Errorf("window: online %s measured %s availability %v", u.Online, u.Measured, a)
		}

		// 30 days reach back before the booking; the sums stay the same.
		u30, err := env.Services.GetUptime(ctx, svc.ID, 30)
		if err != nil || len(u30.Days) != 30 || u30.Online != u.Online || u30.Measured != u.Measured {
			t.Errorf("30 days: %+v %v", u30, err)
		}
		// A window that begins after the last change still knows the status.
		env.Clock.Set(day1.AddDate(0, 0, 20).Add(12 * h))
		u7, err := env.Services.GetUptime(ctx, svc.ID, 7)
		if err != nil || u7.Online != 6*24*h+12*h || u7.Measured != u7.Online {
			t.Errorf("a quiet week: online %s %v", u7.Online, err)
		}

		_, err = env.Services.GetUptime(ctx, svc.ID, 10)
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "days")
		_, err = env.Services.GetUptime(ctx, uuid.New(), 7)
		apptest.WantErr(t, err, apierr.ErrNotFound)
	})
}
