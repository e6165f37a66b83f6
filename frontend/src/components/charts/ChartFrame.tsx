import { Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n";

/** A figure beside a chart's title, with what it is ("latest", "average over the range"). */
export interface ChartFigure {
  value: string;
  label: string;
}

/**
 * ChartFrame is the box of every chart: its title, the figures that sum it
 * up, each saying what it is, and the chart, or a note where the range has
 * no data.
 */
export function ChartFrame({
  id,
  title,
  figures = [],
  empty = false,
  height,
  points,
  children,
}: {
  /** Names the chart for tests and screenshots (data-testid "chart-<id>"). */
  id: string;
  title: string;
  figures?: ChartFigure[];
  /** The range has no data: the note instead of an empty chart. */
  empty?: boolean;
  height: number;
  /** The number of points drawn, for tests. */
  points?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md" data-testid={`chart-${id}`} data-points={points}>
      <Group justify="space-between" mb="xs" gap="xs" align="flex-start">
        <Text fz="sm" fw={600}>
          {title}
        </Text>
        {figures.length > 0 && (
          <Group gap="md" wrap="wrap" justify="flex-end">
            {figures.map((f) => (
              <Text
                key={`${f.label}:${f.value}`}
                fz="sm"
                className="tabular-nums"
                data-testid="chart-figure"
              >
                <Text span fw={600} fz="sm">
                  {f.value}
                </Text>{" "}
                <Text span c="dimmed" fz="xs">
                  {f.label}
                </Text>
              </Text>
            ))}
          </Group>
        )}
      </Group>
      {empty ? (
        <Stack h={height} justify="center" align="center">
          <Text fz="sm" c="dimmed">
            {t("chart.noData")}
          </Text>
        </Stack>
      ) : (
        children
      )}
    </Paper>
  );
}
