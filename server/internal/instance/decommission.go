package instance

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/servicecontainerlink"
	"github.com/leitstand/leitstand/server/ent/serviceinstance"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// DecommissionResult sums up one run of the decommission.
type DecommissionResult struct {
	// Decommissioned instances, and those postponed because a primary
	// container could not be stopped.
	Decommissioned, Postponed int
	// Stopped primary containers.
	Stopped int
}

func (r DecommissionResult) String() string {
	return fmt.Sprintf("decommissioned %d service(s), stopped %d container(s), postponed %d", r.Decommissioned, r.Stopped, r.Postponed)
}

// Decommission takes down every instance whose decommission is due: it
// stops the primary containers that still run, unlinks every container and
// sets DECOMMISSIONED, with the history, the logbook and the audit trail.
//
// Every instance due at now is taken, however late the run: a run missed
// while the platform was down is made up by the next. A run repeated is
// harmless: a decommissioned instance is not due any more, and a
// container already stopped is not stopped again. When a primary container
// cannot be stopped (the provider refuses, or nothing controls it), the
// instance is not decommissioned, so no running container is left
// unlinked and forgotten; the internal logbook says why, the run reports
// it as an error, and the next run tries again. Unlinking that container
// by hand lets the decommission go ahead without stopping it.
func (s *Service) Decommission(ctx context.Context) (DecommissionResult, error) {
	var res DecommissionResult
	due, err := s.client.ServiceInstance.Query().
		Where(serviceinstance.DecommissionTimeLTE(s.clock.Now()), serviceinstance.StatusNEQ(serviceinstance.StatusDECOMMISSIONED)).
		Order(serviceinstance.ByDecommissionTime(), serviceinstance.ByID()).IDs(ctx)
	if err != nil {
		return res, fmt.Errorf("due decommissions: %w", err)
	}
	var errs []error
	for _, id := range due {
		stopped, failed, err := s.decommissionOne(ctx, id)
		res.Stopped += stopped
		switch {
		case err != nil:
			errs = append(errs, err)
		case len(failed) > 0:
			res.Postponed++
			errs = append(errs, fmt.Errorf("service %s postponed: %s", ids.Format(ids.Service, id), strings.Join(failed, "; ")))
		default:
			res.Decommissioned++
		}
	}
	return res, errors.Join(errs...)
}

// decommissionOne takes one instance down; failed names the primary
// containers that could not be stopped, with why, and then nothing else
// changed.
func (s *Service) decommissionOne(ctx context.Context, id uuid.UUID) (int, []string, error) {
	primaries, err := s.primaries(ctx, id)
	if err != nil {
		return 0, nil, err
	}
	var stoppedNames, failed []string
	for _, p := range primaries {
		c := p.Container
		if c.GoneTime != nil || c.Status != infra.ContainerRunning {
			continue
		}
		if u := c.Unavailable; u.Code != "" {
			failed = append(failed, fmt.Sprintf("%s on %s: %s", c.Name, c.ServerName, u.English))
			continue
		}
		if _, err := s.containers.Control(ctx, c.ID, provider.Stop, "scheduled decommission"); err != nil {
			failed = append(failed, fmt.Sprintf("%s on %s: %v", c.Name, c.ServerName, err))
			continue
		}
		stoppedNames = append(stoppedNames, c.Name)
	}
	err = s.audit.Change(ctx, func(tx *ent.Tx, log *audit.Log) error {
		r, err := load(ctx, tx.Client(), id)
		if err != nil {
			return err
		}
		before := instanceOf(r)
		now := s.clock.Now()
		// Cancelled or done meanwhile: nothing more to do.
		if before.Status == Decommissioned || before.DecommissionTime == nil || before.DecommissionTime.After(now) {
			return audit.Unchanged
		}
		if len(failed) > 0 {
			if err := writeLogbook(ctx, tx, before, Internal, DecommissionPostponedText(stoppedNames, failed), now); err != nil {
				return err
			}
			log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id),
				After: map[string]any{"decommission": "postponed", "stopped": stoppedNames, "failed": failed}})
			return nil
		}
		if _, err := tx.ServiceContainerLink.Delete().Where(servicecontainerlink.ServiceInstanceID(id)).Exec(ctx); err != nil {
			return err
		}
		u, err := tx.ServiceInstance.UpdateOneID(id).SetStatus(serviceinstance.StatusDECOMMISSIONED).SetStatusTime(now).
			SetUpdateTime(now).Save(ctx)
		if err != nil {
			return err
		}
		u.Edges = r.Edges
		after := instanceOf(u)
		reason := "scheduled decommission of " + before.DecommissionTime.UTC().Format("2006-01-02 15:04 UTC")
		if err := writeHistory(ctx, tx, after, before.Status, Decommissioned, Staff, reason, now); err != nil {
			return err
		}
		if err := writeLogbook(ctx, tx, after, Customer, StatusChangedText(before.Status, Decommissioned, reason), now); err != nil {
			return err
		}
		if err := writeLogbook(ctx, tx, after, Internal, DecommissionedText(stoppedNames), now); err != nil {
			return err
		}
		log.Record(audit.Event{TargetType: targetType, TargetID: ids.Format(ids.Service, id), Reason: reason,
			Before: state(before), After: state(after)})
		return nil
	})
	return len(stoppedNames), failed, err
}
