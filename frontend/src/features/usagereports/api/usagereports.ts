import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { createQueryOptions, useTransport } from "@connectrpc/connect-query";
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { UsageReportService } from "@leitstand/sdk/leitstand/admin/v1/usage_report_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { saveFile } from "@/lib/save-file";

/** The report's query of the page's choice. */
export interface ReportChoice {
  entity: string;
  org: string;
  from: string;
  to: string;
}

export function reportQuery(c: ReportChoice) {
  return {
    billingEntityId: c.entity,
    organizationId: c.org,
    fromMonth: c.from,
    toMonth: c.to,
  };
}

/**
 * reportOf names the report of the CSV and the PDF: the stored month's
 * when one is open (its figures as they were computed), else the choice's,
 * computed now.
 */
export function reportOf(c: ReportChoice, stored: string) {
  return stored
    ? ({ case: "storedReportId", value: stored } as const)
    : ({ case: "query", value: reportQuery(c) } as const);
}

/** useUsageReport computes the report of the choice; the last one stays while the next loads. */
export function useUsageReport(c: ReportChoice, enabled = true) {
  return useQuery(
    UsageReportService.method.getUsageReport,
    { query: reportQuery(c) },
    { placeholderData: keepPreviousData, enabled },
  );
}

/** useStoredReport reads a stored month with its content; nothing while id is empty. */
export function useStoredReport(id: string) {
  return useQuery(UsageReportService.method.getStoredUsageReport, { id }, { enabled: id !== "" });
}

/** useStoredReports pages through the months the job stored, of the entity chosen or all. */
export function useStoredReports(entity: string) {
  return useInfiniteQuery(
    UsageReportService.method.listStoredUsageReports,
    { billingEntityId: entity, pageSize: 24, pageToken: "" },
    {
      pageParamKey: "pageToken",
      getNextPageParam: (last) => last.nextPageToken || undefined,
    },
  );
}

/** useOrganizations lists the organizations to choose from (the caller's, by name); empty without ORGANIZATIONS_READ. */
export function useOrganizations() {
  const canRead = usePermission(Permission.ORGANIZATIONS_READ);
  const query = useQuery(
    OrganizationService.method.listOrganizations,
    { pageSize: 500, orderBy: "name" },
    { enabled: canRead },
  );
  return canRead ? (query.data?.organizations ?? []) : [];
}

/**
 * usePdfDownload returns a function that lays the report out as a PDF in
 * the language asked for, the stored month's when one is open, and saves
 * it under the API's file name.
 */
export function usePdfDownload() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return async (c: ReportChoice, stored: string, language: "de" | "en") => {
    const pdf = await queryClient.fetchQuery({
      ...createQueryOptions(
        UsageReportService.method.renderUsageReportPdf,
        { report: reportOf(c, stored), language },
        { transport },
      ),
      staleTime: 0,
    });
    saveFile(pdf.content, pdf.fileName || `usage-report-${c.from}-${c.to}.pdf`, "application/pdf");
  };
}
