package usagereports

import (
	"context"

	"connectrpc.com/connect"
	"github.com/google/uuid"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/paging"
	"github.com/leitstand/leitstand/server/internal/usagereport"
)

// Handler implements adminv1connect.UsageReportServiceHandler.
type Handler struct{ s *usagereport.Service }

var _ adminv1connect.UsageReportServiceHandler = (*Handler)(nil)

func fromQuery(q *adminv1.UsageReportQuery) (usagereport.Query, error) {
	var out usagereport.Query
	be, err := ids.ParseOptional(ids.BillingEntity, "query.billing_entity_id", q.GetBillingEntityId())
	if err != nil {
		return out, err
	}
	if be != nil {
		if *be == uuid.Nil {
			// The nil id would read as "not named".
			return out, apierr.NotFound("billing entity", q.GetBillingEntityId())
		}
		out.BillingEntity = *be
	}
	org, err := ids.ParseOptional(ids.Organization, "query.organization_id", q.GetOrganizationId())
	if err != nil {
		return out, err
	}
	if org != nil {
		if *org == uuid.Nil {
			return out, apierr.NotFound("organization", q.GetOrganizationId())
		}
		out.Organization = *org
	}
	// A month not given stays zero: the domain chooses (Query.Months).
	if m := q.GetFromMonth(); m != "" {
		if out.From, err = usagereport.ParseMonth("query.from_month", m); err != nil {
			return out, err
		}
	}
	if m := q.GetToMonth(); m != "" {
		if out.To, err = usagereport.ParseMonth("query.to_month", m); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (h *Handler) report(ctx context.Context, q *adminv1.UsageReportQuery) (*usagereport.Report, error) {
	query, err := fromQuery(q)
	if err != nil {
		return nil, err
	}
	return h.s.Report(ctx, query)
}

// GetUsageReport implements UsageReportService.GetUsageReport.
func (h *Handler) GetUsageReport(ctx context.Context, req *connect.Request[adminv1.GetUsageReportRequest]) (*connect.Response[adminv1.GetUsageReportResponse], error) {
	r, err := h.report(ctx, req.Msg.GetQuery())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetUsageReportResponse{Report: toReport(r)}), nil
}

// reportOrStored is the report a request names: a stored month's content
// as it was computed (storedID set), or the query's report computed now.
func (h *Handler) reportOrStored(ctx context.Context, q *adminv1.UsageReportQuery, storedID string) (*usagereport.Report, error) {
	if storedID == "" {
		return h.report(ctx, q)
	}
	id, err := ids.Parse(ids.UsageReport, "stored_report_id", storedID)
	if err != nil {
		return nil, err
	}
	st, err := h.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return &st.Report, nil
}

// ListUsageReportRows implements UsageReportService.ListUsageReportRows.
func (h *Handler) ListUsageReportRows(ctx context.Context, req *connect.Request[adminv1.ListUsageReportRowsRequest]) (*connect.Response[adminv1.ListUsageReportRowsResponse], error) {
	r, err := h.reportOrStored(ctx, req.Msg.GetQuery(), req.Msg.GetStoredReportId())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.ListUsageReportRowsResponse{Rows: toRows(r.Rows)}), nil
}

// RenderUsageReportPdf implements UsageReportService.RenderUsageReportPdf.
func (h *Handler) RenderUsageReportPdf(ctx context.Context, req *connect.Request[adminv1.RenderUsageReportPdfRequest]) (*connect.Response[adminv1.RenderUsageReportPdfResponse], error) {
	r, err := h.reportOrStored(ctx, req.Msg.GetQuery(), req.Msg.GetStoredReportId())
	if err != nil {
		return nil, err
	}
	pdf, err := usagereport.RenderPDF(r, req.Msg.GetLanguage())
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.RenderUsageReportPdfResponse{Content: pdf, FileName: usagereport.FileName(r, req.Msg.GetLanguage())}), nil
}

// ListStoredUsageReports implements UsageReportService.ListStoredUsageReports.
func (h *Handler) ListStoredUsageReports(ctx context.Context, req *connect.Request[adminv1.ListStoredUsageReportsRequest]) (*connect.Response[adminv1.ListStoredUsageReportsResponse], error) {
	be, err := ids.ParseOptional(ids.BillingEntity, "billing_entity_id", req.Msg.GetBillingEntityId())
	if err != nil {
		return nil, err
	}
	if be != nil && *be == uuid.Nil {
		return nil, apierr.NotFound("billing entity", req.Msg.GetBillingEntityId())
	}
	page, err := h.s.List(ctx, be, paging.Size(req.Msg.GetPageSize()), req.Msg.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &adminv1.ListStoredUsageReportsResponse{NextPageToken: page.Next, TotalSize: int32(page.Total)}
	for _, st := range page.Reports {
		out.Reports = append(out.Reports, toStored(st))
	}
	return connect.NewResponse(out), nil
}

// GetStoredUsageReport implements UsageReportService.GetStoredUsageReport.
func (h *Handler) GetStoredUsageReport(ctx context.Context, req *connect.Request[adminv1.GetStoredUsageReportRequest]) (*connect.Response[adminv1.GetStoredUsageReportResponse], error) {
	id, err := ids.Parse(ids.UsageReport, "id", req.Msg.GetId())
	if err != nil {
		return nil, err
	}
	st, err := h.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&adminv1.GetStoredUsageReportResponse{Stored: toStored(st), Report: toReport(&st.Report)}), nil
}

func optionalID(p ids.Prefix, id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return ids.Format(p, id)
}
