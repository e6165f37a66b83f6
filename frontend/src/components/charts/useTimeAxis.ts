import { useI18n } from "@/lib/i18n/i18n";
import { tickFormatter, tickStep, timeTicks } from "./time";

/**
 * useTimeAxis gives a chart's time axis over [start, end] (ms): ticks at
 * round times of the display time zone with their labels, and the label of
 * the tooltip (the bucket's date and time in that zone). Every time chart
 * uses it, so their axes read alike; charts of one page also share a syncId
 * (recharts draws the hovered time on each of them).
 */
export function useTimeAxis(start: number, end: number) {
  const { locale, timeZone, formatDateTime } = useI18n();
  const step = tickStep(end - start);
  const ticks = timeTicks(start, end, step, timeZone);
  const label = tickFormatter(step, locale, timeZone);
  return {
    ticks,
    xAxisProps: {
      type: "number" as const,
      scale: "time" as const,
      domain: [start, end],
      allowDataOverflow: true,
      ticks,
      tickFormatter: (value: number) => label(value),
      interval: "preserveStart" as const,
      minTickGap: 16,
    },
    /** The tooltip's title; recharts calls it without a label while nothing is hovered. */
    tooltipLabel: (value: unknown) =>
      value !== undefined && value !== null && Number.isFinite(Number(value))
        ? formatDateTime(new Date(Number(value)))
        : "",
  };
}
