package infra

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/healthpolicy"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// Thresholds decide a server's health from its latest sample.
type Thresholds struct {
	CPUWarning, CPUCritical       int
	MemoryWarning, MemoryCritical int
	DiskWarning, DiskCritical     int
	// SyncFailuresCritical failed syncs in a row make a server CRITICAL.
	SyncFailuresCritical int
	// StaleAfter without a sample makes a server's health UNKNOWN.
	StaleAfter time.Duration
}

// DefaultThresholds are in force until staff change them.
var DefaultThresholds = Thresholds{CPUWarning: 80, CPUCritical: 95, MemoryWarning: 85, MemoryCritical: 95,
	DiskWarning: 80, DiskCritical: 90, SyncFailuresCritical: 3, StaleAfter: 10 * time.Minute}

func (t Thresholds) validate() error {
	var vs []apierr.FieldViolation
	bad := func(field, rule, msg string) {
		vs = append(vs, apierr.FieldViolation{Field: apierr.Path("thresholds", field), Rule: rule, Message: msg})
	}
	pair := func(name string, w, c int) {
		for _, v := range []int{w, c} {
			if v < 1 || v > 100 {
				bad(name+"_warning_percent", "thresholds.range", "thresholds are percentages from 1 to 100")
				return
			}
		}
		if w >= c {
			bad(name+"_warning_percent", "thresholds."+name, fmt.Sprintf("the %s warning threshold must be below the critical one", name))
		}
	}
	pair("cpu", t.CPUWarning, t.CPUCritical)
	pair("memory", t.MemoryWarning, t.MemoryCritical)
	pair("disk", t.DiskWarning, t.DiskCritical)
	if t.SyncFailuresCritical < 1 {
		bad("sync_failures_critical", "thresholds.sync", "must be at least 1")
	}
	if t.StaleAfter < 2*time.Minute {
		bad("stale_after_minutes", "thresholds.stale", "must be at least 2 minutes (the sync runs every minute)")
	}
	if len(vs) > 0 {
		return apierr.InvalidFields(vs...)
	}
	return nil
}

const policyID = 1

// Thresholds returns the thresholds in force.
func (s *Service) Thresholds(ctx context.Context) (Thresholds, error) {
	return thresholds(ctx, s.client)
}

func thresholds(ctx context.Context, c *ent.Client) (Thresholds, error) {
	p, err := c.HealthPolicy.Get(ctx, policyID)
	if ent.IsNotFound(err) {
		return DefaultThresholds, nil
	}
	if err != nil {
		return Thresholds{}, fmt.Errorf("read health thresholds: %w", err)
	}
	return Thresholds{CPUWarning: p.CPUWarning, CPUCritical: p.CPUCritical, MemoryWarning: p.MemoryWarning,
		MemoryCritical: p.MemoryCritical, DiskWarning: p.DiskWarning, DiskCritical: p.DiskCritical,
		SyncFailuresCritical: p.SyncFailuresCritical, StaleAfter: time.Duration(p.StaleAfterMinutes) * time.Minute}, nil
}

// UpdateThresholds sets the thresholds and recomputes every server's health
// in the same transaction.
func (s *Service) UpdateThresholds(ctx context.Context, t Thresholds) error {
	if err := t.validate(); err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		before, err := thresholds(ctx, tx.Client())
		if err != nil {
			return err
		}
		err = tx.HealthPolicy.Create().SetID(policyID).
			SetCPUWarning(t.CPUWarning).SetCPUCritical(t.CPUCritical).
			SetMemoryWarning(t.MemoryWarning).SetMemoryCritical(t.MemoryCritical).
			SetDiskWarning(t.DiskWarning).SetDiskCritical(t.DiskCritical).
			SetSyncFailuresCritical(t.SyncFailuresCritical).SetStaleAfterMinutes(int(t.StaleAfter / time.Minute)).
			SetUpdateTime(s.now()).
			OnConflictColumns(healthpolicy.FieldID).UpdateNewValues().Exec(ctx)
		if err != nil {
			return err
		}
		if err := s.recomputeHealth(ctx, tx.Client(), t); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "health_thresholds", TargetID: "servers", Before: before, After: t})
		return nil
	})
}

// recomputeHealth updates each server whose health changes under t.
func (s *Service) recomputeHealth(ctx context.Context, c *ent.Client, t Thresholds) error {
	rows, err := c.Server.Query().All(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	for _, r := range rows {
		h, reasons := assess(r, t, now)
		texts, codes := reasonColumns(reasons)
		if h == r.Health && slices.Equal(texts, r.HealthReasons) && len(codes) == len(r.HealthReasonCodes) {
			continue
		}
		if err := c.Server.UpdateOneID(r.ID).SetHealth(h).SetHealthReasons(texts).SetHealthReasonCodes(codes).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// The codes of a server's health reasons (coded.Text), which clients word
// in their language; HealthReasonCodes lists them with their values.
const (
	ReasonNoDatasource   = "no-datasource"
	ReasonNeverSynced    = "never-synced"
	ReasonSyncFailing    = "sync-failing"
	ReasonLastSyncFailed = "last-sync-failed"
	ReasonDown           = "down"
	ReasonCPUHigh        = "cpu-high"
	ReasonMemoryHigh     = "memory-high"
	ReasonDiskHigh       = "disk-high"
	ReasonStaleMetrics   = "stale-metrics"
)

// HealthReasonCodes are the health reasons' codes with the names of their
// values, for clients that need every code a text.
var HealthReasonCodes = map[string][]string{
	ReasonNoDatasource:   nil,
	ReasonNeverSynced:    nil,
	ReasonSyncFailing:    {"failures"},
	ReasonLastSyncFailed: nil,
	ReasonDown:           {"status"},
	ReasonCPUHigh:        {"percent", "threshold"},
	ReasonMemoryHigh:     {"percent", "threshold"},
	ReasonDiskHigh:       {"percent", "threshold", "filesystem"},
	ReasonStaleMetrics:   {"minutes"},
}

// noDatasource is the reason of a server nothing reports on yet.
var noDatasource = coded.Text{Code: ReasonNoDatasource, English: "no datasource reports on it"}

// assess decides a server's health from the sync's view of it, with the
// reasons in English and as codes.
func assess(r *ent.Server, t Thresholds, now time.Time) (server.Health, []coded.Text) {
	switch {
	case r.SyncStatus == server.SyncStatusNEVER:
		return server.HealthUNKNOWN, []coded.Text{{Code: ReasonNeverSynced, English: "no datasource has reported on it yet"}}
	case r.SyncStatus == server.SyncStatusFAILING && r.SyncFailures >= t.SyncFailuresCritical:
		return server.HealthCRITICAL, []coded.Text{{Code: ReasonSyncFailing, Params: map[string]string{"failures": coded.Int(r.SyncFailures)},
			English: fmt.Sprintf("sync failed %d times in a row", r.SyncFailures)}}
	}
	var warn, crit []coded.Text
	if r.SyncStatus == server.SyncStatusFAILING {
		warn = append(warn, coded.Text{Code: ReasonLastSyncFailed, English: "the last sync failed"})
	}
	if !r.Up {
		status := r.Status
		if status == "" {
			status = "down"
		}
		crit = append(crit, coded.Text{Code: ReasonDown, Params: map[string]string{"status": status}, English: "status " + status})
	}
	fresh := r.SampleTime != nil && now.Sub(*r.SampleTime) <= t.StaleAfter
	if r.Up && fresh {
		check := func(code, name, filesystem string, pct float64, w, c int) {
			reason := func(threshold int) coded.Text {
				params := map[string]string{"percent": coded.Percent(pct), "threshold": coded.Int(threshold)}
				if code == ReasonDiskHigh {
					params["filesystem"] = filesystem
				}
				return coded.Text{Code: code, Params: params, English: fmt.Sprintf("%s %.0f %% ≥ %d %%", name, pct, threshold)}
			}
			switch {
			case pct >= float64(c):
				crit = append(crit, reason(c))
			case pct >= float64(w):
				warn = append(warn, reason(w))
			}
		}
		check(ReasonCPUHigh, "CPU", "", r.CPUPercent, t.CPUWarning, t.CPUCritical)
		if r.MemoryTotal > 0 && r.MemoryUsed > 0 {
			check(ReasonMemoryHigh, "memory", "", percent(r.MemoryUsed, r.MemoryTotal), t.MemoryWarning, t.MemoryCritical)
		}
		fs, pct := fullestDisk(r)
		if pct >= 0 {
			name := "disk"
			if fs != "" {
				name = "disk " + fs
			}
			check(ReasonDiskHigh, name, fs, pct, t.DiskWarning, t.DiskCritical)
		}
	}
	switch {
	case len(crit) > 0:
		return server.HealthCRITICAL, append(crit, warn...)
	case r.Up && r.SampleTime != nil && !fresh && r.SyncStatus == server.SyncStatusOK:
		// Metrics stopped coming; a server whose providers report none (a
		// Docker host) is judged by its status and sync alone.
		return server.HealthUNKNOWN, []coded.Text{{Code: ReasonStaleMetrics,
			Params:  map[string]string{"minutes": coded.Int(int64(t.StaleAfter / time.Minute))},
			English: "no metrics for " + t.StaleAfter.String()}}
	case len(warn) > 0:
		return server.HealthWARNING, warn
	default:
		return server.HealthHEALTHY, nil
	}
}

// reasonColumns splits reasons into the two columns that keep them: the
// English texts and the codes with their values.
func reasonColumns(reasons []coded.Text) ([]string, []coded.Text) {
	if len(reasons) == 0 {
		return nil, nil
	}
	texts := make([]string, len(reasons))
	for i, r := range reasons {
		texts[i] = r.English
	}
	return texts, reasons
}

// reasonsOf reads a server's reasons back from its two columns. A reason
// written before reasons had codes comes back with its English only.
func reasonsOf(r *ent.Server) []coded.Text {
	if len(r.HealthReasons) == 0 {
		return nil
	}
	out := make([]coded.Text, len(r.HealthReasons))
	for i, text := range r.HealthReasons {
		if len(r.HealthReasonCodes) == len(r.HealthReasons) {
			out[i] = r.HealthReasonCodes[i]
		}
		out[i].English = text
	}
	return out
}

func percent(used, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return float64(used) * 100 / float64(total)
}

// fullestDisk is the disk measure health looks at: the fullest filesystem
// (by name) where the provider reports them, else the disk as a whole
// (named ""); -1 if unknown.
func fullestDisk(r *ent.Server) (string, float64) {
	name, best := "", -1.0
	if r.DiskTotal > 0 && r.DiskUsed > 0 {
		best = percent(r.DiskUsed, r.DiskTotal)
	}
	for _, f := range r.Filesystems {
		if p := percent(f.UsedBytes, f.TotalBytes); f.TotalBytes > 0 && p > best {
			name, best = f.Name, p
		}
	}
	return name, best
}

// HealthSummary counts servers by health for the dashboard.
type HealthSummary struct {
	Total, Healthy, Warning, Critical, Unknown int
	SyncFailing, ConnectionsFailing            int
	ContainersRunning, ContainersUnhealthy     int
	Thresholds                                 Thresholds
}

// Summary counts servers by health, in four statements.
func (s *Service) Summary(ctx context.Context) (*HealthSummary, error) {
	t, err := s.Thresholds(ctx)
	if err != nil {
		return nil, err
	}
	out := &HealthSummary{Thresholds: t}
	var byHealth []struct {
		Health string `json:"health"`
		Count  int    `json:"count"`
	}
	if err := s.client.Server.Query().GroupBy(server.FieldHealth).Aggregate(ent.Count()).Scan(ctx, &byHealth); err != nil {
		return nil, err
	}
	for _, h := range byHealth {
		out.Total += h.Count
		switch server.Health(h.Health) {
		case server.HealthHEALTHY:
			out.Healthy = h.Count
		case server.HealthWARNING:
			out.Warning = h.Count
		case server.HealthCRITICAL:
			out.Critical = h.Count
		default:
			out.Unknown += h.Count
		}
	}
	if out.SyncFailing, err = s.client.Server.Query().Where(server.SyncStatusEQ(server.SyncStatusFAILING)).Count(ctx); err != nil {
		return nil, err
	}
	if out.ConnectionsFailing, err = s.client.Connection.Query().Where(connection.HealthEQ(connection.HealthFAILING)).Count(ctx); err != nil {
		return nil, err
	}
	var byState []struct {
		Status string `json:"status"`
		Health string `json:"health"`
		Count  int    `json:"count"`
	}
	cq := s.client.Container.Query().Where(container.GoneTimeIsNil())
	if err := cq.
		GroupBy(container.FieldStatus, container.FieldHealth).Aggregate(ent.Count()).Scan(ctx, &byState); err != nil {
		return nil, err
	}
	for _, c := range byState {
		if c.Status == container.StatusRUNNING.String() {
			out.ContainersRunning += c.Count
		}
		if c.Health == container.HealthUNHEALTHY.String() {
			out.ContainersUnhealthy += c.Count
		}
	}
	return out, nil
}
