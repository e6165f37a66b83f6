package instance

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Role is what a linked container does for its instance.
type Role string

// The roles.
const (
	Application Role = "APPLICATION"
	Database    Role = "DATABASE"
)

// Roles lists the roles in the order the API numbers them.
func Roles() []Role { return []Role{Application, Database} }

// Containers is what the instances need of the infrastructure: the
// containers' state, and their control through the connection that
// controls each.
type Containers interface {
	ContainersByID(ctx context.Context, idList []uuid.UUID) ([]infra.ContainerView, error)
	Control(ctx context.Context, id uuid.UUID, action provider.Action, reason string) (*infra.ContainerView, error)
}

// LinkedContainer is a container linked to an instance.
type LinkedContainer struct {
	Container infra.ContainerView
	Role      Role
	Primary   bool
	LinkTime  time.Time
}

// linkState is what the audit trail keeps of a link.
func linkState(v infra.ContainerView, role Role, primary bool) map[string]any {
	return map[string]any{"container_id": ids.Format(ids.Container, v.ID), "container": v.Name, "server": v.ServerName,
		"role": string(role), "primary": primary}
}

// ListContainers returns the containers linked to an instance: primary
// first, then by name.
func (s *Service) ListContainers(ctx context.Context, id uuid.UUID) ([]LinkedContainer, error) {
	if err := s.mustExist(ctx, id); err != nil {
		return nil, err
	}
	links, err := s.client.ServiceContainerLink.Query().Where(servicecontainerlink.ServiceInstanceID(id)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("linked containers: %w", err)
	}
	return s.linked(ctx, links)
}

// linked joins links with their containers' live state.
func (s *Service) linked(ctx context.Context, links []*ent.ServiceContainerLink) ([]LinkedContainer, error) {
	idList := make([]uuid.UUID, len(links))
	for i, l := range links {
		idList[i] = l.ContainerID
	}
	views, err := s.containers.ContainersByID(ctx, idList)
	if err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]infra.ContainerView, len(views))
	for _, v := range views {
		byID[v.ID] = v
	}
	out := make([]LinkedContainer, 0, len(links))
	for _, l := range links {
		v, ok := byID[l.ContainerID]
		if !ok {
			// A container the caller does not see (another tenant's
			// server) is not shown, though it is linked.
			continue
		}
		out = append(out, LinkedContainer{Container: v, Role: Role(l.Role), Primary: l.Primary, LinkTime: l.CreateTime})
	}
	slices.SortFunc(out, func(a, b LinkedContainer) int {
		if a.Primary != b.Primary {
			if a.Primary {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Container.Name, b.Container.Name), strings.Compare(a.Container.ServerName, b.Container.ServerName))
	})
	return out, nil
}

// LinkContainer links a container to an instance with a role and the
// primary flag, or changes the role and flag of one linked already. A gone
// container, or one linked to another instance, is refused. The status
// follows the new set of primaries at once.
func (s *Service) LinkContainer(ctx context.Context, id, containerID uuid.UUID, role Role, primary bool) (*LinkedContainer, error) {
	if !slices.Contains(Roles(), role) {
		return nil, apierr.Invalid("role", "role.defined", "choose APPLICATION or DATABASE")
	}
	views, err := s.containers.ContainersByID(ctx, []uuid.UUID{containerID})
	if err != nil {
		return nil, err
	}
	if len(views) == 0 {
		return nil, apierr.NotFound("container", ids.Format(ids.Container, containerID))
	}
	v := views[0]
	var out LinkedContainer
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		i := instanceOf(r)
		if err := refuseDecommissioned(i); err != nil {
			return err
		}
		existing, err := tx.ServiceContainerLink.Query().Where(servicecontainerlink.ContainerID(containerID)).
			WithServiceInstance().Only(ctx)
		switch {
		case ent.IsNotFound(err):
			existing = nil
		case err != nil:
			return err
		case existing.ServiceInstanceID != id:
			// The other instance may belong to a tenant the caller does not
			// see; then it is not named.
			other := "another service"
			if e := existing.Edges.ServiceInstance; e != nil {
				other = e.Name
			}
			return apierr.FailedPrecondition("%s is linked to %s already; unlink it there first", v.Name, other)
		}
		now := s.clock.Now()
		if existing == nil {
			if v.GoneTime != nil {
				return apierr.FailedPrecondition("%s on %s is gone since %s; link a container that is there",
					v.Name, v.ServerName, v.GoneTime.UTC().Format("2006-01-02 15:04 UTC"))
			}
			l, err := tx.ServiceContainerLink.Create().SetOrganizationID(i.OrganizationID).SetServiceInstanceID(id).
				SetContainerID(containerID).SetRole(servicecontainerlink.Role(role)).SetPrimary(primary).
				SetCreateTime(now).Save(ctx)
			if err != nil {
				return err
			}
			out = LinkedContainer{Container: v, Role: role, Primary: primary, LinkTime: l.CreateTime}
			if err := writeLogbook(ctx, tx, i, Internal, ContainerLinkedText(v.Name, v.ServerName, role, primary), now); err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
				After: map[string]any{"container_link": linkState(v, role, primary)}})
		} else {
			out = LinkedContainer{Container: v, Role: role, Primary: primary, LinkTime: existing.CreateTime}
			was := Role(existing.Role)
			if was == role && existing.Primary == primary {
				return audit.Unchanged
			}
			if err := tx.ServiceContainerLink.UpdateOne(existing).SetRole(servicecontainerlink.Role(role)).
				SetPrimary(primary).Exec(ctx); err != nil {
				return err
			}
			if err := writeLogbook(ctx, tx, i, Internal, ContainerLinkedText(v.Name, v.ServerName, role, primary), now); err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
				Before: map[string]any{"container_link": linkState(v, was, existing.Primary)},
				After:  map[string]any{"container_link": linkState(v, role, primary)}})
		}
		_, err = s.follow(ctx, tx, log, []uuid.UUID{id})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UnlinkContainer removes a container from an instance; the container is
// not touched. The status follows the remaining primaries at once.
func (s *Service) UnlinkContainer(ctx context.Context, id, containerID uuid.UUID) error {
	views, err := s.containers.ContainersByID(ctx, []uuid.UUID{containerID})
	if err != nil {
		return err
	}
	return s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		i := instanceOf(r)
		l, err := tx.ServiceContainerLink.Query().
			Where(servicecontainerlink.ServiceInstanceID(id), servicecontainerlink.ContainerID(containerID)).Only(ctx)
		if ent.IsNotFound(err) || len(views) == 0 {
			return apierr.NotFound("container link", ids.Format(ids.Container, containerID))
		}
		if err != nil {
			return err
		}
		v := views[0]
		if err := tx.ServiceContainerLink.DeleteOne(l).Exec(ctx); err != nil {
			return err
		}
		if err := writeLogbook(ctx, tx, i, Internal, ContainerUnlinkedText(v.Name, v.ServerName), s.clock.Now()); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
			Before: map[string]any{"container_link": linkState(v, Role(l.Role), l.Primary)}})
		if i.Status == Decommissioned {
			return nil
		}
		_, err = s.follow(ctx, tx, log, []uuid.UUID{id})
		return err
	})
}

// Act starts, stops or restarts an instance's primary containers through
// the container control. Before acting on any it checks that every
// primary can be controlled, and refuses with the reason otherwise. A
// provider that refuses midway leaves the others as they are; the
// logbook says which succeeded and which failed, and the error names the
// failures. The status follows at once.
func (s *Service) Act(ctx context.Context, id uuid.UUID, action provider.Action, reason string) (*Instance, []infra.ContainerView, error) {
	reason, err := reasonOf(reason, true, "say why: the customer reads it in the logbook")
	if err != nil {
		return nil, nil, err
	}
	r, err := load(ctx, s.client, id)
	if err != nil {
		return nil, nil, err
	}
	i := instanceOf(r)
	if err := refuseDecommissioned(i); err != nil {
		return nil, nil, err
	}
	primaries, err := s.primaries(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if len(primaries) == 0 {
		return nil, nil, apierr.FailedPrecondition("%s has no primary container to %s; link its containers first", i.Name, action)
	}
	for _, p := range primaries {
		if u := p.Container.Unavailable; u.Code != "" {
			return nil, nil, apierr.FailedPrecondition("cannot %s %s: container %s on %s: %s", action, i.Name,
				p.Container.Name, p.Container.ServerName, u.English)
		}
	}
	after := make([]infra.ContainerView, len(primaries))
	var done, failed, why []string
	for n, p := range primaries {
		after[n] = p.Container
		v, err := s.containers.Control(ctx, p.Container.ID, action, reason)
		if err != nil {
			failed = append(failed, p.Container.Name)
			why = append(why, err.Error())
			continue
		}
		after[n] = *v
		done = append(done, p.Container.Name)
	}
	// The outcome is recorded whatever it was: what was done is done.
	var out Instance
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if err := writeLogbook(ctx, tx, instanceOf(r), Customer, ActionText(action, done, failed, reason), now); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id), Reason: reason,
			After: map[string]any{"action": string(action), "succeeded": done, "failed": failed}})
		if _, err := s.follow(ctx, tx, log, []uuid.UUID{id}); err != nil {
			return err
		}
		r, err = load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		out = instanceOf(r)
		return nil
	})
	if err == nil {
		err = s.completed(ctx, &out)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(failed) > 0 {
		return &out, after, apierr.FailedPrecondition("%s of %s failed for %d of %d container(s): %s",
			action, i.Name, len(failed), len(primaries), strings.Join(why, "; "))
	}
	return &out, after, nil
}

// primaries returns an instance's primary containers.
func (s *Service) primaries(ctx context.Context, id uuid.UUID) ([]LinkedContainer, error) {
	links, err := s.client.ServiceContainerLink.Query().
		Where(servicecontainerlink.ServiceInstanceID(id), servicecontainerlink.Primary(true)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("primary containers: %w", err)
	}
	return s.linked(ctx, links)
}
