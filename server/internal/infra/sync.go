package infra

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/datasource"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/db"
)

// SyncResult sums up one sync tick.
type SyncResult struct {
	Connections, FailedConnections int
	Servers, Containers, Samples   int
	Duration                       time.Duration
}

func (r SyncResult) String() string {
	return fmt.Sprintf("synced %d connection(s) (%d failing): %d server(s), %d container(s), %d sample(s) in %s",
		r.Connections, r.FailedConnections, r.Servers, r.Containers, r.Samples, r.Duration.Round(time.Millisecond))
}

// AfterSync adds f to what runs after every sync tick, once the tick's
// containers are written. Called while wiring, before the jobs start.
func (s *Service) AfterSync(f func(context.Context) error) {
	s.followers = append(s.followers, f)
}

// Sync pulls every connection once. Connections are read concurrently
// (bounded by Options.SyncConcurrency), each within Options.SyncTimeout, and
// each is written as soon as its snapshot arrives, in a transaction of its
// own: a slow or failing provider delays nobody else. A provider's failure
// is recorded on its connection and servers and is not an error of the
// tick; a database failure is.
func (s *Service) Sync(ctx context.Context) (SyncResult, error) {
	start := time.Now()
	conns, err := s.client.Connection.Query().Order(connection.ByName()).All(ctx)
	if err != nil {
		return SyncResult{}, fmt.Errorf("list connections: %w", err)
	}
	t, err := s.Thresholds(ctx)
	if err != nil {
		return SyncResult{}, err
	}
	var (
		mu   sync.Mutex
		res  = SyncResult{Connections: len(conns)}
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, s.opts.SyncConcurrency)
	)
	for _, c := range conns {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			began := time.Now()
			snap, snapErr := s.snapshot(ctx, c)
			if ctx.Err() != nil {
				return // shutting down: record nothing rather than a false failure
			}
			s.prom.snapshot(c.Name, string(c.Kind), time.Since(began), snapErr)
			st, err := s.apply(ctx, c, snap, snapErr, t, time.Since(began))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("connection %s: %w", c.Name, err))
				return
			}
			if snapErr != nil {
				res.FailedConnections++
				s.logger.Warn("sync: provider failed", "connection", c.Name, "kind", c.Kind, "error", snapErr)
			}
			res.Servers += st.servers
			res.Containers += st.containers
			res.Samples += st.samples
		})
	}
	wg.Wait()
	// What follows the containers' state (the booked services' status)
	// follows it now, once per tick, whether or not every connection
	// answered: a failing provider's containers keep their last state.
	for _, f := range s.followers {
		if err := f(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	res.Duration = time.Since(start)
	if sum, err := s.Summary(ctx); err == nil {
		s.prom.health(sum)
	}
	return res, errors.Join(errs...)
}

type applied struct{ servers, containers, samples int }

// metricsRank orders the providers whose figures a server's metrics come
// from when several report on it: Beszel's agent sees the most (memory,
// filesystems), the hypervisor or cloud next. Docker reports none.
var metricsRank = map[connection.Kind]int{connection.KindBESZEL: 0, connection.KindPROXMOX: 1, connection.KindHETZNER: 2, connection.KindDOCKER: 9}

// statusRank orders whose word on a server's state counts: the hypervisor
// or cloud knows whether the machine runs; monitoring only sees its agent.
var statusRank = map[connection.Kind]int{connection.KindPROXMOX: 0, connection.KindHETZNER: 0, connection.KindBESZEL: 1, connection.KindDOCKER: 2}

// linked is one server the connection reports on, with the server's other
// datasources.
type linked struct {
	ds     *ent.Datasource
	server *ent.Server
	others []*ent.Datasource // with Edges.Connection (kind only)
}

// outranked reports whether another working datasource of the server ranks
// better than kind in rank.
func (l linked) outranked(rank map[connection.Kind]int, kind connection.Kind) bool {
	for _, o := range l.others {
		if o.Edges.Connection != nil && o.Failures == 0 && rank[o.Edges.Connection.Kind] < rank[kind] {
			return true
		}
	}
	return false
}

// chunk is the rows per multi-row statement: well below SQLite's and
// Postgres's limits on bound parameters for the widest table here.
const chunk = 400

// apply writes what one connection's snapshot says (or that it failed).
func (s *Service) apply(ctx context.Context, c *ent.Connection, snap *provider.Snapshot, snapErr error, t Thresholds, took time.Duration) (applied, error) {
	var st applied
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	now := s.now()
	links, err := s.linked(ctx, c.ID)
	if err != nil {
		return st, err
	}
	machines := map[string]*provider.Machine{}
	if snap != nil {
		for i := range snap.Machines {
			machines[snap.Machines[i].ID] = &snap.Machines[i]
		}
	}
	// Samples are stamped with the sync's clock, not the provider's: every
	// provider's clock differs a little, and charts and retention go by ours.
	sampleTS := now.Unix()

	w := &writes{}
	serverIDs := make([]uuid.UUID, 0, len(links))
	byExternal := make(map[string]*ent.Server, len(links))
	for _, l := range links {
		serverIDs = append(serverIDs, l.server.ID)
		byExternal[l.ds.ExternalID] = l.server
	}
	known, err := s.containersOf(ctx, serverIDs)
	if err != nil {
		return st, err
	}

	for _, l := range links {
		sv, ds := l.server, l.ds
		before := *sv
		ds.LastAttemptTime = &now
		m := machines[ds.ExternalID]
		switch {
		case snapErr != nil:
			ds.Failures++
			ds.LastError = c.Name + ": " + snapErr.Error()
		case m == nil:
			ds.Failures++
			ds.LastError = fmt.Sprintf("%s no longer reports it (id %s)", c.Name, ds.ExternalID)
			if ds.MissingSince == nil {
				ds.MissingSince = &now
				w.event(sv.ID, serverevent.KindMISSING, missingAt(c.Name, ds.ExternalID), nil)
			}
		default:
			ds.Failures, ds.LastError, ds.LastSeenTime, ds.MissingSince = 0, "", &now, nil
			st.servers++
			if !l.outranked(statusRank, c.Kind) {
				if sv.Status != "" && sv.Status != m.Status {
					w.event(sv.ID, serverevent.KindSTATUS_CHANGED, statusChanged(sv.Status, m.Status, c.Name), nil)
				}
				sv.Status, sv.Up = m.Status, m.Up
				if m.Cores > 0 {
					sv.Cores = m.Cores
				}
				if m.MemoryBytes > 0 {
					sv.MemoryBytes = m.MemoryBytes
				}
				if m.DiskBytes > 0 {
					sv.DiskBytes = m.DiskBytes
				}
			}
			// A VM that moved to another host (live migration) follows it.
			if host := byExternal[m.ParentID]; host != nil && host.ID != sv.ID && (sv.ParentID == nil || *sv.ParentID != host.ID) {
				from := ""
				for _, o := range links {
					if sv.ParentID != nil && o.server.ID == *sv.ParentID {
						from = o.server.Name
					}
				}
				w.moves = append(w.moves, move{server: sv.ID, parent: host.ID})
				w.event(sv.ID, serverevent.KindSTATUS_CHANGED, moved(from, host.Name, c.Name), nil)
				sv.ParentID = &host.ID
			}
			if m.Metrics != nil && !l.outranked(metricsRank, c.Kind) {
				x := m.Metrics
				sv.CPUPercent, sv.MemoryUsed, sv.MemoryTotal = x.CPUPercent, x.MemoryUsed, x.MemoryTotal
				sv.DiskUsed, sv.DiskTotal, sv.NetIn, sv.NetOut = x.DiskUsed, x.DiskTotal, x.NetInBytesPerSecond, x.NetOutBytesPerSecond
				sv.SampleTime = &now
				w.serverSamples = append(w.serverSamples, &ent.ServerMetric{ServerID: sv.ID, Ts: sampleTS, CPU: x.CPUPercent,
					MemUsed: x.MemoryUsed, MemTotal: x.MemoryTotal, DiskUsed: x.DiskUsed, DiskTotal: x.DiskTotal,
					NetIn: x.NetInBytesPerSecond, NetOut: x.NetOutBytesPerSecond})
			}
			if len(m.Filesystems) > 0 && !l.outranked(metricsRank, c.Kind) {
				sv.Filesystems = m.Filesystems
			}
			if m.ContainersKnown {
				st.containers += s.diffContainers(c, l, m, known[sv.ID], now, sampleTS, w)
			}
		}
		s.aggregateSync(sv, ds, l.others, now)
		if before.SyncStatus != server.SyncStatusFAILING && sv.SyncStatus == server.SyncStatusFAILING {
			w.event(sv.ID, serverevent.KindSYNC_FAILED, syncFailed(sv.LastSyncError), nil)
		}
		if before.SyncStatus == server.SyncStatusFAILING && sv.SyncStatus == server.SyncStatusOK {
			w.event(sv.ID, serverevent.KindSYNC_RECOVERED, syncRecovered(before.SyncFailures), nil)
		}
		var reasons []coded.Text
		sv.Health, reasons = assess(sv, t, now)
		sv.HealthReasons, sv.HealthReasonCodes = reasonColumns(reasons)
		w.servers = append(w.servers, sv)
		w.datasources = append(w.datasources, ds)
	}
	st.samples = len(w.serverSamples) + len(w.containerSamples)

	err = db.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if err := w.flush(ctx, tx, now); err != nil {
			return err
		}
		cu := tx.Connection.UpdateOneID(c.ID).SetHealthTime(now)
		if snapErr != nil {
			msg := snapErr.Error()
			if c.LastSyncTime == nil && c.ProviderVersion == "" {
				// Never shown to be its provider: say no more than Test would.
				msg = s.unproven(ctx, provider.Kind(c.Kind), c.Endpoint, msg)
			}
			cu.SetHealth(connection.HealthFAILING).SetHealthMessage("Sync failed: " + msg).
				SetHealthCode(ConnectionSyncFailed).ClearHealthParams().AddConsecutiveFailures(1)
		} else {
			cu.SetHealth(connection.HealthHEALTHY).
				SetHealthMessage(fmt.Sprintf("Synced: the provider reports %d machine(s), %d of them linked to servers.", len(machines), len(links))).
				SetHealthCode(ConnectionSynced).SetHealthParams(map[string]string{"machines": coded.Int(len(machines)), "linked": coded.Int(len(links))}).
				SetConsecutiveFailures(0).SetLastSyncTime(now).SetLastSyncDurationMs(took.Milliseconds())
			// An upgraded provider shows its new version without a Test.
			if snap.Version != "" {
				cu.SetProviderVersion(snap.Version)
			}
		}
		err := cu.Exec(ctx)
		if ent.IsNotFound(err) {
			return nil // deleted while it synced
		}
		return err
	})
	return st, err
}

// aggregateSync sets a server's sync state from all its datasources: failing
// while any fails, with the worst count and that one's error.
func (s *Service) aggregateSync(sv *ent.Server, ds *ent.Datasource, others []*ent.Datasource, now time.Time) {
	all := append([]*ent.Datasource{ds}, others...)
	sv.LastSyncAttemptTime = &now
	sv.SyncStatus, sv.SyncFailures, sv.LastSyncError = server.SyncStatusOK, 0, ""
	for _, d := range all {
		if d.LastSeenTime != nil && (sv.LastSyncSuccessTime == nil || d.LastSeenTime.After(*sv.LastSyncSuccessTime)) {
			sv.LastSyncSuccessTime = d.LastSeenTime
		}
		if d.Failures > sv.SyncFailures {
			sv.SyncStatus, sv.SyncFailures, sv.LastSyncError = server.SyncStatusFAILING, d.Failures, d.LastError
		}
	}
}

// linked loads the connection's datasources with their servers and each
// server's other datasources: three statements per chunk of servers.
func (s *Service) linked(ctx context.Context, connID uuid.UUID) ([]linked, error) {
	dss, err := s.client.Datasource.Query().Where(datasource.ConnectionID(connID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load datasources: %w", err)
	}
	out := make([]linked, 0, len(dss))
	for part := range slices.Chunk(dss, 1000) {
		ids := make([]uuid.UUID, len(part))
		for i, d := range part {
			ids[i] = d.ServerID
		}
		servers, err := s.client.Server.Query().Where(server.IDIn(ids...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load servers: %w", err)
		}
		byID := make(map[uuid.UUID]*ent.Server, len(servers))
		for _, sv := range servers {
			byID[sv.ID] = sv
		}
		others, err := s.client.Datasource.Query().Where(datasource.ServerIDIn(ids...), datasource.ConnectionIDNEQ(connID)).
			WithConnection(func(q *ent.ConnectionQuery) { q.Select(connection.FieldKind) }).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load datasources: %w", err)
		}
		otherBy := map[uuid.UUID][]*ent.Datasource{}
		for _, o := range others {
			otherBy[o.ServerID] = append(otherBy[o.ServerID], o)
		}
		for _, d := range part {
			if sv := byID[d.ServerID]; sv != nil {
				out = append(out, linked{ds: d, server: sv, others: otherBy[d.ServerID]})
			}
		}
	}
	return out, nil
}

// containersOf loads the containers of the servers, by server and name.
func (s *Service) containersOf(ctx context.Context, serverIDs []uuid.UUID) (map[uuid.UUID]map[string]*ent.Container, error) {
	out := map[uuid.UUID]map[string]*ent.Container{}
	for part := range slices.Chunk(serverIDs, 1000) {
		cs, err := s.client.Container.Query().Where(container.ServerIDIn(part...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load containers: %w", err)
		}
		for _, c := range cs {
			if out[c.ServerID] == nil {
				out[c.ServerID] = map[string]*ent.Container{}
			}
			out[c.ServerID][c.Name] = c
		}
	}
	return out, nil
}

// eventsPerTick bounds container events per server and tick; beyond it they
// are summed up in one, so a host that starts 200 containers does not bury
// its log.
const eventsPerTick = 10

// diffContainers brings the server's containers in line with the machine's
// and queues the writes and events; it returns how many it saw.
func (s *Service) diffContainers(c *ent.Connection, l linked, m *provider.Machine, known map[string]*ent.Container, now time.Time, ts int64, w *writes) int {
	sv := l.server
	controls := (c.Kind == connection.KindDOCKER || c.Kind == connection.KindPROXMOX) && !c.MonitoringOnly
	var appeared, changed []string
	seen := make(map[string]bool, len(m.Containers))
	for _, pc := range m.Containers {
		seen[pc.Name] = true
		old := known[pc.Name]
		row := &ent.Container{ServerID: sv.ID, Name: pc.Name, Image: pc.Image, SourceConnectionID: c.ID,
			Source: container.Source(c.Kind), ExternalID: pc.ID, Status: container.Status(pc.Status),
			Health: containerHealth(pc.Health), RestartCount: pc.RestartCount, FirstSeenTime: now, LastSeenTime: now}
		if !pc.StartTime.IsZero() {
			st := pc.StartTime.UTC()
			row.StartTime = &st
		}
		if controls {
			row.ControlConnectionID, row.ControlID, row.ControlMachineID = &c.ID, pc.ID, m.ID
		}
		if old != nil {
			row.ID, row.FirstSeenTime = old.ID, old.FirstSeenTime
			if !controls {
				// A monitoring provider keeps what a controlling one knows.
				row.ControlConnectionID, row.ControlID, row.ControlMachineID = old.ControlConnectionID, old.ControlID, old.ControlMachineID
				if row.Image == "" {
					row.Image = old.Image
				}
				if row.StartTime == nil {
					row.StartTime = old.StartTime
				}
				if pc.RestartCount == 0 {
					row.RestartCount = old.RestartCount
				}
				// Health is a running container's; one that stopped has none.
				if pc.Health == provider.HealthNone && pc.Status == provider.Running {
					row.Health = old.Health
				}
			}
			if change := containerChange(old, row); change.Code != "" {
				changed = append(changed, pc.Name)
				if len(changed) <= eventsPerTick {
					w.event(sv.ID, serverevent.KindCONTAINER_CHANGED, change, &row.ID)
				}
			}
		} else {
			row.ID = uuid.Must(uuid.NewV7())
			appeared = append(appeared, pc.Name)
			if len(appeared) <= eventsPerTick {
				w.event(sv.ID, serverevent.KindCONTAINER_APPEARED, containerAppeared(pc.Name, pc.Image), &row.ID)
			}
		}
		if x := pc.Metrics; x != nil {
			row.CPUPercent, row.MemoryUsed, row.MemoryLimit, row.DiskUsed = x.CPUPercent, x.MemoryUsed, x.MemoryLimit, x.DiskUsed
			row.NetIn, row.NetOut, row.SampleTime = x.NetInBytesPerSecond, x.NetOutBytesPerSecond, &now
		}
		sample := &ent.ContainerMetric{ContainerID: row.ID, Ts: ts, MemLimit: row.MemoryLimit, DiskUsed: row.DiskUsed,
			Running: row.Status == container.StatusRUNNING, Unhealthy: row.Health == container.HealthUNHEALTHY}
		if pc.Metrics != nil {
			sample.CPU, sample.MemUsed, sample.NetIn, sample.NetOut = row.CPUPercent, row.MemoryUsed, row.NetIn, row.NetOut
		}
		w.containerSamples = append(w.containerSamples, sample)
		w.containers = append(w.containers, row)
	}
	var gone []string
	for name, old := range known {
		if seen[name] || old.GoneTime != nil || old.SourceConnectionID != c.ID {
			continue
		}
		w.gone = append(w.gone, old.ID)
		gone = append(gone, name)
		if len(gone) <= eventsPerTick {
			w.event(sv.ID, serverevent.KindCONTAINER_GONE, containerGone(name), &old.ID)
		}
	}
	summarize := func(kind serverevent.Kind, names []string) {
		if len(names) > eventsPerTick {
			slices.Sort(names)
			w.event(sv.ID, kind, moreContainers(kind, names[eventsPerTick:]), nil)
		}
	}
	summarize(serverevent.KindCONTAINER_APPEARED, appeared)
	summarize(serverevent.KindCONTAINER_CHANGED, changed)
	summarize(serverevent.KindCONTAINER_GONE, gone)
	return len(m.Containers)
}

func containerHealth(h provider.ContainerHealth) container.Health {
	if h == provider.HealthNone {
		return container.HealthNONE
	}
	return container.Health(h)
}

// writes are one connection's changes, flushed in multi-row statements.
type writes struct {
	servers          []*ent.Server
	datasources      []*ent.Datasource
	containers       []*ent.Container
	gone             []uuid.UUID
	serverSamples    []*ent.ServerMetric
	containerSamples []*ent.ContainerMetric
	events           []*ent.ServerEvent
	moves            []move
}

// move gives a server a new parent.
type move struct{ server, parent uuid.UUID }

func (w *writes) event(serverID uuid.UUID, kind serverevent.Kind, msg coded.Text, containerID *uuid.UUID) {
	w.events = append(w.events, &ent.ServerEvent{ServerID: serverID, Kind: kind, Message: msg.English,
		MessageCode: msg.Code, MessageParams: msg.Params, ContainerID: containerID})
}

func (w *writes) flush(ctx context.Context, tx *ent.Tx, now time.Time) error {
	for part := range slices.Chunk(w.servers, chunk) {
		b := make([]*ent.ServerCreate, len(part))
		for i, v := range part {
			b[i] = tx.Server.Create().SetID(v.ID).SetName(v.Name).SetProvider(v.Provider).SetKind(v.Kind).
				SetCreateTime(v.CreateTime).SetUpdateTime(v.UpdateTime).
				SetCores(v.Cores).SetMemoryBytes(v.MemoryBytes).SetDiskBytes(v.DiskBytes).
				SetStatus(v.Status).SetUp(v.Up).SetCPUPercent(v.CPUPercent).SetMemoryUsed(v.MemoryUsed).
				SetMemoryTotal(v.MemoryTotal).SetDiskUsed(v.DiskUsed).SetDiskTotal(v.DiskTotal).SetNetIn(v.NetIn).
				SetNetOut(v.NetOut).SetNillableSampleTime(v.SampleTime).SetFilesystems(v.Filesystems).
				SetSyncStatus(v.SyncStatus).SetNillableLastSyncAttemptTime(v.LastSyncAttemptTime).
				SetNillableLastSyncSuccessTime(v.LastSyncSuccessTime).SetLastSyncError(v.LastSyncError).
				SetSyncFailures(v.SyncFailures).SetHealth(v.Health).SetHealthReasons(v.HealthReasons).
				SetHealthReasonCodes(v.HealthReasonCodes)
		}
		// Only the sync's columns: a name or note staff change meanwhile
		// stays.
		err := tx.Server.CreateBulk(b...).OnConflictColumns(server.FieldID).Update(func(u *ent.ServerUpsert) {
			u.UpdateCores().UpdateMemoryBytes().UpdateDiskBytes().UpdateStatus().UpdateUp().UpdateCPUPercent().
				UpdateMemoryUsed().UpdateMemoryTotal().UpdateDiskUsed().UpdateDiskTotal().UpdateNetIn().UpdateNetOut().
				UpdateSampleTime().UpdateFilesystems().UpdateSyncStatus().UpdateLastSyncAttemptTime().
				UpdateLastSyncSuccessTime().UpdateLastSyncError().UpdateSyncFailures().UpdateHealth().UpdateHealthReasons().UpdateHealthReasonCodes()
		}).Exec(ctx)
		if err != nil {
			return fmt.Errorf("write servers: %w", err)
		}
	}
	for _, m := range w.moves {
		if err := tx.Server.UpdateOneID(m.server).SetParentID(m.parent).Exec(ctx); err != nil {
			return fmt.Errorf("move server: %w", err)
		}
	}
	for part := range slices.Chunk(w.datasources, chunk) {
		b := make([]*ent.DatasourceCreate, len(part))
		for i, d := range part {
			b[i] = tx.Datasource.Create().SetID(d.ID).SetServerID(d.ServerID).SetConnectionID(d.ConnectionID).
				SetExternalID(d.ExternalID).SetCreateTime(d.CreateTime).SetNillableLastSeenTime(d.LastSeenTime).
				SetNillableMissingSince(d.MissingSince).SetNillableLastAttemptTime(d.LastAttemptTime).
				SetLastError(d.LastError).SetFailures(d.Failures)
		}
		err := tx.Datasource.CreateBulk(b...).OnConflictColumns(datasource.FieldID).Update(func(u *ent.DatasourceUpsert) {
			u.UpdateLastSeenTime().UpdateMissingSince().UpdateLastAttemptTime().UpdateLastError().UpdateFailures()
		}).Exec(ctx)
		if err != nil {
			return fmt.Errorf("write datasources: %w", err)
		}
	}
	for part := range slices.Chunk(w.containers, chunk) {
		b := make([]*ent.ContainerCreate, len(part))
		for i, c := range part {
			b[i] = tx.Container.Create().SetID(c.ID).SetServerID(c.ServerID).SetName(c.Name).SetImage(c.Image).
				SetSourceConnectionID(c.SourceConnectionID).SetSource(c.Source).SetExternalID(c.ExternalID).
				SetNillableControlConnectionID(c.ControlConnectionID).SetControlID(c.ControlID).
				SetControlMachineID(c.ControlMachineID).SetStatus(c.Status).SetHealth(c.Health).
				SetNillableStartTime(c.StartTime).SetRestartCount(c.RestartCount).SetCPUPercent(c.CPUPercent).
				SetMemoryUsed(c.MemoryUsed).SetMemoryLimit(c.MemoryLimit).SetDiskUsed(c.DiskUsed).SetNetIn(c.NetIn).
				SetNetOut(c.NetOut).SetNillableSampleTime(c.SampleTime).SetFirstSeenTime(c.FirstSeenTime).
				SetLastSeenTime(c.LastSeenTime)
		}
		err := tx.Container.CreateBulk(b...).OnConflictColumns(container.FieldServerID, container.FieldName).
			Update(func(u *ent.ContainerUpsert) {
				u.UpdateImage().UpdateSourceConnectionID().UpdateSource().UpdateExternalID().UpdateControlConnectionID().
					UpdateControlID().UpdateControlMachineID().UpdateStatus().UpdateHealth().UpdateStartTime().
					UpdateRestartCount().UpdateCPUPercent().UpdateMemoryUsed().UpdateMemoryLimit().UpdateDiskUsed().
					UpdateNetIn().UpdateNetOut().UpdateSampleTime().UpdateLastSeenTime().ClearGoneTime()
			}).Exec(ctx)
		if err != nil {
			return fmt.Errorf("write containers: %w", err)
		}
	}
	for part := range slices.Chunk(w.gone, 1000) {
		if err := tx.Container.Update().Where(container.IDIn(part...)).SetGoneTime(now).
			SetStatus(container.StatusEXITED).SetCPUPercent(0).SetNetIn(0).SetNetOut(0).Exec(ctx); err != nil {
			return fmt.Errorf("mark containers gone: %w", err)
		}
	}
	for part := range slices.Chunk(w.serverSamples, chunk) {
		b := make([]*ent.ServerMetricCreate, len(part))
		for i, m := range part {
			b[i] = tx.ServerMetric.Create().SetServerID(m.ServerID).SetTs(m.Ts).SetCPU(m.CPU).SetMemUsed(m.MemUsed).
				SetMemTotal(m.MemTotal).SetDiskUsed(m.DiskUsed).SetDiskTotal(m.DiskTotal).SetNetIn(m.NetIn).SetNetOut(m.NetOut)
		}
		if err := tx.ServerMetric.CreateBulk(b...).Exec(ctx); err != nil {
			return fmt.Errorf("write server metrics: %w", err)
		}
	}
	for part := range slices.Chunk(w.containerSamples, chunk) {
		b := make([]*ent.ContainerMetricCreate, len(part))
		for i, m := range part {
			b[i] = tx.ContainerMetric.Create().SetContainerID(m.ContainerID).SetTs(m.Ts).SetCPU(m.CPU).
				SetMemUsed(m.MemUsed).SetMemLimit(m.MemLimit).SetDiskUsed(m.DiskUsed).SetNetIn(m.NetIn).
				SetNetOut(m.NetOut).SetRunning(m.Running).SetUnhealthy(m.Unhealthy)
		}
		if err := tx.ContainerMetric.CreateBulk(b...).Exec(ctx); err != nil {
			return fmt.Errorf("write container metrics: %w", err)
		}
	}
	for part := range slices.Chunk(w.events, chunk) {
		b := make([]*ent.ServerEventCreate, len(part))
		for i, e := range part {
			b[i] = tx.ServerEvent.Create().SetServerID(e.ServerID).SetTime(now).SetKind(e.Kind).SetMessage(e.Message).
				SetMessageCode(e.MessageCode).SetMessageParams(e.MessageParams).SetNillableContainerID(e.ContainerID)
		}
		if err := tx.ServerEvent.CreateBulk(b...).Exec(ctx); err != nil {
			return fmt.Errorf("write server events: %w", err)
		}
	}
	return nil
}
