import type { Transport } from "@connectrpc/connect";
import {
  createInfiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
} from "@connectrpc/connect-query";
import { keepPreviousData, type QueryClient } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { useInvalidate } from "@/lib/queries";
import { organizationSorts, parseStatuses, statusValue, type OrganizationsSearch } from "../search";

export const organizationsPageSize = 50;

function listInput(search: OrganizationsSearch) {
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

/** A change to an organization shows in its lists, in members' memberships and in the audit log. */
function useInvalidateOrganizations() {
  return useInvalidate(OrganizationService, MemberService, AuditService);
}

// Forms and dialogs show their errors themselves (field errors at the field).
const meta = { handlesErrors: true } as const;

export function useCreateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.createOrganization, {
    meta,
    onSuccess: invalidate,
  });
}

export function useUpdateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.updateOrganization, {
    meta,
    onSuccess: invalidate,
  });
}

export function useCreateWorkspace() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.createWorkspace, { meta, onSuccess: invalidate });
}

export function useUpdateWorkspace() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.updateWorkspace, { meta, onSuccess: invalidate });
}

export function useAddOrganizationMember() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.addOrganizationMember, {
    meta,
    onSuccess: invalidate,
  });
}

export function useRemoveOrganizationMember() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.removeOrganizationMember, {
    meta,
    onSuccess: invalidate,
  });
}

export function useSetOrganizationRole() {
  const invalidate = useInvalidateOrganizations();
  return useMutation(OrganizationService.method.setOrganizationRole, {
    meta,
    onSuccess: invalidate,
  });
}
