import type { Transport } from "@connectrpc/connect";
import {
  createInfiniteQueryOptions,
  skipToken,
  useInfiniteQuery,
  useQuery,
} from "@connectrpc/connect-query";
import { keepPreviousData, type QueryClient } from "@tanstack/react-query";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { AuditOutcome, AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { useChange } from "@/lib/queries";
import { organizationSorts, parseStatuses, statusValue, type OrganizationsSearch } from "../search";

export const organizationsPageSize = 50;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: OrganizationsSearch) {
  return {
    pageSize: organizationsPageSize,
    pageToken: "",
    filter: { query: search.q.trim(), statuses: parseStatuses(search.status).map(statusValue) },
    orderBy: organizationSorts[search.sort],
  };
}

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** useOrganizationList pages through organizations with the URL's filters (server-side). */
export function useOrganizationList(search: OrganizationsSearch) {
  return useInfiniteQuery(OrganizationService.method.listOrganizations, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/**
 * loadOrganizationList loads the first page while the route's code loads
 * (called by the route's loader). Opening the page waits for it, so the list
 * renders once with its rows; a change of filters on the page does not wait
 * (the page keeps the previous rows until the new ones arrive).
 */
export async function loadOrganizationList(
  queryClient: QueryClient,
  transport: Transport,
  search: OrganizationsSearch,
  wait: boolean,
): Promise<void> {
  const load = queryClient.prefetchInfiniteQuery(
    createInfiniteQueryOptions(OrganizationService.method.listOrganizations, listInput(search), {
      ...paging,
      transport,
    }),
  );
  if (wait) await load;
}

/** useOrganization loads one organization with its workspaces and members. */
export function useOrganization(id: string) {
  return useQuery(
    OrganizationService.method.getOrganization,
    { id },
    { meta: { handlesErrors: true } },
  );
}

/** useBillingDates loads an organization's next twelve billing dates with their periods. */
export function useBillingDates(organizationId: string) {
  return useQuery(
    OrganizationService.method.listBillingDates,
    { organizationId },
    { meta: { handlesErrors: true } },
  );
}

/** usePlanChoices loads the plans a new organization may start on (not retired), while enabled. */
export function usePlanChoices(enabled: boolean) {
  return useQuery(PlanService.method.listPlans, enabled ? { pageSize: 500 } : skipToken, {
    meta: { handlesErrors: true },
  });
}

/**
 * useClosingEvent loads the audit event that closed an organization: the
 * last change of it that took place (a closed organization is never changed
 * again), with the reason given. Only for callers who may read the audit log.
 */
export function useClosingEvent(organizationId: string, enabled: boolean) {
  const query = useQuery(
    AuditService.method.listAuditEvents,
    enabled
      ? {
          pageSize: 1,
          pageToken: "",
          filter: {
            targetId: organizationId,
            action: "UpdateOrganization",
            outcome: AuditOutcome.SUCCEEDED,
          },
        }
      : skipToken,
    { meta: { handlesErrors: true }, retry: false },
  );
  return { ...query, event: query.data?.auditEvents[0] };
}

/** A change to an organization shows in its lists, in members' memberships and in the audit log. */
const organizationChanges = [OrganizationService, MemberService, AuditService];

export function useCreateOrganization() {
  return useChange(OrganizationService.method.createOrganization, organizationChanges);
}

export function useUpdateOrganization() {
  return useChange(OrganizationService.method.updateOrganization, organizationChanges);
}

export function useCreateWorkspace() {
  return useChange(OrganizationService.method.createWorkspace, organizationChanges);
}

export function useUpdateWorkspace() {
  return useChange(OrganizationService.method.updateWorkspace, organizationChanges);
}

/**
 * useChangeWorkspaceAdmin names a workspace's administrator (UpdateWorkspace
 * with admin_user_id), which the accounts' rollup shows too.
 */
export function useChangeWorkspaceAdmin() {
  return useChange(OrganizationService.method.updateWorkspace, [
    ...organizationChanges,
    AccountService,
  ]);
}

export function useAddWorkspaceMember() {
  return useChange(OrganizationService.method.addWorkspaceMember, organizationChanges);
}

export function useRemoveWorkspaceMember() {
  return useChange(OrganizationService.method.removeWorkspaceMember, organizationChanges);
}

export function useAddOrganizationMember() {
  return useChange(OrganizationService.method.addOrganizationMember, organizationChanges);
}

export function useRemoveOrganizationMember() {
  return useChange(OrganizationService.method.removeOrganizationMember, organizationChanges);
}

export function useSetOrganizationRole() {
  return useChange(OrganizationService.method.setOrganizationRole, organizationChanges);
}
