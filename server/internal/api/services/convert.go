package services

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/instance"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	statuses     = protoenum.ByName[instance.Status, adminv1.ServiceStatus](instance.Statuses()...)
	sources      = protoenum.ByName[instance.Source, adminv1.StatusSource](instance.Sources()...)
	visibilities = protoenum.ByName[instance.Visibility, adminv1.LogbookVisibility](instance.Visibilities()...)
)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{statuses, sources, visibilities} }

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
	}
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
