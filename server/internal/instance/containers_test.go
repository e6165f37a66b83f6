package instance_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/infra/provider/docker/dockersim"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// docker is a fixture with a Docker engine whose containers the platform
// found: ctrs are the running ones without a health check, so their
// health is the engine's state alone.
type docker struct {
	fixture
	sim    *dockersim.Server
	server uuid.UUID
	ctrs   []infra.ContainerView
	ctx    context.Context
}

func withDocker(t *testing.T, d testdb.Dialect) docker {
	t.Helper()
	f := setup(t, d)
	env := f.env
	sim := dockersim.New(provider.SimOptions{ContainersPerMachine: 24, Seed: 7, Now: env.Clock.Now})
	t.Cleanup(sim.Close)
	ctx := env.AsRole(t, "operator@example.com", authz.RoleOperator)
	cfg := sim.Config()
	conn, err := env.Infra.CreateConnection(ctx, infra.ConnectionSettings{Name: "Docker host", Kind: sim.Kind(), Endpoint: sim.URL(),
		InsecureSkipVerify: true, Credentials: infra.Credentials{Token: cfg.Token, Username: cfg.Username, Password: cfg.Password}})
	if err != nil {
		t.Fatal(err)
	}
	found, _, err := env.Infra.DiscoverServers(ctx, conn.ID)
	if err != nil || len(found) != 1 {
		t.Fatalf("discover: %+v %v", found, err)
	}
	vs, err := env.Infra.ImportServers(ctx, conn.ID, []string{found[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range sim.ContainerIDs() {
		sim.SetContainerStatus(id, "running")
	}
	dk := docker{fixture: f, sim: sim, server: vs[0].ID, ctx: ctx}
	dk.sync(t)
	page, err := env.Infra.ListContainers(ctx, infra.ContainerFilter{ServerID: &dk.server}, 50, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Items {
		if c.Status == infra.ContainerRunning && c.Health == "NONE" {
			dk.ctrs = append(dk.ctrs, c)
		}
	}
	if len(dk.ctrs) < 5 {
		t.Fatalf("the engine runs %d containers without a health check; the tests need 5", len(dk.ctrs))
	}
	return dk
}

func (dk docker) sync(t *testing.T) {
	t.Helper()
	dk.env.Clock.Advance(time.Minute)
	if _, err := dk.env.Infra.Sync(authz.System(t.Context())); err != nil {
		t.Fatalf("sync: %v", err)
	}
}

// book books an instance and sets it ONLINE by hand, as staff do once it
// is set up.
func (dk docker) book(t *testing.T, status instance.Status) *instance.Instance {
	t.Helper()
	svc, err := dk.env.Services.Book(dk.ctx, dk.item.ID, dk.ws, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if status != instance.Provisioning {
		if svc, err = dk.env.Services.SetStatus(dk.ctx, svc.ID, status, "set up"); err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

func (dk docker) link(t *testing.T, svc uuid.UUID, c infra.ContainerView, role instance.Role, primary bool) {
	t.Helper()
	if _, err := dk.env.Services.LinkContainer(dk.ctx, svc, c.ID, role, primary); err != nil {
		t.Fatalf("link %s: %v", c.Name, err)
	}
}

func (dk docker) status(t *testing.T, id uuid.UUID) (instance.Status, instance.Health) {
	t.Helper()
	svc, err := dk.env.Services.Get(dk.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return svc.Status, svc.Health
}

func (dk docker) engine(id string, status string) { dk.sim.SetContainerStatus(id, status) }

// The status follows the primary containers after each sync tick: all
// running → ONLINE, some down → DISRUPTION, all down → INCIDENT, each
// change in the history (by the sync) and the customer's logbook. A
// container that is not primary does not count; a status staff set on
// purpose is never overridden; a tick that changes nothing writes nothing.
func TestStatusFollowsThePrimaryContainers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		dk := withDocker(t, d)
		env := dk.env
		app, db, extra := dk.ctrs[0], dk.ctrs[1], dk.ctrs[2]
		svc := dk.book(t, instance.Online)
		dk.link(t, svc.ID, app, instance.Application, true)
		dk.link(t, svc.ID, db, instance.Database, true)
		dk.link(t, svc.ID, extra, instance.Application, false)
		if st, h := dk.status(t, svc.ID); st != instance.Online || h != instance.Healthy {
			t.Fatalf("linked: %s %s", st, h)
		}
		held := dk.book(t, instance.Maintenance)
		dk.link(t, held.ID, dk.ctrs[3], instance.Application, true)
		fresh := dk.book(t, instance.Provisioning)
		if len(dk.ctrs) > 4 {
			dk.link(t, fresh.ID, dk.ctrs[4], instance.Application, true)
		}

		// A container that is not primary goes down: nothing changes, and
		// the tick writes nothing.
		dk.engine(extra.ControlID, "exited")
		seq := env.LastSeq(t)
		dk.sync(t)
		if st, h := dk.status(t, svc.ID); st != instance.Online || h != instance.Healthy {
			t.Errorf("after a secondary container stopped: %s %s", st, h)
		}
		if evs := env.EventsOf(t, "service_instance"); len(evs) == 0 {
			t.Fatal("no service events at all")
		}
		for _, e := range env.EventsSince(t, seq) {
			if e.TargetType == "service_instance" {
				t.Errorf("a tick without a change wrote %+v", e)
			}
		}

		dk.engine(db.ControlID, "exited")
		dk.engine(dk.ctrs[3].ControlID, "exited")
		if len(dk.ctrs) > 4 {
			dk.engine(dk.ctrs[4].ControlID, "exited")
		}
		dk.sync(t)
		if st, h := dk.status(t, svc.ID); st != instance.Disruption || h != instance.Degraded {
			t.Errorf("one of two primaries down: %s %s", st, h)
		}
		if st, h := dk.status(t, held.ID); st != instance.Maintenance || h != instance.Down {
			t.Errorf("in maintenance with its container down: %s %s", st, h)
		}
		if st, _ := dk.status(t, fresh.ID); st != instance.Provisioning {
			t.Errorf("provisioning with its container down: %s", st)
		}
		dk.engine(app.ControlID, "exited")
		dk.sync(t)
		if st, h := dk.status(t, svc.ID); st != instance.Incident || h != instance.Down {
			t.Errorf("every primary down: %s %s", st, h)
		}
		dk.engine(app.ControlID, "running")
		dk.engine(db.ControlID, "running")
		dk.sync(t)
		if st, h := dk.status(t, svc.ID); st != instance.Online || h != instance.Healthy {
			t.Errorf("back up: %s %s", st, h)
		}

		history, _, err := env.Services.History(dk.ctx, svc.ID, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		var moves []string
		for _, c := range history[:3] {
			if c.Source != instance.Sync || c.ActorID != nil || c.Reason == "" {
				t.Errorf("automatic change %+v", c)
			}
			moves = append(moves, string(c.From)+">"+string(c.To))
		}
		if got := strings.Join(moves, " "); got != "INCIDENT>ONLINE DISRUPTION>INCIDENT ONLINE>DISRUPTION" {
			t.Errorf("history = %s", got)
		}
		log, _, err := env.Services.Logbook(dk.ctx, svc.ID, instance.Customer, 0, "")
		if err != nil || log[0].Code != "status-followed" || log[0].Params["to"] != "ONLINE" || log[0].Params["primaries"] != "2" ||
			log[0].Params["healthy"] != "2" || log[0].Text != "Status changed from INCIDENT to ONLINE by the containers' health: all 2 primary container(s) running and healthy" {
			t.Errorf("logbook = %+v %v", log[0], err)
		}

		// The list filters by health and by the server the containers run on.
		page, err := env.Services.List(dk.ctx, instance.Filter{Healths: []instance.Health{instance.Down}})
		if err != nil || page.TotalSize != 2 {
			t.Errorf("down: %+v %v", page, err)
		}
		page, err = env.Services.List(dk.ctx, instance.Filter{Healths: []instance.Health{instance.Healthy, instance.HealthUnknown}})
		if err != nil || page.TotalSize != 1 || page.Items[0].ID != svc.ID || page.Items[0].PrimaryCount != 2 || page.Items[0].ContainerCount != 3 {
			t.Errorf("healthy or unknown: %+v %v", page, err)
		}
		page, err = env.Services.List(dk.ctx, instance.Filter{ServerID: &dk.server})
		if err != nil || page.TotalSize != 3 {
			t.Errorf("on the server: %+v %v", page, err)
		}
	})
}

// Start, stop and restart act on the primary containers through the
// container control: the engine does it, the status follows at once, the
// customer's logbook says it, each container's action is audited. Where a
// primary cannot be controlled, nothing is done and the reason is said.
func TestServiceActionsActOnThePrimaries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		dk := withDocker(t, d)
		env := dk.env
		app, db, other := dk.ctrs[0], dk.ctrs[1], dk.ctrs[2]
		svc := dk.book(t, instance.Online)

		_, _, err := env.Services.Act(dk.ctx, svc.ID, provider.Stop, "customer asked")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		dk.link(t, svc.ID, app, instance.Application, true)
		dk.link(t, svc.ID, db, instance.Database, true)
		dk.link(t, svc.ID, other, instance.Application, false)

		_, _, err = env.Services.Act(dk.ctx, svc.ID, provider.Stop, "  ")
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "reason")

		seq := env.LastSeq(t)
		got, after, err := env.Services.Act(dk.ctx, svc.ID, provider.Stop, "customer asked")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != instance.Incident || got.Health != instance.Down || len(after) != 2 {
			t.Errorf("stopped: %s %s %d containers", got.Status, got.Health, len(after))
		}
		for _, c := range []infra.ContainerView{app, db} {
			if st, _ := dk.sim.Container(c.ControlID); st.Status == "running" {
				t.Errorf("%s still runs at the engine", c.Name)
			}
		}
		if st, _ := dk.sim.Container(other.ControlID); st.Status != "running" {
			t.Errorf("the container that is not primary was %s", st.Status)
		}
		var containers, services int
		for _, e := range env.EventsSince(t, seq) {
			switch e.TargetType {
			case "container":
				containers++
			case "service_instance":
				services++
			}
		}
		if containers != 2 || services != 2 { // the action and the status it caused
			t.Errorf("%d container and %d service events", containers, services)
		}
		log, _, err := env.Services.Logbook(dk.ctx, svc.ID, instance.Customer, 2, "")
		if err != nil || len(log) != 2 {
			t.Fatalf("logbook %+v %v", log, err)
		}
		var action instance.LogbookEntry
		for _, e := range log {
			if e.Code == "service-action" {
				action = e
			}
		}
		if action.Params["action"] != "stop" || action.Params["failed"] != "" || action.Params["reason"] != "customer asked" ||
			!strings.Contains(action.Params["succeeded"], app.Name) || !strings.Contains(action.Params["succeeded"], db.Name) {
			t.Errorf("action entry = %+v", action)
		}

		got, _, err = env.Services.Act(dk.ctx, svc.ID, provider.Start, "back")
		if err != nil || got.Status != instance.Online {
			t.Errorf("started: %+v %v", got, err)
		}

		// A primary nothing controls: refused before anything is done.
		orgServer, manual := env.AssignedServer(t, "edge-01", dk.org.ID)
		_ = orgServer
		mv, err := env.Infra.GetContainer(dk.ctx, manual)
		if err != nil {
			t.Fatal(err)
		}
		dk.link(t, svc.ID, *mv, instance.Application, true)
		before := env.Fingerprint(t)
		_, _, err = env.Services.Act(dk.ctx, svc.ID, provider.Restart, "update")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if !strings.Contains(err.Error(), mv.Name) {
			t.Errorf("the refusal does not name the container: %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused action changed something")
		}
	})
}

// Linking refuses what would make no sense, and says why; linking again
// as it is changes nothing.
func TestLinkingRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		dk := withDocker(t, d)
		env := dk.env
		a, b := dk.book(t, instance.Online), dk.book(t, instance.Online)
		c := dk.ctrs[0]
		dk.link(t, a.ID, c, instance.Application, true)

		_, err := env.Services.LinkContainer(dk.ctx, b.ID, c.ID, instance.Application, true)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if !strings.Contains(err.Error(), a.Name) {
			t.Errorf("the refusal does not name the other service: %v", err)
		}
		_, err = env.Services.LinkContainer(dk.ctx, b.ID, dk.ctrs[1].ID, "SIDECAR", true)
		apptest.WantErr(t, err, apierr.ErrInvalidArgument, "role")
		_, err = env.Services.LinkContainer(dk.ctx, b.ID, uuid.New(), instance.Application, true)
		apptest.WantErr(t, err, apierr.ErrNotFound)

		seq := env.LastSeq(t)
		dk.link(t, a.ID, c, instance.Application, true)
		env.NoEventsSince(t, seq)
		dk.link(t, a.ID, c, instance.Database, false)
		linked, err := env.Services.ListContainers(dk.ctx, a.ID)
		if err != nil || len(linked) != 1 || linked[0].Role != instance.Database || linked[0].Primary {
			t.Errorf("relinked: %+v %v", linked, err)
		}
		if st, h := dk.status(t, a.ID); st != instance.Online || h != instance.HealthUnknown {
			t.Errorf("without a primary: %s %s", st, h)
		}

		// A container gone from its engine is not linked.
		dk.sim.RemoveContainer(dk.ctrs[2].ControlID)
		dk.sync(t)
		_, err = env.Services.LinkContainer(dk.ctx, b.ID, dk.ctrs[2].ID, instance.Application, true)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)

		// Unlinking: the container stays as it is; unknown links are NotFound.
		if err := env.Services.UnlinkContainer(dk.ctx, a.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		apptest.WantErr(t, env.Services.UnlinkContainer(dk.ctx, a.ID, c.ID), apierr.ErrNotFound)
		if st, _ := dk.sim.Container(c.ControlID); st.Status != "running" {
			t.Errorf("unlinking touched the container: %s", st.Status)
		}
	})
}

// A server whose containers carry a service is not deleted; once they are
// unlinked it is.
func TestServerCarryingAServiceIsNotDeleted(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		dk := withDocker(t, d)
		env := dk.env
		svc := dk.book(t, instance.Online)
		dk.link(t, svc.ID, dk.ctrs[0], instance.Application, true)
		err := env.Infra.DeleteServer(dk.ctx, dk.server)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		if !strings.Contains(err.Error(), svc.Name) {
			t.Errorf("the refusal does not name the service: %v", err)
		}
		if err := env.Services.UnlinkContainer(dk.ctx, svc.ID, dk.ctrs[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := env.Infra.DeleteServer(dk.ctx, dk.server); err != nil {
			t.Errorf("delete after unlinking: %v", err)
		}
	})
}

// The decommission job takes every due instance down, however late it
// runs: its primaries stopped, its containers unlinked, DECOMMISSIONED with
// history and logbook. Run again, it does nothing. An instance whose
// primary cannot be stopped is postponed, and left as it was.
func TestDecommissionTakesDueServicesDown(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		dk := withDocker(t, d)
		env := dk.env
		a, b, later, stuck := dk.book(t, instance.Online), dk.book(t, instance.Suspended), dk.book(t, instance.Online), dk.book(t, instance.Online)
		dk.link(t, a.ID, dk.ctrs[0], instance.Application, true)
		dk.link(t, a.ID, dk.ctrs[1], instance.Database, false)
		dk.link(t, b.ID, dk.ctrs[2], instance.Application, true)
		_, manual := env.AssignedServer(t, "edge-01", dk.org.ID)
		mv, err := env.Infra.GetContainer(dk.ctx, manual)
		if err != nil {
			t.Fatal(err)
		}
		dk.link(t, stuck.ID, *mv, instance.Application, true)
		now := env.Clock.Now()
		for _, s := range []struct {
			id uuid.UUID
			at time.Time
		}{{a.ID, now.Add(time.Hour)}, {b.ID, now.Add(2 * time.Hour)}, {later.ID, now.Add(30 * 24 * time.Hour)}, {stuck.ID, now.Add(time.Hour)}} {
			if _, err := env.Services.ScheduleDecommission(dk.ctx, s.id, s.at, "contract ended"); err != nil {
				t.Fatal(err)
			}
		}
		// Three days later (the platform was down meanwhile).
		env.Clock.Advance(72 * time.Hour)
		sys := authz.System(t.Context())
		res, err := env.Services.Decommission(sys)
		if err == nil || !strings.Contains(err.Error(), mv.Name) {
			t.Errorf("the run does not report the container it could not stop: %v", err)
		}
		if res.Decommissioned != 2 || res.Postponed != 1 || res.Stopped != 2 {
			t.Errorf("result = %+v", res)
		}
		for _, id := range []uuid.UUID{a.ID, b.ID} {
			got, err := env.Services.Get(dk.ctx, id)
			if err != nil || got.Status != instance.Decommissioned || got.ContainerCount != 0 {
				t.Errorf("due instance after the run: %+v %v", got, err)
			}
		}
		if st, _ := dk.sim.Container(dk.ctrs[0].ControlID); st.Status == "running" {
			t.Error("the primary container of a decommissioned service still runs")
		}
		if st, _ := dk.sim.Container(dk.ctrs[1].ControlID); st.Status != "running" {
			t.Error("a container that was not primary was stopped")
		}
		if st, _ := dk.status(t, later.ID); st != instance.Online {
			t.Errorf("an instance not yet due: %s", st)
		}
		stuckNow, err := env.Services.Get(dk.ctx, stuck.ID)
		if err != nil || stuckNow.Status != instance.Online || stuckNow.ContainerCount != 1 {
			t.Errorf("postponed instance: %+v %v", stuckNow, err)
		}
		internal, _, err := env.Services.Logbook(dk.ctx, stuck.ID, instance.Internal, 1, "")
		if err != nil || internal[0].Code != "decommission-postponed" {
			t.Errorf("postponed logbook: %+v %v", internal, err)
		}
		history, _, err := env.Services.History(dk.ctx, a.ID, 1, "")
		if err != nil || history[0].To != instance.Decommissioned || history[0].From != instance.Online {
			t.Errorf("history = %+v %v", history, err)
		}

		// Run again: nothing more is decommissioned; the stuck one is tried
		// again and goes once its container is unlinked by hand.
		if err := env.Services.UnlinkContainer(dk.ctx, stuck.ID, manual); err != nil {
			t.Fatal(err)
		}
		res, err = env.Services.Decommission(sys)
		if err != nil || res.Decommissioned != 1 || res.Stopped != 0 {
			t.Errorf("second run = %+v %v", res, err)
		}
		seq := env.LastSeq(t)
		if res, err = env.Services.Decommission(sys); err != nil || res != (instance.DecommissionResult{}) {
			t.Errorf("third run = %+v %v", res, err)
		}
		env.NoEventsSince(t, seq)

		// A decommissioned instance is kept as it is.
		_, err = env.Services.LinkContainer(dk.ctx, a.ID, dk.ctrs[0].ID, instance.Application, true)
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
		_, _, err = env.Services.Act(dk.ctx, a.ID, provider.Start, "again")
		apptest.WantErr(t, err, apierr.ErrFailedPrecondition)
	})
}
