import { Group, Paper, SimpleGrid, Skeleton, Text, UnstyledButton } from "@mantine/core";
import type { GetHealthSummaryResponse } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import type { ReactNode } from "react";
import { AnchorLink } from "@/components/ui/links";
import { useI18n } from "@/lib/i18n/i18n";
import type { HealthName } from "../search";
import classes from "./HealthSummary.module.css";

const healthTiles: { name: HealthName; color: string }[] = [
  { name: "HEALTHY", color: "green" },
  { name: "WARNING", color: "yellow" },
  { name: "CRITICAL", color: "red" },
  { name: "UNKNOWN", color: "gray" },
];

function Tile({
  label,
  count,
  color,
  active,
  onClick,
  children,
}: {
  label: string;
  count: number;
  color: string;
  active?: boolean;
  onClick?: () => void;
  children?: ReactNode;
}) {
  const { formatNumber } = useI18n();
  const body = (
    <>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <span className={classes.dot} style={{ background: `var(--mantine-color-${color}-6)` }} />
        <Text
          fz="xs"
          fw={600}
          c="dimmed"
          tt="uppercase"
          lts={0.4}
          lh={1.25}
          className={classes.label}
        >
          {label}
        </Text>
      </Group>
      <Text fw={650} lh={1.2} className={`tabular-nums ${classes.count}`} data-testid="tile-count">
        {formatNumber(count)}
      </Text>
      {children}
    </>
  );
  if (!onClick) {
    return (
      <Paper withBorder p="sm" className={classes.tile}>
        {body}
      </Paper>
    );
  }
  return (
    <UnstyledButton
      onClick={onClick}
      aria-pressed={active}
      aria-label={`${label}: ${formatNumber(count)}`}
      className={classes.tile}
      data-active={active || undefined}
    >
      {body}
    </UnstyledButton>
  );
}

/**
 * HealthSummary counts the servers by health, the failing syncs and
 * connections and the containers. A health count or the failing syncs
 * filter the list below (clicked again, the filter goes).
 */
export function HealthSummary({
  summary,
  health,
  syncFailing,
  onHealth,
  onSyncFailing,
}: {
  summary?: GetHealthSummaryResponse;
  /** The health filter in force, when it is exactly one state. */
  health: HealthName | "";
  syncFailing: boolean;
  onHealth: (health: HealthName | "") => void;
  onSyncFailing: (on: boolean) => void;
}) {
  const { t, formatNumber } = useI18n();
  if (!summary) {
    return (
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" mb="lg">
        {Array.from({ length: 7 }, (_, i) => (
          <Skeleton key={i} height={78} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  const counts: Record<HealthName, number> = {
    HEALTHY: summary.healthy,
    WARNING: summary.warning,
    CRITICAL: summary.critical,
    UNKNOWN: summary.unknown,
  };
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 4, lg: 7 }}
      spacing="sm"
      mb="lg"
      role="group"
      aria-label={t("servers.summary")}
    >
      {healthTiles.map(({ name, color }) => (
        <Tile
          key={name}
          label={t(`infra.health.${name}`)}
          count={counts[name]}
          color={color}
          active={health === name}
          onClick={() => onHealth(health === name ? "" : name)}
        />
      ))}
      <Tile
        label={t("servers.summary.syncFailing")}
        count={summary.syncFailing}
        color={summary.syncFailing > 0 ? "red" : "gray"}
        active={syncFailing}
        onClick={() => onSyncFailing(!syncFailing)}
      />
      <Tile
        label={t("servers.summary.connectionsFailing")}
        count={summary.connectionsFailing}
        color={summary.connectionsFailing > 0 ? "red" : "gray"}
      >
        <AnchorLink to="/connections" fz="xs">
          {t("servers.summary.showConnections")}
        </AnchorLink>
      </Tile>
      <Tile label={t("servers.summary.containers")} count={summary.containersRunning} color="teal">
        <AnchorLink
          to="/containers"
          search={{ health: "UNHEALTHY" }}
          fz="xs"
          c={summary.containersUnhealthy > 0 ? "red" : "dimmed"}
        >
          {t("servers.summary.unhealthy", { count: formatNumber(summary.containersUnhealthy) })}
        </AnchorLink>
      </Tile>
    </SimpleGrid>
  );
}
