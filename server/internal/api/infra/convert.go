package infra

import (
	"cmp"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	providerKinds = protoenum.ByName[provider.Kind, adminv1.ProviderKind](
		provider.Proxmox, provider.Beszel, provider.Hetzner, provider.Docker, infra.ProviderOther)
	serverKinds = protoenum.ByName[provider.MachineKind, adminv1.ServerKind](
		provider.Host, provider.VM, provider.Cloud, provider.Monitored)
	healths = protoenum.ByName[infra.Health, adminv1.ServerHealth](
		infra.HealthHealthy, infra.HealthWarning, infra.HealthCritical, infra.HealthUnknown)
	syncStatuses      = protoenum.ByName[infra.SyncStatus, adminv1.SyncStatus](infra.SyncNever, infra.SyncOK, infra.SyncFailing)
	connectionHealths = protoenum.ByName[infra.ConnectionHealth, adminv1.ConnectionHealth](
		infra.ConnectionUnknown, infra.ConnectionHealthy, infra.ConnectionFailing)
	containerStatuses = protoenum.ByName[infra.ContainerStatus, adminv1.ContainerStatus](
		infra.ContainerRunning, infra.ContainerStopped, infra.ContainerPaused, infra.ContainerExited)
	containerHealths = protoenum.ByName[infra.ContainerHealth, adminv1.ContainerHealth](
		infra.ContainerHealthNone, infra.ContainerHealthStarting, infra.ContainerHealthHealthy, infra.ContainerHealthUnhealthy)
	eventKinds = protoenum.ByName[infra.EventKind, adminv1.ServerEventKind](
		infra.EventCreated, infra.EventSyncFailed, infra.EventSyncRecovered, infra.EventStatusChanged, infra.EventContainerAppeared,
		infra.EventContainerGone, infra.EventContainerChanged, infra.EventAction, infra.EventMissing)
	ranges = protoenum.ByName[infra.Range, adminv1.MetricsRange](infra.Hour, infra.Day, infra.Week, infra.Month)
)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table {
	return []protoenum.Table{providerKinds, serverKinds, healths, syncStatuses, connectionHealths, containerStatuses,
		containerHealths, eventKinds, ranges}
}

func toProtoServer(v infra.ServerView) *adminv1.Server {
	s := v.Server
	out := &adminv1.Server{
		Id: ids.Format(ids.Server, s.ID), Name: s.Name, Provider: providerKinds.ToProto(s.Provider),
		Kind: serverKinds.ToProto(s.Kind), Location: s.Location, IpAddress: s.IPAddress,
		Specs:    &adminv1.ServerSpecs{Cores: int32(s.Cores), MemoryBytes: s.MemoryBytes, DiskBytes: s.DiskBytes},
		ParentId: ids.FormatPtr(ids.Server, s.ParentID), ParentName: v.ParentName, ChildCount: int32(v.Children),
		Status: s.Status, Health: healths.ToProto(s.Health),
		HealthReasons: reasonTexts(s.HealthReasons), HealthReasonDetails: toProtoReasons(s.HealthReasons),
		Sync: &adminv1.ServerSync{
			Status:              syncStatuses.ToProto(s.SyncStatus),
			LastSuccessTime:     protoconv.Time(s.LastSyncSuccessTime),
			LastAttemptTime:     protoconv.Time(s.LastSyncAttemptTime),
			LastError:           s.LastSyncError,
			ConsecutiveFailures: int32(s.SyncFailures),
		},
		ContainerCount: int32(v.Containers), RunningContainerCount: int32(v.Running), Notes: s.Notes,
		CreateTime: timestamppb.New(s.CreateTime), UpdateTime: timestamppb.New(s.UpdateTime),
	}
	if s.SampleTime != nil {
		u := s.Usage
		out.Usage = &adminv1.ServerUsage{CpuPercent: u.CPUPercent, MemoryUsedBytes: u.MemoryUsed, MemoryTotalBytes: u.MemoryTotal,
			DiskUsedBytes: u.DiskUsed, DiskTotalBytes: u.DiskTotal, NetworkInBytesPerSecond: u.NetIn,
			NetworkOutBytesPerSecond: u.NetOut, SampleTime: protoconv.Time(s.SampleTime)}
	}
	for _, a := range v.Assignments {
		out.Assignments = append(out.Assignments, &adminv1.ServerAssignment{
			OrganizationId: ids.Format(ids.Organization, a.OrganizationID), OrganizationName: a.OrganizationName,
			WorkspaceId: ids.FormatPtr(ids.Workspace, a.WorkspaceID), WorkspaceName: a.WorkspaceName})
	}
	out.DatasourceKinds = providerKinds.ToProtos(v.DatasourceKinds)
	return out
}

func toProtoDatasource(d infra.DatasourceView) *adminv1.Datasource {
	return &adminv1.Datasource{
		Id: ids.Format(ids.Datasource, d.ID), ServerId: ids.Format(ids.Server, d.ServerID), ServerName: d.ServerName,
		ConnectionId: ids.Format(ids.Connection, d.ConnectionID), ConnectionName: d.ConnectionName,
		Kind: providerKinds.ToProto(d.Kind), ExternalId: d.ExternalID, LastSeenTime: protoconv.Time(d.LastSeenTime),
		MissingSinceTime: protoconv.Time(d.MissingSince), CreateTime: timestamppb.New(d.CreateTime),
	}
}

// reasonTexts are a server's health reasons in English.
func reasonTexts(rs []coded.Text) []string {
	if len(rs) == 0 {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.English
	}
	return out
}

func toProtoReasons(rs []coded.Text) []*adminv1.HealthReason {
	out := make([]*adminv1.HealthReason, len(rs))
	for i, r := range rs {
		out[i] = &adminv1.HealthReason{Code: r.Code, Params: r.Params, Text: r.English}
	}
	return out
}

func toProtoConnection(v *infra.ConnectionView) *adminv1.Connection {
	c := v.Connection
	return &adminv1.Connection{
		Id: ids.Format(ids.Connection, c.ID), Name: c.Name, Kind: providerKinds.ToProto(c.Kind), Endpoint: c.Endpoint,
		InsecureSkipVerify: c.InsecureSkipVerify, MonitoringOnly: c.MonitoringOnly, CredentialsSet: c.CredentialsSet,
		Health:        connectionHealths.ToProto(c.Health),
		HealthMessage: c.HealthMessage, HealthCode: c.HealthCode, HealthParams: c.HealthParams, HealthTime: protoconv.Time(c.HealthTime), LastSyncTime: protoconv.Time(c.LastSyncTime),
		LastSyncDurationMs: c.LastSyncDurationMs, ConsecutiveFailures: int32(c.ConsecutiveFailures),
		DatasourceCount: int32(v.Datasources), ProviderVersion: c.ProviderVersion,
		CreateTime: timestamppb.New(c.CreateTime), UpdateTime: timestamppb.New(c.UpdateTime),
	}
}

func settingsFromProto(s *adminv1.ConnectionSettings) infra.ConnectionSettings {
	cr := s.GetCredentials()
	return infra.ConnectionSettings{Name: s.GetName(), Kind: providerKinds.FromProto(s.GetKind()), Endpoint: s.GetEndpoint(),
		InsecureSkipVerify: s.GetInsecureSkipVerify(), MonitoringOnly: s.GetMonitoringOnly(),
		Credentials: infra.Credentials{Token: cr.GetToken(), Username: cr.GetUsername(), Password: cr.GetPassword(),
			TLSCACertificate: cr.GetTlsCaCertificate(), TLSClientCertificate: cr.GetTlsClientCertificate(),
			TLSClientKey: cr.GetTlsClientKey()}}
}

// ContainerToProto converts a container for the API; the services area
// shows the containers linked to an instance the same way.
func ContainerToProto(v *infra.ContainerView) *adminv1.Container {
	c := v.Container
	out := &adminv1.Container{
		Id: ids.Format(ids.Container, c.ID), ServerId: ids.Format(ids.Server, c.ServerID), ServerName: v.ServerName,
		Name: c.Name, Image: c.Image, Status: containerStatuses.ToProto(c.Status),
		Health:    containerHealths.ToProto(c.Health),
		StartTime: protoconv.Time(c.StartTime), RestartCount: int32(c.RestartCount),
		FirstSeenTime: timestamppb.New(c.FirstSeenTime), LastSeenTime: timestamppb.New(c.LastSeenTime),
		GoneTime: protoconv.Time(c.GoneTime), Source: providerKinds.ToProto(c.Source),
		Controllable: v.Unavailable.Code == "", ControlUnavailableReason: v.Unavailable.English,
		ControlUnavailableCode: v.Unavailable.Code, ControlUnavailableParams: v.Unavailable.Params,
	}
	if c.SampleTime != nil && c.Status == infra.ContainerRunning {
		out.Usage = &adminv1.ContainerUsage{CpuPercent: c.CPUPercent, MemoryUsedBytes: c.MemoryUsed, MemoryLimitBytes: c.MemoryLimit,
			DiskUsedBytes: c.DiskUsed, NetworkInBytesPerSecond: c.NetIn, NetworkOutBytesPerSecond: c.NetOut, SampleTime: protoconv.Time(c.SampleTime)}
	}
	return out
}

func toProtoEvent(e infra.ServerEvent) *adminv1.ServerEvent {
	return &adminv1.ServerEvent{
		Id: ids.Format(ids.ServerEvent, e.ID), Time: timestamppb.New(e.Time),
		Kind:    eventKinds.ToProto(e.Kind),
		Message: e.Message, MessageCode: e.Code, MessageParams: e.Params, ActorId: ids.FormatPtr(ids.User, e.ActorID), ActorEmail: e.ActorEmail,
		ContainerId: ids.FormatPtr(ids.Container, e.ContainerID),
	}
}

func agg(a infra.Agg) *adminv1.Aggregate { return &adminv1.Aggregate{Avg: a.Avg, Max: a.Max} }

func window(w infra.Window) *adminv1.TimeWindow {
	return &adminv1.TimeWindow{StartTime: timestamppb.New(w.Start), EndTime: timestamppb.New(w.End), BucketSeconds: int32(w.Bucket / time.Second)}
}

// rangeFromProto reads a metrics range; unspecified is the last hour.
func rangeFromProto(r adminv1.MetricsRange) infra.Range {
	return cmp.Or(ranges.FromProto(r), infra.Hour)
}

func thresholdsToProto(t infra.Thresholds) *adminv1.HealthThresholds {
	return &adminv1.HealthThresholds{
		CpuWarningPercent: int32(t.CPUWarning), CpuCriticalPercent: int32(t.CPUCritical),
		MemoryWarningPercent: int32(t.MemoryWarning), MemoryCriticalPercent: int32(t.MemoryCritical),
		DiskWarningPercent: int32(t.DiskWarning), DiskCriticalPercent: int32(t.DiskCritical),
		SyncFailuresCritical: int32(t.SyncFailuresCritical), StaleAfterMinutes: int32(t.StaleAfter / time.Minute),
	}
}

func thresholdsFromProto(t *adminv1.HealthThresholds) infra.Thresholds {
	return infra.Thresholds{
		CPUWarning: int(t.GetCpuWarningPercent()), CPUCritical: int(t.GetCpuCriticalPercent()),
		MemoryWarning: int(t.GetMemoryWarningPercent()), MemoryCritical: int(t.GetMemoryCriticalPercent()),
		DiskWarning: int(t.GetDiskWarningPercent()), DiskCritical: int(t.GetDiskCriticalPercent()),
		SyncFailuresCritical: int(t.GetSyncFailuresCritical()), StaleAfter: time.Duration(t.GetStaleAfterMinutes()) * time.Minute,
	}
}

func summaryToProto(s *infra.HealthSummary) *adminv1.GetHealthSummaryResponse {
	return &adminv1.GetHealthSummaryResponse{
		Total: int32(s.Total), Healthy: int32(s.Healthy), Warning: int32(s.Warning), Critical: int32(s.Critical),
		Unknown: int32(s.Unknown), SyncFailing: int32(s.SyncFailing), ConnectionsFailing: int32(s.ConnectionsFailing),
		ContainersRunning: int32(s.ContainersRunning), ContainersUnhealthy: int32(s.ContainersUnhealthy),
		Thresholds: thresholdsToProto(s.Thresholds),
	}
}
