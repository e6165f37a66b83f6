import {
  createQueryOptions,
  useInfiniteQuery,
  useQuery,
  useTransport,
} from "@connectrpc/connect-query";
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  DunningLevel,
  DunningNoticeStatus,
  DunningService,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { useChange } from "@/lib/queries";
import { saveFile } from "@/lib/save-file";
import { parseDunningLevels, parseDunningStatuses, type DunningSearch } from "../search";

export const dunningPageSize = 50;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function dunningListInput(search: DunningSearch) {
  return {
    pageSize: dunningPageSize,
    pageToken: "",
    organizationId: search.org,
    invoiceId: "",
    levels: parseDunningLevels(search.level).map((l) => DunningLevel[l]),
    statuses: parseDunningStatuses(search.status).map((s) => DunningNoticeStatus[s]),
  };
}

/** useDunningNotices pages through the notices with the URL's filters, the latest first. */
export function useDunningNotices(search: DunningSearch) {
  return useInfiniteQuery(DunningService.method.listDunningNotices, dunningListInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** useInvoiceDunningNotices pages through the notices about one invoice. */
export function useInvoiceDunningNotices(invoiceId: string) {
  return useInfiniteQuery(
    DunningService.method.listDunningNotices,
    { pageSize: dunningPageSize, pageToken: "", invoiceId },
    paging,
  );
}

/** useOrganizationDunning is where an organization's dunning stands: its hold, overdue invoices and notices. */
export function useOrganizationDunning(organizationId: string) {
  return useQuery(DunningService.method.getOrganizationDunning, { organizationId });
}

/** A hold, set or released, changes the organization's dunning and the audit log. */
const holdChanges = [DunningService, AuditService];

export function useSetDunningHold() {
  return useChange(DunningService.method.setDunningHold, holdChanges);
}

export function useReleaseDunningHold() {
  return useChange(DunningService.method.releaseDunningHold, holdChanges);
}

/**
 * useNoticePdfDownload returns a function that fetches a notice's letter
 * (kept once fetched: it never changes) and saves it under the API's file
 * name. A failure is announced as every failed read is; the promise
 * rejects with it.
 */
export function useNoticePdfDownload() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return async (id: string) => {
    const pdf = await queryClient.fetchQuery({
      ...createQueryOptions(DunningService.method.getDunningNoticePdf, { id }, { transport }),
      staleTime: Infinity,
    });
    saveFile(pdf.content, pdf.fileName || `${id}.pdf`, "application/pdf");
  };
}
