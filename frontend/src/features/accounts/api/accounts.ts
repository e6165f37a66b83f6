import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import {
  AccountService,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
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
