import { useMutation, useQuery } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { ConnectionService } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useInvalidate } from "@/lib/queries";
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
function useInvalidateConnections() {
  return useInvalidate(ConnectionService, ServerService, ContainerService, AuditService);
}

const meta = { handlesErrors: true } as const;

export function useCreateConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation(ConnectionService.method.createConnection, { meta, onSuccess: invalidate });
}

export function useUpdateConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation(ConnectionService.method.updateConnection, { meta, onSuccess: invalidate });
}

export function useDeleteConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation(ConnectionService.method.deleteConnection, { meta, onSuccess: invalidate });
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
  const invalidate = useInvalidateConnections();
  return useMutation(ConnectionService.method.importServers, { meta, onSuccess: invalidate });
}

export function useDeleteDatasource() {
  const invalidate = useInvalidateConnections();
  return useMutation(ConnectionService.method.deleteDatasource, { meta, onSuccess: invalidate });
}
