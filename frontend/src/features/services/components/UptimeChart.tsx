import "@mantine/charts/styles.layer.css";
import { BarChart, type BarChartSeries } from "@mantine/charts";
import { ColorSwatch, Group, Paper, Stack, Text } from "@mantine/core";
import { useI18n } from "@/lib/i18n/i18n";
import { formatAvailability, uptimeSeries, type UptimeBar, type UptimeSeries } from "../uptime";

// The chart of a service's uptime per day. This module is loaded on its own
// (the chart library is large) when the uptime is first shown.

const height = 200;

const colors: Record<UptimeSeries, string> = {
  online: "green.6",
  disruption: "yellow.5",
  incident: "red.6",
  unmeasured: "gray.4",
};

/** UptimeChart stacks each day's hours: online, disruption, incident, not measured. */
export function UptimeChart({ bars }: { bars: UptimeBar[] }) {
  const { t, locale, formatNumber } = useI18n();
  const series: BarChartSeries[] = uptimeSeries.map((name) => ({
    name,
    label: t(`services.uptime.${name}`),
    color: colors[name],
  }));
  const hours = (value: number) => `${formatNumber(Math.round(value * 10) / 10)} h`;
  return (
    <BarChart
      h={height}
      data={bars}
      dataKey="label"
      type="stacked"
      series={series}
      withLegend
      // In the order of the stack, not by name.
      legendProps={{ verticalAlign: "bottom", height: 28, itemSorter: null }}
      valueFormatter={hours}
      yAxisProps={{ domain: [0, 24], ticks: [0, 6, 12, 18, 24], width: 36, allowDecimals: false }}
      xAxisProps={{ interval: "preserveStartEnd", minTickGap: 8 }}
      gridAxis="y"
      maxBarWidth={28}
      tooltipAnimationDuration={100}
      tooltipProps={{
        content: ({ payload }) => {
          const bar = payload?.[0]?.payload as UptimeBar | undefined;
          if (!bar) return null;
          return (
            <Paper withBorder shadow="md" p="xs" fz="sm">
              <Stack gap={4}>
                <Group justify="space-between" gap="md">
                  <Text fz="sm" fw={600}>
                    {bar.label}
                  </Text>
                  <Text fz="sm" fw={600} className="tabular-nums">
                    {formatAvailability(bar.availability, locale)}
                  </Text>
                </Group>
                {uptimeSeries.map((name) => (
                  <Group key={name} justify="space-between" gap="md" wrap="nowrap">
                    <Group gap={6} wrap="nowrap">
                      <ColorSwatch
                        size={10}
                        color={`var(--mantine-color-${colors[name].replace(".", "-")})`}
                        withShadow={false}
                      />
                      <Text fz="xs">{t(`services.uptime.${name}`)}</Text>
                    </Group>
                    <Text fz="xs" className="tabular-nums">
                      {hours(bar[name])}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Paper>
          );
        },
      }}
    />
  );
}
