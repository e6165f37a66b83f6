import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { ContractService } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  UpgradeRequestService,
  UpgradeRequestStatus,
} from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import { useChange } from "@/lib/queries";
import type { UpgradesSearch } from "../search";

export const upgradesPageSize = 50;

/** The list request of the URL's view: the page's list and its CSV export. */
export function upgradesInput(search: UpgradesSearch) {
  return {
    pageSize: upgradesPageSize,
    pageToken: "",
    status: UpgradeRequestStatus[search.status],
  };
}

/**
 * useUpgradeRequests pages through the requests of the URL's status: the
 * pending ones the oldest first (the queue), the others the latest first.
 */
export function useUpgradeRequests(search: UpgradesSearch) {
  return useInfiniteQuery(UpgradeRequestService.method.listUpgradeRequests, upgradesInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * usePendingUpgrades is how many upgrade requests wait, for a hint beside
 * another list; it asks for the smallest page and shows no failure.
 */
export function usePendingUpgrades() {
  return useQuery(
    UpgradeRequestService.method.listUpgradeRequests,
    { pageSize: 1, status: UpgradeRequestStatus.PENDING },
    { meta: { handlesErrors: true }, retry: false, select: (r) => r.pending },
  );
}

/** useBillingDates loads an organization's next billing dates, the days an approval may start on. */
export function useBillingDates(organizationId: string) {
  return useQuery(OrganizationService.method.listBillingDates, { organizationId });
}

/**
 * An approval schedules the organization's move to the tier: it shows in
 * the queue, its contract, the invoices it would issue, the rollup (MRR,
 * next invoice) and the audit log. A denial only in the queue and the log.
 */
const approvalChanges = [
  UpgradeRequestService,
  ContractService,
  InvoiceService,
  AccountService,
  AuditService,
];
const denialChanges = [UpgradeRequestService, AuditService];

export function useApproveUpgrade() {
  return useChange(UpgradeRequestService.method.approveUpgradeRequest, approvalChanges);
}

/** An approval as the dialog says it (ApproveUpgradeRequestRequest without preview). */
export interface ApprovalRequest {
  id: string;
  startDate: string;
  atOnce: boolean;
  reason: string;
}

/**
 * useApprovalPreview asks the server what an approval would do to the
 * account's next invoice and MRR (ApproveUpgradeRequest with preview:
 * nothing is approved); null asks nothing. The last answer stays while the
 * next one is computed. Its dialog shows every failure itself.
 */
export function useApprovalPreview(request: ApprovalRequest | null) {
  return useQuery(
    UpgradeRequestService.method.approveUpgradeRequest,
    request ? { ...request, preview: true } : skipToken,
    { placeholderData: keepPreviousData, meta: { handlesErrors: true }, retry: false },
  );
}

export function useDenyUpgrade() {
  return useChange(UpgradeRequestService.method.denyUpgradeRequest, denialChanges);
}
