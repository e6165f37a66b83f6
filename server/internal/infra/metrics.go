package infra

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/containermetric"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/ent/servermetric"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// Range is a metrics period ending now.
type Range string

// The ranges and their bucket widths: about 60–170 buckets each, enough for
// a chart and few enough to send.
const (
	Hour  Range = "HOUR"
	Day   Range = "DAY"
	Week  Range = "WEEK"
	Month Range = "MONTH"
)

func (r Range) span() (period, bucket time.Duration) {
	switch r {
	case Day:
		return 24 * time.Hour, 10 * time.Minute
	case Week:
		return 7 * 24 * time.Hour, time.Hour
	case Month:
		return 30 * 24 * time.Hour, 6 * time.Hour
	default:
		return time.Hour, time.Minute
	}
}

// Window is the period a metrics answer covers.
type Window struct {
	Start, End time.Time
	Bucket     time.Duration
}

func (s *Service) window(r Range) Window {
	period, bucket := r.span()
	end := s.now()
	b := int64(bucket / time.Second)
	start := end.Add(-period).Unix()
	start -= start % b
	return Window{Start: time.Unix(start, 0).UTC(), End: end, Bucket: bucket}
}

// Agg is an average and a maximum.
type Agg struct{ Avg, Max float64 }

// ServerBucket is a server's metrics over one bucket.
type ServerBucket struct {
	Start                      time.Time
	Samples                    int
	CPU, Memory, Disk, In, Out Agg
}

// ServerMetrics returns a server's metrics over r, bucketed in SQL: one
// statement over the (server_id, ts) index, whatever the range. A used
// figure of 0 means the provider does not measure it (Hetzner reports no
// memory use, Proxmox no disk use inside a VM): such samples leave the
// percentage out rather than show 0 %.
func (s *Service) ServerMetrics(ctx context.Context, id uuid.UUID, r Range) (Window, []ServerBucket, error) {
	if err := s.mustFindServer(ctx, s.client, id); err != nil {
		return Window{}, nil, err
	}
	w := s.window(r)
	b := strconv.FormatInt(int64(w.Bucket/time.Second), 10)
	// Percentages in floating point: Postgres would compute 100.0 * used
	// as numeric, several times slower over a month of samples.
	q := `SELECT ts - ts % ` + b + ` AS bucket, COUNT(*),
		AVG(cpu), MAX(cpu),
		AVG(CASE WHEN mem_total > 0 AND mem_used > 0 THEN CAST(mem_used AS DOUBLE PRECISION) * 100 / mem_total END), MAX(CASE WHEN mem_total > 0 AND mem_used > 0 THEN CAST(mem_used AS DOUBLE PRECISION) * 100 / mem_total END),
		AVG(CASE WHEN disk_total > 0 AND disk_used > 0 THEN CAST(disk_used AS DOUBLE PRECISION) * 100 / disk_total END), MAX(CASE WHEN disk_total > 0 AND disk_used > 0 THEN CAST(disk_used AS DOUBLE PRECISION) * 100 / disk_total END),
		AVG(net_in), MAX(net_in), AVG(net_out), MAX(net_out)
	FROM ` + servermetric.Table + ` WHERE server_id = ? AND ts >= ? GROUP BY bucket ORDER BY bucket`
	rows, err := s.client.QueryContext(ctx, s.rebind(q), id, w.Start.Unix())
	if err != nil {
		return w, nil, fmt.Errorf("server metrics: %w", err)
	}
	defer rows.Close()
	var out []ServerBucket
	for rows.Next() {
		var (
			bucket int64
			x      ServerBucket
			f      [10]sql.NullFloat64
		)
		if err := rows.Scan(&bucket, &x.Samples, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9]); err != nil {
			return w, nil, fmt.Errorf("server metrics: %w", err)
		}
		x.Start = time.Unix(bucket, 0).UTC()
		x.CPU, x.Memory, x.Disk = Agg{f[0].Float64, f[1].Float64}, Agg{f[2].Float64, f[3].Float64}, Agg{f[4].Float64, f[5].Float64}
		x.In, x.Out = Agg{f[6].Float64, f[7].Float64}, Agg{f[8].Float64, f[9].Float64}
		out = append(out, x)
	}
	return w, out, rows.Err()
}

// ContainerBucket is a container's metrics over one bucket.
type ContainerBucket struct {
	Start                      time.Time
	Samples                    int
	CPU, Memory, Disk, In, Out Agg
	Unhealthy, Down            int
}

// ContainerMetrics returns a container's metrics over r, bucketed in SQL.
func (s *Service) ContainerMetrics(ctx context.Context, id uuid.UUID, r Range) (Window, []ContainerBucket, error) {
	if _, err := s.GetContainer(ctx, id); err != nil {
		return Window{}, nil, err
	}
	w := s.window(r)
	b := strconv.FormatInt(int64(w.Bucket/time.Second), 10)
	q := `SELECT ts - ts % ` + b + ` AS bucket, COUNT(*),
		AVG(cpu), MAX(cpu), AVG(mem_used), MAX(mem_used), AVG(disk_used), MAX(disk_used),
		AVG(net_in), MAX(net_in), AVG(net_out), MAX(net_out),
		SUM(CASE WHEN unhealthy THEN 1 ELSE 0 END), SUM(CASE WHEN running THEN 0 ELSE 1 END)
	FROM ` + containermetric.Table + ` WHERE container_id = ? AND ts >= ? GROUP BY bucket ORDER BY bucket`
	rows, err := s.client.QueryContext(ctx, s.rebind(q), id, w.Start.Unix())
	if err != nil {
		return w, nil, fmt.Errorf("container metrics: %w", err)
	}
	defer rows.Close()
	var out []ContainerBucket
	for rows.Next() {
		var (
			bucket int64
			x      ContainerBucket
			f      [10]sql.NullFloat64
		)
		if err := rows.Scan(&bucket, &x.Samples, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9], &x.Unhealthy, &x.Down); err != nil {
			return w, nil, fmt.Errorf("container metrics: %w", err)
		}
		x.Start = time.Unix(bucket, 0).UTC()
		x.CPU, x.Memory, x.Disk = Agg{f[0].Float64, f[1].Float64}, Agg{f[2].Float64, f[3].Float64}, Agg{f[4].Float64, f[5].Float64}
		x.In, x.Out = Agg{f[6].Float64, f[7].Float64}, Agg{f[8].Float64, f[9].Float64}
		out = append(out, x)
	}
	return w, out, rows.Err()
}

// rebind turns ? placeholders into Postgres's $n.
func (s *Service) rebind(q string) string {
	if s.dialect != dialect.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

type eventCursor struct {
	Time time.Time `json:"t"`
	ID   uuid.UUID `json:"i"`
}

// ServerEvents pages through a server's event log, newest first.
func (s *Service) ServerEvents(ctx context.Context, serverID uuid.UUID, kind EventKind, pageSize int32, pageToken string) ([]ServerEvent, string, error) {
	if err := s.mustFindServer(ctx, s.client, serverID); err != nil {
		return nil, "", err
	}
	fp := paging.Fingerprint("server-events", serverID, kind)
	var c eventCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, "", err
	}
	q := s.client.ServerEvent.Query().Where(serverevent.ServerID(serverID))
	if kind != "" {
		q.Where(serverevent.KindEQ(serverevent.Kind(kind)))
	}
	if hasCursor {
		q.Where(serverevent.Or(serverevent.TimeLT(c.Time), serverevent.And(serverevent.Time(c.Time), serverevent.IDLT(c.ID))))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(ent.Desc(serverevent.FieldTime), ent.Desc(serverevent.FieldID)).Limit(size + 1).All(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("list server events: %w", err)
	}
	rows, next := paging.Cut(rows, size, fp, func(last *ent.ServerEvent) any { return eventCursor{Time: last.Time, ID: last.ID} })
	out := make([]ServerEvent, len(rows))
	for i, e := range rows {
		out[i] = serverEventOf(e)
	}
	return out, next, nil
}

// CleanupMetrics removes samples older than the retention; it returns how
// many it removed.
func (s *Service) CleanupMetrics(ctx context.Context) (int, error) {
	cutoff := s.now().Add(-s.opts.Retention).Unix()
	n, err := s.client.ServerMetric.Delete().Where(servermetric.TsLT(cutoff)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("remove server metrics: %w", err)
	}
	m, err := s.client.ContainerMetric.Delete().Where(containermetric.TsLT(cutoff)).Exec(ctx)
	if err != nil {
		return n, fmt.Errorf("remove container metrics: %w", err)
	}
	return n + m, nil
}
