package services

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	infraapi "github.com/leitstand/leitstand/server/internal/api/infra"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	statuses     = protoenum.ByName[instance.Status, adminv1.ServiceStatus](instance.Statuses()...)
	sources      = protoenum.ByName[instance.Source, adminv1.StatusSource](instance.Sources()...)
	visibilities = protoenum.ByName[instance.Visibility, adminv1.LogbookVisibility](instance.Visibilities()...)
	healths      = protoenum.ByName[instance.Health, adminv1.ServiceHealth](instance.Healths()...)
	roles        = protoenum.ByName[instance.Role, adminv1.ContainerRole](instance.Roles()...)
)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table {
	return []protoenum.Table{statuses, sources, visibilities, healths, roles}
}

func toProtoInstance(i instance.Instance) *adminv1.ServiceInstance {
	return &adminv1.ServiceInstance{
		Id: ids.Format(ids.Service, i.ID), Name: i.Name,
		CatalogItemId: ids.Format(ids.CatalogItem, i.CatalogItemID), CatalogItemName: i.CatalogItemName,
		CatalogItemIconUrl: i.CatalogItemIconURL,
		OrganizationId:     ids.Format(ids.Organization, i.OrganizationID), OrganizationName: i.OrganizationName,
		WorkspaceId: ids.Format(ids.Workspace, i.WorkspaceID), WorkspaceName: i.WorkspaceName,
		Status: statuses.ToProto(i.Status), StatusTime: timestamppb.New(i.StatusTime),
		MonthlyPriceCents: i.MonthlyPriceCents, Currency: i.Currency, Notes: i.Notes,
		DecommissionTime: protoconv.Time(i.DecommissionTime),
		CreateTime:       timestamppb.New(i.CreateTime), UpdateTime: timestamppb.New(i.UpdateTime),
		Health:         healths.ToProto(i.Health),
		ContainerCount: int32(i.ContainerCount), PrimaryContainerCount: int32(i.PrimaryCount),
	}
}

func toProtoLinked(c instance.LinkedContainer) *adminv1.ServiceContainer {
	return &adminv1.ServiceContainer{Container: infraapi.ContainerToProto(&c.Container), Role: roles.ToProto(c.Role),
		Primary: c.Primary, LinkTime: timestamppb.New(c.LinkTime)}
}

func toProtoUptime(u *instance.Uptime) *adminv1.GetServiceUptimeResponse {
	out := &adminv1.GetServiceUptimeResponse{MeasuredSeconds: int64(u.Measured / time.Second), OnlineSeconds: int64(u.Online / time.Second)}
	if a, ok := u.Availability(); ok {
		out.Availability = &a
	}
	for _, d := range u.Days {
		day := &adminv1.UptimeDay{Date: d.Date.Format(time.DateOnly), OnlineSeconds: int64(d.Online / time.Second),
			DisruptionSeconds: int64(d.Disruption / time.Second), IncidentSeconds: int64(d.Incident / time.Second)}
		// The unmeasured rest makes the day's seconds add up to the time
		// that passed, whatever the other parts' rounding.
		passed := int64((d.Online + d.Disruption + d.Incident + d.Unmeasured) / time.Second)
		day.UnmeasuredSeconds = passed - day.OnlineSeconds - day.DisruptionSeconds - day.IncidentSeconds
		if a, ok := d.Availability(); ok {
			day.Availability = &a
		}
		out.Days = append(out.Days, day)
	}
	return out
}

func fromProtoValues(i *adminv1.ServiceInstance) instance.Values {
	return instance.Values{Name: i.GetName(), Notes: i.GetNotes(), MonthlyPriceCents: i.GetMonthlyPriceCents()}
}

func toProtoStatusChange(c instance.StatusChange) *adminv1.StatusChange {
	out := &adminv1.StatusChange{
		Id: ids.Format(ids.StatusChange, c.ID), ToStatus: statuses.ToProto(c.To), ChangeTime: timestamppb.New(c.ChangeTime),
		ActorId: ids.FormatPtr(ids.User, c.ActorID), ActorEmail: c.ActorEmail, Source: sources.ToProto(c.Source), Reason: c.Reason,
	}
	if c.From != "" {
		out.FromStatus = statuses.ToProto(c.From)
	}
	return out
}

func toProtoLogbookEntry(e instance.LogbookEntry) *adminv1.LogbookEntry {
	return &adminv1.LogbookEntry{
		Id: ids.Format(ids.LogbookEntry, e.ID), CreateTime: timestamppb.New(e.CreateTime),
		AuthorId: ids.FormatPtr(ids.User, e.AuthorID), AuthorEmail: e.AuthorEmail,
		Visibility: visibilities.ToProto(e.Visibility), Text: e.Text, Code: e.Code, Params: e.Params,
	}
}

func toProtoCredential(c instance.Credential) *adminv1.ServiceCredential {
	return &adminv1.ServiceCredential{
		ServiceInstanceId: ids.Format(ids.Service, c.ServiceID), Name: c.Name,
		CreateTime: timestamppb.New(c.CreateTime), UpdateTime: timestamppb.New(c.UpdateTime), UpdatedByEmail: c.UpdatedByEmail,
	}
}

// ToProtoInstance, ToProtoUptime and ToProtoLogbookEntry convert for the
// customer portal, which shows a customer the same service in fewer words.
func ToProtoInstance(i instance.Instance) *adminv1.ServiceInstance { return toProtoInstance(i) }

// ToProtoUptime: see ToProtoInstance.
func ToProtoUptime(u *instance.Uptime) *adminv1.GetServiceUptimeResponse { return toProtoUptime(u) }

// ToProtoLogbookEntry: see ToProtoInstance.
func ToProtoLogbookEntry(e instance.LogbookEntry) *adminv1.LogbookEntry {
	return toProtoLogbookEntry(e)
}
