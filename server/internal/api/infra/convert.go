package infra

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/infra"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

func ts(t *time.Time) *timestamppb.Timestamp {
	if t == nil || t.IsZero() {
		return nil
	}
	return timestamppb.New(*t)
}

var providerKinds = map[string]adminv1.ProviderKind{
	"PROXMOX": adminv1.ProviderKind_PROVIDER_KIND_PROXMOX,
	"BESZEL":  adminv1.ProviderKind_PROVIDER_KIND_BESZEL,
	"HETZNER": adminv1.ProviderKind_PROVIDER_KIND_HETZNER,
	"DOCKER":  adminv1.ProviderKind_PROVIDER_KIND_DOCKER,
	"OTHER":   adminv1.ProviderKind_PROVIDER_KIND_OTHER,
}

func kindToProto(k string) adminv1.ProviderKind { return providerKinds[k] }

func kindFromProto(k adminv1.ProviderKind) string {
	for name, v := range providerKinds {
		if v == k {
			return name
		}
	}
	return ""
}

func serverKindFromProto(k adminv1.ServerKind) string {
	if k == adminv1.ServerKind_SERVER_KIND_UNSPECIFIED {
		return ""
	}
	return k.String()[len("SERVER_KIND_"):]
}

func serverKindToProto(k string) adminv1.ServerKind {
	return adminv1.ServerKind(adminv1.ServerKind_value["SERVER_KIND_"+k])
}

func toProtoServer(v infra.ServerView) *adminv1.Server {
	s := v.Server
	out := &adminv1.Server{
		Id: ids.Format(ids.Server, s.ID), Name: s.Name, Provider: kindToProto(s.Provider.String()),
		Kind: serverKindToProto(s.Kind.String()), Location: s.Location, IpAddress: s.IPAddress,
		Specs:    &adminv1.ServerSpecs{Cores: int32(s.Cores), MemoryBytes: s.MemoryBytes, DiskBytes: s.DiskBytes},
		ParentId: ids.FormatPtr(ids.Server, s.ParentID), ParentName: v.ParentName, ChildCount: int32(v.Children),
		Status: s.Status, Health: adminv1.ServerHealth(adminv1.ServerHealth_value["SERVER_HEALTH_"+s.Health.String()]),
		HealthReasons: s.HealthReasons,
		Sync: &adminv1.ServerSync{
			Status:              adminv1.SyncStatus(adminv1.SyncStatus_value["SYNC_STATUS_"+s.SyncStatus.String()]),
			LastSuccessTime:     ts(s.LastSyncSuccessTime),
			LastAttemptTime:     ts(s.LastSyncAttemptTime),
			LastError:           s.LastSyncError,
			ConsecutiveFailures: int32(s.SyncFailures),
		},
		ContainerCount: int32(v.Containers), RunningContainerCount: int32(v.Running), Notes: s.Notes,
		CreateTime: timestamppb.New(s.CreateTime), UpdateTime: timestamppb.New(s.UpdateTime),
	}
	if s.SampleTime != nil {
		out.Usage = &adminv1.ServerUsage{CpuPercent: s.CPUPercent, MemoryUsedBytes: s.MemoryUsed, MemoryTotalBytes: s.MemoryTotal,
			DiskUsedBytes: s.DiskUsed, DiskTotalBytes: s.DiskTotal, NetworkInBytesPerSecond: s.NetIn,
			NetworkOutBytesPerSecond: s.NetOut, SampleTime: ts(s.SampleTime)}
	}
	for _, a := range v.Assignments {
		out.Assignments = append(out.Assignments, &adminv1.ServerAssignment{
			OrganizationId: ids.Format(ids.Organization, a.OrganizationID), OrganizationName: a.OrganizationName,
			WorkspaceId: ids.FormatPtr(ids.Workspace, a.WorkspaceID), WorkspaceName: a.WorkspaceName})
	}
	for _, k := range v.DatasourceKinds {
		out.DatasourceKinds = append(out.DatasourceKinds, kindToProto(string(k)))
	}
	return out
}

func toProtoDatasource(d infra.DatasourceView) *adminv1.Datasource {
	return &adminv1.Datasource{
		Id: ids.Format(ids.Datasource, d.ID), ServerId: ids.Format(ids.Server, d.ServerID), ServerName: d.ServerName,
		ConnectionId: ids.Format(ids.Connection, d.ConnectionID), ConnectionName: d.ConnectionName,
		Kind: kindToProto(string(d.Kind)), ExternalId: d.ExternalID, LastSeenTime: ts(d.LastSeenTime),
		MissingSinceTime: ts(d.MissingSince), CreateTime: timestamppb.New(d.CreateTime),
	}
}

func toProtoConnection(v *infra.ConnectionView) *adminv1.Connection {
	c := v.Connection
	return &adminv1.Connection{
		Id: ids.Format(ids.Connection, c.ID), Name: c.Name, Kind: kindToProto(c.Kind.String()), Endpoint: c.Endpoint,
		InsecureSkipVerify: c.InsecureSkipVerify, MonitoringOnly: c.MonitoringOnly, CredentialsSet: c.CredentialsSet,
		Health:        adminv1.ConnectionHealth(adminv1.ConnectionHealth_value["CONNECTION_HEALTH_"+c.Health.String()]),
		HealthMessage: c.HealthMessage, HealthTime: ts(c.HealthTime), LastSyncTime: ts(c.LastSyncTime),
		LastSyncDurationMs: c.LastSyncDurationMs, ConsecutiveFailures: int32(c.ConsecutiveFailures),
		DatasourceCount: int32(v.Datasources), ProviderVersion: c.ProviderVersion,
		CreateTime: timestamppb.New(c.CreateTime), UpdateTime: timestamppb.New(c.UpdateTime),
	}
}

func settingsFromProto(s *adminv1.ConnectionSettings) infra.ConnectionSettings {
	cr := s.GetCredentials()
	return infra.ConnectionSettings{Name: s.GetName(), Kind: provider.Kind(kindFromProto(s.GetKind())), Endpoint: s.GetEndpoint(),
		InsecureSkipVerify: s.GetInsecureSkipVerify(), MonitoringOnly: s.GetMonitoringOnly(),
		Credentials: infra.Credentials{Token: cr.GetToken(), Username: cr.GetUsername(), Password: cr.GetPassword(),
			TLSCACertificate: cr.GetTlsCaCertificate(), TLSClientCertificate: cr.GetTlsClientCertificate(),
			TLSClientKey: cr.GetTlsClientKey()}}
}

var containerStatuses = map[string]adminv1.ContainerStatus{
	"RUNNING": adminv1.ContainerStatus_CONTAINER_STATUS_RUNNING,
	"STOPPED": adminv1.ContainerStatus_CONTAINER_STATUS_STOPPED,
	"PAUSED":  adminv1.ContainerStatus_CONTAINER_STATUS_PAUSED,
	"EXITED":  adminv1.ContainerStatus_CONTAINER_STATUS_EXITED,
}

func toProtoContainer(v *infra.ContainerView) *adminv1.Container {
	c := v.Container
	out := &adminv1.Container{
		Id: ids.Format(ids.Container, c.ID), ServerId: ids.Format(ids.Server, c.ServerID), ServerName: v.ServerName,
		Name: c.Name, Image: c.Image, Status: containerStatuses[c.Status.String()],
		Health:    adminv1.ContainerHealth(adminv1.ContainerHealth_value["CONTAINER_HEALTH_"+c.Health.String()]),
		StartTime: ts(c.StartTime), RestartCount: int32(c.RestartCount),
		FirstSeenTime: timestamppb.New(c.FirstSeenTime), LastSeenTime: timestamppb.New(c.LastSeenTime),
		GoneTime: ts(c.GoneTime), Source: kindToProto(c.Source.String()),
		Controllable: v.Unavailable == "", ControlUnavailableReason: v.Unavailable,
	}
	if c.SampleTime != nil && c.Status.String() == "RUNNING" {
		out.Usage = &adminv1.ContainerUsage{CpuPercent: c.CPUPercent, MemoryUsedBytes: c.MemoryUsed, MemoryLimitBytes: c.MemoryLimit,
			DiskUsedBytes: c.DiskUsed, NetworkInBytesPerSecond: c.NetIn, NetworkOutBytesPerSecond: c.NetOut, SampleTime: ts(c.SampleTime)}
	}
	return out
}

func toProtoEvent(e *ent.ServerEvent) *adminv1.ServerEvent {
	return &adminv1.ServerEvent{
		Id: ids.Format(ids.ServerEvent, e.ID), Time: timestamppb.New(e.Time),
		Kind:    adminv1.ServerEventKind(adminv1.ServerEventKind_value["SERVER_EVENT_KIND_"+e.Kind.String()]),
		Message: e.Message, ActorId: ids.FormatPtr(ids.User, e.ActorID), ActorEmail: e.ActorEmail,
		ContainerId: ids.FormatPtr(ids.Container, e.ContainerID),
	}
}

func agg(a infra.Agg) *adminv1.Aggregate { return &adminv1.Aggregate{Avg: a.Avg, Max: a.Max} }

func window(w infra.Window) *adminv1.TimeWindow {
	return &adminv1.TimeWindow{StartTime: timestamppb.New(w.Start), EndTime: timestamppb.New(w.End), BucketSeconds: int32(w.Bucket / time.Second)}
}

func rangeFromProto(r adminv1.MetricsRange) infra.Range {
	switch r {
	case adminv1.MetricsRange_METRICS_RANGE_DAY:
		return infra.Day
	case adminv1.MetricsRange_METRICS_RANGE_WEEK:
		return infra.Week
	case adminv1.MetricsRange_METRICS_RANGE_MONTH:
		return infra.Month
	default:
		return infra.Hour
	}
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

func providerKind(k adminv1.ProviderKind) provider.Kind { return provider.Kind(kindFromProto(k)) }
