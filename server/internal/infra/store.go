package infra

import (
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// ProviderOther is the provider of a server entered by hand that no
// connection reports on.
const ProviderOther provider.Kind = "OTHER"

// Health is a server's health against the thresholds.
type Health string

// The healths of a server.
const (
	HealthHealthy  Health = "HEALTHY"
	HealthWarning  Health = "WARNING"
	HealthCritical Health = "CRITICAL"
	HealthUnknown  Health = "UNKNOWN"
)

// SyncStatus says whether the sync reaches a server's datasources.
type SyncStatus string

// The sync statuses of a server.
const (
	SyncNever   SyncStatus = "NEVER"
	SyncOK      SyncStatus = "OK"
	SyncFailing SyncStatus = "FAILING"
)

// ConnectionHealth says whether a connection's provider answered last time.
type ConnectionHealth string

// The healths of a connection.
const (
	ConnectionUnknown ConnectionHealth = "UNKNOWN"
	ConnectionHealthy ConnectionHealth = "HEALTHY"
	ConnectionFailing ConnectionHealth = "FAILING"
)

// ContainerStatus is whether a container runs.
type ContainerStatus string

// The statuses of a container.
const (
	ContainerRunning ContainerStatus = "RUNNING"
	ContainerStopped ContainerStatus = "STOPPED"
	ContainerPaused  ContainerStatus = "PAUSED"
	ContainerExited  ContainerStatus = "EXITED"
)

// ContainerHealth is what a container's health check says.
type ContainerHealth string

// The healths of a container.
const (
	ContainerHealthNone      ContainerHealth = "NONE"
	ContainerHealthStarting  ContainerHealth = "STARTING"
	ContainerHealthHealthy   ContainerHealth = "HEALTHY"
	ContainerHealthUnhealthy ContainerHealth = "UNHEALTHY"
)

// EventKind is what an entry of a server's event log is about.
type EventKind string

// The kinds of server events.
const (
	EventCreated           EventKind = "CREATED"
	EventSyncFailed        EventKind = "SYNC_FAILED"
	EventSyncRecovered     EventKind = "SYNC_RECOVERED"
	EventStatusChanged     EventKind = "STATUS_CHANGED"
	EventContainerAppeared EventKind = "CONTAINER_APPEARED"
	EventContainerGone     EventKind = "CONTAINER_GONE"
	EventContainerChanged  EventKind = "CONTAINER_CHANGED"
	EventAction            EventKind = "ACTION"
	EventMissing           EventKind = "MISSING"
)

// Server is a server: what staff entered and what the sync last found.
type Server struct {
	ID uuid.UUID
	ServerValues
	// Status is the provider's word for the server's state.
	Status string
	Up     bool
	Usage  Usage
	// SampleTime is when Usage was measured; nil before the first sample.
	SampleTime          *time.Time
	Filesystems         []provider.Filesystem
	SyncStatus          SyncStatus
	LastSyncAttemptTime *time.Time
	LastSyncSuccessTime *time.Time
	LastSyncError       string
	SyncFailures        int
	Health              Health
	// HealthReasons say why it is not healthy, as codes and in English.
	HealthReasons []coded.Text
	CreateTime    time.Time
	UpdateTime    time.Time
}

// Usage is a server's latest sample.
type Usage struct {
	CPUPercent                                   float64
	MemoryUsed, MemoryTotal, DiskUsed, DiskTotal int64
	// NetIn and NetOut are bytes per second.
	NetIn, NetOut float64
}

// Connection is a provider connection, without its credentials: only
// which of them are set.
type Connection struct {
	ID                 uuid.UUID
	Name               string
	Kind               provider.Kind
	Endpoint           string
	InsecureSkipVerify bool
	MonitoringOnly     bool
	CredentialsSet     []string
	Health             ConnectionHealth
	HealthMessage      string
	// HealthCode and HealthParams say what HealthMessage says, as a code
	// (ConnectionHealthCodes) and its values.
	HealthCode          string
	HealthParams        map[string]string
	HealthTime          *time.Time
	ProviderVersion     string
	LastSyncTime        *time.Time
	LastSyncDurationMs  int64
	ConsecutiveFailures int
	CreateTime          time.Time
	UpdateTime          time.Time
}

// Datasource links a server to a connection that reports on it.
type Datasource struct {
	ID           uuid.UUID
	ServerID     uuid.UUID
	ConnectionID uuid.UUID
	// ExternalID is the server's id at the provider.
	ExternalID   string
	CreateTime   time.Time
	LastSeenTime *time.Time
	// MissingSince is when the provider stopped reporting the server.
	MissingSince    *time.Time
	LastAttemptTime *time.Time
	LastError       string
	Failures        int
}

// Container is a container on a server, as the sync last found it.
type Container struct {
	ID                 uuid.UUID
	ServerID           uuid.UUID
	Name, Image        string
	SourceConnectionID uuid.UUID
	Source             provider.Kind
	ExternalID         string
	// ControlConnectionID is the connection that can start and stop it,
	// with the ids it knows it by; nil when none can.
	ControlConnectionID         *uuid.UUID
	ControlID, ControlMachineID string
	Status                      ContainerStatus
	Health                      ContainerHealth
	StartTime                   *time.Time
	RestartCount                int
	CPUPercent                  float64
	MemoryUsed, MemoryLimit     int64
	DiskUsed                    int64
	NetIn, NetOut               float64
	SampleTime                  *time.Time
	FirstSeenTime, LastSeenTime time.Time
	GoneTime                    *time.Time
}

// ServerEvent is an entry of a server's event log.
type ServerEvent struct {
	ID       uuid.UUID
	ServerID uuid.UUID
	Time     time.Time
	Kind     EventKind
	// Message is the event in English; Code and Params say it as a
	// coded.Text (empty Code for an event recorded before events had codes).
	Message string
	Code    string
	Params  map[string]string
	// ActorID and ActorEmail name who caused it; nil and empty for the sync.
	ActorID     *uuid.UUID
	ActorEmail  string
	ContainerID *uuid.UUID
}

func serverOf(r *ent.Server) Server {
	return Server{
		ID: r.ID,
		ServerValues: ServerValues{
			Name: r.Name, Provider: provider.Kind(r.Provider), Kind: provider.MachineKind(r.Kind), Location: r.Location, IPAddress: r.IPAddress,
			Cores: r.Cores, MemoryBytes: r.MemoryBytes, DiskBytes: r.DiskBytes, ParentID: r.ParentID, Notes: r.Notes,
		},
		Status: r.Status, Up: r.Up,
		Usage: Usage{CPUPercent: r.CPUPercent, MemoryUsed: r.MemoryUsed, MemoryTotal: r.MemoryTotal,
			DiskUsed: r.DiskUsed, DiskTotal: r.DiskTotal, NetIn: r.NetIn, NetOut: r.NetOut},
		SampleTime: r.SampleTime, Filesystems: r.Filesystems,
		SyncStatus: SyncStatus(r.SyncStatus), LastSyncAttemptTime: r.LastSyncAttemptTime, LastSyncSuccessTime: r.LastSyncSuccessTime,
		LastSyncError: r.LastSyncError, SyncFailures: r.SyncFailures,
		Health: Health(r.Health), HealthReasons: reasonsOf(r),
		CreateTime: r.CreateTime, UpdateTime: r.UpdateTime,
	}
}

func connectionOf(c *ent.Connection) Connection {
	return Connection{
		ID: c.ID, Name: c.Name, Kind: provider.Kind(c.Kind), Endpoint: c.Endpoint,
		InsecureSkipVerify: c.InsecureSkipVerify, MonitoringOnly: c.MonitoringOnly, CredentialsSet: c.CredentialsSet,
		Health: ConnectionHealth(c.Health), HealthMessage: c.HealthMessage, HealthCode: c.HealthCode, HealthParams: c.HealthParams, HealthTime: c.HealthTime,
		ProviderVersion: c.ProviderVersion, LastSyncTime: c.LastSyncTime, LastSyncDurationMs: c.LastSyncDurationMs,
		ConsecutiveFailures: c.ConsecutiveFailures, CreateTime: c.CreateTime, UpdateTime: c.UpdateTime,
	}
}

func datasourceOf(d *ent.Datasource) Datasource {
	return Datasource{
		ID: d.ID, ServerID: d.ServerID, ConnectionID: d.ConnectionID, ExternalID: d.ExternalID, CreateTime: d.CreateTime,
		LastSeenTime: d.LastSeenTime, MissingSince: d.MissingSince, LastAttemptTime: d.LastAttemptTime,
		LastError: d.LastError, Failures: d.Failures,
	}
}

func containerOf(c *ent.Container) Container {
	return Container{
		ID: c.ID, ServerID: c.ServerID, Name: c.Name, Image: c.Image,
		SourceConnectionID: c.SourceConnectionID, Source: provider.Kind(c.Source), ExternalID: c.ExternalID,
		ControlConnectionID: c.ControlConnectionID, ControlID: c.ControlID, ControlMachineID: c.ControlMachineID,
		Status: ContainerStatus(c.Status), Health: ContainerHealth(c.Health), StartTime: c.StartTime, RestartCount: c.RestartCount,
		CPUPercent: c.CPUPercent, MemoryUsed: c.MemoryUsed, MemoryLimit: c.MemoryLimit, DiskUsed: c.DiskUsed,
		NetIn: c.NetIn, NetOut: c.NetOut, SampleTime: c.SampleTime,
		FirstSeenTime: c.FirstSeenTime, LastSeenTime: c.LastSeenTime, GoneTime: c.GoneTime,
	}
}

func serverEventOf(e *ent.ServerEvent) ServerEvent {
	return ServerEvent{ID: e.ID, ServerID: e.ServerID, Time: e.Time, Kind: EventKind(e.Kind), Message: e.Message,
		Code: e.MessageCode, Params: e.MessageParams,
		ActorID: e.ActorID, ActorEmail: e.ActorEmail, ContainerID: e.ContainerID}
}
