package demo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/connection"
	"github.com/leitstand/leitstand/server/ent/organization"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/beszel/beszelsim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/hetzner/hetznersim"
	"github.com/leitstand/leitstand/server/internal/infra/provider/proxmox/proxmoxsim"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// Fleet is the demo's infrastructure: one simulated provider of each kind,
// served on loopback inside the process for as long as it runs, so the
// demo's connections can be tested, synced, imported from and controlled.
type Fleet struct {
	sims []fleetSim
	// mail is the demo's mail server; nil when it could not listen.
	mail *mailSink
}

type fleetSim struct {
	name string
	sim  provider.Simulator
	// leave machines are not imported, so Import has something to offer.
	leave int
}

// StartFleet starts the simulators. Their figures follow the wall clock.
func StartFleet() *Fleet {
	sink, err := startMailSink()
	if err != nil {
		sink = nil // the demo's invoices then fail to send, and say why
	}
	return &Fleet{mail: sink, sims: []fleetSim{
		{name: "Proxmox Falkenstein", sim: proxmoxsim.New(provider.SimOptions{Nodes: 3, Machines: 9, ContainersPerMachine: 3, Seed: 21})},
		{name: "Hetzner Cloud", sim: hetznersim.New(provider.SimOptions{Machines: 16, Seed: 22}), leave: 4},
		{name: "Beszel Monitoring", sim: beszelsim.New(provider.SimOptions{Machines: 10, ContainersPerMachine: 6, Seed: 23})},
		{name: "Docker fsn1", sim: dockersim.New(provider.SimOptions{ContainersPerMachine: 36, Seed: 24})},
	}}
}

// Close stops the simulators.
func (f *Fleet) Close() {
	for _, s := range f.sims {
		s.sim.Close()
	}
	if f.mail != nil {
		_ = f.mail.srv.Close()
	}
}

// Attach points the demo connections at the running simulators, creating
// them the first time. The simulators listen on new ports at every start;
// their machines keep their ids, so datasources stay valid.
func (f *Fleet) Attach(ctx context.Context, client *ent.Client, svc *infra.Service) ([]*infra.ConnectionView, error) {
	ctx = authz.System(ctx)
	out := make([]*infra.ConnectionView, 0, len(f.sims))
	for _, s := range f.sims {
		existing, err := client.Connection.Query().Where(connection.Name(s.name)).Only(ctx)
		switch {
		case err == nil:
			if err := client.Connection.UpdateOne(existing).SetEndpoint(s.sim.URL()).Exec(ctx); err != nil {
				return nil, err
			}
			c, _, err := svc.GetConnection(ctx, existing.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		case ent.IsNotFound(err):
			cfg := s.sim.Config()
			c, err := svc.CreateConnection(ctx, infra.ConnectionSettings{Name: s.name, Kind: s.sim.Kind(), Endpoint: s.sim.URL(),
				InsecureSkipVerify: s.sim.Kind() == provider.Proxmox, // Proxmox hosts use self-signed certificates
				Credentials:        infra.Credentials{Token: cfg.Token, Username: cfg.Username, Password: cfg.Password}})
			if err != nil {
				return nil, fmt.Errorf("demo connection %s: %w", s.name, err)
			}
			out = append(out, c)
		default:
			return nil, err
		}
	}
	return out, nil
}

// Infrastructure imports the fleet's machines (all but a few), assigns some
// servers to customers, syncs once and backfills a day of one-minute
// metrics, so charts have history from the start. Without a fleet there is
// no infrastructure to show.
func (s *Seeder) Infrastructure(ctx context.Context) error {
	ctx = authz.System(ctx)
	svc, f := s.Infra, s.Fleet
	if f == nil {
		return nil
	}
	conns, err := f.Attach(ctx, s.Client, svc)
	if err != nil {
		return err
	}
	for i, c := range conns {
		found, _, err := svc.DiscoverServers(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("demo: discover %s: %w", c.Name, err)
		}
		var ext []string
		for _, d := range found[:len(found)-f.sims[i].leave] {
			ext = append(ext, d.ID)
		}
		if len(ext) == 0 {
			continue
		}
		if _, err := svc.ImportServers(ctx, c.ID, ext); err != nil {
			return fmt.Errorf("demo: import from %s: %w", c.Name, err)
		}
	}
	if _, err := svc.Sync(ctx); err != nil {
		return fmt.Errorf("demo: sync: %w", err)
	}
	if err := s.assignServers(ctx, svc); err != nil {
		return err
	}
	return s.backfill(ctx)
}

// assignServers gives every third server to an active customer.
func (s *Seeder) assignServers(ctx context.Context, svc *infra.Service) error {
	servers, err := s.Client.Server.Query().Order(ent.Asc("name")).All(ctx)
	if err != nil {
		return err
	}
	orgs, err := s.Client.Organization.Query().Where(organization.StatusEQ(organization.StatusACTIVE)).
		WithWorkspaces().Order(ent.Asc("name")).Limit(8).All(ctx)
	if err != nil || len(orgs) == 0 {
		return err
	}
	for i, sv := range servers {
		if i%3 != 0 {
			continue
		}
		o := orgs[(i/3)%len(orgs)]
		var ws *uuid.UUID
		if len(o.Edges.Workspaces) > 0 && i%2 == 0 {
			ws = &o.Edges.Workspaces[0].ID
		}
		if _, err := svc.Assign(ctx, sv.ID, o.ID, ws); err != nil {
			return fmt.Errorf("demo: assign %s: %w", sv.Name, err)
		}
	}
	return nil
}

// backfill writes the past 24 hours of samples for every server and
// container with a current one: a daily curve through the current figures.
func (s *Seeder) backfill(ctx context.Context) error {
	now := s.Clock.Now().UTC().Truncate(time.Minute)
	servers, err := s.Client.Server.Query().All(ctx)
	if err != nil {
		return err
	}
	var samples []*ent.ServerMetricCreate
	for _, sv := range servers {
		if sv.SampleTime == nil {
			continue
		}
		for m := 24 * 60; m >= 1; m-- {
			t := now.Add(-time.Duration(m) * time.Minute)
			k := curve(t, sv.ID)
			disk := sv.DiskUsed
			if disk > 0 { // slowly filling up to now
				disk -= int64(float64(m) * float64(sv.DiskTotal) * 1e-6)
			}
			samples = append(samples, s.Client.ServerMetric.Create().SetServerID(sv.ID).SetTs(t.Unix()).
				SetCPU(math.Min(100, sv.CPUPercent*k)).SetMemUsed(int64(math.Min(float64(sv.MemoryTotal), float64(sv.MemoryUsed)*(0.85+0.15*k)))).
				SetMemTotal(sv.MemoryTotal).SetDiskUsed(disk).
				SetDiskTotal(sv.DiskTotal).SetNetIn(sv.NetIn*k).SetNetOut(sv.NetOut*k))
		}
	}
	for part := range slices.Chunk(samples, 400) {
		if err := s.Client.ServerMetric.CreateBulk(part...).Exec(ctx); err != nil {
			return fmt.Errorf("demo: server history: %w", err)
		}
	}
	containers, err := s.Client.Container.Query().All(ctx)
	if err != nil {
		return err
	}
	var csamples []*ent.ContainerMetricCreate
	for _, c := range containers {
		if c.SampleTime == nil {
			continue
		}
		for m := 24 * 60; m >= 5; m -= 5 {
			t := now.Add(-time.Duration(m) * time.Minute)
			k := curve(t, c.ID)
			csamples = append(csamples, s.Client.ContainerMetric.Create().SetContainerID(c.ID).SetTs(t.Unix()).
				SetCPU(c.CPUPercent*k).SetMemUsed(int64(float64(c.MemoryUsed)*(0.9+0.1*k))).SetMemLimit(c.MemoryLimit).
				SetDiskUsed(c.DiskUsed).SetNetIn(c.NetIn*k).SetNetOut(c.NetOut*k).SetRunning(true).
				SetUnhealthy(c.Health == "UNHEALTHY" && m < 90))
		}
	}
	for part := range slices.Chunk(csamples, 400) {
		if err := s.Client.ContainerMetric.CreateBulk(part...).Exec(ctx); err != nil {
			return fmt.Errorf("demo: container history: %w", err)
		}
	}
	return nil
}

// curve is a factor around 1 that peaks in the afternoon and dips at night,
// shifted a little per machine.
func curve(t time.Time, id uuid.UUID) float64 {
	shift := float64(id[15]%6) - 3
	h := float64(t.Hour()) + float64(t.Minute())/60 + shift
	wobble := math.Sin(float64(t.Unix()/60)*0.7+float64(id[14])) * 0.06
	return 0.75 + 0.35*math.Sin((h-9)/24*2*math.Pi) + wobble
}
