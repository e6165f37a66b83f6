import { Skeleton } from "@mantine/core";
import { lazy, Suspense } from "react";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { useServerMetrics } from "../api/servers";
import type { RangeName } from "../search";
import { RangeControl } from "./RangeControl";

// The chart library is large: it loads only when a chart is shown.
const ServerMetricsCharts = lazy(() =>
  import("./MetricsCharts").then((m) => ({ default: m.ServerMetricsCharts })),
);

/** ServerMetrics shows a server's CPU, memory, disk and network over the chosen range. */
export function ServerMetrics({
  serverId,
  range,
  onRangeChange,
}: {
  serverId: string;
  range: RangeName;
  onRangeChange: (range: RangeName) => void;
}) {
  const { t } = useI18n();
  const metrics = useServerMetrics(serverId, range);
  return (
    <Section
      title={t("metrics.title")}
      actions={<RangeControl value={range} onChange={onRangeChange} />}
    >
      {metrics.error ? (
        <QueryError error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : !metrics.data ? (
        <Skeleton height={480} />
      ) : (
        <Suspense fallback={<Skeleton height={480} />}>
          <ServerMetricsCharts response={metrics.data} />
        </Suspense>
      )}
    </Section>
  );
}
