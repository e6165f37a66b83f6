package infra

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Every reason a server is not healthy carries a declared code with exactly
// its declared values, besides its English: clients word the reasons by
// code, and a reason without one would reach German operators in English.
func TestEveryHealthReasonHasACode(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	fresh, stale := now.Add(-time.Minute), now.Add(-time.Hour)
	t10 := DefaultThresholds
	tests := []struct {
		name  string
		srv   ent.Server
		want  server.Health
		codes []string
		texts []string
	}{
		{"never synced", ent.Server{SyncStatus: server.SyncStatusNEVER}, server.HealthUNKNOWN,
			[]string{ReasonNeverSynced}, []string{"no datasource has reported on it yet"}},
		{"sync failing", ent.Server{SyncStatus: server.SyncStatusFAILING, SyncFailures: 5}, server.HealthCRITICAL,
			[]string{ReasonSyncFailing}, []string{"sync failed 5 times in a row"}},
		{"down after a failed sync", ent.Server{SyncStatus: server.SyncStatusFAILING, SyncFailures: 1, Status: "stopped"}, server.HealthCRITICAL,
			[]string{ReasonDown, ReasonLastSyncFailed}, []string{"status stopped", "the last sync failed"}},
		{"down without a word", ent.Server{SyncStatus: server.SyncStatusOK}, server.HealthCRITICAL,
			[]string{ReasonDown}, []string{"status down"}},
		{"busy", ent.Server{SyncStatus: server.SyncStatusOK, Up: true, SampleTime: &fresh, CPUPercent: 96,
			MemoryUsed: 86, MemoryTotal: 100, DiskUsed: 10, DiskTotal: 100,
			Filesystems: []provider.Filesystem{{Name: "/var", UsedBytes: 95, TotalBytes: 100}}}, server.HealthCRITICAL,
			[]string{ReasonCPUHigh, ReasonDiskHigh, ReasonMemoryHigh}, []string{"CPU 96 % ≥ 95 %", "disk /var 95 % ≥ 90 %", "memory 86 % ≥ 85 %"}},
		{"disk as a whole", ent.Server{SyncStatus: server.SyncStatusOK, Up: true, SampleTime: &fresh, DiskUsed: 82, DiskTotal: 100}, server.HealthWARNING,
			[]string{ReasonDiskHigh}, []string{"disk 82 % ≥ 80 %"}},
		{"metrics stopped", ent.Server{SyncStatus: server.SyncStatusOK, Up: true, SampleTime: &stale}, server.HealthUNKNOWN,
			[]string{ReasonStaleMetrics}, []string{"no metrics for 10m0s"}},
		{"healthy", ent.Server{SyncStatus: server.SyncStatusOK, Up: true, SampleTime: &fresh, CPUPercent: 10}, server.HealthHEALTHY, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, reasons := assess(&tt.srv, t10, now)
			if h != tt.want {
				t.Errorf("health = %s, want %s", h, tt.want)
			}
			var codes, texts []string
			for _, r := range reasons {
				codes, texts = append(codes, r.Code), append(texts, r.English)
				declared, ok := HealthReasonCodes[r.Code]
				if !ok {
					t.Errorf("reason %q has the undeclared code %q", r.English, r.Code)
				}
				if got := slices.Sorted(maps.Keys(r.Params)); !slices.Equal(got, slices.Sorted(slices.Values(declared))) {
					t.Errorf("reason %q (%s) has values %v, its code declares %v", r.English, r.Code, got, declared)
				}
			}
			if !slices.Equal(codes, tt.codes) || !slices.Equal(texts, tt.texts) {
				t.Errorf("reasons = %v %q, want %v %q", codes, texts, tt.codes, tt.texts)
			}
		})
	}
	// The reasons' values say what the English says.
	_, busy := assess(&tests[4].srv, t10, now)
	if p := busy[1].Params; p["percent"] != "95" || p["threshold"] != "90" || p["filesystem"] != "/var" {
		t.Errorf("disk reason values = %v", p)
	}
	// Reasons read back from the two columns keep their codes; one written
	// before codes keeps its English.
	texts, codes := reasonColumns(busy)
	back := reasonsOf(&ent.Server{HealthReasons: texts, HealthReasonCodes: codes})
	if len(back) != 3 || back[0].Code != ReasonCPUHigh || back[0].English != "CPU 96 % ≥ 95 %" || back[0].Params["threshold"] != "95" {
		t.Errorf("read back = %+v", back)
	}
	old := reasonsOf(&ent.Server{HealthReasons: []string{"status stopped"}})
	if len(old) != 1 || old[0].Code != "" || old[0].English != "status stopped" {
		t.Errorf("reason without a code = %+v", old)
	}
}
