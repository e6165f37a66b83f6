package organizations

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var (
	statuses = protoenum.ByName[string, adminv1.OrganizationStatus](
		organization.StatusPendingApproval, organization.StatusActive, organization.StatusSuspended, organization.StatusClosed)
	roles = protoenum.ByName[string, adminv1.OrganizationRole](organization.RoleOwner, organization.RoleAdmin, organization.RoleMember)
	// eInvoiceFormats reads E_INVOICE_FORMAT_<name>.
	eInvoiceFormats = protoenum.ByName[string, adminv1.EInvoiceFormat](organization.EInvoiceZUGFeRD,
		organization.EInvoiceXRechnungCII, organization.EInvoiceXRechnungUBL)
)

// Enums are the conversion tables of this package.
func Enums() []protoenum.Table { return []protoenum.Table{statuses, roles, eInvoiceFormats} }

// RoleToProto converts a role in an organization; the members handler shows
// a user's organizations with it too.
func RoleToProto(r string) adminv1.OrganizationRole { return roles.ToProto(r) }

func toProtoOrganization(s organization.Summary) *adminv1.Organization {
	o := s.Organization
	return &adminv1.Organization{
		Id: ids.Format(ids.Organization, o.ID), Name: o.Name, LegalName: o.LegalName,
		Status:         statuses.ToProto(o.Status),
		BillingAddress: toProtoAddress(o.Address),
		VatId:          o.VATID, BillingEmail: o.BillingEmail, BillingEntityId: ids.Format(ids.BillingEntity, o.BillingEntityID),
		Managed: o.Managed, BillingDay: int32(o.BillingDay),
		MemberCount: int32(s.MemberCount), WorkspaceCount: int32(s.WorkspaceCount),
		CreateTime: timestamppb.New(o.CreateTime), UpdateTime: timestamppb.New(o.UpdateTime),
		EInvoice: &adminv1.EInvoiceSettings{Format: eInvoiceFormats.ToProto(o.EInvoice.Format), BuyerReference: o.EInvoice.BuyerReference,
			ElectronicAddress: o.EInvoice.ElectronicAddress, PublicSector: o.EInvoice.PublicSector},
		AccountManagerUserId: ids.FormatPtr(ids.User, o.AccountManager), Partner: o.Partner,
		ReferredById: ids.FormatPtr(ids.Organization, o.ReferredBy),
	}
}

func toProtoAddress(a organization.Address) *adminv1.Address {
	return &adminv1.Address{Line1: a.Line1, Line2: a.Line2, PostalCode: a.PostalCode, City: a.City, CountryCode: a.CountryCode}
}

func fromProtoValues(o *adminv1.Organization) organization.Values {
	a := o.GetBillingAddress()
	return organization.Values{
		Name: o.GetName(), LegalName: o.GetLegalName(), Status: statuses.FromProto(o.GetStatus()),
		Address: organization.Address{Line1: a.GetLine1(), Line2: a.GetLine2(), PostalCode: a.GetPostalCode(), City: a.GetCity(), CountryCode: a.GetCountryCode()},
		VATID:   o.GetVatId(), BillingEmail: o.GetBillingEmail(), Managed: o.GetManaged(),
		EInvoice: organization.EInvoice{Format: eInvoiceFormats.FromProto(o.GetEInvoice().GetFormat()),
			BuyerReference: o.GetEInvoice().GetBuyerReference(), ElectronicAddress: o.GetEInvoice().GetElectronicAddress(),
			PublicSector: o.GetEInvoice().GetPublicSector()},
	}
}

func toProtoWorkspace(w organization.Workspace) *adminv1.Workspace {
	out := &adminv1.Workspace{
		Id: ids.Format(ids.Workspace, w.ID), OrganizationId: ids.Format(ids.Organization, w.OrganizationID),
		Name: w.Name, AdminUserId: ids.FormatPtr(ids.User, w.AdminUserID),
		CreateTime: timestamppb.New(w.CreateTime), UpdateTime: timestamppb.New(w.UpdateTime),
	}
	if a := w.Admin; a != nil {
		out.AdminDisplayName = a.DisplayName
	}
	for _, m := range w.Members {
		out.Members = append(out.Members, &adminv1.WorkspaceMember{UserId: ids.Format(ids.User, m.ID), Email: m.Email, DisplayName: m.DisplayName})
	}
	return out
}

func toProtoMember(m organization.Member) *adminv1.OrganizationMember {
	out := &adminv1.OrganizationMember{
		UserId: ids.Format(ids.User, m.UserID), Role: roles.ToProto(m.Role),
		CreateTime: timestamppb.New(m.CreateTime),
	}
	if m.User != nil {
		out.Email, out.DisplayName = m.User.Email, m.User.DisplayName
	}
	return out
}

// StatusToProto converts an organization's status.
func StatusToProto(s string) adminv1.OrganizationStatus { return statuses.ToProto(s) }
