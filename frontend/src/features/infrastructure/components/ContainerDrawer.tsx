import { Alert, Code as CodeBlock, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconBox, IconLock } from "@tabler/icons-react";
import { lazy, Suspense } from "react";
import type { Container } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { ActionButton, type ConfirmRowAction } from "@/components/row-actions/RowActions";
import { DetailList } from "@/components/ui/DetailList";
import { AnchorLink } from "@/components/ui/links";
import { QueryError } from "@/components/ui/QueryError";
import { RecordDrawer } from "@/components/ui/RecordDrawer";
import { ServerText } from "@/components/ui/ServerText";
import { useI18n } from "@/lib/i18n/i18n";
import { useContainer, useContainerMetrics } from "../api/containers";
import type { RangeName } from "../search";
import { controlUnavailable } from "../texts";
import { ContainerHealthBadge, ContainerStatusBadge } from "@/components/ui/ContainerBadges";
import { ProviderBadge } from "./Badges";
import { Dash, RelativeTime } from "./Cells";
import { RangeControl } from "./RangeControl";
import { useContainerActions } from "./useContainerActions";

// The chart library is large: it loads only when a chart is shown.
const ContainerMetricsCharts = lazy(() =>
  import("./MetricsCharts").then((m) => ({ default: m.ContainerMetricsCharts })),
);

/** ContainerDrawer shows one container: its facts, actions and usage history. */
export function ContainerDrawer({
  containerId,
  range,
  onRangeChange,
  onClose,
}: {
  /** The container to show; "" keeps the drawer closed. */
  containerId: string;
  range: RangeName;
  onRangeChange: (range: RangeName) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const query = useContainer(containerId);
  const container = query.data?.container;
  return (
    <RecordDrawer
      opened={containerId !== ""}
      onClose={onClose}
      size="xl"
      title={
        container
          ? t("containers.drawerTitle", { name: container.name, server: container.serverName })
          : t("containers.title")
      }
      query={query}
      icon={<IconBox size={22} />}
      notFound={t("containers.notFound")}
    >
      {container && (
        <ContainerDetails container={container} range={range} onRangeChange={onRangeChange} />
      )}
    </RecordDrawer>
  );
}

function ContainerDetails({
  container: c,
  range,
  onRangeChange,
}: {
  container: Container;
  range: RangeName;
  onRangeChange: (range: RangeName) => void;
}) {
  const { t, formatNumber, formatPercent, formatBytes, formatRate } = useI18n();
  const actions = useContainerActions()(c).filter(
    (a): a is ConfirmRowAction => !a.hidden && !a.onSelect,
  );
  const metrics = useContainerMetrics(c.id, range);
  const unavailable = controlUnavailable(t, c);

  return (
    <Stack gap="xl">
      {actions.length > 0 && (
        <Group gap="sm">
          {actions.map((a) => (
            <ActionButton
              key={a.id}
              action={a}
              variant={a.id === "stop" ? "light" : "default"}
              size="sm"
            />
          ))}
        </Group>
      )}
      {unavailable && (
        <Alert color="gray" variant="light" icon={<IconLock size={16} />}>
          {unavailable.english ? <ServerText text={unavailable.text} /> : unavailable.text}
        </Alert>
      )}
      <DetailList
        items={[
          {
            label: t("containers.col.server"),
            value: (
              <AnchorLink to="/servers/$serverId" params={{ serverId: c.serverId }} fz="sm">
                {c.serverName}
              </AnchorLink>
            ),
          },
          { label: t("containers.col.image"), value: <CodeBlock>{c.image || "—"}</CodeBlock> },
          {
            label: t("containers.col.status"),
            value: <ContainerStatusBadge status={c.status} gone={!!c.goneTime} />,
          },
          { label: t("containers.col.health"), value: <ContainerHealthBadge health={c.health} /> },
          { label: t("containers.col.source"), value: <ProviderBadge provider={c.source} /> },
          { label: t("containers.col.started"), value: <RelativeTime time={c.startTime} /> },
          { label: t("containers.restartCount"), value: formatNumber(c.restartCount) },
          {
            label: t("containers.col.cpu"),
            value: c.usage ? formatPercent(c.usage.cpuPercent / 100) : <Dash />,
          },
          {
            label: t("containers.col.memory"),
            value: c.usage ? (
              c.usage.memoryLimitBytes > 0n ? (
                `${formatBytes(c.usage.memoryUsedBytes)} / ${formatBytes(c.usage.memoryLimitBytes)}`
              ) : (
                formatBytes(c.usage.memoryUsedBytes)
              )
            ) : (
              <Dash />
            ),
          },
          {
            label: t("containers.col.network"),
            value: c.usage ? (
              `↓ ${formatRate(c.usage.networkInBytesPerSecond)} · ↑ ${formatRate(c.usage.networkOutBytesPerSecond)}`
            ) : (
              <Dash />
            ),
          },
          { label: t("containers.firstSeen"), value: <RelativeTime time={c.firstSeenTime} /> },
          {
            label: c.goneTime ? t("containers.goneSince") : t("containers.lastSeen"),
            value: <RelativeTime time={c.goneTime ?? c.lastSeenTime} />,
          },
          { label: t("common.id"), value: <CodeBlock>{c.id}</CodeBlock> },
        ]}
      />
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t("containers.history")}</Text>
          <RangeControl value={range} onChange={onRangeChange} />
        </Group>
        {metrics.error ? (
          <QueryError error={metrics.error} onRetry={() => void metrics.refetch()} />
        ) : !metrics.data ? (
          <Skeleton height={600} />
        ) : (
          <Suspense fallback={<Skeleton height={600} />}>
            <ContainerMetricsCharts response={metrics.data} />
          </Suspense>
        )}
      </Stack>
    </Stack>
  );
}
