import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { ConnectionService } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useChange } from "@/lib/queries";
import { parseList } from "@/lib/search";
import {
  eventKindValue,
  healthNames,
  healthValue,
  providerValue,
  rangeValue,
  syncValue,
  type EventKindName,
  type RangeName,
  serverSorts,
  type ServersSearch,
} from "../search";

export const serversPageSize = 50;

/** How often the lists and the summary are asked again: the sync runs every minute. */
export const refreshMs = 60_000;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** serverFilter is the API filter of the URL's filters. */
export function serverFilter(search: ServersSearch) {
  return {
    query: search.q.trim(),
    providers: search.provider ? [providerValue(search.provider)] : [],
    health: parseList(search.health, healthNames).map(healthValue),
    syncStatus: syncValue(search.sync),
    location: search.location,
  };
}

/** The list request of the URL's filters and sort: the page's list and its CSV export. */
export function serverListInput(search: ServersSearch) {
  return {
    pageSize: serversPageSize,
    pageToken: "",
    filter: serverFilter(search),
    orderBy: serverSorts[search.sort],
  };
}

/** useServerList pages through servers with the URL's filters and sort (server-side). */
export function useServerList(search: ServersSearch) {
  return useInfiniteQuery(ServerService.method.listServers, serverListInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
    refetchInterval: refreshMs,
  });
}

/**
 * useServerChoices lists servers for pickers (parent server, server filter)
 * and the locations in use: one page of up to 500 servers, by name.
 */
export function useServerChoices(enabled = true) {
  return useQuery(
    ServerService.method.listServers,
    enabled ? { pageSize: 500, pageToken: "" } : skipToken,
    { staleTime: 5 * 60_000 },
  );
}

export function useHealthSummary() {
  return useQuery(ServerService.method.getHealthSummary, {}, { refetchInterval: refreshMs });
}

/** useServer loads a server with its children, ancestors, datasources and filesystems. */
export function useServer(id: string) {
  return useQuery(
    ServerService.method.getServer,
    { id },
    { meta: { handlesErrors: true }, refetchInterval: refreshMs },
  );
}

export function useServerMetrics(serverId: string, range: RangeName) {
  return useQuery(
    ServerService.method.getServerMetrics,
    { serverId, range: rangeValue(range) },
    { placeholderData: keepPreviousData, refetchInterval: refreshMs },
  );
}

export function useServerEvents(serverId: string, kind: EventKindName | "") {
  return useInfiniteQuery(
    ServerService.method.listServerEvents,
    { serverId, pageSize: 25, pageToken: "", kind: eventKindValue(kind) },
    { ...paging, placeholderData: keepPreviousData },
  );
}

/** useOrganizationChoices finds organizations by name for the assignment picker. */
export function useOrganizationChoices(query: string) {
  return useQuery(
    OrganizationService.method.listOrganizations,
    { pageSize: 20, filter: { query } },
    { placeholderData: keepPreviousData },
  );
}

/** useWorkspaceChoices loads an organization's workspaces (once one is chosen). */
export function useWorkspaceChoices(organizationId: string) {
  return useQuery(
    OrganizationService.method.getOrganization,
    organizationId ? { id: organizationId } : skipToken,
  );
}

/** A change to a server shows in its lists, the connections' datasource counts and the audit log. */
const serverChanges = [ServerService, ConnectionService, ContainerService, AuditService];

export function useCreateServer() {
  return useChange(ServerService.method.createServer, serverChanges);
}

export function useUpdateServer() {
  return useChange(ServerService.method.updateServer, serverChanges);
}

export function useDeleteServer() {
  return useChange(ServerService.method.deleteServer, serverChanges);
}

export function useAssignServer() {
  return useChange(ServerService.method.assignServer, serverChanges);
}

export function useUnassignServer() {
  return useChange(ServerService.method.unassignServer, serverChanges);
}
