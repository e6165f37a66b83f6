import { Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconBox } from "@tabler/icons-react";
import { useMemo, type ReactNode } from "react";
import type { Container } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { ContainerStatus } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { EmptyState } from "@/components/ui/EmptyState";
import { useI18n } from "@/lib/i18n/i18n";
import { useContainerList, type ContainerListFilter } from "../api/containers";
import { ContainerHealthBadge, ContainerStatusBadge } from "@/components/ui/ContainerBadges";
import { ProviderBadge } from "./Badges";
import { Dash, RelativeTime } from "./Cells";
import { useContainerActions } from "./useContainerActions";
import classes from "@/components/data-table/columns.module.css";
import type { SavedViewPage } from "@/components/saved-views/api";

/**
 * ContainersTable lists containers with their state, usage and actions: all
 * of them (the containers page) or one server's (without the server column).
 * A click on a row opens the container's details.
 */
export function ContainersTable({
  filter,
  showServer = true,
  onOpen,
  empty,
  view,
}: {
  filter: ContainerListFilter;
  /** The list page the table is the list of, for its saved views and columns. */
  view?: SavedViewPage;
  showServer?: boolean;
  onOpen: (container: Container) => void;
  /** What shows without containers (by default, that there are none). */
  empty?: ReactNode;
}) {
  const { t, formatNumber, formatBytes, formatRate, formatPercent } = useI18n();
  const list = useContainerList(filter);
  const actionsFor = useContainerActions();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.containers) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;

  const columns: Column<Container>[] = [
    {
      id: "name",
      header: t("containers.col.name"),
      cell: (c) => (
        <div className={classes.name}>
          <Text fz="sm" fw={600} truncate>
            {c.name}
          </Text>
          <Tooltip label={c.image} openDelay={500}>
            <div className={`${classes.secondary} ${classes.mono}`}>{c.image || "—"}</div>
          </Tooltip>
        </div>
      ),
    },
    ...(showServer
      ? [
          {
            id: "server",
            header: t("containers.col.server"),
            width: 128,
            cell: (c: Container) => (
              <RowLink
                to="/servers/$serverId"
                params={{ serverId: c.serverId }}
                search={{ tab: "containers" }}
                className={classes.nowrap}
              >
                {c.serverName}
              </RowLink>
            ),
          },
        ]
      : []),
    {
      id: "status",
      keepOnMobile: true,
      header: t("containers.col.status"),
      // The state with its icon, untruncated.
      width: 112,
      cell: (c) => <ContainerStatusBadge status={c.status} gone={!!c.goneTime} />,
    },
    {
      id: "health",
      header: t("containers.col.health"),
      width: 120,
      // A health check only runs while the container does.
      cell: (c) =>
        c.status === ContainerStatus.RUNNING && !c.goneTime ? (
          <ContainerHealthBadge health={c.health} />
        ) : (
          <Dash />
        ),
    },
    {
      id: "usage",
      header: t("containers.col.usage"),
      width: 118,
      align: "right",
      cell: (c) =>
        c.usage ? (
          <Stack gap={0} align="flex-end">
            <Text fz="sm" className="tabular-nums" style={{ whiteSpace: "nowrap" }}>
              {formatPercent(c.usage.cpuPercent / 100)}{" "}
              <Text span fz="xs" c="dimmed">
                {t("containers.col.cpu")}
              </Text>
            </Text>
            <Text fz="xs" c="dimmed" className="tabular-nums" style={{ whiteSpace: "nowrap" }}>
              {formatBytes(c.usage.memoryUsedBytes)}
              {c.usage.memoryLimitBytes > 0n ? ` / ${formatBytes(c.usage.memoryLimitBytes)}` : ""}
            </Text>
          </Stack>
        ) : (
          <Dash />
        ),
    },
    {
      id: "network",
      header: t("containers.col.network"),
      width: 96,
      align: "right",
      hideOnMobile: true,
      cell: (c) =>
        c.usage ? (
          <Stack gap={0} align="flex-end">
            <Text
              fz="xs"
              className="tabular-nums"
              title={t("metrics.in")}
              style={{ whiteSpace: "nowrap" }}
            >
              ↓ {formatRate(c.usage.networkInBytesPerSecond)}
            </Text>
            <Text
              fz="xs"
              className="tabular-nums"
              title={t("metrics.out")}
              style={{ whiteSpace: "nowrap" }}
            >
              ↑ {formatRate(c.usage.networkOutBytesPerSecond)}
            </Text>
          </Stack>
        ) : (
          <Dash />
        ),
    },
    {
      id: "started",
      header: t("containers.col.started"),
      width: 106,
      hideOnMobile: true,
      cell: (c) => (
        <Stack gap={0}>
          {c.goneTime ? (
            <Group gap={4} wrap="nowrap">
              <Text fz="xs" c="dimmed">
                {t("containers.goneSince")}
              </Text>
              <RelativeTime time={c.goneTime} fz="xs" c="dimmed" />
            </Group>
          ) : (
            <RelativeTime time={c.startTime} />
          )}
          {c.restartCount > 0 && (
            <Text fz="xs" c={c.restartCount >= 5 ? "orange" : "dimmed"} className="tabular-nums">
              {t(c.restartCount === 1 ? "containers.restarts.one" : "containers.restarts", {
                count: formatNumber(c.restartCount),
              })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: "source",
      header: t("containers.col.source"),
      width: 108,
      hideOnMobile: true,
      cell: (c) => <ProviderBadge provider={c.source} />,
    },
    actionsColumn(
      (c) => <RowActions label={`${c.name} (${c.serverName})`} actions={actionsFor(c)} />,
      44,
    ),
  ];

  return (
    <DataTable
      view={view}
      label={t("containers.title")}
      columns={columns}
      dense
      minWidth={1040}
      rows={rows}
      rowKey={(c) => c.id}
      {...pagingProps(list)}
      onRowClick={onOpen}
      total={total}
      noun={{
        one: "containers.count.one",
        other: "containers.count.other",
        showing: "containers.count.showing",
      }}
      empty={empty ?? <EmptyState icon={<IconBox size={22} />} title={t("containers.empty")} />}
    />
  );
}
