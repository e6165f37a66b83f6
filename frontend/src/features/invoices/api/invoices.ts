import {
  createQueryOptions,
  skipToken,
  useInfiniteQuery,
  useQuery,
  useTransport,
} from "@connectrpc/connect-query";
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import {
  OrganizationService,
  type EInvoiceFormat,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { useChange, useInvalidate } from "@/lib/queries";
import { saveFile } from "@/lib/save-file";
import { parseStatuses, statusValue, type InvoicesSearch } from "../search";

export const invoicesPageSize = 50;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: InvoicesSearch) {
  return {
    pageSize: invoicesPageSize,
    pageToken: "",
    organizationId: search.org,
    statuses: parseStatuses(search.status).map(statusValue),
    issuedFrom: search.from,
    issuedTo: search.to,
    query: search.q.trim(),
  };
}

/** useInvoiceList pages through the invoices with the URL's filters, the latest first. */
export function useInvoiceList(search: InvoicesSearch) {
  return useInfiniteQuery(InvoiceService.method.listInvoices, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(id: string, enabled = true) {
  return useQuery(InvoiceService.method.getInvoice, { id }, { enabled });
}

/** useInvoicePdf fetches the PDF an invoice was issued with. */
export function useInvoicePdf(id: string) {
  return useQuery(InvoiceService.method.getInvoicePdf, { id }, { staleTime: Infinity });
}

/**
 * useEInvoiceDownload returns a function that fetches an invoice as an
 * e-invoice in a format (made by the server the first time it is asked
 * for, the same bytes from then on: kept once fetched) and saves it under
 * the API's file name and media type. The caller shows a failure itself
 * (a refusal names the EN 16931 rules the e-invoice would break); the
 * promise rejects with it. Making one is audited: the audit trail's
 * queries are marked stale after.
 */
export function useEInvoiceDownload() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  const invalidateAudit = useInvalidate(AuditService);
  const invalidateInvoices = useInvalidate(InvoiceService);
  return async (id: string, format: EInvoiceFormat) => {
    const file = await queryClient.fetchQuery({
      ...createQueryOptions(InvoiceService.method.getEInvoice, { id, format }, { transport }),
      staleTime: Infinity,
      meta: { handlesErrors: true },
    });
    saveFile(
      file.content,
      file.fileName || `${id}.${file.contentType === "application/pdf" ? "pdf" : "xml"}`,
      file.contentType || "application/octet-stream",
    );
    void invalidateAudit();
    // The invoice now lists it among the e-invoices made.
    void invalidateInvoices();
  };
}

/**
 * useInvoicePreview computes an organization's next invoice (nothing is
 * stored). Its card shows every failure itself: a refusal (the
 * organization is not billed, settings are incomplete) is a state there.
 */
export function useInvoicePreview(organizationId: string) {
  return useQuery(
    InvoiceService.method.previewInvoice,
    { organizationId, billingDate: "" },
    { meta: { handlesErrors: true } },
  );
}

/** useBillingRunPreview pages through what the billing run of a day would issue. */
export function useBillingRunPreview(day: string) {
  return useInfiniteQuery(
    InvoiceService.method.previewBillingRun,
    { day, pageSize: invoicesPageSize, pageToken: "" },
    { ...paging, placeholderData: keepPreviousData },
  );
}

/** useOrganizationChoices lists the organizations for the pickers, by name, while enabled. */
export function useOrganizationChoices(enabled = true) {
  const canList = usePermission(Permission.ORGANIZATIONS_READ);
  return useQuery(
    OrganizationService.method.listOrganizations,
    { pageSize: 500, filter: {}, orderBy: "name" },
    { enabled: canList && enabled },
  );
}

/**
 * An issued or cancelled invoice shows in the lists, the previews, the
 * accounts' rollup (invoiced) and the audit log.
 */
const invoiceChanges = [InvoiceService, AccountService, AuditService];

export function useCreateManualInvoice() {
  return useChange(InvoiceService.method.createManualInvoice, invoiceChanges);
}

export function useCancelInvoice() {
  return useChange(InvoiceService.method.cancelInvoice, invoiceChanges);
}

export function useBillOrganization() {
  return useChange(InvoiceService.method.billOrganization, invoiceChanges);
}

/** A manual invoice's request with its cents as text: comparable, and debounced as one string. */
export interface ManualInvoiceDraft {
  organizationId: string;
  periodStart: string;
  periodLastDay: string;
  reason: string;
  lines: { description: string; quantity: string; unit: string; unitPriceCents: string }[];
}

/**
 * useManualInvoiceCheck asks the server for the invoice a draft (as
 * JSON, "" for none) would issue, storing nothing (validate_only): the
 * form's totals. The last answer stays while the next is computed; the
 * form shows its refusals at the fields.
 */
export function useManualInvoiceCheck(draftJson: string) {
  const draft = draftJson ? (JSON.parse(draftJson) as ManualInvoiceDraft) : null;
  return useQuery(
    InvoiceService.method.createManualInvoice,
    draft
      ? {
          ...draft,
          lines: draft.lines.map((l) => ({
            description: l.description,
            quantity: BigInt(l.quantity),
            unit: l.unit,
            unitPriceCents: BigInt(l.unitPriceCents),
          })),
          validateOnly: true,
        }
      : skipToken,
    { placeholderData: keepPreviousData, retry: false, meta: { handlesErrors: true } },
  );
}
