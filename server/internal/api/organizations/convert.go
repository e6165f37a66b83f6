package organizations

import (
	"strings"

	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

func toProtoOrganization(s organization.Summary) *adminv1.Organization {
	o := s.Organization
	return &adminv1.Organization{
		Id: ids.Format(ids.Organization, o.ID), Name: o.Name, LegalName: o.LegalName,
		Status: statusToProto(o.Status.String()),
		BillingAddress: &adminv1.Address{
			Line1: o.AddressLine1, Line2: o.AddressLine2, PostalCode: o.PostalCode, City: o.City, CountryCode: o.CountryCode,
		},
		VatId: o.VatID, BillingEmail: o.BillingEmail, BillingEntityId: ids.Format(ids.BillingEntity, o.BillingEntityID),
		Managed: o.Managed, BillingDay: int32(organization.BillingDay(o.CreateTime)),
		MemberCount: int32(s.MemberCount), WorkspaceCount: int32(s.WorkspaceCount),
		CreateTime: timestamppb.New(o.CreateTime), UpdateTime: timestamppb.New(o.UpdateTime),
	}
}

func fromProtoValues(o *adminv1.Organization) organization.Values {
	a := o.GetBillingAddress()
	return organization.Values{
		Name: o.GetName(), LegalName: o.GetLegalName(), Status: statusFromProto(o.GetStatus()),
		Address: organization.Address{Line1: a.GetLine1(), Line2: a.GetLine2(), PostalCode: a.GetPostalCode(), City: a.GetCity(), CountryCode: a.GetCountryCode()},
		VATID:   o.GetVatId(), BillingEmail: o.GetBillingEmail(), Managed: o.GetManaged(),
	}
}

func statusToProto(s string) adminv1.OrganizationStatus {
	return adminv1.OrganizationStatus(adminv1.OrganizationStatus_value["ORGANIZATION_STATUS_"+s])
}

func statusFromProto(s adminv1.OrganizationStatus) string {
	if s == adminv1.OrganizationStatus_ORGANIZATION_STATUS_UNSPECIFIED {
		return ""
	}
	return strings.TrimPrefix(s.String(), "ORGANIZATION_STATUS_")
}

func roleToProto(r string) adminv1.OrganizationRole {
	return adminv1.OrganizationRole(adminv1.OrganizationRole_value["ORGANIZATION_ROLE_"+r])
}

func roleFromProto(r adminv1.OrganizationRole) string {
	return strings.TrimPrefix(r.String(), "ORGANIZATION_ROLE_")
}

func toProtoWorkspace(w *ent.Workspace) *adminv1.Workspace {
	out := &adminv1.Workspace{
		Id: ids.Format(ids.Workspace, w.ID), OrganizationId: ids.Format(ids.Organization, w.OrganizationID),
		Name: w.Name, AdminUserId: ids.FormatPtr(ids.User, w.AdminUserID),
		CreateTime: timestamppb.New(w.CreateTime), UpdateTime: timestamppb.New(w.UpdateTime),
	}
	if a := w.Edges.Admin; a != nil {
		out.AdminDisplayName = a.DisplayName
	}
	return out
}

func toProtoMember(m organization.Member) *adminv1.OrganizationMember {
	out := &adminv1.OrganizationMember{
		UserId: ids.Format(ids.User, m.UserID), Role: roleToProto(m.Role.String()),
		CreateTime: timestamppb.New(m.CreateTime),
	}
	if m.User != nil {
		out.Email, out.DisplayName = m.User.Email, m.User.DisplayName
	}
	return out
}
