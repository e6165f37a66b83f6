import { createClient } from "@connectrpc/connect";
import { skipToken, useInfiniteQuery, useQuery, useTransport } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  type LogbookVisibility,
  ServiceInstanceService,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useChange, useInvalidate } from "@/lib/queries";
import { serviceSorts, servicesFilter, type ServicesSearch } from "../search";

export const servicesPageSize = 50;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: ServicesSearch) {
  return {
    pageSize: servicesPageSize,
    pageToken: "",
    filter: servicesFilter(search),
    orderBy: serviceSorts[search.sort],
  };
}

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** useServiceList pages through the services with the URL's filters (server-side). */
export function useServiceList(search: ServicesSearch) {
  return useInfiniteQuery(ServiceInstanceService.method.listServiceInstances, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** useOrganizationServices pages through one organization's services, by name. */
export function useOrganizationServices(organizationId: string) {
  return useInfiniteQuery(
    ServiceInstanceService.method.listServiceInstances,
    { pageSize: servicesPageSize, pageToken: "", filter: { organizationId }, orderBy: "name" },
    paging,
  );
}

export function useService(id: string) {
  return useQuery(ServiceInstanceService.method.getServiceInstance, { id });
}

export function useStatusHistory(serviceInstanceId: string) {
  return useInfiniteQuery(
    ServiceInstanceService.method.listServiceStatusHistory,
    { serviceInstanceId, pageSize: 20, pageToken: "" },
    paging,
  );
}

export function useLogbook(serviceInstanceId: string, visibility: LogbookVisibility) {
  return useInfiniteQuery(
    ServiceInstanceService.method.listLogbookEntries,
    { serviceInstanceId, visibility, pageSize: 20, pageToken: "" },
    { ...paging, placeholderData: keepPreviousData },
  );
}

/** The organizations, workspaces and bookable items the booking dialog offers. */
export function useBookingChoices(organizationId: string) {
  const orgs = useQuery(OrganizationService.method.listOrganizations, {
    pageSize: 500,
    filter: { statuses: [OrganizationStatus.ACTIVE, OrganizationStatus.PENDING_APPROVAL] },
    orderBy: "name",
  });
  const workspaces = useQuery(
    OrganizationService.method.listWorkspaces,
    { organizationId, pageSize: 500 },
    { enabled: organizationId !== "" },
  );
  // What this organization can book, at the price it pays: a reseller's
  // customer sees what its entity sells (its offers and own items) only.
  const items = useQuery(
    CatalogService.method.listBookableItems,
    { organizationId },
    { enabled: organizationId !== "" },
  );
  return { orgs, workspaces, items };
}

/** A change to a service shows in the lists, its page and the audit log. */
const serviceChanges = [ServiceInstanceService, AuditService];

export function useBookService() {
  return useChange(ServiceInstanceService.method.bookService, serviceChanges);
}

export function useUpdateService() {
  return useChange(ServiceInstanceService.method.updateServiceInstance, serviceChanges);
}

export function useSetServiceStatus() {
  return useChange(ServiceInstanceService.method.setServiceStatus, serviceChanges);
}

export function useScheduleDecommission() {
  return useChange(ServiceInstanceService.method.scheduleDecommission, serviceChanges);
}

export function useCancelDecommission() {
  return useChange(ServiceInstanceService.method.cancelDecommission, serviceChanges);
}

export function useAddLogbookEntry() {
  return useChange(ServiceInstanceService.method.addLogbookEntry, serviceChanges);
}

/** useCredentials lists a service's credentials by name; the server never answers their values. */
export function useCredentials(serviceInstanceId: string) {
  return useQuery(ServiceInstanceService.method.listServiceCredentials, { serviceInstanceId });
}

export function useSetCredential() {
  return useChange(ServiceInstanceService.method.setServiceCredential, serviceChanges);
}

export function useDeleteCredential() {
  return useChange(ServiceInstanceService.method.deleteServiceCredential, serviceChanges);
}

/**
 * useRevealCredential calls RevealServiceCredential directly, outside the
 * query cache: the value it answers is kept only by the dialog that shows it.
 * The logbook and the audit log, which the reveal writes to, are refreshed.
 */
export function useRevealCredential() {
  const transport = useTransport();
  const invalidate = useInvalidate(...serviceChanges);
  return async (serviceInstanceId: string, name: string, reason: string) => {
    const client = createClient(ServiceInstanceService, transport);
    const { value } = await client.revealServiceCredential({ serviceInstanceId, name, reason });
    void invalidate();
    return value;
  };
}

/** How often the containers' live state is asked again: the sync runs every minute. */
const liveRefreshMs = 60_000;

/** useServiceContainers lists the containers linked to a service: primary first, then by name. */
export function useServiceContainers(serviceInstanceId: string) {
  return useQuery(
    ServiceInstanceService.method.listServiceContainers,
    { serviceInstanceId },
    { refetchInterval: liveRefreshMs },
  );
}

/** useContainerChoices finds containers by name or image for the link dialog (the server searches). */
export function useContainerChoices(query: string) {
  return useQuery(
    ContainerService.method.listContainers,
    { pageSize: 20, pageToken: "", filter: { query } },
    { placeholderData: keepPreviousData },
  );
}

/** useServerChoices finds servers by name for the list's server filter, once it is opened. */
export function useServerChoices(query: string, enabled: boolean) {
  return useQuery(
    ServerService.method.listServers,
    enabled ? { pageSize: 20, pageToken: "", filter: { query }, orderBy: "name" } : skipToken,
    { placeholderData: keepPreviousData },
  );
}

/** useServerName names the server a filter of the URL holds, which the choices may not list. */
export function useServerName(id: string) {
  const server = useQuery(ServerService.method.getServer, id ? { id } : skipToken, {
    staleTime: 5 * 60_000,
    meta: { handlesErrors: true },
  });
  return server.data?.server?.name;
}

export function useLinkContainer() {
  return useChange(ServiceInstanceService.method.linkServiceContainer, serviceChanges);
}

export function useUnlinkContainer() {
  return useChange(ServiceInstanceService.method.unlinkServiceContainer, serviceChanges);
}

/**
 * A service action changes the service (its status, history and logbook),
 * its containers as the container pages show them, and the audit log.
 */
const controlChanges = [ServiceInstanceService, ContainerService, AuditService];

export function useStartService() {
  return useChange(ServiceInstanceService.method.startService, controlChanges);
}

export function useStopService() {
  return useChange(ServiceInstanceService.method.stopService, controlChanges);
}

export function useRestartService() {
  return useChange(ServiceInstanceService.method.restartService, controlChanges);
}

/** The days the uptime chart can span. */
export const uptimeDays = [7, 14, 30] as const;
export type UptimeDays = (typeof uptimeDays)[number];

export function useServiceUptime(serviceInstanceId: string, days: UptimeDays) {
  return useQuery(
    ServiceInstanceService.method.getServiceUptime,
    { serviceInstanceId, days },
    { placeholderData: keepPreviousData },
  );
}
