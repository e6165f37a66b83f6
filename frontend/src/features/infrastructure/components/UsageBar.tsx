import { Group, Progress, Text } from "@mantine/core";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "./UsageBar.module.css";

/** The thresholds (in %) at which a bar turns yellow and red. */
export interface UsageThresholds {
  warning: number;
  critical: number;
}

/**
 * UsageBar shows how much of a resource is in use: a bar with the percentage,
 * and optionally the amounts below it. Without a figure it shows an empty
 * bar and a dash.
 */
export function UsageBar({
  label,
  share,
  detail,
  thresholds = { warning: 80, critical: 90 },
}: {
  /** What the bar measures, for screen readers, e.g. "CPU". */
  label: string;
  /** 0–1; undefined when nothing is known. */
  share?: number;
  /** e.g. "12.5 / 32 GiB". */
  detail?: string;
  thresholds?: UsageThresholds;
}) {
  const { formatPercent } = useI18n();
  const known = share !== undefined && Number.isFinite(share);
  const percent = known ? Math.round(Math.min(100, Math.max(0, share * 100)) * 10) / 10 : 0;
  const color =
    percent >= thresholds.critical ? "red" : percent >= thresholds.warning ? "yellow" : "teal";
  return (
    <div className={classes.root}>
      <Group gap={6} wrap="nowrap">
        <Progress
          value={percent}
          color={color}
          size="sm"
          className={classes.bar}
          aria-label={label}
        />
        <Text fz="xs" className={`${classes.value} tabular-nums`} c={known ? undefined : "dimmed"}>
          {known ? formatPercent(percent / 100) : "—"}
        </Text>
      </Group>
      {detail && known && (
        <Text fz={11} c="dimmed" className="tabular-nums" truncate>
          {detail}
        </Text>
      )}
    </div>
  );
}
