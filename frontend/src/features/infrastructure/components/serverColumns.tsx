import { Text } from "@mantine/core";
import type {
  HealthThresholds,
  Server,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import { CopyableText } from "@/components/ui/CopyButton";
import type { Column } from "@/components/data-table/DataTable";
import type { I18n } from "@/lib/i18n/i18n";
import { serverKindKey } from "../labels";
import { measuredShare } from "../metrics";
import { HealthBadge, ProviderBadge } from "./Badges";
import { SyncCell } from "./Cells";
import { UsageBar, type UsageThresholds } from "./UsageBar";
import classes from "@/components/data-table/columns.module.css";

export interface ServerThresholds {
  cpu: UsageThresholds;
  memory: UsageThresholds;
  disk: UsageThresholds;
}

const defaultServerThresholds: ServerThresholds = {
  cpu: { warning: 80, critical: 95 },
  memory: { warning: 85, critical: 95 },
  disk: { warning: 80, critical: 90 },
};

/** serverThresholds are the thresholds the server reports (in its health summary), or the defaults. */
export function serverThresholds(th?: HealthThresholds): ServerThresholds {
  return th
    ? {
        cpu: { warning: th.cpuWarningPercent, critical: th.cpuCriticalPercent },
        memory: { warning: th.memoryWarningPercent, critical: th.memoryCriticalPercent },
        disk: { warning: th.diskWarningPercent, critical: th.diskCriticalPercent },
      }
    : defaultServerThresholds;
}

/**
 * The server list's columns. A new column is one entry here. The usage bars
 * turn yellow and red at the health thresholds in force.
 */
export function serverColumns(i18n: I18n, thresholds: ServerThresholds): Column<Server>[] {
  const { t, formatNumber, formatBytesOf } = i18n;
  return [
    {
      id: "name",
      sort: { asc: "name", desc: "name_desc" },
      header: t("servers.col.name"),
      cell: (s) => (
        <div className={classes.name}>
          <RowLink to="/servers/$serverId" params={{ serverId: s.id }}>
            {s.name}
          </RowLink>
          <div className={classes.secondary}>
            {s.parentName
              ? t("servers.runsOn", { kind: t(serverKindKey(s.kind)), parent: s.parentName })
              : t(serverKindKey(s.kind))}
          </div>
        </div>
      ),
    },
    {
      id: "provider",
      header: t("servers.col.provider"),
      width: 108,
      cell: (s) => <ProviderBadge provider={s.provider} />,
    },
    {
      id: "location",
      header: t("servers.col.location"),
      width: 90,
      hideOnMobile: true,
      cell: (s) => (
        <div className={`${classes.text} ${classes.truncate}`} title={s.location}>
          {s.location || "—"}
        </div>
      ),
    },
    {
      id: "ip",
      header: t("servers.col.ip"),
      width: 144,
      hideOnMobile: true,
      cell: (s) =>
        s.ipAddress ? (
          <CopyableText value={s.ipAddress} label={`${t("servers.col.ip")} ${s.name}`}>
            <Truncated className={classes.mono}>{s.ipAddress}</Truncated>
          </CopyableText>
        ) : (
          <span className={classes.mono}>—</span>
        ),
    },
    {
      id: "health",
      keepOnMobile: true,
      header: t("servers.col.health"),
      // "Healthy" with its icon, untruncated.
      width: 112,
      cell: (s) => <HealthBadge health={s.health} server={s} />,
    },
    {
      id: "cpu",
      sort: { asc: "cpu", desc: "cpu_desc", first: "desc" },
      header: t("servers.col.cpu"),
      width: 92,
      cell: (s) => (
        <UsageBar
          label={`${t("servers.col.cpu")}: ${s.name}`}
          share={s.usage ? s.usage.cpuPercent / 100 : undefined}
          thresholds={thresholds.cpu}
        />
      ),
    },
    {
      id: "memory",
      sort: { asc: "memory", desc: "memory_desc", first: "desc" },
      header: t("servers.col.memory"),
      width: 108,
      cell: (s) => (
        <UsageBar
          label={`${t("servers.col.memory")}: ${s.name}`}
          share={
            s.usage ? measuredShare(s.usage.memoryUsedBytes, s.usage.memoryTotalBytes) : undefined
          }
          detail={
            s.usage ? formatBytesOf(s.usage.memoryUsedBytes, s.usage.memoryTotalBytes) : undefined
          }
          thresholds={thresholds.memory}
        />
      ),
    },
    {
      id: "disk",
      sort: { asc: "disk", desc: "disk_desc", first: "desc" },
      header: t("servers.col.disk"),
      width: 108,
      hideOnMobile: true,
      cell: (s) => (
        <UsageBar
          label={`${t("servers.col.disk")}: ${s.name}`}
          share={s.usage ? measuredShare(s.usage.diskUsedBytes, s.usage.diskTotalBytes) : undefined}
          detail={
            s.usage ? formatBytesOf(s.usage.diskUsedBytes, s.usage.diskTotalBytes) : undefined
          }
          thresholds={thresholds.disk}
        />
      ),
    },
    {
      id: "sync",
      sort: { asc: "sync", desc: "sync_desc", first: "desc" },
      header: t("servers.col.sync"),
      width: 112,
      hideOnMobile: true,
      cell: (s) => <SyncCell sync={s.sync} />,
    },
    {
      id: "containers",
      header: t("servers.col.containers"),
      width: 104,
      align: "right",
      hideOnMobile: true,
      cell: (s) =>
        s.containerCount > 0 ? (
          <Text
            span
            fz="sm"
            className="tabular-nums"
            title={t("servers.containersOf", {
              running: formatNumber(s.runningContainerCount),
              total: formatNumber(s.containerCount),
            })}
          >
            {formatNumber(s.runningContainerCount)}
            <Text span c="dimmed" fz="sm">
              {" / "}
              {formatNumber(s.containerCount)}
            </Text>
          </Text>
        ) : (
          <span className={classes.dimmed}>—</span>
        ),
    },
  ];
}
