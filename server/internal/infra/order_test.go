package infra_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// The server list sorts by usage and last sync in both directions, with ties
// broken by id, and pages through any order without skipping or repeating a
// server.
func TestListServersOrdersAndPagesAcrossTies(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		f := setup(t, d)
		type sample struct {
			cpu        float64
			mem, disk  int64 // GiB used of 100
			syncedDays int   // days before apptest.Start; 0: never synced
		}
		// Repeated values make ties that only the id orders.
		samples := []sample{
			{cpu: 50, mem: 20, disk: 70, syncedDays: 2},
			{cpu: 10, mem: 90, disk: 70, syncedDays: 0},
			{cpu: 50, mem: 20, disk: 10, syncedDays: 1},
			{cpu: 95.5, mem: 60, disk: 40, syncedDays: 2},
			{cpu: 10, mem: 20, disk: 70, syncedDays: 0},
			{cpu: 0, mem: 0, disk: 0, syncedDays: 3},
			{cpu: 50, mem: 90, disk: 10, syncedDays: 1},
		}
		const gib = int64(1) << 30
		type row struct {
			id   uuid.UUID
			name string
			s    sample
		}
		var rows []row
		for i, s := range samples {
			v, err := f.svc.CreateServer(f.ctx, infra.ServerValues{Name: fmt.Sprintf("srv-%02d", i), Provider: "OTHER", Kind: "HOST"})
			if err != nil {
				t.Fatal(err)
			}
			u := f.env.DB.Client.Server.UpdateOneID(v.ID).SetCPUPercent(s.cpu).
				SetMemoryUsed(s.mem * gib).SetMemoryTotal(100 * gib).SetDiskUsed(s.disk * gib).SetDiskTotal(100 * gib)
			if s.syncedDays > 0 {
				u.SetLastSyncSuccessTime(apptest.Start.Add(-time.Duration(s.syncedDays) * 24 * time.Hour))
			}
			if err := u.Exec(f.ctx); err != nil {
				t.Fatal(err)
			}
			rows = append(rows, row{v.ID, v.Name, s})
		}

		// want sorts the rows as the order should: key, then id, both in
		// the order's direction; a missing sync is older than any.
		want := func(key func(sample) float64, desc bool) []string {
			sorted := slices.Clone(rows)
			slices.SortFunc(sorted, func(a, b row) int {
				c := 0
				switch ka, kb := key(a.s), key(b.s); {
				case ka < kb:
					c = -1
				case ka > kb:
					c = 1
				default:
					c = slices.Compare(a.id[:], b.id[:])
				}
				if desc {
					c = -c
				}
				return c
			})
			names := make([]string, len(sorted))
			for i, r := range sorted {
				names[i] = r.name
			}
			return names
		}
		keys := map[string]func(sample) float64{
			"cpu_usage":    func(s sample) float64 { return s.cpu },
			"memory_usage": func(s sample) float64 { return float64(s.mem) },
			"disk_usage":   func(s sample) float64 { return float64(s.disk) },
			"last_sync_time": func(s sample) float64 {
				if s.syncedDays == 0 {
					return -1e9
				}
				return -float64(s.syncedDays)
			},
			"name": func(sample) float64 { return 0 },
		}
		for order, key := range keys {
			for _, desc := range []bool{false, true} {
				orderBy := order
				if desc {
					orderBy += " desc"
				}
				t.Run(orderBy, func(t *testing.T) {
					expected := want(key, desc)
					if order == "name" {
						expected = []string{"srv-00", "srv-01", "srv-02", "srv-03", "srv-04", "srv-05", "srv-06"}
						if desc {
							slices.Reverse(expected)
						}
					}
					// Pages of two cut through the ties.
					var got []string
					token := ""
					for pages := 0; ; pages++ {
						if pages > len(rows) {
							t.Fatalf("paging does not end: %v", got)
						}
						page, err := f.svc.ListServers(f.ctx, infra.ServerFilter{OrderBy: orderBy}, 2, token)
						if err != nil {
							t.Fatalf("page %d: %v", pages, err)
						}
						if page.TotalSize != len(rows) {
							t.Errorf("total = %d, want %d", page.TotalSize, len(rows))
						}
						for _, v := range page.Items {
							got = append(got, v.Name)
						}
						if token = page.NextPageToken; token == "" {
							break
						}
					}
					if !slices.Equal(got, expected) {
						t.Errorf("order %q:\n got %v\nwant %v", orderBy, got, expected)
					}
				})
			}
		}

		// A token is bound to its order.
		first, err := f.svc.ListServers(f.ctx, infra.ServerFilter{OrderBy: "cpu_usage"}, 2, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.ListServers(f.ctx, infra.ServerFilter{OrderBy: "disk_usage"}, 2, first.NextPageToken)
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "page_token")

		_, err = f.svc.ListServers(f.ctx, infra.ServerFilter{OrderBy: "health"}, 2, "")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "order_by")
	})
}
