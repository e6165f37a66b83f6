package infra

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
)

// ContainerView is a container with its server's name and whether it can be
// controlled.
type ContainerView struct {
	Container
	ServerName string
	// Unavailable says why Start/Stop/Restart cannot act on it; the zero
	// Text if they can.
	Unavailable coded.Text
}

// ContainerFilter narrows ListContainers.
type ContainerFilter struct {
	ServerID    *uuid.UUID
	Statuses    []ContainerStatus
	Health      ContainerHealth
	Query       string
	IncludeGone bool
}

// ContainerPage is one page of containers.
type ContainerPage struct {
	Items         []ContainerView
	NextPageToken string
	TotalSize     int
}

type containerCursor struct {
	Server string    `json:"s"`
	Name   string    `json:"n"`
	ID     uuid.UUID `json:"i"`
	Total  int       `json:"c,omitempty"`
}

// ListContainers pages through containers by name, then server.
func (s *Service) ListContainers(ctx context.Context, f ContainerFilter, pageSize int32, pageToken string) (*ContainerPage, error) {
	var where []predicate.Container
	if f.ServerID != nil {
		where = append(where, container.ServerID(*f.ServerID))
	}
	if len(f.Statuses) > 0 {
		st := make([]container.Status, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = container.Status(v)
		}
		where = append(where, container.StatusIn(st...))
	}
	if f.Health != "" {
		where = append(where, container.HealthEQ(container.Health(f.Health)))
	}
	if f.Query != "" {
		where = append(where, container.Or(container.NameContainsFold(f.Query), container.ImageContainsFold(f.Query)))
	}
	if !f.IncludeGone {
		where = append(where, container.GoneTimeIsNil())
	}
	fp := paging.Fingerprint("containers", f.ServerID, f.Statuses, f.Health, f.Query, f.IncludeGone)
	var c containerCursor
	hasCursor, err := paging.Decode(pageToken, fp, &c)
	if err != nil {
		return nil, err
	}
	q := s.client.Container.Query().Where(where...)
	if hasCursor {
		q.Where(container.Or(container.NameGT(c.Name), container.And(container.Name(c.Name), container.IDGT(c.ID))))
	}
	size := paging.Size(pageSize)
	rows, err := q.Order(container.ByName(), container.ByID()).Limit(size + 1).
		WithServer(func(q *ent.ServerQuery) { q.Select(server.FieldName) }).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	total := c.Total
	if !hasCursor {
		if total, err = s.client.Container.Query().Where(where...).Count(ctx); err != nil {
			return nil, fmt.Errorf("count containers: %w", err)
		}
	}
	page := &ContainerPage{TotalSize: total}
	rows, page.NextPageToken = paging.Cut(rows, size, fp, func(last *ent.Container) any {
		return containerCursor{Name: last.Name, ID: last.ID, Total: total}
	})
	readOnly, err := s.monitoringOnly(ctx)
	if err != nil {
		return nil, err
	}
	page.Items = make([]ContainerView, len(rows))
	for i, r := range rows {
		page.Items[i] = containerView(r, readOnly)
	}
	return page, nil
}

// monitoringOnly returns the connections that only read, which explain
// why a Docker or Proxmox container has no connection to control it.
func (s *Service) monitoringOnly(ctx context.Context) (map[uuid.UUID]bool, error) {
	ids, err := s.client.Connection.Query().Where(connection.MonitoringOnly(true)).IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("monitoring-only connections: %w", err)
	}
	out := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

func containerView(r *ent.Container, readOnly map[uuid.UUID]bool) ContainerView {
	v := ContainerView{Container: containerOf(r)}
	if r.Edges.Server != nil {
		v.ServerName = r.Edges.Server.Name
	}
	source := map[string]string{"source": kindTitle(string(r.Source))}
	switch {
	case r.GoneTime != nil:
		v.Unavailable = coded.Text{Code: UnavailableGone, English: "the container is gone"}
	case r.ControlConnectionID == nil && readOnly[r.SourceConnectionID]:
		v.Unavailable = coded.Text{Code: UnavailableMonitoringOnly, Params: source,
			English: fmt.Sprintf("the %s connection that reports it is monitoring-only; allow control on the connection (with credentials that may start and stop guests) to control it",
				source["source"])}
	case r.ControlConnectionID == nil:
		v.Unavailable = coded.Text{Code: UnavailableMonitoringProvider, Params: source,
			English: fmt.Sprintf("%s only monitors containers; link the server to a Docker or Proxmox connection to control them",
				source["source"])}
	}
	return v
}

// The codes of why a container cannot be started, stopped or restarted
// (coded.Text), which clients word in their language.
const (
	UnavailableGone               = "gone"
	UnavailableMonitoringOnly     = "monitoring-only"
	UnavailableMonitoringProvider = "monitoring-provider"
)

// UnavailableCodes are those codes with the names of their values, for
// clients that need every code a text; source is the provider's name
// (Docker, Proxmox, Beszel, Hetzner).
var UnavailableCodes = map[string][]string{
	UnavailableGone:               nil,
	UnavailableMonitoringOnly:     {"source"},
	UnavailableMonitoringProvider: {"source"},
}

func kindTitle(k string) string {
	switch provider.Kind(k) {
	case provider.Proxmox:
		return "Proxmox"
	case provider.Hetzner:
		return "Hetzner"
	case provider.Docker:
		return "Docker"
	default:
		return "Beszel"
	}
}

// GetContainer returns one container.
func (s *Service) GetContainer(ctx context.Context, id uuid.UUID) (*ContainerView, error) {
	where := []predicate.Container{container.ID(id)}
	r, err := s.client.Container.Query().Where(where...).WithServer(func(q *ent.ServerQuery) { q.Select(server.FieldName) }).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("container", ids.Format(ids.Container, id))
	}
	if err != nil {
		return nil, err
	}
	readOnly, err := s.monitoringOnly(ctx)
	if err != nil {
		return nil, err
	}
	v := containerView(r, readOnly)
	return &v, nil
}

// ContainersByID returns the containers with these ids that the caller
// sees, gone ones included, in no particular order.
func (s *Service) ContainersByID(ctx context.Context, idList []uuid.UUID) ([]ContainerView, error) {
	if len(idList) == 0 {
		return nil, nil
	}
	rows, err := s.client.Container.Query().Where(container.IDIn(idList...)).
		WithServer(func(q *ent.ServerQuery) { q.Select(server.FieldName) }).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("read containers: %w", err)
	}
	readOnly, err := s.monitoringOnly(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ContainerView, len(rows))
	for i, r := range rows {
		out[i] = containerView(r, readOnly)
	}
	return out, nil
}

// Control starts, stops or restarts a container through the connection
// that controls it, records it in the audit trail and the server's event
// log, and returns the container as the provider reports it afterwards.
func (s *Service) Control(ctx context.Context, id uuid.UUID, action provider.Action, reason string) (*ContainerView, error) {
	v, err := s.GetContainer(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.Unavailable.Code != "" {
		return nil, apierr.FailedPrecondition("cannot %s %s: %s", action, v.Name, v.Unavailable.English)
	}
	conn, err := s.client.Connection.Get(ctx, *v.ControlConnectionID)
	if ent.IsNotFound(err) {
		return nil, apierr.FailedPrecondition("cannot %s %s: the connection that controlled it was deleted", action, v.Name)
	}
	if err != nil {
		return nil, err
	}
	if conn.MonitoringOnly {
		return nil, apierr.FailedPrecondition("cannot %s %s: connection %q is monitoring-only", action, v.Name, conn.Name)
	}
	p, err := s.providerFor(conn)
	if err != nil {
		return nil, err
	}
	ctl, ok := p.(provider.Controller)
	if !ok {
		return nil, apierr.FailedPrecondition("cannot %s %s: %s cannot control containers", action, v.Name, kindTitle(string(conn.Kind)))
	}
	cctx, cancel := context.WithTimeout(ctx, s.opts.SyncTimeout)
	defer cancel()
	if err := ctl.Control(cctx, v.ControlMachineID, v.ControlID, action); err != nil {
		if errors.Is(err, provider.ErrNotFound) {
			return nil, apierr.FailedPrecondition("cannot %s %s: %s no longer knows it (%v); the next sync will mark it gone", action, v.Name, conn.Name, err)
		}
		return nil, apierr.FailedPrecondition("cannot %s %s: %s answered: %v", action, v.Name, conn.Name, err)
	}
	// Read the container back from the provider right away, so the answer
	// (and the list) shows its new state without waiting for the next tick.
	status := container.Status(v.Status)
	if snap, err := s.snapshot(ctx, conn); err == nil {
		for _, m := range snap.Machines {
			if m.ID != v.ControlMachineID {
				continue
			}
			for _, pc := range m.Containers {
				if pc.ID == v.ControlID || pc.Name == v.Name {
					status = container.Status(pc.Status)
				}
			}
		}
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := tx.Container.UpdateOneID(id).SetStatus(status).Exec(ctx); err != nil {
			return err
		}
		reason = strings.TrimSpace(reason)
		msg := controlled(authz.ActorOf(ctx).Name(), action, v.Name, reason)
		if err := s.event(ctx, tx.Client(), v.ServerID, serverevent.KindACTION, msg, &id); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "container", TargetID: ids.Format(ids.Container, id), Reason: reason,
			Before: map[string]any{"status": v.Status}, After: map[string]any{"status": status, "action": string(action)}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetContainer(ctx, id)
}

func pastTense(a provider.Action) string {
	switch a {
	case provider.Start:
		return "started"
	case provider.Stop:
		return "stopped"
	default:
		return "restarted"
	}
}

// clearControl forgets that a connection controls a server's containers.
func (s *Service) clearControl(ctx context.Context, tx *ent.Tx, serverID, connID uuid.UUID) error {
	return tx.Container.Update().Where(container.ServerID(serverID), container.ControlConnectionID(connID)).
		ClearControlConnectionID().SetControlID("").SetControlMachineID("").Exec(ctx)
}
