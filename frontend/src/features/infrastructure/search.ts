import * as z from "zod/mini";
import {
  ContainerHealth,
  ContainerStatus,
  MetricsRange,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  ServerEventKind,
  ServerHealth,
  SyncStatus,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";

const text = (max: number) => z.catch(z._default(z.string().check(z.maxLength(max)), ""), "");

// Servers

export const providerNames = ["PROXMOX", "HETZNER", "BESZEL", "DOCKER", "OTHER"] as const;
export type ProviderName = (typeof providerNames)[number];
export const healthNames = ["HEALTHY", "WARNING", "CRITICAL", "UNKNOWN"] as const;
export type HealthName = (typeof healthNames)[number];
export const syncNames = ["OK", "FAILING", "NEVER"] as const;
export type SyncName = (typeof syncNames)[number];

export const providerValue = (name: ProviderName | "") =>
  name ? ProviderKind[name] : ProviderKind.UNSPECIFIED;
export const healthValue = (name: HealthName) => ServerHealth[name];
export const syncValue = (name: SyncName | "") =>
  name ? SyncStatus[name] : SyncStatus.UNSPECIFIED;

/** The server list's sort orders in the URL, and the API's order_by for each. */
export const serverSorts = {
  name: "name",
  name_desc: "name desc",
  cpu: "cpu_usage",
  cpu_desc: "cpu_usage desc",
  memory: "memory_usage",
  memory_desc: "memory_usage desc",
  disk: "disk_usage",
  disk_desc: "disk_usage desc",
  sync: "last_sync_time",
  sync_desc: "last_sync_time desc",
} as const;
export type ServerSort = keyof typeof serverSorts;

export const serversSearchDefaults = {
  q: "",
  provider: "",
  health: "",
  sync: "",
  location: "",
  sort: "name",
} as const;

/** /servers?q=web&provider=HETZNER&health=WARNING,CRITICAL&sync=FAILING&location=fsn1&sort=cpu_desc */
export const serversSearchSchema = z.object({
  q: text(200),
  provider: z.catch(z._default(z.enum(["", ...providerNames]), ""), ""),
  health: text(100),
  sync: z.catch(z._default(z.enum(["", ...syncNames]), ""), ""),
  location: text(100),
  sort: z.catch(
    z._default(z.enum(Object.keys(serverSorts) as [ServerSort, ...ServerSort[]]), "name"),
    "name",
  ),
});
export type ServersSearch = z.infer<typeof serversSearchSchema>;

// Metrics ranges

export const rangeNames = ["1h", "24h", "7d", "30d"] as const;
export type RangeName = (typeof rangeNames)[number];
const rangeValues: Record<RangeName, MetricsRange> = {
  "1h": MetricsRange.HOUR,
  "24h": MetricsRange.DAY,
  "7d": MetricsRange.WEEK,
  "30d": MetricsRange.MONTH,
};
export const rangeValue = (name: RangeName) => rangeValues[name];
const range = z.catch(z._default(z.enum(rangeNames), "1h"), "1h");

// Server detail

export const serverTabs = [
  "overview",
  "containers",
  "events",
  "assignments",
  "datasources",
] as const;
export type ServerTab = (typeof serverTabs)[number];
export const eventKindNames = [
  "CREATED",
  "SYNC_FAILED",
  "SYNC_RECOVERED",
  "STATUS_CHANGED",
  "CONTAINER_APPEARED",
  "CONTAINER_GONE",
  "CONTAINER_CHANGED",
  "ACTION",
  "MISSING",
] as const;
export type EventKindName = (typeof eventKindNames)[number];
export const eventKindValue = (name: EventKindName | "") =>
  name ? ServerEventKind[name] : ServerEventKind.UNSPECIFIED;

export const serverDetailSearchDefaults = {
  tab: "overview",
  range: "1h",
  event: "",
  container: "",
} as const;

/** /servers/srv_…?tab=events&range=24h&event=ACTION&container=ctr_… */
export const serverDetailSearchSchema = z.object({
  tab: z.catch(z._default(z.enum(serverTabs), "overview"), "overview"),
  range,
  event: z.catch(z._default(z.enum(["", ...eventKindNames]), ""), ""),
  container: text(64),
});
export type ServerDetailSearch = z.infer<typeof serverDetailSearchSchema>;

// Containers

export const containerStatusNames = ["RUNNING", "STOPPED", "PAUSED", "EXITED"] as const;
export type ContainerStatusName = (typeof containerStatusNames)[number];
export const containerHealthNames = ["HEALTHY", "UNHEALTHY", "STARTING", "NONE"] as const;
export type ContainerHealthName = (typeof containerHealthNames)[number];
export const containerStatusValue = (name: ContainerStatusName) => ContainerStatus[name];
export const containerHealthValue = (name: ContainerHealthName | "") =>
  name ? ContainerHealth[name] : ContainerHealth.UNSPECIFIED;

export const containersSearchDefaults = {
  q: "",
  status: "",
  health: "",
  server: "",
  gone: false,
  container: "",
  range: "1h",
} as const;

/** /containers?q=nginx&status=RUNNING,PAUSED&health=UNHEALTHY&server=srv_…&gone=true&container=ctr_…&range=24h */
export const containersSearchSchema = z.object({
  q: text(200),
  status: text(100),
  health: z.catch(z._default(z.enum(["", ...containerHealthNames]), ""), ""),
  server: text(64),
  gone: z.catch(z._default(z.boolean(), false), false),
  container: text(64),
  range,
});
export type ContainersSearch = z.infer<typeof containersSearchSchema>;
