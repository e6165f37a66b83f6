package usagereports

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/usagereport"
)

func toFigures(f usagereport.Figures) *adminv1.UsageFigures {
	return &adminv1.UsageFigures{Services: int32(f.Services), ServicesAtEnd: int32(f.ServicesAtEnd), Servers: int32(f.Servers),
		AverageStorageBytes: f.AverageStorageBytes, PeakStorageBytes: f.PeakStorageBytes, DaysMeasured: int32(f.DaysMeasured),
		TrafficBytes: f.TrafficBytes, Minutes: f.Minutes, BillableMinutes: f.BillableMinutes, NetRevenueCents: f.NetRevenueCents}
}

func toRows(rows []usagereport.Row) []*adminv1.UsageReportRow {
	out := make([]*adminv1.UsageReportRow, len(rows))
	for i, r := range rows {
		out[i] = &adminv1.UsageReportRow{OrganizationId: ids.Format(ids.Organization, r.Organization), OrganizationName: r.OrganizationName,
			BillingEntityId: ids.Format(ids.BillingEntity, r.BillingEntity), BillingEntityName: r.BillingEntityName, Figures: toFigures(r.Figures)}
	}
	return out
}

func toReport(r *usagereport.Report) *adminv1.UsageReport {
	out := &adminv1.UsageReport{BillingEntityId: optionalID(ids.BillingEntity, r.BillingEntity), BillingEntityName: r.BillingEntityName,
		OrganizationId: optionalID(ids.Organization, r.Organization), OrganizationName: r.OrganizationName,
		FromMonth: r.From.String(), ToMonth: r.To.String(), Currency: r.Currency, Totals: toFigures(r.Totals),
		Organizations: toRows(r.Rows), GenerateTime: timestamppb.New(r.GenerateTime)}
	for _, m := range r.Months {
		out.Months = append(out.Months, &adminv1.UsageReportMonth{Month: m.Month.String(), Figures: toFigures(m.Figures)})
	}
	return out
}

func toStored(st usagereport.Stored) *adminv1.StoredUsageReport {
	return &adminv1.StoredUsageReport{Id: ids.Format(ids.UsageReport, st.ID), BillingEntityId: ids.Format(ids.BillingEntity, st.BillingEntity),
		BillingEntityName: st.BillingEntityName, Month: st.Month.String(), GenerateTime: timestamppb.New(st.GenerateTime),
		Totals: toFigures(st.Report.Totals), OrganizationCount: int32(len(st.Report.Rows))}
}
