package contracts

import (
	"github.com/google/uuid"
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/api/plans"
	"github.com/leitstand/leitstand/server/internal/api/protoconv"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/protoenum"
)

var statuses = protoenum.ByName[string, adminv1.ContractStatus](
	contract.StatusScheduled, contract.StatusActive, contract.StatusEnded, contract.StatusCancelled)

// Enums lists the area's enum conversions.
func Enums() []protoenum.Table { return []protoenum.Table{statuses, kinds} }

// kinds are the kinds of discount; DISCOUNT_KIND_UNSPECIFIED is none,
// which a grant takes as COMMERCIAL.
var kinds = protoenum.ByName[contract.DiscountKind, adminv1.DiscountKind](contract.DiscountKinds()...)

func narrow(v *int) *int32 {
	if v == nil {
		return nil
	}
	n := int32(*v)
	return &n
}

func widen(v *int32) *int {
	if v == nil {
		return nil
	}
	n := int(*v)
	return &n
}

func toProtoCustom(c contract.Custom) *adminv1.CustomTerms {
	return &adminv1.CustomTerms{
		MonthlyFeeCents: c.MonthlyFeeCents, IncludedUsers: narrow(c.IncludedUsers),
		IncludedStorageGb: narrow(c.IncludedStorageGB), IncludedSupportMinutes: narrow(c.IncludedSupportMinutes),
		HourlyRateCents: c.HourlyRateCents, StorageOverageCentsPerGb: c.StorageOverageCentsPerGB,
		MaxUsers: narrow(c.MaxUsers), MaxStorageGb: narrow(c.MaxStorageGB), MaxTrafficGb: narrow(c.MaxTrafficGB),
	}
}

func fromProtoCustom(c *adminv1.CustomTerms) contract.Custom {
	return contract.Custom{
		MonthlyFeeCents: c.MonthlyFeeCents, IncludedUsers: widen(c.IncludedUsers),
		IncludedStorageGB: widen(c.IncludedStorageGb), IncludedSupportMinutes: widen(c.IncludedSupportMinutes),
		HourlyRateCents: c.HourlyRateCents, StorageOverageCentsPerGB: c.StorageOverageCentsPerGb,
		MaxUsers: widen(c.MaxUsers), MaxStorageGB: widen(c.MaxStorageGb), MaxTrafficGB: widen(c.MaxTrafficGb),
	}
}

func toProtoContract(c *contract.Contract) *adminv1.Contract {
	if c == nil {
		return nil
	}
	out := &adminv1.Contract{
		Id: ids.Format(ids.Contract, c.ID), OrganizationId: ids.Format(ids.Organization, c.OrganizationID),
		PlanId: ids.Format(ids.Plan, c.PlanID), PlanName: c.PlanName, PlanVersion: int32(c.PlanVersion),
		PlanVersionId: ids.Format(ids.PlanVersion, c.PlanVersionID), Status: statuses.ToProto(c.Status),
		StartDate: c.Start.String(), PlanTerms: plans.ToProtoTerms(c.PlanTerms, c.Currency),
		CustomTerms: toProtoCustom(c.Custom), Terms: plans.ToProtoTerms(c.Terms, c.Currency),
		CustomTermsReason: c.CustomReason, Reason: c.Reason, CreatedByEmail: c.CreatedByEmail,
		CreateTime: timestamppb.New(c.CreateTime), UpdateTime: timestamppb.New(c.UpdateTime),
		CancelTime: protoconv.Time(c.CancelTime), CancelReason: c.CancelReason,
	}
	if c.End != nil {
		out.EndDate = c.End.String()
	}
	return out
}

func toProtoDiscount(d *contract.Discount) *adminv1.Discount {
	if d == nil {
		return nil
	}
	out := &adminv1.Discount{
		Id: ids.Format(ids.Discount, d.ID), OrganizationId: ids.Format(ids.Organization, d.OrganizationID),
		WorkspaceName: d.WorkspaceName, Name: d.Name, BasisPoints: int32(d.BasisPoints), StartDate: d.Start.String(),
		Active: d.Active, Reason: d.Reason, CreatedByEmail: d.CreatedByEmail, CreateTime: timestamppb.New(d.CreateTime),
		EndReason: d.EndReason, EndedByEmail: d.EndedByEmail, Kind: kinds.ToProto(d.Kind),
	}
	if d.Workspace != uuid.Nil {
		out.WorkspaceId = ids.Format(ids.Workspace, d.Workspace)
	}
	if d.End != nil {
		out.EndDate = d.End.String()
	}
	return out
}
