package provider

import (
	"net/http"
	"time"
)

// Simulator is a provider's HTTP API served on loopback (the <kind>sim
// packages): tests drive the real client libraries against it, the demo
// connects to it, and the benchmark scales it to thousands of machines.
// Its figures move with the clock, so charts have something to show.
type Simulator interface {
	Kind() Kind
	// URL is the endpoint to put into a connection.
	URL() string
	// Config is a connection to the simulator with valid credentials (and a
	// client that trusts its certificate where it serves TLS).
	Config() Config
	// MachineIDs lists the provider ids of the machines it serves now.
	MachineIDs() []string
	// RemoveMachine makes a machine disappear, as if deleted at the provider.
	RemoveMachine(id string)
	// SetLatency delays every answer by d (0: answer at once).
	SetLatency(d time.Duration)
	// SetGarbage makes every answer a 200 whose body is not the provider's
	// format (false: normal answers again).
	SetGarbage(on bool)
	Close()
}

// SimLatency holds up an answer by a simulator's configured latency d. It
// reports false when the request gave up or stop closed (the simulator is
// shutting down) first; a nil stop never closes.
func SimLatency(r *http.Request, d time.Duration, stop <-chan struct{}) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-stop:
		return false
	}
}

// SimOptions size a simulator. Each simulator reads what applies to it.
type SimOptions struct {
	// Machines is how many machines it serves: Proxmox guests (spread over
	// Nodes), Hetzner servers, Beszel systems; a Docker engine is always one
	// machine.
	Machines int
	// Nodes is the number of Proxmox nodes (hosts) the guests run on.
	Nodes int
	// ContainersPerMachine is how many containers each machine (Beszel
	// system, Docker engine, Proxmox node as LXC guests) runs.
	ContainersPerMachine int
	// Seed makes names, addresses and figures repeatable.
	Seed int64
	// Now is the clock figures follow; nil means time.Now.
	Now func() time.Time
}
