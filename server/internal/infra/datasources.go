package infra

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/datasource"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// ImportServers creates a server and a datasource for each machine named by
// its provider id, in one transaction: hosts before their guests, so a VM
// gets its host as parent; a machine whose name a server already has is
// linked to that server instead.
func (s *Service) ImportServers(ctx context.Context, connID uuid.UUID, externalIDs []string) ([]ServerView, error) {
	c, err := s.client.Connection.Get(ctx, connID)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound("connection", ids.Format(ids.Connection, connID))
	}
	if err != nil {
		return nil, err
	}
	snap, err := s.snapshot(ctx, c)
	if err != nil {
		return nil, apierr.FailedPrecondition("connection %q could not be read: %v", c.Name, err)
	}
	byID := map[string]provider.Machine{}
	for _, m := range snap.Machines {
		byID[m.ID] = m
	}
	var missing []string
	for _, id := range externalIDs {
		if _, ok := byID[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, apierr.Invalid("external_ids", "external_ids.unknown", "connection %s does not report %s", c.Name, strings.Join(first(missing, 5), ", "))
	}
	// Hosts first: a guest's parent must exist when the guest is created.
	order := slices.Clone(externalIDs)
	slices.SortStableFunc(order, func(a, b string) int {
		return boolCmp(byID[a].ParentID == "", byID[b].ParentID == "")
	})
	result := map[string]uuid.UUID{}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		for _, ext := range order {
			m := byID[ext]
			taken, err := tx.Datasource.Query().Where(datasource.ConnectionID(connID), datasource.ExternalID(ext)).Exist(ctx)
			if err != nil {
				return err
			}
			if taken {
				return apierr.AlreadyExists("%s (%s) is already linked to a server", m.Name, ext)
			}
			parent, err := s.parentFor(ctx, tx, connID, m, result)
			if err != nil {
				return err
			}
			name := m.Name
			existing, err := tx.Server.Query().Where(server.Name(name)).Only(ctx)
			if err == nil {
				ok, lerr := linkable(ctx, tx.Client(), existing.ID, c.Kind)
				if lerr != nil {
					return lerr
				}
				if !ok {
					// Another machine of the same name: a server of its own.
					name = fmt.Sprintf("%s (%s)", m.Name, c.Name)
					existing, err = tx.Server.Query().Where(server.Name(name)).Only(ctx)
					if err == nil {
						return apierr.AlreadyExists("servers named %s and %s exist already; rename one to import %s", m.Name, name, ext)
					}
				}
			}
			var id uuid.UUID
			switch {
			case err == nil:
				id = existing.ID
				if err := s.event(ctx, tx.Client(), id, serverevent.KindCREATED, linkedTo(c.Name, ext, authz.ActorOf(ctx).Name()), nil); err != nil {
					return err
				}
			case ent.IsNotFound(err):
				id = uuid.Must(uuid.NewV7())
				sv, err := s.insertServer(ctx, tx, id, ServerValues{Name: name, Provider: provider.Kind(c.Kind), Kind: serverKind(m.Kind),
					Location: m.Location, IPAddress: m.IP, Cores: m.Cores, MemoryBytes: m.MemoryBytes, DiskBytes: m.DiskBytes, ParentID: parent})
				if err != nil {
					return err
				}
				if err := s.event(ctx, tx.Client(), id, serverevent.KindCREATED, importedFrom(c.Name, ext, authz.ActorOf(ctx).Name()), nil); err != nil {
					return err
				}
				log.Record(audit.Event{TargetType: "server", TargetID: ids.Format(ids.Server, id), After: serverState(sv)})
			default:
				return err
			}
			if _, err := tx.Datasource.Create().SetServerID(id).SetConnectionID(connID).SetExternalID(ext).
				SetCreateTime(s.now()).Save(ctx); err != nil {
				if ent.IsConstraintError(err) {
					return apierr.AlreadyExists("server %s is already linked to connection %s", m.Name, c.Name)
				}
				return err
			}
			result[ext] = id
			log.Record(audit.Event{TargetType: "datasource", TargetID: ids.Format(ids.Server, id),
				After: map[string]any{"connection": ids.Format(ids.Connection, connID), "external_id": ext}})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	serverIDs := make([]uuid.UUID, len(externalIDs))
	for i, ext := range externalIDs {
		serverIDs[i] = result[ext]
	}
	views, err := s.serversByID(ctx, serverIDs...)
	if err != nil {
		return nil, err
	}
	// In the order of the request.
	pos := map[uuid.UUID]int{}
	for i, id := range serverIDs {
		pos[id] = i
	}
	slices.SortFunc(views, func(a, b ServerView) int { return pos[a.ID] - pos[b.ID] })
	return views, nil
}

// parentFor finds the server of a machine's host: imported in this batch,
// or linked earlier through the same connection.
func (s *Service) parentFor(ctx context.Context, tx *ent.Tx, connID uuid.UUID, m provider.Machine, batch map[string]uuid.UUID) (*uuid.UUID, error) {
	if m.ParentID == "" {
		return nil, nil
	}
	if id, ok := batch[m.ParentID]; ok {
		return &id, nil
	}
	d, err := tx.Datasource.Query().Where(datasource.ConnectionID(connID), datasource.ExternalID(m.ParentID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d.ServerID, nil
}

// observers are providers that watch a machine another provider runs (a
// Beszel agent or a Docker engine on a Proxmox VM or a cloud server).
var observers = map[connection.Kind]bool{connection.KindBESZEL: true, connection.KindDOCKER: true}

// linkable reports whether a machine a connection of kind reports under a
// server's name is that server: only if no connection of the same sort
// (runner or observer) reports on it yet. Two clouds or hypervisors naming
// a machine alike are two machines; an agent on a VM is the VM.
func linkable(ctx context.Context, c *ent.Client, serverID uuid.UUID, kind connection.Kind) (bool, error) {
	ok, err := linkableAll(ctx, c, []uuid.UUID{serverID}, kind)
	return ok[serverID], err
}

// linkableAll answers linkable for many servers in one statement.
func linkableAll(ctx context.Context, c *ent.Client, serverIDs []uuid.UUID, kind connection.Kind) (map[uuid.UUID]bool, error) {
	out := make(map[uuid.UUID]bool, len(serverIDs))
	for _, id := range serverIDs {
		out[id] = true
	}
	for part := range slices.Chunk(serverIDs, 1000) {
		dss, err := c.Datasource.Query().Where(datasource.ServerIDIn(part...)).
			WithConnection(func(q *ent.ConnectionQuery) { q.Select(connection.FieldKind) }).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range dss {
			if d.Edges.Connection != nil && observers[d.Edges.Connection.Kind] == observers[kind] {
				out[d.ServerID] = false
			}
		}
	}
	return out, nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	default:
		return 1
	}
}

func serverKind(k provider.MachineKind) provider.MachineKind {
	switch k {
	case provider.Host, provider.VM, provider.Cloud:
		return k
	default:
		return provider.Monitored
	}
}

// CreateDatasource links a server to a connection.
func (s *Service) CreateDatasource(ctx context.Context, serverID, connID uuid.UUID, externalID string) (*DatasourceView, error) {
	var id uuid.UUID
	err := s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		if err := s.mustFindServer(ctx, tx.Client(), serverID); err != nil {
			return err
		}
		c, err := tx.Connection.Get(ctx, connID)
		if ent.IsNotFound(err) {
			return apierr.NotFound("connection", ids.Format(ids.Connection, connID))
		}
		if err != nil {
			return err
		}
		if dup, err := tx.Datasource.Query().Where(datasource.ConnectionID(connID), datasource.Or(
			datasource.ExternalID(externalID), datasource.ServerID(serverID))).Only(ctx); err == nil {
			if dup.ServerID == serverID {
				return apierr.AlreadyExists("the server is already linked to connection %s (id %s)", c.Name, dup.ExternalID)
			}
			return apierr.AlreadyExists("connection %s's %s is already linked to another server", c.Name, externalID)
		} else if !ent.IsNotFound(err) && !ent.IsNotSingular(err) {
			return err
		} else if ent.IsNotSingular(err) {
			return apierr.AlreadyExists("the server or %s is already linked to connection %s", externalID, c.Name)
		}
		d, err := tx.Datasource.Create().SetServerID(serverID).SetConnectionID(connID).SetExternalID(externalID).
			SetCreateTime(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		id = d.ID
		if err := s.event(ctx, tx.Client(), serverID, serverevent.KindACTION, linkedTo(c.Name, externalID, authz.ActorOf(ctx).Name()), nil); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "datasource", TargetID: ids.Format(ids.Datasource, d.ID),
			After: map[string]any{"server": ids.Format(ids.Server, serverID), "connection": ids.Format(ids.Connection, connID), "external_id": externalID}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	dss, err := s.datasources(ctx, datasource.ID(id))
	if err != nil || len(dss) == 0 {
		return nil, err
	}
	return &dss[0], nil
}

// DeleteDatasource unlinks a server from a connection. The server keeps its
// history; containers only that connection could control can no longer be.
func (s *Service) DeleteDatasource(ctx context.Context, id uuid.UUID) error {
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		d, err := tx.Datasource.Query().Where(datasource.ID(id)).WithConnection().Only(ctx)
		if ent.IsNotFound(err) {
			return apierr.NotFound("datasource", ids.Format(ids.Datasource, id))
		}
		if err != nil {
			return err
		}
		if err := tx.Datasource.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		if err := s.clearControl(ctx, tx, d.ServerID, d.ConnectionID); err != nil {
			return err
		}
		name := d.Edges.Connection.Name
		if err := s.event(ctx, tx.Client(), d.ServerID, serverevent.KindACTION, unlinkedFrom(name, authz.ActorOf(ctx).Name()), nil); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: "datasource", TargetID: ids.Format(ids.Datasource, id),
			Before: map[string]any{"server": ids.Format(ids.Server, d.ServerID), "connection": ids.Format(ids.Connection, d.ConnectionID), "external_id": d.ExternalID}})
		return nil
	})
}
