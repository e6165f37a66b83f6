import { SimpleGrid, Text } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { forwardRef, type ComponentPropsWithoutRef } from "react";
import { toneColor, type Tone } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { useServerHealth } from "../api/overview";
import classes from "./Overview.module.css";
import { OverviewCard } from "./OverviewCard";

const states: { name: "HEALTHY" | "WARNING" | "CRITICAL" | "UNKNOWN"; tone: Tone }[] = [
  { name: "HEALTHY", tone: "ok" },
  { name: "WARNING", tone: "warning" },
  { name: "CRITICAL", tone: "critical" },
  { name: "UNKNOWN", tone: "unknown" },
];

const TileAnchor = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a">>((props, ref) => (
  <a ref={ref} {...props} />
));
TileAnchor.displayName = "TileAnchor";
/** A tile that opens the servers list, filtered. */
const TileLink = createLink(TileAnchor);

/** ServerHealthCard counts the servers per health; each count opens the list of those servers. */
export function ServerHealthCard() {
  const { t, formatNumber } = useI18n();
  const summary = useServerHealth();
  return (
    <OverviewCard
      id="servers"
      title={t("overview.servers.title")}
      query={summary}
      skeletonLines={2}
      action={
        summary.data && (
          <Text fz="sm" c="dimmed" className="tabular-nums">
            {t("overview.servers.total", { count: formatNumber(summary.data.total) })}
          </Text>
        )
      }
    >
      {() => {
        const data = summary.data!;
        const counts = {
          HEALTHY: data.healthy,
          WARNING: data.warning,
          CRITICAL: data.critical,
          UNKNOWN: data.unknown,
        };
        return (
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {states.map(({ name, tone }) => {
              const label = t(`overview.health.${name}`);
              const count = formatNumber(counts[name]);
              return (
                <TileLink
                  key={name}
                  to="/servers"
                  search={{ health: name }}
                  className={classes.tile}
                  data-tone={tone}
                  data-empty={counts[name] === 0 || undefined}
                  data-health={name}
                  aria-label={t("overview.servers.open", { state: label, count })}
                >
                  <span className={classes.tileLabel}>
                    <span
                      className={classes.dot}
                      style={{ background: `var(--mantine-color-${toneColor[tone]}-6)` }}
                    />
                    {label}
                  </span>
                  <span className={classes.tileCount} data-testid="health-count">
                    {count}
                  </span>
                </TileLink>
              );
            })}
          </SimpleGrid>
        );
      }}
    </OverviewCard>
  );
}
