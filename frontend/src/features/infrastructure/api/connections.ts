import { useMutation, useQuery } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { ConnectionService } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useChange, useInvalidate } from "@/lib/queries";
import { refreshMs } from "./servers";

export function useConnections() {
  return useQuery(ConnectionService.method.listConnections, {}, { refetchInterval: refreshMs });
}

/** useConnection loads a connection with its datasources. */
export function useConnection(id: string) {
  return useQuery(
    ConnectionService.method.getConnection,
    { id },
    { meta: { handlesErrors: true }, refetchInterval: refreshMs },
  );
}

/** useDiscoverServers asks the provider which machines are not linked yet (each time it opens). */
export function useDiscoverServers(connectionId: string) {
  return useQuery(
    ConnectionService.method.discoverServers,
    { connectionId },
    { meta: { handlesErrors: true }, staleTime: 0, gcTime: 0, retry: false },
  );
}

/** Connections, the servers they report and the audit log change together. */
const connectionChanges = [ConnectionService, ServerService, ContainerService, AuditService];

const meta = { handlesErrors: true } as const;

export function useCreateConnection() {
  return useChange(ConnectionService.method.createConnection, connectionChanges);
}

export function useUpdateConnection() {
  return useChange(ConnectionService.method.updateConnection, connectionChanges);
}

export function useDeleteConnection() {
  return useChange(ConnectionService.method.deleteConnection, connectionChanges);
}

/** useTestConnection tests a stored connection (its health changes) or unsaved settings. */
export function useTestConnection() {
  const invalidate = useInvalidate(ConnectionService, ServerService);
  return useMutation(ConnectionService.method.testConnection, {
    meta,
    onSuccess: (response) => (response.connection ? invalidate() : undefined),
  });
}

export function useImportServers() {
  return useChange(ConnectionService.method.importServers, connectionChanges);
}

export function useDeleteDatasource() {
  return useChange(ConnectionService.method.deleteDatasource, connectionChanges);
}
