package infra

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/server"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/search"
)

// SearchServers finds servers for the global search: by name or IP
// address, or the one q.ID names. Subtitled with the IP address and
// location.
func (s *Service) SearchServers(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.Server.Query().Select(server.FieldName, server.FieldIPAddress, server.FieldLocation, server.FieldSearchKey)
	if q.ID != nil {
		query.Where(server.ID(*q.ID))
	} else {
		query.Where(predicate.Server(search.Match(server.FieldSearchKey, q.Text))).
			Order(search.ByRank(server.FieldSearchKey, q.Text), server.ByName(), server.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search servers: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, r := range rows {
		hits[i] = search.Hit{ID: ids.Format(ids.Server, r.ID), Title: r.Name,
			Subtitle: search.Subtitle(r.IPAddress, r.Location), Rank: search.RankOf(r.SearchKey, q.Text)}
	}
	return hits, nil
}

// SearchContainers finds containers for the global search: those still
// there by name, or the one q.ID names (gone or not). Subtitled with their
// server's name.
func (s *Service) SearchContainers(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.Container.Query().Select(container.FieldName, container.FieldServerID, container.FieldSearchKey).
		WithServer(func(q *ent.ServerQuery) { q.Select(server.FieldName) })
	if q.ID != nil {
		query.Where(container.ID(*q.ID))
	} else {
		query.Where(predicate.Container(search.Match(container.FieldSearchKey, q.Text)), container.GoneTimeIsNil()).
			Order(search.ByRank(container.FieldSearchKey, q.Text), container.ByName(), container.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search containers: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, r := range rows {
		h := search.Hit{ID: ids.Format(ids.Container, r.ID), Title: r.Name, Rank: search.RankOf(r.SearchKey, q.Text)}
		if r.Edges.Server != nil {
			h.Subtitle = r.Edges.Server.Name
		}
		hits[i] = h
	}
	return hits, nil
}

// SearchConnections finds provider connections for the global search: by
// name or endpoint, or the one q.ID names. Subtitled with the provider and
// endpoint; credentials are not read.
func (s *Service) SearchConnections(ctx context.Context, q search.Query) ([]search.Hit, error) {
	query := s.client.Connection.Query().Select(connection.FieldName, connection.FieldKind, connection.FieldEndpoint, connection.FieldSearchKey)
	if q.ID != nil {
		query.Where(connection.ID(*q.ID))
	} else {
		query.Where(predicate.Connection(search.Match(connection.FieldSearchKey, q.Text))).
			Order(search.ByRank(connection.FieldSearchKey, q.Text), connection.ByName(), connection.ByID())
	}
	rows, err := query.Limit(q.Limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("search connections: %w", err)
	}
	hits := make([]search.Hit, len(rows))
	for i, r := range rows {
		hits[i] = search.Hit{ID: ids.Format(ids.Connection, r.ID), Title: r.Name,
			Subtitle: search.Subtitle(kindTitle(string(r.Kind)), r.Endpoint), Rank: search.RankOf(r.SearchKey, q.Text)}
	}
	return hits, nil
}

// ServerNames returns the names of the servers with these ids that the
// caller sees, for the audit trail.
func (s *Service) ServerNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Server.Query().Where(server.IDIn(ids...)).Select(server.FieldID, server.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name servers: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// ContainerNames returns the names of the containers with these ids that
// the caller sees, for the audit trail.
func (s *Service) ContainerNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Container.Query().Where(container.IDIn(ids...)).Select(container.FieldID, container.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name containers: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// ConnectionNames returns the names of the connections with these ids that
// the caller sees, for the audit trail.
func (s *Service) ConnectionNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	rows, err := s.client.Connection.Query().Where(connection.IDIn(ids...)).Select(connection.FieldID, connection.FieldName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("name connections: %w", err)
	}
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
