/**
 * ServerService, ConnectionService and ContainerService of the in-memory
 * API, on the data of infra-data.ts. They check permissions, validate like
 * the server (field paths and messages of its own checks), keep the audit
 * trail and the servers' event logs, and refuse what the server refuses
 * (FailedPrecondition) with its wording.
 */
import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  ConnectionHealth,
  ConnectionSchema,
  ConnectionService,
  type Connection,
  type ConnectionSettings,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import {
  ContainerSchema,
  ContainerService,
  type Container,
} from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import {
  ContainerHealth,
  ContainerStatus,
  MetricsRange,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import type {
  Organization,
  Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  DatasourceSchema,
  ServerAssignmentSchema,
  ServerEventKind,
  ServerEventSchema,
  ServerHealth,
  ServerKind,
  ServerSchema,
  ServerService,
  SyncStatus,
  type Server,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import {
  assess,
  credentialsSet,
  metricAt,
  noCredentials,
  seeded,
  hash,
  type InfraData,
  type MockCredentials,
} from "./infra-data";
import { invalid, notFound, page } from "./util";

export interface InfraContext {
  data: InfraData;
  organizations: () => Organization[];
  workspaces: () => Workspace[];
  authorize: (permission: Permission) => Caller;
  record: (
    caller: Caller,
    action: string,
    targetType: string,
    targetId: string,
    reason: string,
    before: unknown,
    after: unknown,
  ) => void;
}

const minute = 60_000;
const ranges: Record<MetricsRange, { width: number; count: number }> = {
  [MetricsRange.UNSPECIFIED]: { width: 60, count: 60 },
  [MetricsRange.HOUR]: { width: 60, count: 60 },
  [MetricsRange.DAY]: { width: 600, count: 144 },
  [MetricsRange.WEEK]: { width: 3600, count: 168 },
  [MetricsRange.MONTH]: { width: 21600, count: 120 },
};

/** The update-mask paths the server accepts. */
const serverPaths = [
  "name",
  "location",
  "ip_address",
  "specs",
  "specs.cores",
  "specs.memory_bytes",
  "specs.disk_bytes",
  "parent_id",
  "notes",
];
const connectionPaths = [
  "name",
  "endpoint",
  "insecure_skip_verify",
  "monitoring_only",
  "credentials",
];

const kindTitle: Record<ProviderKind, string> = {
  [ProviderKind.UNSPECIFIED]: "",
  [ProviderKind.PROXMOX]: "Proxmox",
  [ProviderKind.BESZEL]: "Beszel",
  [ProviderKind.HETZNER]: "Hetzner",
  [ProviderKind.DOCKER]: "Docker",
  [ProviderKind.OTHER]: "Other",
};

const isIp = (value: string) =>
  /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(value) ||
  (value.includes(":") && /^[0-9a-fA-F:.]+$/.test(value));

export function infraRoutes(router: ConnectRouter, ctx: InfraContext) {
  const { data, authorize, record } = ctx;
  const now = () => new Date();
  const ts = (d: Date = now()): Timestamp => timestampFromDate(d);
  const millis = (t?: Timestamp) => (t ? timestampDate(t).getTime() : 0);
  let serverSeq = data.servers.length;
  let connectionSeq = data.connections.length;
  let datasourceSeq = data.datasources.length;
  let eventSeq = data.events.length;

  const findServer = (id: string) => {
    const s = data.servers.find((x) => x.id === id);
    if (!s) throw notFound(`server ${id}`);
    return s;
  };
  const findConnection = (id: string) => {
    const c = data.connections.find((x) => x.id === id);
    if (!c) throw notFound(`connection ${id}`);
    return c;
  };
  const findContainer = (id: string) => {
    const c = data.containers.find((x) => x.id === id);
    if (!c) throw notFound(`container ${id}`);
    return c;
  };

  const event = (
    serverId: string,
    kind: ServerEventKind,
    message: string,
    extra: { actor?: Caller; containerId?: string } = {},
  ) => {
    eventSeq += 1;
    data.events.unshift({
      serverId,
      event: create(ServerEventSchema, {
        id: `sev_n${eventSeq}`,
        time: ts(),
        kind,
        message,
        actorId: extra.actor?.userId ?? "",
        actorEmail: extra.actor?.email ?? "",
        containerId: extra.containerId ?? "",
      }),
    });
  };

  const reassess = (s: Server) => {
    const state = data.state.get(s.id);
    if (!state) return;
    const { health, reasons } = assess(
      s,
      state,
      data.thresholds,
      data.filesystems.get(s.id) ?? [],
      now(),
    );
    s.health = health;
    s.healthReasons = reasons;
  };

  /** serverOut is a server as the API returns it, with its counts and names. */
  const serverOut = (s: Server): Server => {
    const live = data.containers.filter((c) => c.serverId === s.id && !c.goneTime);
    const state = data.state.get(s.id);
    const orgs = ctx.organizations();
    const workspaces = ctx.workspaces();
    return create(ServerSchema, {
      ...s,
      parentName: s.parentId ? (data.servers.find((p) => p.id === s.parentId)?.name ?? "") : "",
      childCount: data.servers.filter((c) => c.parentId === s.id).length,
      containerCount: live.length,
      runningContainerCount: live.filter((c) => c.status === ContainerStatus.RUNNING).length,
      datasourceKinds: [
        ...new Set(data.datasources.filter((d) => d.serverId === s.id).map((d) => d.kind)),
      ],
      assignments: (state?.assignments ?? []).map((a) =>
        create(ServerAssignmentSchema, {
          organizationId: a.organizationId,
          organizationName: orgs.find((o) => o.id === a.organizationId)?.name ?? "",
          workspaceId: a.workspaceId,
          workspaceName: workspaces.find((w) => w.id === a.workspaceId)?.name ?? "",
        }),
      ),
    });
  };

  const connectionOut = (c: Connection): Connection =>
    create(ConnectionSchema, {
      ...c,
      datasourceCount: data.datasources.filter((d) => d.connectionId === c.id).length,
    });

  const serverJson = (s: Server) => ({
    name: s.name,
    provider: ProviderKind[s.provider],
    kind: ServerKind[s.kind],
    location: s.location,
    ip_address: s.ipAddress,
    cores: s.specs?.cores ?? 0,
    memory_bytes: String(s.specs?.memoryBytes ?? 0n),
    disk_bytes: String(s.specs?.diskBytes ?? 0n),
    parent_id: s.parentId,
    notes: s.notes,
  });

  const connectionJson = (c: Connection) => ({
    name: c.name,
    kind: ProviderKind[c.kind],
    endpoint: c.endpoint,
    insecure_skip_verify: c.insecureSkipVerify,
    monitoring_only: c.monitoringOnly,
    credentials_set: c.credentialsSet,
  });

  const nameTaken = (name: string, except: string) =>
    data.servers.some((s) => s.name === name && s.id !== except);

  /** checkParent refuses a parent that does not exist or would make id its own ancestor. */
  const checkParent = (id: string, parentId: string, path: string[]) => {
    const seen = new Set([id]);
    for (let p = parentId; p;) {
      if (seen.has(p)) {
        throw invalid([
          {
            path,
            ruleId: "parent_id.cycle",
            message: "a server cannot run on itself or on a server that runs on it",
          },
        ]);
      }
      seen.add(p);
      const parent = data.servers.find((s) => s.id === p);
      if (!parent) {
        throw invalid([
          { path, ruleId: "parent_id.exists", message: `the parent server ${p} does not exist` },
        ]);
      }
      p = parent.parentId;
    }
  };

  const validateServerFields = (
    s: { name: string; ipAddress: string },
    has: (path: string) => boolean,
    prefix: string[],
  ) => {
    const violations = [];
    if (has("name") && s.name.trim() === "") {
      violations.push({
        path: [...prefix, "name"],
        ruleId: "name.required",
        message: "give the server a name",
      });
    }
    if (has("ip_address") && s.ipAddress !== "" && !isIp(s.ipAddress)) {
      violations.push({
        path: [...prefix, "ip_address"],
        ruleId: "ip_address.ip",
        message: "must be an IPv4 or IPv6 address",
      });
    }
    if (violations.length > 0) throw invalid(violations);
  };

  /** validateSettings checks a connection's settings as the server does. */
  const validateSettings = (v: ConnectionSettings) => {
    const fail = (field: string[], ruleId: string, message: string) => {
      throw invalid([{ path: ["settings", ...field], ruleId, message }]);
    };
    if (v.name.trim() === "") fail(["name"], "name.required", "give the connection a name");
    if (v.endpoint !== "") {
      const match = /^([a-z][a-z0-9+.-]*):\/\/([^/:]+)/i.exec(v.endpoint);
      if (!match) {
        fail(["endpoint"], "endpoint.url", "the endpoint must be a URL such as https://host:8006");
      }
      const allowed = v.kind === ProviderKind.DOCKER ? ["tcp", "https", "http"] : ["https", "http"];
      if (!allowed.includes((match?.[1] ?? "").toLowerCase())) {
        fail(
          ["endpoint"],
          "endpoint.scheme",
          `a ${kindTitle[v.kind].toLowerCase()} endpoint starts with ${allowed.join(":// or ")}://`,
        );
      }
    }
    const c = v.credentials;
    switch (v.kind) {
      case ProviderKind.PROXMOX:
        if (!v.endpoint)
          fail(
            ["endpoint"],
            "connection.endpoint",
            "endpoint is required for Proxmox (https://host:8006)",
          );
        if (!c?.token)
          fail(
            ["credentials", "token"],
            "connection.token",
            "token is required for Proxmox (user@realm!tokenid=secret)",
          );
        break;
      case ProviderKind.BESZEL:
        if (!v.endpoint)
          fail(
            ["endpoint"],
            "connection.endpoint",
            "endpoint is required for Beszel (the hub's URL)",
          );
        if (!c?.username || !c.password)
          fail(
            ["credentials", "username"],
            "connection.username",
            "username and password are required for Beszel",
          );
        break;
      case ProviderKind.HETZNER:
        if (!c?.token)
          fail(
            ["credentials", "token"],
            "connection.token",
            "token is required for Hetzner (a project API token)",
          );
        break;
      case ProviderKind.DOCKER:
        if (!v.endpoint)
          fail(
            ["endpoint"],
            "connection.endpoint",
            "endpoint is required for Docker (tcp://host:2375 or https://host:2376)",
          );
        break;
    }
  };

  /** check contacts the pretend provider: how it answers depends on the settings. */
  const check = (v: ConnectionSettings, failing?: string) => {
    const rng = seeded(hash(`${v.name}${v.endpoint}${Date.now() >> 12}`));
    const latencyMs = BigInt(Math.round(40 + rng() * 160));
    const host = /:\/\/([^/:]+)/.exec(v.endpoint)?.[1] ?? "api.hetzner.cloud";
    const secret = `${v.credentials?.token ?? ""}${v.credentials?.password ?? ""}`;
    const base = {
      reachable: false,
      authenticated: false,
      authorized: false,
      latencyMs,
      providerVersion: "",
    };
    if (failing || host.endsWith(".invalid") || host.includes("unreachable")) {
      return {
        ...base,
        ok: false,
        message:
          failing ??
          `dial tcp: lookup ${host}: no such host. Check the address and that Leitstand can reach it.`,
      };
    }
    const version =
      v.kind === ProviderKind.PROXMOX
        ? "pve-manager/8.3.2"
        : v.kind === ProviderKind.DOCKER
          ? "27.4.1"
          : v.kind === ProviderKind.BESZEL
            ? "0.9.1"
            : "";
    if (/wrong|invalid|expired/i.test(secret)) {
      return {
        ...base,
        ok: false,
        reachable: true,
        providerVersion: version,
        message:
          v.kind === ProviderKind.BESZEL
            ? "The hub refused the e-mail address or the password (400 Failed to authenticate)."
            : "The provider refused the token (401 Unauthorized). Check that it is complete and not expired.",
      };
    }
    if (/readonly|limited/i.test(secret)) {
      return {
        ...base,
        ok: false,
        reachable: true,
        authenticated: true,
        providerVersion: version,
        message:
          v.kind === ProviderKind.PROXMOX
            ? "The token may not read the VMs: give it the role PVEAuditor on / (and PVEVMUser to start and stop guests)."
            : "The token may only read: Leitstand needs a token with read and write access.",
      };
    }
    const what: Record<ProviderKind, string> = {
      [ProviderKind.UNSPECIFIED]: "",
      [ProviderKind.PROXMOX]: "Proxmox VE answered; the token may read nodes, VMs and LXC guests.",
      [ProviderKind.HETZNER]:
        "Hetzner Cloud answered; the token may read and control the project's servers.",
      [ProviderKind.BESZEL]: "The Beszel hub answered; the account may read every system.",
      [ProviderKind.DOCKER]: "The Docker Engine answered (API 1.47).",
      [ProviderKind.OTHER]: "",
    };
    return {
      ...base,
      ok: true,
      reachable: true,
      authenticated: true,
      authorized: true,
      providerVersion: version,
      message: what[v.kind],
    };
  };

  /** secretsOf is what a connection keeps of the credentials sent. */
  const secretsOf = (v: ConnectionSettings): MockCredentials => ({
    token: v.credentials?.token ?? "",
    username: v.credentials?.username ?? "",
    password: v.credentials?.password ?? "",
    tlsCaCertificate: v.credentials?.tlsCaCertificate ?? "",
    tlsClientCertificate: v.credentials?.tlsClientCertificate ?? "",
    tlsClientKey: v.credentials?.tlsClientKey ?? "",
  });

  const settingsOf = (c: Connection): ConnectionSettings => {
    const secrets = data.credentials.get(c.id) ?? noCredentials;
    return {
      $typeName: "leitstand.admin.v1.ConnectionSettings",
      name: c.name,
      kind: c.kind,
      endpoint: c.endpoint,
      insecureSkipVerify: c.insecureSkipVerify,
      monitoringOnly: c.monitoringOnly,
      credentials: { $typeName: "leitstand.admin.v1.ConnectionCredentials", ...secrets },
    };
  };

  const failingConnection = (c: Connection) =>
    c.health === ConnectionHealth.FAILING && c.id === "conn_docker_legacy"
      ? c.healthMessage
      : undefined;

  router.service(ServerService, {
    listServers(req) {
      authorize(Permission.SERVERS_READ);
      const f = req.filter;
      const query = f?.query.trim().toLowerCase() ?? "";
      const items = data.servers
        .filter(
          (s) =>
            (!query ||
              s.name.toLowerCase().includes(query) ||
              s.ipAddress.toLowerCase().includes(query)) &&
            (!f?.providers.length || f.providers.includes(s.provider)) &&
            (!f?.location || s.location === f.location) &&
            (!f?.health.length || f.health.includes(s.health)) &&
            (!f?.syncStatus || s.sync?.status === f.syncStatus) &&
            (!f?.parentId || s.parentId === f.parentId) &&
            (!f?.organizationId ||
              data.state.get(s.id)?.assignments.some((a) => a.organizationId === f.organizationId)),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      const { slice, next, total } = page(items, req.pageSize, req.pageToken);
      return { servers: slice.map(serverOut), nextPageToken: next, totalSize: total };
    },
    getServer(req) {
      authorize(Permission.SERVERS_READ);
      const s = findServer(req.id);
      const ancestors: Server[] = [];
      for (let p = s.parentId; p;) {
        const parent = data.servers.find((x) => x.id === p);
        if (!parent) break;
        ancestors.push(serverOut(parent));
        p = parent.parentId;
      }
      return {
        server: serverOut(s),
        children: data.servers
          .filter((c) => c.parentId === s.id)
          .sort((a, b) => a.name.localeCompare(b.name))
          .map(serverOut),
        ancestors,
        datasources: data.datasources
          .filter((d) => d.serverId === s.id)
          .sort((a, b) => a.connectionName.localeCompare(b.connectionName)),
        filesystems: data.filesystems.get(s.id) ?? [],
      };
    },
    createServer(req) {
      const c = authorize(Permission.SERVERS_WRITE);
      validateServerFields(req, () => true, []);
      const name = req.name.trim();
      if (nameTaken(name, "")) {
        throw new ConnectError(`a server named "${name}" exists`, Code.AlreadyExists);
      }
      serverSeq += 1;
      const id = `srv_n${String(serverSeq).padStart(4, "0")}`;
      if (req.parentId) checkParent(id, req.parentId, ["parent_id"]);
      const server = create(ServerSchema, {
        id,
        name,
        provider: req.provider,
        kind: req.kind,
        location: req.location.trim(),
        ipAddress: req.ipAddress.trim(),
        specs: req.specs,
        parentId: req.parentId,
        notes: req.notes,
        sync: { status: SyncStatus.NEVER },
        createTime: ts(),
        updateTime: ts(),
      });
      data.servers.push(server);
      data.state.set(id, { up: true, syncFailures: 0, assignments: [], gaps: [] });
      data.filesystems.set(id, []);
      reassess(server);
      event(id, ServerEventKind.CREATED, `Server ${name} created`, { actor: c });
      record(c, "ServerService/CreateServer", "server", id, "", undefined, serverJson(server));
      return { server: serverOut(server) };
    },
    updateServer(req) {
      const c = authorize(Permission.SERVERS_WRITE);
      const paths = req.updateMask?.paths ?? [];
      if (paths.length === 0) {
        throw invalid([
          {
            path: ["update_mask"],
            ruleId: "update_mask.required",
            message: "name at least one field to change",
          },
        ]);
      }
      const unknown = paths.find((p) => !serverPaths.includes(p));
      if (unknown) {
        throw invalid([
          {
            path: ["update_mask"],
            ruleId: "update_mask.paths",
            message: `"${unknown}" cannot be changed (allowed: ${serverPaths.join(", ")})`,
          },
        ]);
      }
      const input = req.server!;
      const s = findServer(input.id);
      validateServerFields(input, (p) => paths.includes(p), ["server"]);
      if (paths.includes("name") && nameTaken(input.name.trim(), s.id)) {
        throw new ConnectError(`a server named "${input.name.trim()}" exists`, Code.AlreadyExists);
      }
      if (paths.includes("parent_id") && input.parentId) {
        checkParent(s.id, input.parentId, ["server", "parent_id"]);
      }
      const before = serverJson(s);
      const specs = s.specs ?? { cores: 0, memoryBytes: 0n, diskBytes: 0n };
      for (const path of paths) {
        switch (path) {
          case "name":
            s.name = input.name.trim();
            break;
          case "location":
            s.location = input.location.trim();
            break;
          case "ip_address":
            s.ipAddress = input.ipAddress.trim();
            break;
          case "specs":
            s.specs = input.specs;
            break;
          case "specs.cores":
            s.specs = { ...specs, ...s.specs, cores: input.specs?.cores ?? 0 } as Server["specs"];
            break;
          case "specs.memory_bytes":
            s.specs = {
              ...specs,
              ...s.specs,
              memoryBytes: input.specs?.memoryBytes ?? 0n,
            } as Server["specs"];
            break;
          case "specs.disk_bytes":
            s.specs = {
              ...specs,
              ...s.specs,
              diskBytes: input.specs?.diskBytes ?? 0n,
            } as Server["specs"];
            break;
          case "parent_id":
            s.parentId = input.parentId;
            break;
          case "notes":
            s.notes = input.notes;
            break;
        }
      }
      s.updateTime = ts();
      for (const d of data.datasources) if (d.serverId === s.id) d.serverName = s.name;
      for (const x of data.containers) if (x.serverId === s.id) x.serverName = s.name;
      record(c, "ServerService/UpdateServer", "server", s.id, "", before, serverJson(s));
      return { server: serverOut(s) };
    },
    deleteServer(req) {
      const c = authorize(Permission.SERVERS_WRITE);
      const s = findServer(req.id);
      const children = data.servers
        .filter((x) => x.parentId === s.id)
        .sort((a, b) => a.name.localeCompare(b.name));
      if (children.length > 0) {
        throw new ConnectError(
          `${children.length} server(s) run on ${s.name} (${children
            .slice(0, 3)
            .map((x) => x.name)
            .join(", ")}); move or delete them first`,
          Code.FailedPrecondition,
        );
      }
      data.servers.splice(data.servers.indexOf(s), 1);
      data.containers = data.containers.filter((x) => x.serverId !== s.id);
      data.datasources = data.datasources.filter((x) => x.serverId !== s.id);
      data.events = data.events.filter((x) => x.serverId !== s.id);
      data.state.delete(s.id);
      record(c, "ServerService/DeleteServer", "server", s.id, "", serverJson(s), undefined);
      return {};
    },
    assignServer(req) {
      const c = authorize(Permission.SERVERS_WRITE);
      const s = findServer(req.serverId);
      const org = ctx.organizations().find((o) => o.id === req.organizationId);
      if (!org) throw notFound(`organization ${req.organizationId}`);
      if (req.workspaceId) {
        const ws = ctx.workspaces().find((w) => w.id === req.workspaceId);
        if (!ws || ws.organizationId !== org.id) {
          throw invalid([
            {
              path: ["workspace_id"],
              ruleId: "workspace_id.organization",
              message: `the workspace ${req.workspaceId} is not one of ${org.name}'s`,
            },
          ]);
        }
      }
      const state = data.state.get(s.id)!;
      if (
        state.assignments.some(
          (a) => a.organizationId === req.organizationId && a.workspaceId === req.workspaceId,
        )
      ) {
        throw new ConnectError("the server is already assigned there", Code.AlreadyExists);
      }
      state.assignments.push({ organizationId: req.organizationId, workspaceId: req.workspaceId });
      record(c, "ServerService/AssignServer", "server", s.id, "", undefined, {
        organization_id: req.organizationId,
        workspace_id: req.workspaceId,
      });
      return { server: serverOut(s) };
    },
    unassignServer(req) {
      const c = authorize(Permission.SERVERS_WRITE);
      const s = findServer(req.serverId);
      const state = data.state.get(s.id)!;
      const index = state.assignments.findIndex(
        (a) => a.organizationId === req.organizationId && a.workspaceId === req.workspaceId,
      );
      if (index < 0) throw notFound(`assignment ${req.organizationId}`);
      state.assignments.splice(index, 1);
      record(
        c,
        "ServerService/UnassignServer",
        "server",
        s.id,
        "",
        { organization_id: req.organizationId, workspace_id: req.workspaceId },
        undefined,
      );
      return { server: serverOut(s) };
    },
    getServerMetrics(req) {
      authorize(Permission.SERVERS_READ);
      const s = findServer(req.serverId);
      const state = data.state.get(s.id);
      const { width, count } = ranges[req.range];
      const end = Date.now();
      const first = Math.floor(end / 1000 / width) * width * 1000 - (count - 1) * width * 1000;
      const u = s.usage;
      const buckets = [];
      const until = state?.metricsUntil?.getTime() ?? 0;
      const created = millis(s.createTime);
      if (u && until > 0) {
        const current = {
          cpu: u.cpuPercent,
          mem: (Number(u.memoryUsedBytes) * 100) / Math.max(1, Number(u.memoryTotalBytes)),
          disk: (Number(u.diskUsedBytes) * 100) / Math.max(1, Number(u.diskTotalBytes)),
          in: u.networkInBytesPerSecond,
          out: u.networkOutBytesPerSecond,
        };
        for (let k = 0; k < count; k++) {
          const start = first + k * width * 1000;
          const stop = Math.min(start + width * 1000, until, end);
          if (stop <= start || start + width * 1000 <= created) continue;
          if (state?.gaps.some((g) => start >= g.from.getTime() && start < g.to.getTime()))
            continue;
          const mid = (start + stop) / 2;
          const rng = seeded(hash(`${s.id}${start}`));
          const value = (m: keyof typeof current) => metricAt(s.id, m, current[m], mid, end);
          const agg = (m: keyof typeof current, spread: number, cap?: number) => {
            const avg = value(m);
            const max = avg * (1 + spread * (0.4 + rng()));
            return { avg, max: cap ? Math.min(cap, max) : max };
          };
          buckets.push({
            startTime: ts(new Date(start)),
            samples: Math.max(1, Math.round((stop - start) / minute)),
            cpuPercent: agg("cpu", width > 60 ? 0.6 : 0.15, 100),
            memoryPercent: agg("mem", 0.03, 100),
            diskPercent: agg("disk", 0.004, 100),
            networkInBytesPerSecond: agg("in", width > 60 ? 1.2 : 0.3),
            networkOutBytesPerSecond: agg("out", width > 60 ? 1.2 : 0.3),
          });
        }
      }
      return {
        window: {
          startTime: ts(new Date(first)),
          endTime: ts(new Date(end)),
          bucketSeconds: width,
        },
        buckets,
      };
    },
    listServerEvents(req) {
      authorize(Permission.SERVERS_READ);
      findServer(req.serverId);
      const items = data.events
        .filter((e) => e.serverId === req.serverId && (!req.kind || e.event.kind === req.kind))
        .map((e) => e.event);
      const { slice, next } = page(items, req.pageSize, req.pageToken);
      return { events: slice, nextPageToken: next };
    },
    getHealthSummary() {
      authorize(Permission.SERVERS_READ);
      return summary();
    },
    updateHealthThresholds(req) {
      const c = authorize(Permission.SERVERS_WRITE);
      const before = { ...data.thresholds };
      data.thresholds = req.thresholds!;
      for (const s of data.servers) reassess(s);
      record(
        c,
        "ServerService/UpdateHealthThresholds",
        "health_thresholds",
        "servers",
        "",
        before,
        req.thresholds,
      );
      return { summary: summary() };
    },
  });

  const summary = () => {
    const count = (h: ServerHealth) => data.servers.filter((s) => s.health === h).length;
    const live = data.containers.filter((c) => !c.goneTime);
    return {
      total: data.servers.length,
      healthy: count(ServerHealth.HEALTHY),
      warning: count(ServerHealth.WARNING),
      critical: count(ServerHealth.CRITICAL),
      unknown: count(ServerHealth.UNKNOWN),
      syncFailing: data.servers.filter((s) => s.sync?.status === SyncStatus.FAILING).length,
      connectionsFailing: data.connections.filter((c) => c.health === ConnectionHealth.FAILING)
        .length,
      containersRunning: live.filter((c) => c.status === ContainerStatus.RUNNING).length,
      containersUnhealthy: live.filter((c) => c.health === ContainerHealth.UNHEALTHY).length,
      thresholds: data.thresholds,
    };
  };

  router.service(ConnectionService, {
    listConnections(req) {
      authorize(Permission.SERVERS_READ);
      return {
        connections: data.connections
          .filter((c) => !req.kind || c.kind === req.kind)
          .sort((a, b) => a.name.localeCompare(b.name))
          .map(connectionOut),
      };
    },
    getConnection(req) {
      authorize(Permission.SERVERS_READ);
      const c = findConnection(req.id);
      return {
        connection: connectionOut(c),
        datasources: data.datasources
          .filter((d) => d.connectionId === c.id)
          .sort((a, b) => a.serverName.localeCompare(b.serverName)),
      };
    },
    createConnection(req) {
      const caller = authorize(Permission.CONNECTIONS_MANAGE);
      const v = req.settings!;
      validateSettings(v);
      const name = v.name.trim();
      if (data.connections.some((c) => c.name === name)) {
        throw new ConnectError(`a connection named "${name}" exists`, Code.AlreadyExists);
      }
      connectionSeq += 1;
      const id = `conn_n${connectionSeq}`;
      const secrets = secretsOf(v);
      data.credentials.set(id, secrets);
      const c = create(ConnectionSchema, {
        id,
        name,
        kind: v.kind,
        endpoint: v.endpoint,
        insecureSkipVerify: v.insecureSkipVerify,
        monitoringOnly: v.monitoringOnly,
        credentialsSet: credentialsSet(secrets),
        health: ConnectionHealth.UNKNOWN,
        createTime: ts(),
        updateTime: ts(),
      });
      data.connections.push(c);
      record(
        caller,
        "ConnectionService/CreateConnection",
        "connection",
        id,
        "",
        undefined,
        connectionJson(c),
      );
      return { connection: connectionOut(c) };
    },
    updateConnection(req) {
      const caller = authorize(Permission.CONNECTIONS_MANAGE);
      const paths = req.updateMask?.paths ?? [];
      if (paths.length === 0) {
        throw invalid([
          {
            path: ["update_mask"],
            ruleId: "update_mask.required",
            message: "name at least one field to change",
          },
        ]);
      }
      const unknown = paths.find((p) => !connectionPaths.includes(p));
      if (unknown) {
        throw invalid([
          {
            path: ["update_mask"],
            ruleId: "update_mask.paths",
            message: `"${unknown}" cannot be changed (allowed: ${connectionPaths.join(", ")})`,
          },
        ]);
      }
      const c = findConnection(req.id);
      const v = req.settings!;
      const next = settingsOf(c);
      if (paths.includes("name")) next.name = v.name.trim();
      if (paths.includes("endpoint")) next.endpoint = v.endpoint;
      if (paths.includes("insecure_skip_verify")) next.insecureSkipVerify = v.insecureSkipVerify;
      if (paths.includes("monitoring_only")) next.monitoringOnly = v.monitoringOnly;
      if (paths.includes("credentials")) next.credentials = v.credentials;
      validateSettings(next);
      if (data.connections.some((x) => x.name === next.name && x.id !== c.id)) {
        throw new ConnectError(`a connection named "${next.name}" exists`, Code.AlreadyExists);
      }
      const before = connectionJson(c);
      c.name = next.name;
      c.endpoint = next.endpoint;
      c.insecureSkipVerify = next.insecureSkipVerify;
      c.monitoringOnly = next.monitoringOnly;
      const secrets = secretsOf(next);
      data.credentials.set(c.id, secrets);
      c.credentialsSet = credentialsSet(secrets);
      c.updateTime = ts();
      for (const d of data.datasources) if (d.connectionId === c.id) d.connectionName = c.name;
      record(
        caller,
        "ConnectionService/UpdateConnection",
        "connection",
        c.id,
        "",
        before,
        connectionJson(c),
      );
      return { connection: connectionOut(c) };
    },
    deleteConnection(req) {
      const caller = authorize(Permission.CONNECTIONS_MANAGE);
      const c = findConnection(req.id);
      const linked = data.datasources.filter((d) => d.connectionId === c.id).length;
      if (linked > 0) {
        throw new ConnectError(
          `${linked} server(s) are linked to connection "${c.name}"; unlink them (delete their datasources) first`,
          Code.FailedPrecondition,
        );
      }
      data.connections.splice(data.connections.indexOf(c), 1);
      record(
        caller,
        "ConnectionService/DeleteConnection",
        "connection",
        c.id,
        "",
        connectionJson(c),
        undefined,
      );
      return {};
    },
    testConnection(req) {
      authorize(Permission.CONNECTIONS_MANAGE);
      if (req.target.case === "settings") {
        validateSettings(req.target.value);
        return check(req.target.value);
      }
      const c = findConnection(req.target.value ?? "");
      const result = check(settingsOf(c), failingConnection(c));
      c.health = result.ok ? ConnectionHealth.HEALTHY : ConnectionHealth.FAILING;
      c.healthMessage = result.ok ? "" : result.message;
      c.healthTime = ts();
      if (result.providerVersion) c.providerVersion = result.providerVersion;
      return { ...result, connection: connectionOut(c) };
    },
    discoverServers(req) {
      authorize(Permission.CONNECTIONS_MANAGE);
      const c = findConnection(req.connectionId);
      const failing = failingConnection(c);
      if (failing) {
        throw new ConnectError(
          `connection "${c.name}" could not be read: ${failing}`,
          Code.FailedPrecondition,
        );
      }
      const found = (data.undiscovered.get(c.id) ?? []).map((d) => ({
        ...d,
        matchingServerId: data.servers.find((s) => s.name === d.name)?.id ?? "",
      }));
      return {
        servers: [...found].sort((a, b) => a.name.localeCompare(b.name)),
        seen: found.length + data.datasources.filter((d) => d.connectionId === c.id).length,
      };
    },
    importServers(req) {
      const caller = authorize(Permission.CONNECTIONS_MANAGE);
      const c = findConnection(req.connectionId);
      const seen = data.undiscovered.get(c.id) ?? [];
      const missing = req.externalIds.filter((id) => !seen.some((d) => d.externalId === id));
      if (missing.length > 0) {
        throw invalid([
          {
            path: ["external_ids"],
            ruleId: "external_ids.unknown",
            message: `connection ${c.name} does not report ${missing.slice(0, 5).join(", ")}`,
          },
        ]);
      }
      const wanted = req.externalIds.map((id) => seen.find((d) => d.externalId === id)!);
      // Hosts first, so that their VMs find them as parents.
      const order = [...wanted].sort(
        (a, b) => Number(!!a.parentExternalId) - Number(!!b.parentExternalId),
      );
      const result = new Map<string, Server>();
      for (const d of order) {
        datasourceSeq += 1;
        let server = d.matchingServerId
          ? data.servers.find((s) => s.id === d.matchingServerId)
          : data.servers.find((s) => s.name === d.name);
        if (!server) {
          const parentId = d.parentExternalId
            ? (data.datasources.find(
                (x) => x.connectionId === c.id && x.externalId === d.parentExternalId,
              )?.serverId ?? "")
            : "";
          serverSeq += 1;
          server = create(ServerSchema, {
            id: `srv_n${String(serverSeq).padStart(4, "0")}`,
            name: d.name,
            provider: c.kind,
            kind: d.kind,
            location: d.location,
            ipAddress: d.ipAddress,
            specs: d.specs,
            parentId,
            status: d.status,
            sync: { status: SyncStatus.OK, lastSuccessTime: ts(), lastAttemptTime: ts() },
            createTime: ts(),
            updateTime: ts(),
          });
          data.servers.push(server);
          data.state.set(server.id, {
            up: d.status === "running" || d.status === "up",
            syncFailures: 0,
            assignments: [],
            gaps: [],
          });
          data.filesystems.set(server.id, []);
          event(server.id, ServerEventKind.CREATED, `Server ${d.name} imported from ${c.name}`, {
            actor: caller,
          });
        } else {
          if (server.sync?.status === SyncStatus.NEVER) {
            server.sync = { ...server.sync, status: SyncStatus.OK, lastSuccessTime: ts() };
            server.status = d.status;
          }
          event(
            server.id,
            ServerEventKind.ACTION,
            `${caller.email} linked ${c.name} (${d.externalId})`,
            {
              actor: caller,
            },
          );
        }
        data.datasources.push(
          create(DatasourceSchema, {
            id: `ds_n${datasourceSeq}`,
            serverId: server.id,
            serverName: server.name,
            connectionId: c.id,
            connectionName: c.name,
            kind: c.kind,
            externalId: d.externalId,
            lastSeenTime: ts(),
            createTime: ts(),
          }),
        );
        reassess(server);
        result.set(d.externalId, server);
      }
      data.undiscovered.set(
        c.id,
        seen.filter((d) => !req.externalIds.includes(d.externalId)),
      );
      record(caller, "ConnectionService/ImportServers", "connection", c.id, "", undefined, {
        external_ids: req.externalIds,
      });
      return { servers: req.externalIds.map((id) => serverOut(result.get(id)!)) };
    },
    createDatasource(req) {
      const caller = authorize(Permission.CONNECTIONS_MANAGE);
      const s = findServer(req.serverId);
      const c = findConnection(req.connectionId);
      if (data.datasources.some((d) => d.serverId === s.id && d.connectionId === c.id)) {
        throw new ConnectError(
          `the server is already linked to connection ${c.name}`,
          Code.AlreadyExists,
        );
      }
      datasourceSeq += 1;
      const d = create(DatasourceSchema, {
        id: `ds_n${datasourceSeq}`,
        serverId: s.id,
        serverName: s.name,
        connectionId: c.id,
        connectionName: c.name,
        kind: c.kind,
        externalId: req.externalId,
        createTime: ts(),
      });
      data.datasources.push(d);
      record(caller, "ConnectionService/CreateDatasource", "datasource", d.id, "", undefined, {
        server_id: s.id,
        connection_id: c.id,
        external_id: req.externalId,
      });
      return { datasource: d };
    },
    deleteDatasource(req) {
      const caller = authorize(Permission.CONNECTIONS_MANAGE);
      const d = data.datasources.find((x) => x.id === req.id);
      if (!d) throw notFound(`datasource ${req.id}`);
      data.datasources.splice(data.datasources.indexOf(d), 1);
      const s = data.servers.find((x) => x.id === d.serverId);
      if (s && !data.datasources.some((x) => x.serverId === s.id)) {
        s.sync = {
          $typeName: "leitstand.admin.v1.ServerSync",
          status: SyncStatus.NEVER,
          lastError: "",
          consecutiveFailures: 0,
        };
        reassess(s);
      }
      // Containers the connection controlled cannot be controlled any more.
      for (const x of data.containers) {
        if (x.serverId === d.serverId && x.source === d.kind && x.controllable) {
          x.controllable = false;
          x.controlUnavailableReason = `no connection of ${x.serverName} can control containers`;
        }
      }
      record(
        caller,
        "ConnectionService/DeleteDatasource",
        "datasource",
        d.id,
        "",
        { server_id: d.serverId, connection_id: d.connectionId, external_id: d.externalId },
        undefined,
      );
      return {};
    },
  });

  /** control starts, stops or restarts a container, as its connection would. */
  const control = (
    id: string,
    action: "start" | "stop" | "restart",
    reason: string,
  ): { container: Container } => {
    const caller = authorize(Permission.CONTAINERS_CONTROL);
    const x = findContainer(id);
    if (!x.controllable) {
      throw new ConnectError(
        `cannot ${action} ${x.name}: ${x.controlUnavailableReason}`,
        Code.FailedPrecondition,
      );
    }
    const source = data.datasources.find((d) => d.serverId === x.serverId && d.kind === x.source);
    const conn = source ? data.connections.find((c) => c.id === source.connectionId) : undefined;
    const failing = conn ? failingConnection(conn) : undefined;
    if (conn && failing) {
      throw new ConnectError(
        `cannot ${action} ${x.name}: ${conn.name} answered: ${failing}`,
        Code.FailedPrecondition,
      );
    }
    const before = ContainerStatus[x.status];
    if (action === "stop") {
      x.status = ContainerStatus.STOPPED;
      x.usage = undefined;
    } else {
      x.status = ContainerStatus.RUNNING;
      x.startTime = ts();
      if (x.health !== ContainerHealth.NONE) x.health = ContainerHealth.STARTING;
      x.usage = {
        $typeName: "leitstand.admin.v1.ContainerUsage",
        cpuPercent: 2.5,
        memoryUsedBytes: 64n * 1024n ** 2n,
        memoryLimitBytes: x.usage?.memoryLimitBytes ?? 0n,
        diskUsedBytes: 0n,
        networkInBytesPerSecond: 0,
        networkOutBytesPerSecond: 0,
        sampleTime: ts(),
      };
    }
    const verb = action === "stop" ? "stopped" : action === "start" ? "started" : "restarted";
    const trimmed = reason.trim();
    event(
      x.serverId,
      ServerEventKind.ACTION,
      `${caller.email} ${verb} container ${x.name}${trimmed ? `: ${trimmed}` : ""}`,
      { actor: caller, containerId: x.id },
    );
    const method = `${action.charAt(0).toUpperCase()}${action.slice(1)}Container`;
    record(
      caller,
      `ContainerService/${method}`,
      "container",
      x.id,
      trimmed,
      { status: before },
      {
        status: ContainerStatus[x.status],
        action,
      },
    );
    return { container: create(ContainerSchema, x) };
  };

  router.service(ContainerService, {
    listContainers(req) {
      authorize(Permission.SERVERS_READ);
      const f = req.filter;
      const query = f?.query.trim().toLowerCase() ?? "";
      const items = data.containers
        .filter(
          (c) =>
            (!f?.serverId || c.serverId === f.serverId) &&
            (!f?.statuses.length || f.statuses.includes(c.status)) &&
            (!f?.health || c.health === f.health) &&
            (!query ||
              c.name.toLowerCase().includes(query) ||
              c.image.toLowerCase().includes(query)) &&
            (f?.includeGone || !c.goneTime),
        )
        .sort((a, b) => a.serverName.localeCompare(b.serverName) || a.name.localeCompare(b.name));
      const { slice, next, total } = page(items, req.pageSize, req.pageToken);
      return { containers: slice, nextPageToken: next, totalSize: total };
    },
    getContainer(req) {
      authorize(Permission.SERVERS_READ);
      return { container: findContainer(req.id) };
    },
    getContainerMetrics(req) {
      authorize(Permission.SERVERS_READ);
      const x = findContainer(req.containerId);
      const { width, count } = ranges[req.range];
      const end = Date.now();
      const first = Math.floor(end / 1000 / width) * width * 1000 - (count - 1) * width * 1000;
      const running = x.status === ContainerStatus.RUNNING;
      const started = millis(x.startTime) || end - 30 * 24 * 3600e3;
      // A container that is not running stopped some minutes after its start.
      const stopped = running ? Infinity : started + 12 * minute;
      const firstSeen = millis(x.firstSeenTime);
      const until = x.goneTime ? millis(x.goneTime) : end;
      const profile = {
        cpu: x.usage?.cpuPercent ?? 3,
        mem: Number(x.usage?.memoryUsedBytes ?? 128n * 1024n ** 2n),
        in: x.usage?.networkInBytesPerSecond ?? 500,
        out: x.usage?.networkOutBytesPerSecond ?? 500,
      };
      const unhealthy = x.health === ContainerHealth.UNHEALTHY;
      const buckets = [];
      for (let k = 0; k < count; k++) {
        const start = first + k * width * 1000;
        const stop = Math.min(start + width * 1000, until, end);
        if (stop <= start || stop <= firstSeen) continue;
        const samples = Math.max(1, Math.round((stop - start) / minute));
        const rng = seeded(hash(`${x.id}${start}`));
        const upShare = Math.max(0, Math.min(1, (stopped - start) / (stop - start)));
        const down = Math.round(samples * (1 - upShare));
        const mid = (start + stop) / 2;
        const scale = upShare;
        const cpu = metricAt(x.id, "cpu", profile.cpu, mid, end) * scale;
        const mem = profile.mem * (0.9 + 0.1 * rng()) * scale;
        const netIn = metricAt(x.id, "in", profile.in, mid, end) * scale;
        const netOut = metricAt(x.id, "out", profile.out, mid, end) * scale;
        let bad = 0;
        if (unhealthy && stop > end - 50 * minute) bad = samples - down;
        else if (rng() < (unhealthy ? 0.12 : 0.02))
          bad = Math.max(1, Math.round(samples * rng() * 0.5));
        buckets.push({
          startTime: ts(new Date(start)),
          samples,
          cpuPercent: { avg: cpu, max: Math.min(100, cpu * (1.2 + rng())) },
          memoryUsedBytes: { avg: mem, max: mem * (1.02 + rng() * 0.1) },
          diskUsedBytes: { avg: 0, max: 0 },
          networkInBytesPerSecond: { avg: netIn, max: netIn * (1.3 + rng()) },
          networkOutBytesPerSecond: { avg: netOut, max: netOut * (1.3 + rng()) },
          unhealthySamples: Math.min(bad, samples - down),
          downSamples: down,
        });
      }
      return {
        window: {
          startTime: ts(new Date(first)),
          endTime: ts(new Date(end)),
          bucketSeconds: width,
        },
        buckets,
      };
    },
    startContainer(req) {
      return control(req.id, "start", req.reason);
    },
    stopContainer(req) {
      return control(req.id, "stop", req.reason);
    },
    restartContainer(req) {
      return control(req.id, "restart", req.reason);
    },
  });
}
