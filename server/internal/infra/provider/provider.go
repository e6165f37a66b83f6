// Package provider is what Leitstand needs from an infrastructure provider —
// Proxmox, Beszel, Hetzner Cloud, a Docker Engine — and nothing more: check a
// connection, read everything it sees in one pass, and (where the provider
// can) start, stop and restart a container. Each provider lives in a
// sub-package that reaches it through its real client library; each has a
// sub-package <kind>sim with a server on loopback that speaks its wire
// format, for tests, the demo and the benchmark.
package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Kind names a provider.
type Kind string

const (
	Proxmox Kind = "PROXMOX"
	Beszel  Kind = "BESZEL"
	Hetzner Kind = "HETZNER"
	Docker  Kind = "DOCKER"
)

// Kinds lists every provider kind, in the order the UI offers them.
var Kinds = []Kind{Proxmox, Hetzner, Beszel, Docker}

// Config is how to reach one connection. The credentials are plain here: the
// caller decrypts them right before use and never stores this value.
type Config struct {
	// Endpoint is the provider's base URL, e.g. https://pve1:8006 (Proxmox),
	// https://beszel.example.com (Beszel), https://api.hetzner.cloud/v1
	// (Hetzner; empty means this default), tcp://host:2375 or
	// https://host:2376 (Docker).
	Endpoint string
	// Token is the API token: Proxmox "user@realm!tokenid=secret", Hetzner a
	// project token; unused by Beszel and Docker.
	Token string
	// Username and Password sign in to Beszel (a hub user's e-mail and
	// password).
	Username string
	Password string
	// InsecureSkipVerify accepts a self-signed certificate (common on
	// Proxmox hosts).
	InsecureSkipVerify bool
	// TLSCA, TLSCert and TLSKey are PEM: the CA that signed the
	// provider's certificate, and a client certificate with its key for a
	// provider that authenticates clients by certificate (a Docker daemon
	// run with --tlsverify). Empty: the system's roots, no client
	// certificate.
	TLSCA   string
	TLSCert string
	TLSKey  string
	// MonitoringOnly asks only for what reading needs: Check does not
	// require the right to control guests, and the connection is never
	// used to start or stop anything (a Proxmox token with PVEAuditor).
	MonitoringOnly bool
	// AllowLinkLocal lets the connection reach link-local and cloud
	// metadata addresses, which it refuses otherwise (RefusedDestination).
	AllowLinkLocal bool
	// Timeout bounds each call to the provider; zero means 20 s.
	Timeout time.Duration
	// HTTPClient, when set, carries the provider's requests (tests and the
	// benchmark point it at loopback); otherwise one is built from the
	// fields above.
	HTTPClient *http.Client
}

// Validate reports the first field a provider of kind k cannot do without.
func (c Config) Validate(k Kind) error {
	switch k {
	case Proxmox:
		if c.Endpoint == "" {
			return &FieldError{Field: "endpoint", Reason: "is required for Proxmox (https://host:8006)"}
		}
		if c.Token == "" {
			return &FieldError{Field: "token", Reason: "is required for Proxmox (user@realm!tokenid=secret)"}
		}
	case Beszel:
		if c.Endpoint == "" {
			return &FieldError{Field: "endpoint", Reason: "is required for Beszel (the hub's URL)"}
		}
		if c.Username == "" || c.Password == "" {
			return &FieldError{Field: "username", Reason: "and password are required for Beszel"}
		}
	case Hetzner:
		if c.Token == "" {
			return &FieldError{Field: "token", Reason: "is required for Hetzner (a project API token)"}
		}
	case Docker:
		if c.Endpoint == "" {
			return &FieldError{Field: "endpoint", Reason: "is required for Docker (tcp://host:2375 or https://host:2376)"}
		}
	default:
		return &FieldError{Field: "kind", Reason: fmt.Sprintf("unknown provider %q", k)}
	}
	if c.MonitoringOnly && k != Proxmox && k != Docker {
		return &FieldError{Field: "monitoring_only", Reason: fmt.Sprintf("applies to Proxmox and Docker only: %s connections never control anything", kindWord(k))}
	}
	if _, err := c.tlsConfig(); err != nil {
		return err
	}
	return nil
}

func kindWord(k Kind) string {
	switch k {
	case Hetzner:
		return "Hetzner"
	case Beszel:
		return "Beszel"
	default:
		return string(k)
	}
}

// FieldError names a configuration field that is missing or wrong.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + " " + e.Reason }

// Provider is one connection to a provider. The sync keeps a Provider for
// as long as its connection is unchanged and calls Snapshot once a tick, so
// an adapter whose provider reports cumulative counters (network bytes) may
// keep the previous snapshot's counters to report rates; the first snapshot
// then has no rates. A Provider is safe for concurrent use.
type Provider interface {
	// Check finds out whether the endpoint answers, accepts the
	// credentials and allows what Leitstand needs, in that order, stopping
	// at the first step that fails. It returns an error only for a broken
	// Config; a provider's refusal is a Check with OK false.
	Check(ctx context.Context) Check
	// Snapshot reads everything the connection sees now: machines with
	// their status, latest metrics, filesystems and containers. A provider
	// that fails returns an error wrapping ErrUnreachable, ErrUnauthorized,
	// ErrForbidden or ErrBadResponse where it can tell which.
	Snapshot(ctx context.Context) (*Snapshot, error)
}

// Controller is a Provider that can start, stop and restart containers.
type Controller interface {
	Provider
	// Control performs action on the container with the provider's id
	// containerID, which runs on the machine with the provider's id
	// machineID. An unknown machine or container wraps ErrNotFound.
	Control(ctx context.Context, machineID, containerID string, action Action) error
}

// Action is a container lifecycle action.
type Action string

const (
	Start   Action = "start"
	Stop    Action = "stop"
	Restart Action = "restart"
)

// Errors a provider's failure wraps, so the sync and the UI can say what
// went wrong in words an operator understands.
var (
	ErrUnreachable  = errors.New("provider unreachable")
	ErrUnauthorized = errors.New("credentials rejected")
	ErrForbidden    = errors.New("permission denied")
	ErrBadResponse  = errors.New("unexpected response")
	ErrNotFound     = errors.New("not found")
)

// Check is the outcome of Provider.Check, step by step.
type Check struct {
	// Reachable: the endpoint answered at all (DNS, TCP, TLS, HTTP).
	Reachable bool
	// Recognized: the endpoint answered as this provider's API (its own
	// error format, headers or version), so what follows (credentials
	// rejected, missing permissions) is the provider's word. False when
	// nothing answered, or something answered that could be any server
	// (a web page, a proxy's refusal, a TLS handshake that failed). An
	// endpoint that proved itself in an earlier step stays recognized when
	// a later step fails, also when that step got no answer.
	Recognized bool
	// Authenticated: the credentials were accepted. It implies
	// Recognized.
	Authenticated bool
	// Authorized: the credentials may read what the sync reads (and, for
	// providers that control containers, act on them).
	Authorized bool
	// Message says in one or two sentences what worked or what failed and
	// how to fix it, e.g. "The token was rejected (401). Check the token id
	// and secret in Proxmox under Datacenter → Permissions → API Tokens."
	Message string
	// Version is the provider's version where it reports one.
	Version string
	// Latency is how long the check took.
	Latency time.Duration
}

// OK reports whether every step passed.
func (c Check) OK() bool { return c.Reachable && c.Authenticated && c.Authorized }

// Timed runs check and notes in its Latency how long it took.
func Timed(ctx context.Context, check func(context.Context) Check) Check {
	start := time.Now()
	c := check(ctx)
	c.Latency = time.Since(start)
	return c
}

// Snapshot is everything a connection sees at one moment.
type Snapshot struct {
	// Time is when the provider's figures were taken.
	Time time.Time
	// Version is the provider's version as Check reports it (Proxmox VE
	// "8.2.4", a Docker Engine's "28.5.1", a Beszel hub's "0.18.8"), where
	// the provider reports one; the sync keeps the connection's record of
	// it current.
	Version  string
	Machines []Machine
}

// MachineKind tells hosts from guests.
type MachineKind string

const (
	// Host is a physical machine or hypervisor node (a Proxmox node).
	Host MachineKind = "HOST"
	// VM is a virtual machine (a Proxmox QEMU guest).
	VM MachineKind = "VM"
	// Cloud is a cloud server (Hetzner).
	Cloud MachineKind = "CLOUD"
	// Monitored is a machine known only through monitoring (a Beszel
	// system, a Docker host).
	Monitored MachineKind = "MONITORED"
)

// Machine is one server as the provider sees it.
type Machine struct {
	// ID is the provider's id for the machine: Proxmox "node/pve1" or
	// "qemu/101" (a vmid is unique in its cluster and survives migration),
	// the Hetzner server id, the Beszel system id, the Docker engine's ID.
	ID   string
	Name string
	Kind MachineKind
	// ParentID is the provider's id of the machine this one runs on (a
	// Proxmox VM's node), empty otherwise.
	ParentID string
	// IP is the machine's primary address, where known.
	IP string
	// Location is the provider's location or datacenter (Hetzner "fsn1",
	// the Proxmox cluster name), where known.
	Location string
	// Specs as the provider reports them; zero where unknown.
	Cores       int
	MemoryBytes int64
	DiskBytes   int64
	// Status is the provider's word for the machine's state, lower case:
	// "running", "stopped", "online", "offline", "paused", "down", …
	Status string
	// Up tells whether Status means the machine is up.
	Up bool
	// Metrics is the latest sample; nil when the provider has none now
	// (a stopped VM).
	Metrics *Sample
	// Filesystems is disk usage per filesystem, where the provider
	// reports it (Beszel's extra filesystems, Proxmox storages).
	Filesystems []Filesystem
	// Containers are the containers running or stopped on the machine;
	// ContainersKnown is false when the provider does not report them (so
	// an empty list does not mean "all gone").
	Containers      []Container
	ContainersKnown bool
}

// Sample is a machine's resource use at one moment.
type Sample struct {
	// CPUPercent is the share of all cores in use, 0–100.
	CPUPercent float64
	MemoryUsed int64
	// MemoryTotal is the memory available to the machine.
	MemoryTotal int64
	DiskUsed    int64
	DiskTotal   int64
	// NetInBytesPerSecond and NetOutBytesPerSecond are rates over the
	// provider's last interval.
	NetInBytesPerSecond  float64
	NetOutBytesPerSecond float64
}

// Filesystem is the disk usage of one mount or storage.
type Filesystem struct {
	// Name is the mount point or the storage's name ("/", "/var/lib/docker",
	// "local-lvm").
	Name       string
	UsedBytes  int64
	TotalBytes int64
	// Shared is storage that several machines use (a Proxmox NFS, Ceph
	// or iSCSI storage): a provider reports it once, on one of them.
	Shared bool `json:",omitempty"`
}

// ContainerStatus is a container's lifecycle state.
type ContainerStatus string

const (
	Running ContainerStatus = "RUNNING"
	Stopped ContainerStatus = "STOPPED"
	Paused  ContainerStatus = "PAUSED"
	Exited  ContainerStatus = "EXITED"
)

// ContainerHealth is the container's own health check, where it has one.
type ContainerHealth string

const (
	HealthNone      ContainerHealth = ""
	HealthStarting  ContainerHealth = "STARTING"
	HealthHealthy   ContainerHealth = "HEALTHY"
	HealthUnhealthy ContainerHealth = "UNHEALTHY"
)

// Container is one container on a machine: a Docker container or a Proxmox
// LXC guest.
type Container struct {
	// ID is the provider's id: the Docker container id, the Proxmox vmid,
	// the Docker short id a Beszel hub (0.14+) keeps; a hub or agent older
	// than that knows containers by name only, and the name is reported.
	ID string
	// Name identifies the container on its machine across providers (a
	// Docker name without the leading slash, an LXC hostname).
	Name   string
	Image  string
	Status ContainerStatus
	Health ContainerHealth
	// StartTime is when the container last started; zero if unknown.
	StartTime time.Time
	// RestartCount is how often the engine restarted it, where reported.
	RestartCount int
	// Metrics is the latest sample of a running container; nil otherwise.
	Metrics *ContainerSample
}

// ContainerSample is a container's resource use at one moment.
type ContainerSample struct {
	CPUPercent           float64
	MemoryUsed           int64
	MemoryLimit          int64
	DiskUsed             int64
	NetInBytesPerSecond  float64
	NetOutBytesPerSecond float64
}
