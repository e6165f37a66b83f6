package instance

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/predicate"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/ent/servicelogbookentry"
	"github.com/leitstand/leitstand/server/ent/servicestatuschange"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Health is the live health of an instance's primary containers, as the
// last sync (or control action) found them.
type Health string

// The states of health.
const (
	// HealthUnknown: no primary container is linked.
	HealthUnknown Health = "UNKNOWN"
	// Healthy: every primary container runs and is healthy, or runs and has
	// no health check.
	Healthy Health = "HEALTHY"
	// Degraded: some primary containers are unhealthy, starting, stopped or
	// gone, and at least one runs.
	Degraded Health = "DEGRADED"
	// Down: no primary container runs.
	Down Health = "DOWN"
)

// Healths lists the states of health in the order the API numbers them.
func Healths() []Health { return []Health{HealthUnknown, Healthy, Degraded, Down} }

// What a primary container counts as, in SQL over the containers table:
// running when it is there and RUNNING; healthy when it also reports no
// health problem (a container without a health check that runs counts as
// healthy; one still STARTING does not yet).
const (
	runningSQL = `"containers"."gone_time" IS NULL AND "containers"."status" = 'RUNNING'`
	healthySQL = runningSQL + ` AND "containers"."health" IN ('NONE', 'HEALTHY')`
)

// healthOf is the health of an instance with this many primary
// containers, of which this many are healthy and this many run.
func healthOf(primaries, healthy, running int) Health {
	switch {
	case primaries == 0:
		return HealthUnknown
	case healthy == primaries:
		return Healthy
	case running == 0:
		return Down
	default:
		return Degraded
	}
}

// followed maps health to the status the sync sets: all primaries running
// and healthy → ONLINE; some unhealthy or down → DISRUPTION; all down →
// INCIDENT. An instance without primaries keeps its status.
var followed = map[Health]Status{Healthy: Online, Degraded: Disruption, Down: Incident}

// Following are the statuses the sync changes by itself. The others are
// never overridden: MAINTENANCE, SUSPENDED and PROVISIONING are set by
// staff on purpose and stay until staff change them; DECOMMISSIONED is
// final.
var Following = []Status{Online, Disruption, Incident}

// counts are an instance's linked containers, as one row of counted.
type counts struct {
	ID        uuid.UUID `json:"service_instance_id"`
	Status    string    `json:"status"`
	Linked    int       `json:"linked"`
	Primaries int       `json:"primaries"`
	Healthy   int       `json:"healthy"`
	Running   int       `json:"running"`
}

func (c counts) health() Health { return healthOf(c.Primaries, c.Healthy, c.Running) }

// counted counts the linked, primary, healthy and running containers of
// the instances matching where, one row per instance with links, in one
// statement: a join of the links with their containers, grouped by
// instance.
func counted(ctx context.Context, c *ent.Client, where ...predicate.ServiceInstance) ([]counts, error) {
	var out []counts
	err := c.ServiceContainerLink.Query().
		Where(servicecontainerlink.HasServiceInstanceWith(where...)).
		Modify(func(s *sql.Selector) {
			ctr := sql.Table(container.Table).As(container.Table) // healthySQL names it so
			si := sql.Table(serviceinstance.Table).As(serviceinstance.Table)
			primary := s.C(servicecontainerlink.FieldPrimary)
			when := func(cond string) string {
				return fmt.Sprintf("SUM(CASE WHEN %s AND %s THEN 1 ELSE 0 END)", primary, cond)
			}
			s.Join(ctr).On(s.C(servicecontainerlink.FieldContainerID), ctr.C(container.FieldID)).
				Join(si).On(s.C(servicecontainerlink.FieldServiceInstanceID), si.C(serviceinstance.FieldID)).
				Select(
					sql.As(s.C(servicecontainerlink.FieldServiceInstanceID), "service_instance_id"),
					sql.As(si.C(serviceinstance.FieldStatus), "status"),
					sql.As(sql.Count("*"), "linked"),
					sql.As(fmt.Sprintf("SUM(CASE WHEN %s THEN 1 ELSE 0 END)", primary), "primaries"),
					sql.As(when(healthySQL), "healthy"),
					sql.As(when(runningSQL), "running"),
				).
				GroupBy(s.C(servicecontainerlink.FieldServiceInstanceID), si.C(serviceinstance.FieldStatus))
		}).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("count linked containers: %w", err)
	}
	return out, nil
}

// HasHealth is the predicate "the instance's primary containers are in one
// of these states of health", as EXISTS subqueries over the links, so a
// filtered list pages in SQL like any other.
func HasHealth(hs ...Health) predicate.ServiceInstance {
	return func(s *sql.Selector) {
		exists := func(cond string) string {
			q := fmt.Sprintf(`EXISTS (SELECT 1 FROM "%s" JOIN "containers" ON "containers"."id" = "%[1]s"."container_id" `+
				`WHERE "%[1]s"."service_instance_id" = %s AND "%[1]s"."primary"`,
				servicecontainerlink.Table, s.C(serviceinstance.FieldID))
			if cond != "" {
				q += " AND " + cond
			}
			return q + ")"
		}
		var anyOf []*sql.Predicate
		for _, h := range hs {
			switch h {
			case HealthUnknown:
				anyOf = append(anyOf, sql.ExprP("NOT "+exists("")))
			case Healthy:
				anyOf = append(anyOf, sql.ExprP(exists("")+" AND NOT "+exists("NOT ("+healthySQL+")")))
			case Degraded:
				anyOf = append(anyOf, sql.ExprP(exists("NOT ("+healthySQL+")")+" AND "+exists(runningSQL)))
			case Down:
				anyOf = append(anyOf, sql.ExprP(exists("")+" AND NOT "+exists(runningSQL)))
			}
		}
		s.Where(sql.Or(anyOf...))
	}
}

// FollowContainers is the automatic status: after each sync tick, every
// instance in a Following status whose primary containers' health calls
// for another status gets it, with a row in the status history (source
// SYNC), an entry in the logbook and an audit event. A tick that changes
// nothing reads one statement and writes nothing.
func (s *Service) FollowContainers(ctx context.Context) (int, error) {
	rows, err := counted(ctx, s.client, serviceinstance.StatusIn(followingStatuses()...))
	if err != nil {
		return 0, err
	}
	var due []uuid.UUID
	for _, r := range rows {
		if to, ok := followed[r.health()]; ok && Status(r.Status) != to {
			due = append(due, r.ID)
		}
	}
	if len(due) == 0 {
		return 0, nil
	}
	var n int
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		n, err = s.follow(ctx, tx, log, due)
		if err == nil && n == 0 {
			return audit.Unchanged // staff changed them meanwhile
		}
		return err
	})
	return n, err
}

func followingStatuses() []serviceinstance.Status {
	out := make([]serviceinstance.Status, len(Following))
	for i, st := range Following {
		out[i] = serviceinstance.Status(st)
	}
	return out
}

// follow applies the automatic status to the instances idList in tx,
// reading their containers again there, so a status staff set a moment
// ago is not overridden. It returns how many instances changed.
func (s *Service) follow(ctx context.Context, tx *ent.Tx, log *audit.Log, idList []uuid.UUID) (int, error) {
	type move struct{ from, to Status }
	groups := map[move][]counts{}
	for chunk := range slices.Chunk(idList, 500) {
		rows, err := counted(ctx, tx.Client(), serviceinstance.IDIn(chunk...), serviceinstance.StatusIn(followingStatuses()...))
		if err != nil {
			return 0, err
		}
		for _, r := range rows {
			to, ok := followed[r.health()]
			if from := Status(r.Status); ok && from != to {
				groups[move{from, to}] = append(groups[move{from, to}], r)
			}
		}
	}
	now := s.clock.Now()
	n := 0
	for m, rows := range groups {
		for chunk := range slices.Chunk(rows, 500) {
			idChunk := make([]uuid.UUID, len(chunk))
			for i, r := range chunk {
				idChunk[i] = r.ID
			}
			if err := tx.ServiceInstance.Update().
				Where(serviceinstance.IDIn(idChunk...), serviceinstance.StatusEQ(serviceinstance.Status(m.from))).
				SetStatus(serviceinstance.Status(m.to)).SetStatusTime(now).SetUpdateTime(now).Exec(ctx); err != nil {
				return 0, err
			}
			orgs, err := tx.ServiceInstance.Query().Where(serviceinstance.IDIn(idChunk...)).
				Select(serviceinstance.FieldID, serviceinstance.FieldOrganizationID, serviceinstance.FieldName).All(ctx)
			if err != nil {
				return 0, err
			}
			byID := make(map[uuid.UUID]*ent.ServiceInstance, len(orgs))
			for _, o := range orgs {
				byID[o.ID] = o
			}
			history := make([]*ent.ServiceStatusChangeCreate, 0, len(chunk))
			logbook := make([]*ent.ServiceLogbookEntryCreate, 0, len(chunk))
			for _, r := range chunk {
				o := byID[r.ID]
				reason := followReason(r)
				history = append(history, tx.ServiceStatusChange.Create().SetOrganizationID(o.OrganizationID).
					SetServiceInstanceID(r.ID).SetFromStatus(string(m.from)).SetToStatus(servicestatuschange.ToStatus(m.to)).
					SetChangeTime(now).SetSource(servicestatuschange.SourceSYNC).SetReason(reason))
				text := StatusFollowedText(m.from, m.to, r.Primaries, r.Healthy, r.Running, reason)
				logbook = append(logbook, tx.ServiceLogbookEntry.Create().SetOrganizationID(o.OrganizationID).
					SetServiceInstanceID(r.ID).SetCreateTime(now).SetVisibility(servicelogbookentry.VisibilityCUSTOMER).
					SetText(text.English).SetCode(text.Code).SetParams(text.Params))
				log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, r.ID), Reason: reason,
					Before: map[string]any{"name": o.Name, "status": string(m.from)},
					After:  map[string]any{"name": o.Name, "status": string(m.to)}})
			}
			if err := tx.ServiceStatusChange.CreateBulk(history...).Exec(ctx); err != nil {
				return 0, err
			}
			if err := tx.ServiceLogbookEntry.CreateBulk(logbook...).Exec(ctx); err != nil {
				return 0, err
			}
			n += len(chunk)
		}
	}
	return n, nil
}

// followReason says what the sync saw, for the history and the logbook.
func followReason(c counts) string {
	switch c.health() {
	case Healthy:
		return fmt.Sprintf("all %d primary container(s) running and healthy", c.Primaries)
	case Down:
		return fmt.Sprintf("none of %d primary container(s) running", c.Primaries)
	default:
		return fmt.Sprintf("%d of %d primary container(s) unhealthy or down", c.Primaries-c.Healthy, c.Primaries)
	}
}

// healthByID reads the health and link counts of these instances.
func healthByID(ctx context.Context, c *ent.Client, idList []uuid.UUID) (map[uuid.UUID]counts, error) {
	out := make(map[uuid.UUID]counts, len(idList))
	for chunk := range slices.Chunk(idList, 500) {
		rows, err := counted(ctx, c, serviceinstance.IDIn(chunk...))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = r
		}
	}
	return out, nil
}

// completed fills in the health and link counts of instances.
func (s *Service) completed(ctx context.Context, is ...*Instance) error {
	idList := make([]uuid.UUID, len(is))
	for n, i := range is {
		idList[n] = i.ID
	}
	byID, err := healthByID(ctx, s.client, idList)
	if err != nil {
		return err
	}
	for _, i := range is {
		c := byID[i.ID]
		i.Health, i.ContainerCount, i.PrimaryCount = c.health(), c.Linked, c.Primaries
	}
	return nil
}
