package plans

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// ToProtoTerms converts a plan version's terms, for the areas that show
// them (a contract's).
func ToProtoTerms(t plan.Terms, currency string) *adminv1.PlanTerms {
	return &adminv1.PlanTerms{
		MonthlyFeeCents: t.MonthlyFeeCents, Currency: currency,
		IncludedUsers: int32(t.IncludedUsers), IncludedStorageGb: int32(t.IncludedStorageGB),
		IncludedSupportMinutes: int32(t.IncludedSupportMinutes), HourlyRateCents: t.HourlyRateCents,
		StorageOverageCentsPerGb: t.StorageOverageCentsPerGB,
		MaxUsers:                 int32(t.MaxUsers), MaxStorageGb: int32(t.MaxStorageGB), MaxTrafficGb: int32(t.MaxTrafficGB),
	}
}

func fromProtoTerms(t *adminv1.PlanTerms) plan.Terms {
	return plan.Terms{
		MonthlyFeeCents: t.GetMonthlyFeeCents(), IncludedUsers: int(t.GetIncludedUsers()),
		IncludedStorageGB: int(t.GetIncludedStorageGb()), IncludedSupportMinutes: int(t.GetIncludedSupportMinutes()),
		HourlyRateCents: t.GetHourlyRateCents(), StorageOverageCentsPerGB: t.GetStorageOverageCentsPerGb(),
		MaxUsers: int(t.GetMaxUsers()), MaxStorageGB: int(t.GetMaxStorageGb()), MaxTrafficGB: int(t.GetMaxTrafficGb()),
	}
}

func toProtoPlan(p plan.Plan) *adminv1.Plan {
	out := &adminv1.Plan{
		Id: ids.Format(ids.Plan, p.ID), Name: p.Name, Description: p.Description, Rank: int32(p.Rank),
		Terms: ToProtoTerms(p.Terms, p.Currency), Version: int32(p.Version), VersionId: ids.Format(ids.PlanVersion, p.VersionID),
		Retired: p.Retired(), CreateTime: timestamppb.New(p.CreateTime), UpdateTime: timestamppb.New(p.UpdateTime),
	}
	if p.RetireTime != nil {
		out.RetireTime = timestamppb.New(*p.RetireTime)
	}
	return out
}

func fromProtoValues(p *adminv1.Plan) plan.Values {
	return plan.Values{Name: p.GetName(), Description: p.GetDescription(), Rank: int(p.GetRank()), Terms: fromProtoTerms(p.GetTerms())}
}

func toProtoVersion(v plan.Version) *adminv1.PlanVersion {
	return &adminv1.PlanVersion{
		Id: ids.Format(ids.PlanVersion, v.ID), PlanId: ids.Format(ids.Plan, v.PlanID), Version: int32(v.Number),
		Terms: ToProtoTerms(v.Terms, v.Currency), CreateTime: timestamppb.New(v.CreateTime),
		CreatedByEmail: v.CreatedByEmail, Reason: v.Reason,
	}
}
