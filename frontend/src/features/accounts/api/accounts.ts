import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import {
  AccountService,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DisabledFilter,
  MemberService,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { UsageService } from "@leitstand/sdk/leitstand/admin/v1/usage_service_pb.js";
import { useLivePreview } from "@/lib/preview";
import { useChange } from "@/lib/queries";
import { accountSorts, parseClasses, type AccountsSearch, type AtRiskSearch } from "../search";

export const accountsPageSize = 50;

/** The list request of the URL's view: the page's list and its CSV export. */
export function listInput(search: AccountsSearch) {
  return {
    pageSize: accountsPageSize,
    pageToken: "",
    month: search.month,
    revenueClasses: parseClasses(search.class).map((c) => RevenueClass[c]),
    query: search.q.trim(),
    orderBy: accountSorts[search.sort],
  };
}

/**
 * useAccountList pages through the rollup of the URL's month with its
 * filters and order (keyset pages: each names the next).
 */
export function useAccountList(search: AccountsSearch) {
  return useInfiniteQuery(AccountService.method.listAccounts, listInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

/** useAccountHistory is an account's twelve months up to the month shown ("" for none: no call). */
export function useAccountHistory(organizationId: string, month: string) {
  return useQuery(
    AccountService.method.getAccountHistory,
    organizationId ? { organizationId, month } : skipToken,
  );
}

/** The at-risk request of the URL's view: the page's list and its CSV export. */
export function atRiskInput(search: AtRiskSearch) {
  return {
    pageSize: accountsPageSize,
    pageToken: "",
    approachingPercent: search.approaching,
  };
}

/**
 * useAtRiskList pages through this month's accounts at risk, the most
 * urgent first, with the counts of each risk.
 */
export function useAtRiskList(search: AtRiskSearch) {
  return useInfiniteQuery(AccountService.method.listAtRiskAccounts, atRiskInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * A change of an account (a trial, its billing, its counters) shows in the
 * rollup, in its organization and in the audit log.
 */
const accountChanges = [AccountService, OrganizationService, AuditService];

/** A reverse trial to grant (GrantReverseTrialRequest without preview). */
export interface TrialRequest {
  organizationId: string;
  reason: string;
}

/**
 * useTrialPreview asks the server what a reverse trial would do to the
 * account's next invoice and MRR (GrantReverseTrial with preview: nothing
 * is granted), once the inputs rested; null asks nothing, nor does `paused`.
 */
export function useTrialPreview(request: TrialRequest | null, paused: boolean) {
  return useLivePreview(AccountService.method.grantReverseTrial, request, paused);
}

export function useGrantReverseTrial() {
  return useChange(AccountService.method.grantReverseTrial, accountChanges);
}

export function useCancelReverseTrial() {
  return useChange(AccountService.method.cancelReverseTrial, accountChanges);
}

export function useSetManagedBilling() {
  return useChange(AccountService.method.setManagedBilling, accountChanges);
}

export function useResetUsage() {
  return useChange(AccountService.method.resetUsage, [...accountChanges, UsageService]);
}

/**
 * useStaff lists the staff who may manage an account (owners and
 * operators who may sign in), by name, while enabled. The server takes
 * those of the platform or of the organization's billing entity.
 */
export function useStaff(enabled: boolean) {
  return useQuery(
    MemberService.method.listMembers,
    enabled
      ? {
          pageSize: 500,
          filter: {
            platformRoles: [PlatformRole.OWNER, PlatformRole.OPERATOR],
            disabled: DisabledFilter.ENABLED_ONLY,
          },
          orderBy: "display_name",
        }
      : skipToken,
  );
}
