/**
 * The infrastructure of the in-memory API: provider connections of every
 * kind (one failing), ~35 servers across providers with a Proxmox host
 * carrying VMs, containers (unhealthy, exited, Beszel-only and gone ones),
 * event logs, and machines the connections see that are not imported yet.
 * Metrics are computed per request from a daily curve (see metricAt).
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  ConnectionHealth,
  ConnectionSchema,
  DiscoveredServerSchema,
  type Connection,
  type DiscoveredServer,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import {
  ContainerSchema,
  type Container,
} from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContainerHealth,
  ContainerStatus,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  DatasourceSchema,
  HealthThresholdsSchema,
  ServerEventKind,
  ServerEventSchema,
  ServerHealth,
  ServerKind,
  ServerSchema,
  SyncStatus,
  type Datasource,
  type HealthThresholds,
  type Server,
  type ServerEvent,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A server's assignment by id; the names are looked up when it is shown. */
export interface MockAssignment {
  organizationId: string;
  workspaceId: string;
}

/** What the mock keeps per server besides the message: the inputs of its health. */
export interface MockServerState {
  up: boolean;
  /** Latest sample; undefined when none was ever taken. */
  sampleTime?: Date;
  syncFailures: number;
  assignments: MockAssignment[];
  /** Where the metrics stop (a failing sync), and gaps (maintenance) in them. */
  metricsUntil?: Date;
  gaps: { from: Date; to: Date }[];
}

export interface MockFilesystem {
  name: string;
  usedBytes: bigint;
  totalBytes: bigint;
  /** Storage several machines share, listed on one of them only. */
  shared?: boolean;
}

/** A connection's secrets, as the API's ConnectionCredentials names them. */
export interface MockCredentials {
  token: string;
  username: string;
  password: string;
  tlsCaCertificate: string;
  tlsClientCertificate: string;
  tlsClientKey: string;
}

export const noCredentials: MockCredentials = {
  token: "",
  username: "",
  password: "",
  tlsCaCertificate: "",
  tlsClientCertificate: "",
  tlsClientKey: "",
};

/** Stand-ins for a Docker daemon's ca.pem, cert.pem and key.pem (never shown). */
const pem = (kind: string) => `-----BEGIN ${kind}-----\nMIIB…\n-----END ${kind}-----\n`;

/** An event with the server it belongs to. */
export interface MockEvent {
  serverId: string;
  event: ServerEvent;
}

export interface InfraData {
  servers: Server[];
  state: Map<string, MockServerState>;
  filesystems: Map<string, MockFilesystem[]>;
  connections: Connection[];
  credentials: Map<string, MockCredentials>;
  datasources: Datasource[];
  containers: Container[];
  /** Every server's events, newest first. */
  events: MockEvent[];
  /** Machines each connection sees that no server is linked to yet. */
  undiscovered: Map<string, DiscoveredServer[]>;
  thresholds: HealthThresholds;
}

/** A small deterministic random generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** hash turns an id into a seed. */
export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

interface ServerSpec {
  name: string;
  provider: ProviderKind;
  kind: ServerKind;
  location: string;
  ip: string;
  cores: number;
  memoryGiB: number;
  diskGiB: number;
  parent?: string;
  status?: string;
  /** Current usage in percent; undefined: no metrics. */
  cpu?: number;
  mem?: number;
  disk?: number;
  /** Network in and out in kB/s. */
  net?: [number, number];
  /** Datasources: [connection id, external id]. */
  sources: [string, string][];
  notes?: string;
  syncFailures?: number;
  /** Minutes since the last sample (stale metrics). */
  staleMinutes?: number;
  ageDays: number;
  assignments?: MockAssignment[];
}

const pve = "conn_pve_fsn";
const pveNbg = "conn_pve_nbg";
const hetzner = "conn_hetzner";
const beszel = "conn_beszel";
const dockerWeb = "conn_docker_web";
const dockerLegacy = "conn_docker_legacy";

const vm = (
  name: string,
  parent: string,
  vmid: number,
  extra: Partial<ServerSpec> & Pick<ServerSpec, "ip" | "cores" | "memoryGiB" | "diskGiB">,
): ServerSpec => {
  const node = parent;
  const conn = parent.includes("nbg") ? pveNbg : pve;
  return {
    name,
    provider: ProviderKind.PROXMOX,
    kind: ServerKind.VM,
    location: parent.includes("nbg") ? "nbg1" : "fsn1",
    parent,
    sources: [[conn, `qemu/${node}/${vmid}`]],
    ageDays: 200,
    ...extra,
  };
};

const cloud = (
  name: string,
  id: number,
  extra: Partial<ServerSpec> & Pick<ServerSpec, "ip" | "cores" | "memoryGiB" | "diskGiB">,
): ServerSpec => ({
  name,
  provider: ProviderKind.HETZNER,
  kind: ServerKind.CLOUD,
  location: name.split("-")[1]?.replace(/\d+$/, "1") ?? "fsn1",
  sources: [[hetzner, String(id)]],
  ageDays: 120,
  ...extra,
});

const specs: ServerSpec[] = [
  // Proxmox hosts and their VMs.
  {
    name: "pve-fsn1-01",
    provider: ProviderKind.PROXMOX,
    kind: ServerKind.HOST,
    location: "fsn1",
    ip: "10.10.0.11",
    cores: 64,
    memoryGiB: 512,
    diskGiB: 7680,
    cpu: 41,
    mem: 67,
    disk: 58,
    net: [18_400, 22_100],
    sources: [
      [pve, "node/pve-fsn1-01"],
      [beszel, "b7x2k9q4mzt1"],
    ],
    notes: "Dell R7525, rack F12 U20–21. Firmware updated 2026-02.",
    ageDays: 420,
  },
  {
    name: "pve-fsn1-02",
    provider: ProviderKind.PROXMOX,
    kind: ServerKind.HOST,
    location: "fsn1",
    ip: "10.10.0.12",
    cores: 48,
    memoryGiB: 384,
    diskGiB: 3840,
    cpu: 28,
    mem: 74,
    disk: 83,
    net: [9_800, 7_600],
    sources: [[pve, "node/pve-fsn1-02"]],
    ageDays: 380,
  },
  {
    name: "pve-nbg1-01",
    provider: ProviderKind.PROXMOX,
    kind: ServerKind.HOST,
    location: "nbg1",
    ip: "10.20.0.10",
    cores: 32,
    memoryGiB: 256,
    diskGiB: 1920,
    cpu: 19,
    mem: 52,
    disk: 47,
    net: [2_900, 3_300],
    sources: [[pveNbg, "node/pve-nbg1-01"]],
    ageDays: 700,
  },
  vm("db-fsn1-01", "pve-fsn1-01", 101, {
    ip: "10.10.1.11",
    cores: 16,
    memoryGiB: 128,
    diskGiB: 2048,
    cpu: 36,
    mem: 88,
    disk: 61,
    net: [4_100, 6_800],
    assignments: [{ organizationId: "org_0002", workspaceId: "" }],
  }),
  vm("db-fsn1-02", "pve-fsn1-01", 102, {
    ip: "10.10.1.12",
    cores: 16,
    memoryGiB: 128,
    diskGiB: 2048,
    cpu: 22,
    mem: 71,
    disk: 59,
    net: [1_200, 900],
  }),
  vm("web-fsn1-01", "pve-fsn1-01", 103, {
    ip: "10.10.1.21",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 200,
    cpu: 47,
    mem: 63,
    disk: 44,
    net: [6_200, 14_900],
    sources: [
      [pve, "qemu/pve-fsn1-01/103"],
      [dockerWeb, "engine:web-fsn1-01"],
      [beszel, "k3p8w1n6xq0d"],
    ],
    assignments: [
      { organizationId: "org_0002", workspaceId: "" },
      { organizationId: "org_0003", workspaceId: "ws_2_0" },
    ],
  }),
  vm("web-fsn1-02", "pve-fsn1-01", 104, {
    ip: "10.10.1.22",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 200,
    cpu: 44,
    mem: 58,
    disk: 41,
    net: [5_900, 13_100],
  }),
  vm("mail-fsn1-01", "pve-fsn1-01", 105, {
    ip: "10.10.1.31",
    cores: 4,
    memoryGiB: 16,
    diskGiB: 500,
    cpu: 12,
    mem: 49,
    disk: 72,
    net: [800, 650],
  }),
  vm("ci-runner-fsn1-01", "pve-fsn1-01", 106, {
    ip: "10.10.1.41",
    cores: 16,
    memoryGiB: 32,
    diskGiB: 300,
    cpu: 91,
    mem: 62,
    disk: 55,
    net: [12_300, 2_100],
  }),
  vm("app-fsn1-01", "pve-fsn1-02", 201, {
    ip: "10.10.2.11",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 160,
    cpu: 33,
    mem: 57,
    disk: 38,
    net: [3_100, 4_200],
    sources: [
      [pve, "qemu/pve-fsn1-02/201"],
      [beszel, "r9c4m2v8h1ls"],
    ],
  }),
  vm("app-fsn1-02", "pve-fsn1-02", 202, {
    ip: "10.10.2.12",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 160,
    cpu: 31,
    mem: 55,
    disk: 37,
    net: [2_900, 3_800],
  }),
  vm("monitoring-fsn1-01", "pve-fsn1-02", 203, {
    ip: "10.10.2.21",
    cores: 4,
    memoryGiB: 16,
    diskGiB: 1000,
    cpu: 18,
    mem: 81,
    disk: 64,
    net: [7_700, 1_100],
  }),
  vm("backup-fsn1-01", "pve-fsn1-02", 204, {
    ip: "10.10.2.31",
    cores: 4,
    memoryGiB: 8,
    diskGiB: 4000,
    cpu: 9,
    mem: 38,
    disk: 93,
    net: [21_000, 400],
  }),
  vm("legacy-nbg1-01", "pve-nbg1-01", 301, {
    ip: "10.20.3.5",
    cores: 4,
    memoryGiB: 16,
    diskGiB: 250,
    cpu: 24,
    mem: 66,
    disk: 71,
    net: [700, 1_900],
    sources: [
      [pveNbg, "qemu/pve-nbg1-01/301"],
      [dockerLegacy, "engine:legacy-nbg1-01"],
    ],
    syncFailures: 6,
    notes: "Old PHP shop of a customer; to be migrated by Q3.",
  }),
  vm("dns-nbg1-01", "pve-nbg1-01", 302, {
    ip: "10.20.3.11",
    cores: 2,
    memoryGiB: 4,
    diskGiB: 40,
    cpu: 4,
    mem: 31,
    disk: 22,
    net: [150, 160],
  }),
  vm("vpn-nbg1-01", "pve-nbg1-01", 303, {
    ip: "10.20.3.21",
    cores: 2,
    memoryGiB: 4,
    diskGiB: 40,
    status: "stopped",
    net: [0, 0],
  }),
  // Hetzner Cloud.
  cloud("web-hel1-01", 48213301, {
    ip: "95.217.14.21",
    cores: 4,
    memoryGiB: 16,
    diskGiB: 160,
    cpu: 38,
    mem: 61,
    disk: 47,
    net: [4_400, 11_800],
    sources: [
      [hetzner, "48213301"],
      [beszel, "h2d7z5u3ye9a"],
    ],
  }),
  cloud("web-hel1-02", 48213302, {
    ip: "95.217.14.22",
    cores: 4,
    memoryGiB: 16,
    diskGiB: 160,
    cpu: 35,
    mem: 60,
    disk: 46,
    net: [4_100, 11_200],
  }),
  cloud("api-fsn1-01", 48213311, {
    ip: "49.12.105.31",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 240,
    cpu: 52,
    mem: 69,
    disk: 33,
    net: [8_800, 9_600],
    assignments: [{ organizationId: "org_0003", workspaceId: "ws_2_0" }],
  }),
  cloud("api-fsn1-02", 48213312, {
    ip: "49.12.105.32",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 240,
    cpu: 83,
    mem: 72,
    disk: 35,
    net: [9_100, 9_900],
  }),
  cloud("api-fsn1-03", 48213313, {
    ip: "49.12.105.33",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 240,
    cpu: 49,
    mem: 70,
    disk: 34,
    net: [8_500, 9_100],
  }),
  cloud("cache-nbg1-01", 48213321, {
    ip: "168.119.7.41",
    cores: 4,
    memoryGiB: 32,
    diskGiB: 80,
    cpu: 17,
    mem: 78,
    disk: 12,
    net: [15_600, 16_900],
  }),
  cloud("queue-nbg1-01", 48213322, {
    ip: "168.119.7.42",
    cores: 2,
    memoryGiB: 8,
    diskGiB: 80,
    cpu: 26,
    mem: 48,
    disk: 29,
    net: [1_400, 1_300],
  }),
  cloud("search-hel1-01", 48213331, {
    ip: "95.217.30.7",
    cores: 8,
    memoryGiB: 64,
    diskGiB: 360,
    cpu: 64,
    mem: 96,
    disk: 77,
    net: [3_300, 2_800],
  }),
  cloud("staging-fsn1-01", 48213341, {
    ip: "49.12.200.11",
    cores: 4,
    memoryGiB: 8,
    diskGiB: 160,
    cpu: 8,
    mem: 42,
    disk: 52,
    net: [300, 500],
    assignments: [{ organizationId: "org_0003", workspaceId: "ws_2_1" }],
  }),
  cloud("lb-fsn1-01", 48213351, {
    ip: "49.12.200.2",
    cores: 2,
    memoryGiB: 4,
    diskGiB: 40,
    cpu: 21,
    mem: 35,
    disk: 18,
    net: [38_000, 41_000],
  }),
  cloud("storage-ash-01", 48213361, {
    location: "ash",
    ip: "5.161.44.90",
    cores: 4,
    memoryGiB: 16,
    diskGiB: 10240,
    cpu: 11,
    mem: 40,
    disk: 86,
    net: [2_200, 9_400],
  }),
  // Machines Beszel watches.
  ...(
    [
      ["edge-ber-01", "ber", "185.12.64.11", "p0a8s7d6f5g4", 27, 57, 41],
      ["edge-muc-01", "muc", "185.12.64.12", "z9x8c7v6b5n4", 31, 62, 45],
      ["edge-ham-01", "ham", "185.12.64.13", "q1w2e3r4t5y6", 24, 54, 39],
      ["edge-fra-01", "fra", "185.12.64.14", "m5n6b7v8c9x0", 29, 59, 43],
    ] as const
  ).map(([name, location, ip, id, cpu, mem, disk], i): ServerSpec => ({
    name,
    provider: ProviderKind.BESZEL,
    kind: ServerKind.MONITORED,
    location,
    ip,
    cores: 4,
    memoryGiB: 8,
    diskGiB: 120,
    cpu,
    mem,
    disk,
    net: [5_000 + i * 700, 8_000 + i * 900],
    sources: [[beszel, id]],
    staleMinutes: name === "edge-fra-01" ? 47 : undefined,
    ageDays: 90,
  })),
  // Entered by hand: no datasource.
  {
    name: "colo-fra-01",
    provider: ProviderKind.OTHER,
    kind: ServerKind.HOST,
    location: "fra",
    ip: "212.83.40.10",
    cores: 24,
    memoryGiB: 128,
    diskGiB: 3840,
    sources: [],
    notes: "Colocation at Equinix FR5, cage 3. Contract until 2027-06.",
    ageDays: 900,
  },
  {
    name: "colo-fra-02",
    provider: ProviderKind.OTHER,
    kind: ServerKind.HOST,
    location: "fra",
    ip: "212.83.40.11",
    cores: 24,
    memoryGiB: 128,
    diskGiB: 3840,
    sources: [],
    ageDays: 900,
  },
  {
    name: "gitlab-fsn1-01",
    provider: ProviderKind.OTHER,
    kind: ServerKind.CLOUD,
    location: "fsn1",
    ip: "49.12.88.5",
    cores: 8,
    memoryGiB: 32,
    diskGiB: 500,
    sources: [],
    notes: "Entered by hand before the Hetzner connection existed.",
    ageDays: 600,
  },
];

interface ContainerSpec {
  server: string;
  name: string;
  image: string;
  status: ContainerStatus;
  health: ContainerHealth;
  source: ProviderKind;
  cpu?: number;
  memMiB?: number;
  limitMiB?: number;
  net?: [number, number];
  restarts?: number;
  startedHoursAgo?: number;
  goneDaysAgo?: number;
}

const { RUNNING, STOPPED, PAUSED, EXITED } = ContainerStatus;
const { NONE, STARTING, HEALTHY, UNHEALTHY } = ContainerHealth;
const D = ProviderKind.DOCKER;
const B = ProviderKind.BESZEL;
const P = ProviderKind.PROXMOX;

const containerSpecs: ContainerSpec[] = [
  // web-fsn1-01: a Docker Engine controls them (Beszel watches too).
  {
    server: "web-fsn1-01",
    name: "nginx",
    image: "nginx:1.27",
    status: RUNNING,
    health: HEALTHY,
    source: D,
    cpu: 3.2,
    memMiB: 48,
    limitMiB: 512,
    net: [4_800, 12_900],
    startedHoursAgo: 310,
  },
  {
    server: "web-fsn1-01",
    name: "shop-app",
    image: "ghcr.io/acme/shop:2.14.0",
    status: RUNNING,
    health: HEALTHY,
    source: D,
    cpu: 21.5,
    memMiB: 1_380,
    limitMiB: 4_096,
    net: [2_100, 3_400],
    startedHoursAgo: 52,
  },
  {
    server: "web-fsn1-01",
    name: "shop-worker",
    image: "ghcr.io/acme/shop:2.14.0",
    status: RUNNING,
    health: NONE,
    source: D,
    cpu: 11.8,
    memMiB: 612,
    limitMiB: 2_048,
    net: [300, 180],
    restarts: 3,
    startedHoursAgo: 6,
  },
  {
    server: "web-fsn1-01",
    name: "redis",
    image: "redis:7.4-alpine",
    status: RUNNING,
    health: HEALTHY,
    source: D,
    cpu: 1.4,
    memMiB: 220,
    limitMiB: 1_024,
    net: [900, 850],
    startedHoursAgo: 310,
  },
  {
    server: "web-fsn1-01",
    name: "postgres",
    image: "postgres:16.6",
    status: RUNNING,
    health: HEALTHY,
    source: D,
    cpu: 6.7,
    memMiB: 2_950,
    limitMiB: 8_192,
    net: [1_300, 2_200],
    startedHoursAgo: 310,
  },
  {
    server: "web-fsn1-01",
    name: "metabase",
    image: "metabase/metabase:v0.50.3",
    status: RUNNING,
    health: UNHEALTHY,
    source: D,
    cpu: 48.2,
    memMiB: 1_930,
    limitMiB: 2_048,
    net: [120, 90],
    restarts: 12,
    startedHoursAgo: 1,
  },
  {
    server: "web-fsn1-01",
    name: "certbot",
    image: "certbot/certbot:v2.11.0",
    status: EXITED,
    health: NONE,
    source: D,
    startedHoursAgo: 20,
  },
  {
    server: "web-fsn1-01",
    name: "legacy-cron",
    image: "alpine:3.19",
    status: EXITED,
    health: NONE,
    source: D,
    startedHoursAgo: 200,
    goneDaysAgo: 3,
  },
  // legacy-nbg1-01: its Docker connection fails, so actions fail.
  {
    server: "legacy-nbg1-01",
    name: "legacy-php",
    image: "php:7.4-apache",
    status: RUNNING,
    health: NONE,
    source: D,
    cpu: 8.1,
    memMiB: 410,
    limitMiB: 1_024,
    net: [600, 1_700],
    startedHoursAgo: 1_900,
  },
  {
    server: "legacy-nbg1-01",
    name: "mysql",
    image: "mysql:5.7",
    status: EXITED,
    health: NONE,
    source: D,
    startedHoursAgo: 30,
  },
  // Only Beszel reports these: they cannot be controlled.
  {
    server: "edge-ber-01",
    name: "traefik",
    image: "traefik:v3.2",
    status: RUNNING,
    health: HEALTHY,
    source: B,
    cpu: 4.4,
    memMiB: 96,
    net: [3_900, 6_100],
    startedHoursAgo: 800,
  },
  {
    server: "edge-ber-01",
    name: "crowdsec",
    image: "crowdsecurity/crowdsec:v1.6.4",
    status: RUNNING,
    health: UNHEALTHY,
    source: B,
    cpu: 2.2,
    memMiB: 180,
    net: [40, 25],
    restarts: 4,
    startedHoursAgo: 9,
  },
  {
    server: "edge-ber-01",
    name: "node-exporter",
    image: "prom/node-exporter:v1.8.2",
    status: RUNNING,
    health: NONE,
    source: B,
    cpu: 0.6,
    memMiB: 18,
    net: [12, 30],
    startedHoursAgo: 800,
  },
  {
    server: "edge-muc-01",
    name: "traefik",
    image: "traefik:v3.2",
    status: RUNNING,
    health: HEALTHY,
    source: B,
    cpu: 5.1,
    memMiB: 104,
    net: [4_300, 6_700],
    startedHoursAgo: 640,
  },
  {
    server: "edge-muc-01",
    name: "minio",
    image: "minio/minio:RELEASE.2024-11-07",
    status: PAUSED,
    health: NONE,
    source: B,
    startedHoursAgo: 640,
  },
  {
    server: "edge-ham-01",
    name: "traefik",
    image: "traefik:v3.2",
    status: RUNNING,
    health: STARTING,
    source: B,
    cpu: 7.9,
    memMiB: 88,
    net: [3_100, 5_800],
    startedHoursAgo: 0.05,
  },
  {
    server: "app-fsn1-01",
    name: "api",
    image: "ghcr.io/fjord/api:5.2.1",
    status: RUNNING,
    health: HEALTHY,
    source: B,
    cpu: 18.3,
    memMiB: 890,
    net: [2_200, 2_900],
    startedHoursAgo: 70,
  },
  {
    server: "app-fsn1-01",
    name: "sidekiq",
    image: "ghcr.io/fjord/api:5.2.1",
    status: RUNNING,
    health: NONE,
    source: B,
    cpu: 9.6,
    memMiB: 640,
    net: [400, 380],
    startedHoursAgo: 70,
  },
  {
    server: "web-hel1-01",
    name: "app",
    image: "ghcr.io/nordlicht/site:1.9.0",
    status: RUNNING,
    health: HEALTHY,
    source: B,
    cpu: 12.1,
    memMiB: 520,
    net: [3_800, 10_900],
    startedHoursAgo: 150,
  },
  // LXC guests on a Proxmox host.
  {
    server: "pve-fsn1-02",
    name: "ct-110-pihole",
    image: "debian-12-standard",
    status: RUNNING,
    health: NONE,
    source: P,
    cpu: 1.1,
    memMiB: 140,
    limitMiB: 512,
    net: [220, 260],
    startedHoursAgo: 1_200,
  },
  {
    server: "pve-fsn1-02",
    name: "ct-111-unifi",
    image: "ubuntu-24.04-standard",
    status: STOPPED,
    health: NONE,
    source: P,
    startedHoursAgo: 400,
  },
  {
    server: "pve-fsn1-01",
    name: "ct-120-grafana",
    image: "debian-12-standard",
    status: RUNNING,
    health: NONE,
    source: P,
    cpu: 2.7,
    memMiB: 310,
    limitMiB: 1_024,
    net: [520, 1_900],
    startedHoursAgo: 900,
  },
];

/** Machines a connection sees that are not linked yet. */
const undiscoveredSpecs: Record<string, MessageInitShape<typeof DiscoveredServerSchema>[]> = {
  [hetzner]: [
    {
      externalId: "48213371",
      name: "api-fsn1-04",
      kind: ServerKind.CLOUD,
      parentExternalId: "",
      location: "fsn1",
      ipAddress: "49.12.105.34",
      specs: { cores: 8, memoryBytes: BigInt(32 * GiB), diskBytes: BigInt(240 * GiB) },
      status: "running",
      matchingServerId: "",
    },
    {
      externalId: "48213372",
      name: "staging-hel1-02",
      kind: ServerKind.CLOUD,
      parentExternalId: "",
      location: "hel1",
      ipAddress: "95.217.88.12",
      specs: { cores: 2, memoryBytes: BigInt(4 * GiB), diskBytes: BigInt(40 * GiB) },
      status: "off",
      matchingServerId: "",
    },
    {
      externalId: "48213373",
      name: "gitlab-fsn1-01",
      kind: ServerKind.CLOUD,
      parentExternalId: "",
      location: "fsn1",
      ipAddress: "49.12.88.5",
      specs: { cores: 8, memoryBytes: BigInt(32 * GiB), diskBytes: BigInt(500 * GiB) },
      status: "running",
      matchingServerId: "",
    },
  ],
  [pve]: [
    {
      externalId: "qemu/pve-fsn1-01/120",
      name: "test-vm-fsn1-01",
      kind: ServerKind.VM,
      parentExternalId: "node/pve-fsn1-01",
      location: "fsn1",
      ipAddress: "10.10.1.120",
      specs: { cores: 2, memoryBytes: BigInt(4 * GiB), diskBytes: BigInt(32 * GiB) },
      status: "running",
      matchingServerId: "",
    },
  ],
  [beszel]: [
    {
      externalId: "s5t6u7v8w9x0",
      name: "edge-stg-01",
      kind: ServerKind.MONITORED,
      parentExternalId: "",
      location: "",
      ipAddress: "185.12.64.20",
      specs: { cores: 2, memoryBytes: BigInt(4 * GiB), diskBytes: BigInt(60 * GiB) },
      status: "up",
      matchingServerId: "",
    },
  ],
};

const connectionSpecs: {
  id: string;
  name: string;
  kind: ProviderKind;
  endpoint: string;
  insecure?: boolean;
  monitoringOnly?: boolean;
  credentials: MockCredentials;
  version: string;
  failing?: string;
  failures?: number;
  syncMs: number;
  ageDays: number;
}[] = [
  {
    id: pve,
    name: "Proxmox Falkenstein",
    kind: ProviderKind.PROXMOX,
    endpoint: "https://pve-fsn1-01.infra.example.net:8006",
    insecure: true,
    credentials: { ...noCredentials, token: "leitstand@pve!sync=8c1f…" },
    version: "pve-manager/8.3.2",
    syncMs: 840,
    ageDays: 420,
  },
  {
    id: pveNbg,
    name: "Proxmox Nürnberg",
    kind: ProviderKind.PROXMOX,
    endpoint: "https://10.20.0.10:8006",
    insecure: true,
    // A read-only token (PVEAuditor): the connection only monitors.
    monitoringOnly: true,
    credentials: { ...noCredentials, token: "leitstand@pve!audit=2b77…" },
    version: "pve-manager/8.2.7",
    syncMs: 610,
    ageDays: 380,
  },
  {
    id: hetzner,
    name: "Hetzner Cloud",
    kind: ProviderKind.HETZNER,
    endpoint: "",
    credentials: { ...noCredentials, token: "hcloud-token" },
    version: "",
    syncMs: 1_270,
    ageDays: 300,
  },
  {
    id: beszel,
    name: "Beszel Hub",
    kind: ProviderKind.BESZEL,
    endpoint: "https://beszel.infra.example.net",
    credentials: { ...noCredentials, username: "leitstand@example.net", password: "secret" },
    version: "0.9.1",
    syncMs: 390,
    ageDays: 200,
  },
  {
    id: dockerWeb,
    name: "Docker web-fsn1-01",
    kind: ProviderKind.DOCKER,
    endpoint: "tcp://10.10.1.21:2375",
    credentials: noCredentials,
    version: "27.4.1",
    syncMs: 180,
    ageDays: 150,
  },
  {
    id: dockerLegacy,
    name: "Docker legacy-nbg1-01",
    kind: ProviderKind.DOCKER,
    endpoint: "https://10.20.3.5:2376",
    // A daemon run with --tlsverify: its CA, and a client certificate it signed.
    credentials: {
      ...noCredentials,
      tlsCaCertificate: pem("CERTIFICATE"),
      tlsClientCertificate: pem("CERTIFICATE"),
      tlsClientKey: pem("PRIVATE KEY"),
    },
    version: "20.10.24",
    failing: "dial tcp 10.20.3.5:2376: connect: connection refused",
    failures: 6,
    syncMs: 5_000,
    ageDays: 500,
  },
];

export const defaultThresholds = {
  cpuWarningPercent: 80,
  cpuCriticalPercent: 95,
  memoryWarningPercent: 85,
  memoryCriticalPercent: 95,
  diskWarningPercent: 80,
  diskCriticalPercent: 90,
  syncFailuresCritical: 3,
  staleAfterMinutes: 10,
};

/** credentialsSet names the stored secrets, as the API reports them. */
export function credentialsSet(c: MockCredentials): string[] {
  return (
    [
      ["token", c.token],
      ["username", c.username],
      ["password", c.password],
      ["tls_ca_certificate", c.tlsCaCertificate],
      ["tls_client_certificate", c.tlsClientCertificate],
      ["tls_client_key", c.tlsClientKey],
    ] as const
  )
    .filter(([, value]) => value !== "")
    .map(([name]) => name);
}

/**
 * assess decides a server's health from its state the way the server does:
 * unknown without a datasource or with stale figures, critical when down, a
 * measure at or above its critical threshold, or the sync failing for long.
 */
export function assess(
  server: Server,
  state: MockServerState,
  t: HealthThresholds,
  filesystems: MockFilesystem[],
  now: Date,
): { health: ServerHealth; reasons: string[] } {
  const sync = server.sync?.status ?? SyncStatus.NEVER;
  const failures = server.sync?.consecutiveFailures ?? 0;
  if (sync === SyncStatus.NEVER) {
    return { health: ServerHealth.UNKNOWN, reasons: ["no datasource has reported on it yet"] };
  }
  if (sync === SyncStatus.FAILING && failures >= t.syncFailuresCritical) {
    return { health: ServerHealth.CRITICAL, reasons: [`sync failed ${failures} times in a row`] };
  }
  const warn: string[] = [];
  const crit: string[] = [];
  if (sync === SyncStatus.FAILING) warn.push("the last sync failed");
  if (!state.up) crit.push(`status ${server.status || "down"}`);
  const fresh =
    state.sampleTime !== undefined &&
    now.getTime() - state.sampleTime.getTime() <= t.staleAfterMinutes * minute;
  const u = server.usage;
  if (state.up && fresh && u) {
    const check = (name: string, pct: number, w: number, c: number) => {
      if (pct >= c) crit.push(`${name} ${Math.round(pct)} % ≥ ${c} %`);
      else if (pct >= w) warn.push(`${name} ${Math.round(pct)} % ≥ ${w} %`);
    };
    check("CPU", u.cpuPercent, t.cpuWarningPercent, t.cpuCriticalPercent);
    if (u.memoryTotalBytes > 0n) {
      check(
        "memory",
        (Number(u.memoryUsedBytes) * 100) / Number(u.memoryTotalBytes),
        t.memoryWarningPercent,
        t.memoryCriticalPercent,
      );
    }
    let disk = { name: "disk", pct: -1 };
    if (u.diskTotalBytes > 0n) {
      disk = { name: "disk", pct: (Number(u.diskUsedBytes) * 100) / Number(u.diskTotalBytes) };
    }
    for (const f of filesystems) {
      const pct = (Number(f.usedBytes) * 100) / Number(f.totalBytes);
      if (f.totalBytes > 0n && pct > disk.pct) disk = { name: `disk ${f.name}`, pct };
    }
    if (disk.pct >= 0) check(disk.name, disk.pct, t.diskWarningPercent, t.diskCriticalPercent);
  }
  if (crit.length > 0) return { health: ServerHealth.CRITICAL, reasons: [...crit, ...warn] };
  if (state.up && state.sampleTime && !fresh && sync === SyncStatus.OK) {
    return {
      health: ServerHealth.UNKNOWN,
      reasons: [`no metrics for ${t.staleAfterMinutes} minutes`],
    };
  }
  if (warn.length > 0) return { health: ServerHealth.WARNING, reasons: warn };
  return { health: ServerHealth.HEALTHY, reasons: [] };
}

export function demoInfra(now: Date, operator: { id: string; email: string }): InfraData {
  const ts = (d: Date) => timestampFromDate(d);
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const thresholds = create(HealthThresholdsSchema, defaultThresholds);
  const ids = new Map(specs.map((s, i) => [s.name, `srv_${String(i + 1).padStart(4, "0")}`]));
  const connectionNames = new Map(connectionSpecs.map((c) => [c.id, c]));

  const connections: Connection[] = [];
  const credentials = new Map<string, MockCredentials>();
  for (const c of connectionSpecs) {
    credentials.set(c.id, c.credentials);
    connections.push(
      create(ConnectionSchema, {
        id: c.id,
        name: c.name,
        kind: c.kind,
        endpoint: c.endpoint,
        insecureSkipVerify: c.insecure ?? false,
        monitoringOnly: c.monitoringOnly ?? false,
        credentialsSet: credentialsSet(c.credentials),
        health: c.failing ? ConnectionHealth.FAILING : ConnectionHealth.HEALTHY,
        healthMessage: c.failing ?? "",
        healthTime: ts(ago(40_000)),
        lastSyncTime: ts(ago(c.failing ? (c.failures ?? 1) * minute + 40_000 : 40_000)),
        lastSyncDurationMs: BigInt(c.syncMs),
        consecutiveFailures: c.failures ?? 0,
        providerVersion: c.version,
        createTime: ts(ago(c.ageDays * day)),
        updateTime: ts(ago(Math.min(c.ageDays, 30) * day)),
      }),
    );
  }

  const servers: Server[] = [];
  const state = new Map<string, MockServerState>();
  const filesystems = new Map<string, MockFilesystem[]>();
  const datasources: Datasource[] = [];
  let dsSeq = 0;

  for (const spec of specs) {
    const id = ids.get(spec.name)!;
    const rng = seeded(hash(id));
    const created = ago(spec.ageDays * day + rng() * day);
    const failing = spec.syncFailures ?? 0;
    const hasMetrics = spec.cpu !== undefined;
    const sampleTime = hasMetrics ? ago((spec.staleMinutes ?? 0) * minute + 25_000) : undefined;
    const up = (spec.status ?? "running") === "running";
    const memTotal = spec.memoryGiB * GiB;
    const diskTotal = spec.diskGiB * GiB;
    for (const [connectionId, externalId] of spec.sources) {
      dsSeq += 1;
      const conn = connectionNames.get(connectionId)!;
      datasources.push(
        create(DatasourceSchema, {
          id: `ds_${String(dsSeq).padStart(4, "0")}`,
          serverId: id,
          serverName: spec.name,
          connectionId,
          connectionName: conn.name,
          kind: conn.kind,
          externalId,
          lastSeenTime: ts(ago(conn.failing ? (conn.failures ?? 1) * minute + 40_000 : 40_000)),
          createTime: ts(created),
        }),
      );
    }
    // A datasource the connection stopped reporting.
    if (spec.name === "staging-fsn1-01") {
      dsSeq += 1;
      datasources.push(
        create(DatasourceSchema, {
          id: `ds_${String(dsSeq).padStart(4, "0")}`,
          serverId: id,
          serverName: spec.name,
          connectionId: beszel,
          connectionName: "Beszel Hub",
          kind: ProviderKind.BESZEL,
          externalId: "e4r5t6y7u8i9",
          lastSeenTime: ts(ago(2 * day + 3 * hour)),
          missingSinceTime: ts(ago(2 * day + 2 * hour)),
          createTime: ts(ago(60 * day)),
        }),
      );
    }
    const server = create(ServerSchema, {
      id,
      name: spec.name,
      provider: spec.provider,
      kind: spec.kind,
      location: spec.location,
      ipAddress: spec.ip,
      specs: {
        cores: spec.cores,
        memoryBytes: BigInt(memTotal),
        diskBytes: BigInt(diskTotal),
      },
      parentId: spec.parent ? ids.get(spec.parent) : "",
      status: spec.sources.length > 0 ? (spec.status ?? "running") : "",
      usage: hasMetrics
        ? {
            cpuPercent: spec.cpu! + rng() * 0.9,
            memoryUsedBytes: BigInt(Math.round((memTotal * spec.mem!) / 100)),
            memoryTotalBytes: BigInt(memTotal),
            diskUsedBytes: BigInt(Math.round((diskTotal * spec.disk!) / 100)),
            diskTotalBytes: BigInt(diskTotal),
            networkInBytesPerSecond: (spec.net?.[0] ?? 0) * 1000 * (0.9 + rng() * 0.2),
            networkOutBytesPerSecond: (spec.net?.[1] ?? 0) * 1000 * (0.9 + rng() * 0.2),
            sampleTime: ts(sampleTime!),
          }
        : undefined,
      sync:
        spec.sources.length === 0
          ? { status: SyncStatus.NEVER }
          : failing > 0
            ? {
                status: SyncStatus.FAILING,
                lastSuccessTime: ts(ago(failing * minute + 40_000)),
                lastAttemptTime: ts(ago(40_000)),
                lastError:
                  "Docker legacy-nbg1-01: dial tcp 10.20.3.5:2376: connect: connection refused",
                consecutiveFailures: failing,
              }
            : {
                status: SyncStatus.OK,
                lastSuccessTime: ts(ago(40_000)),
                lastAttemptTime: ts(ago(40_000)),
              },
      datasourceKinds: [...new Set(spec.sources.map(([c]) => connectionNames.get(c)!.kind))],
      notes: spec.notes ?? "",
      createTime: ts(created),
      updateTime: ts(ago(Math.min(spec.ageDays, 20) * day)),
    });
    servers.push(server);
    const fs: MockFilesystem[] = [];
    if (hasMetrics) {
      if (spec.kind === ServerKind.HOST && spec.provider === ProviderKind.PROXMOX) {
        fs.push(
          {
            name: "/",
            usedBytes: BigInt(Math.round(100 * GiB * 0.34)),
            totalBytes: BigInt(100 * GiB),
          },
          {
            name: "local-lvm",
            usedBytes: BigInt(Math.round(diskTotal * 0.6 * (spec.disk! / 100))),
            totalBytes: BigInt(Math.round(diskTotal * 0.6)),
          },
        );
        // The cluster's NFS storage: shared, so Proxmox reports it once, on the first node.
        if (spec.name === "pve-fsn1-01") {
          fs.push({
            name: "backup-nfs",
            usedBytes: BigInt(Math.round(8 * TiB * 0.71)),
            totalBytes: BigInt(8 * TiB),
            shared: true,
          });
        }
      } else if (spec.disk !== undefined) {
        fs.push({
          name: "/",
          usedBytes: BigInt(Math.round((diskTotal * 0.2 * Math.min(95, spec.disk + 8)) / 100)),
          totalBytes: BigInt(Math.round(diskTotal * 0.2)),
        });
        fs.push({
          name: spec.name.startsWith("db-") ? "/var/lib/postgresql" : "/srv",
          usedBytes: BigInt(Math.round((diskTotal * 0.8 * spec.disk) / 100)),
          totalBytes: BigInt(Math.round(diskTotal * 0.8)),
        });
      }
    }
    filesystems.set(id, fs);
    state.set(id, {
      up,
      sampleTime,
      syncFailures: failing,
      assignments: spec.assignments ?? [],
      metricsUntil: failing > 0 ? ago(failing * minute + 40_000) : sampleTime,
      gaps:
        spec.name.startsWith("pve-fsn1-01") || spec.parent === "pve-fsn1-01"
          ? [{ from: ago(29 * hour), to: ago(27 * hour) }]
          : spec.name === "backup-fsn1-01"
            ? [{ from: ago(5 * day), to: ago(4 * day + 10 * hour) }]
            : [],
    });
  }
  // Parent names, after every server exists.
  for (const s of servers) {
    if (s.parentId) s.parentName = servers.find((p) => p.id === s.parentId)?.name ?? "";
  }
  for (const s of servers) {
    const { health, reasons } = assess(
      s,
      state.get(s.id)!,
      thresholds,
      filesystems.get(s.id) ?? [],
      now,
    );
    s.health = health;
    s.healthReasons = reasons;
  }

  const containers: Container[] = containerSpecs.map((c, i) => {
    const serverId = ids.get(c.server)!;
    const running = c.status === RUNNING;
    const controllable =
      !c.goneDaysAgo && (c.source === ProviderKind.DOCKER || c.source === ProviderKind.PROXMOX);
    const started = c.startedHoursAgo !== undefined ? ago(c.startedHoursAgo * hour) : undefined;
    return create(ContainerSchema, {
      id: `ctr_${String(i + 1).padStart(4, "0")}`,
      serverId,
      serverName: c.server,
      name: c.name,
      image: c.image,
      status: c.status,
      health: c.health,
      usage:
        running && c.cpu !== undefined
          ? {
              cpuPercent: c.cpu,
              memoryUsedBytes: BigInt((c.memMiB ?? 0) * 1024 ** 2),
              memoryLimitBytes: BigInt((c.limitMiB ?? 0) * 1024 ** 2),
              networkInBytesPerSecond: (c.net?.[0] ?? 0) * 1000,
              networkOutBytesPerSecond: (c.net?.[1] ?? 0) * 1000,
              sampleTime: ts(ago(25_000)),
            }
          : undefined,
      startTime: started ? ts(started) : undefined,
      restartCount: c.restarts ?? 0,
      firstSeenTime: ts(ago(Math.max(c.startedHoursAgo ?? 0, 400) * hour)),
      lastSeenTime: ts(ago(c.goneDaysAgo ? c.goneDaysAgo * day : 40_000)),
      goneTime: c.goneDaysAgo ? ts(ago(c.goneDaysAgo * day - minute)) : undefined,
      source: c.source,
      controllable,
      controlUnavailableReason: c.goneDaysAgo
        ? "the container is gone"
        : controllable
          ? ""
          : "Beszel only monitors containers; link the server to a Docker or Proxmox connection to control them",
    });
  });

  // The event logs.
  const events: MockEvent[] = [];
  let evSeq = 0;
  const event = (
    serverId: string,
    time: Date,
    kind: ServerEventKind,
    message: string,
    extra: Partial<Pick<ServerEvent, "actorId" | "actorEmail" | "containerId">> = {},
  ) => {
    evSeq += 1;
    events.push({
      serverId,
      event: create(ServerEventSchema, {
        id: `sev_${String(evSeq).padStart(5, "0")}`,
        time: ts(time),
        kind,
        message,
        ...extra,
      }),
    });
  };
  for (const s of servers) {
    const rng = seeded(hash(`${s.id}-events`));
    const created = s.createTime ? new Date(Number(s.createTime.seconds) * 1000) : ago(30 * day);
    event(s.id, created, ServerEventKind.CREATED, `Server ${s.name} created`, {
      actorId: operator.id,
      actorEmail: operator.email,
    });
    if (s.datasourceKinds.length === 0) continue;
    const mine = containers.filter((c) => c.serverId === s.id);
    const count =
      s.name === "pve-fsn1-01" || s.name === "web-fsn1-01" ? 40 : 4 + Math.floor(rng() * 8);
    for (let k = 0; k < count; k++) {
      const time = ago((k + 1) * ((30 * day) / (count + 1)) * (0.7 + rng() * 0.6));
      const pick = Math.floor(rng() * 6);
      const container = mine.length > 0 ? mine[Math.floor(rng() * mine.length)] : undefined;
      if (pick === 0) {
        event(
          s.id,
          time,
          ServerEventKind.SYNC_FAILED,
          `Sync failed: ${s.datasourceKinds.length > 1 ? "Beszel Hub" : "the provider"} did not answer within 10 s`,
        );
        event(
          s.id,
          new Date(time.getTime() + 3 * minute),
          ServerEventKind.SYNC_RECOVERED,
          "Sync recovered after 3 failure(s)",
        );
      } else if (pick === 1) {
        event(
          s.id,
          time,
          ServerEventKind.STATUS_CHANGED,
          `Status changed from running to stopped (${s.provider === ProviderKind.HETZNER ? "Hetzner Cloud" : "Proxmox Falkenstein"})`,
        );
        event(
          s.id,
          new Date(time.getTime() + 6 * minute),
          ServerEventKind.STATUS_CHANGED,
          "Status changed from stopped to running",
        );
      } else if (container && pick === 2) {
        event(
          s.id,
          time,
          ServerEventKind.CONTAINER_CHANGED,
          `Container ${container.name} was restarted by its engine (${1 + Math.floor(rng() * 5)} restart(s) so far)`,
          { containerId: container.id },
        );
      } else if (container && pick === 3) {
        event(
          s.id,
          time,
          ServerEventKind.ACTION,
          `${operator.email} restarted container ${container.name}: deploy of a new config`,
          { actorId: operator.id, actorEmail: operator.email, containerId: container.id },
        );
      } else if (container && pick === 4) {
        event(
          s.id,
          time,
          ServerEventKind.CONTAINER_APPEARED,
          `Container ${container.name} appeared (${container.image})`,
          { containerId: container.id },
        );
      } else if (container) {
        event(
          s.id,
          time,
          ServerEventKind.CONTAINER_CHANGED,
          `Container ${container.name} became unhealthy`,
          { containerId: container.id },
        );
        event(
          s.id,
          new Date(time.getTime() + 4 * minute),
          ServerEventKind.CONTAINER_CHANGED,
          `Container ${container.name} is healthy again`,
          { containerId: container.id },
        );
      } else {
        event(
          s.id,
          time,
          ServerEventKind.SYNC_FAILED,
          "Sync failed: the provider did not answer within 10 s",
        );
      }
    }
  }
  // Recent, notable events.
  const byName = (name: string) => ids.get(name)!;
  event(
    byName("legacy-nbg1-01"),
    ago(6 * minute + 40_000),
    ServerEventKind.SYNC_FAILED,
    "Sync failed: Docker legacy-nbg1-01: dial tcp 10.20.3.5:2376: connect: connection refused",
  );
  event(
    byName("vpn-nbg1-01"),
    ago(3 * hour),
    ServerEventKind.STATUS_CHANGED,
    "Status changed from running to stopped (Proxmox Nürnberg)",
  );
  event(
    byName("staging-fsn1-01"),
    ago(2 * day + 2 * hour),
    ServerEventKind.MISSING,
    "Connection Beszel Hub no longer reports this server (id e4r5t6y7u8i9): deleted or moved at the provider?",
  );
  const metabase = containers.find((c) => c.name === "metabase")!;
  event(
    metabase.serverId,
    ago(50 * minute),
    ServerEventKind.CONTAINER_CHANGED,
    "Container metabase became unhealthy",
    { containerId: metabase.id },
  );
  const gone = containers.find((c) => c.name === "legacy-cron")!;
  event(
    gone.serverId,
    ago(3 * day),
    ServerEventKind.CONTAINER_GONE,
    "Container legacy-cron is gone",
    { containerId: gone.id },
  );
  events.sort((a, b) => Number(b.event.time!.seconds - a.event.time!.seconds));
  const undiscovered = new Map<string, DiscoveredServer[]>();
  for (const [connectionId, list] of Object.entries(undiscoveredSpecs)) {
    undiscovered.set(
      connectionId,
      list.map((d) =>
        create(DiscoveredServerSchema, {
          ...d,
          matchingServerId: servers.find((s) => s.name === d.name)?.id ?? "",
        }),
      ),
    );
  }
  return {
    servers,
    state,
    filesystems,
    connections,
    credentials,
    datasources,
    containers,
    events,
    undiscovered,
    thresholds,
  };
}

/**
 * metricAt is a measure of a server or container at a moment: its current
 * value shaped by a daily curve (busy in the afternoon, quiet at night)
 * with some noise. kind selects the shape: CPU and network swing, memory
 * barely, disk grows slowly.
 */
export function metricAt(
  id: string,
  measure: "cpu" | "mem" | "disk" | "in" | "out",
  current: number,
  time: number,
  now: number,
): number {
  const hourOfDay = ((time / hour) % 24) + 1; // UTC+1
  const daily = Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI); // peak around 15:00
  const noise = seeded(hash(`${id}-${measure}`) ^ Math.floor(time / minute))() - 0.5;
  switch (measure) {
    case "cpu":
      return Math.min(100, Math.max(0.5, current * (0.72 + 0.38 * daily) + noise * current * 0.25));
    case "in":
    case "out":
      return Math.max(0, current * (0.55 + 0.6 * daily) + noise * current * 0.3);
    case "mem":
      return Math.min(100, Math.max(1, current * (0.95 + 0.05 * daily) + noise * 2));
    case "disk":
      return Math.min(100, Math.max(1, current - ((now - time) / day) * 0.15 + noise * 0.2));
  }
}
