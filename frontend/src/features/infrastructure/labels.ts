import { ConnectionHealth } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  ServerEventKind,
  ServerHealth,
  ServerKind,
  SyncStatus,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import type { MessageKey } from "@/lib/i18n/i18n";

// The message keys of the infrastructure enums, e.g. ServerHealth.WARNING ->
// "infra.health.WARNING". Unknown values (a newer server) fall back to a
// generic text.

function key<E extends Record<number, string>>(e: E, prefix: string, value: number): MessageKey {
  const name = e[value] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `${prefix}.${name}` : `${prefix}.UNSPECIFIED`
  ) as MessageKey;
}

export const providerKey = (v: ProviderKind) => key(ProviderKind, "infra.provider", v);
export const serverKindKey = (v: ServerKind) => key(ServerKind, "infra.kind", v);
export const serverHealthKey = (v: ServerHealth) => key(ServerHealth, "infra.health", v);
export const syncStatusKey = (v: SyncStatus) => key(SyncStatus, "infra.sync", v);
export const eventKindKey = (v: ServerEventKind) => key(ServerEventKind, "infra.event", v);
export const connectionHealthKey = (v: ConnectionHealth) =>
  key(ConnectionHealth, "connections.health", v);

const credentialKeys: Record<string, MessageKey> = {
  token: "connections.secretBadge.token",
  username: "connections.secretBadge.username",
  password: "connections.secretBadge.password",
  tls_ca_certificate: "connections.secretBadge.tls_ca_certificate",
  tls_client_certificate: "connections.secretBadge.tls_client_certificate",
  tls_client_key: "connections.secretBadge.tls_client_key",
};

/**
 * credentialKey is the message key of a stored credential's badge, by the
 * name the API gives it in credentials_set; undefined for a name this
 * interface does not know yet (a newer server).
 */
export const credentialKey = (name: string): MessageKey | undefined =>
  Object.hasOwn(credentialKeys, name) ? credentialKeys[name] : undefined;

/** The providers a connection can be of (OTHER is for servers entered by hand). */
export const connectionKinds = [
  ProviderKind.PROXMOX,
  ProviderKind.HETZNER,
  ProviderKind.BESZEL,
  ProviderKind.DOCKER,
] as const;
