import { Group, SegmentedControl, Skeleton, Stack, Text } from "@mantine/core";
import { lazy, Suspense, useState } from "react";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { uptimeDays, useServiceUptime, type UptimeDays } from "../api/services";
import { formatAvailability, uptimeBars } from "../uptime";

const UptimeChart = lazy(() => import("./UptimeChart").then((m) => ({ default: m.UptimeChart })));

/**
 * UptimeSection shows a service's availability over the last 7, 14 or 30
 * days: the share of the measured time it was ONLINE, and each day's hours
 * by state. The server computes both from the status history.
 */
export function UptimeSection({ serviceId }: { serviceId: string }) {
  const { t, locale } = useI18n();
  const [days, setDays] = useState<UptimeDays>(30);
  const uptime = useServiceUptime(serviceId, days);
  const bars = uptimeBars(uptime.data?.days ?? [], locale);

  return (
    <Section
      title={t("services.uptime")}
      actions={
        <SegmentedControl
          size="xs"
          aria-label={t("services.uptime.range")}
          value={String(days)}
          onChange={(value) => setDays(Number(value) as UptimeDays)}
          data={uptimeDays.map((d) => ({
            value: String(d),
            label: t("services.uptime.days", { days: d }),
          }))}
        />
      }
    >
      {uptime.error ? (
        <QueryError error={uptime.error} onRetry={() => void uptime.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700} className="tabular-nums" data-testid="availability">
              {uptime.data ? formatAvailability(uptime.data.availability, locale) : "…"}
            </Text>
            <Text fz="sm" c="dimmed">
              {t("services.uptime.availability", { days })}
            </Text>
          </Group>
          <Text fz="xs" c="dimmed">
            {t("services.uptime.explain")}
          </Text>
          <div data-testid="chart-uptime" data-points={bars.length}>
            {uptime.data ? (
              <Suspense fallback={<Skeleton height={200} />}>
                <UptimeChart bars={bars} />
              </Suspense>
            ) : (
              <Skeleton height={200} />
            )}
          </div>
        </Stack>
      )}
    </Section>
  );
}
