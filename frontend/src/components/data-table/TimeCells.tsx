import { Stack, Text, Tooltip } from "@mantine/core";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * DateTimeCell says when something happened: date and time, how long ago
 * below it, and the time to the second on hover.
 */
export function DateTimeCell({ time, fallback }: { time?: Timestamp; fallback: ReactNode }) {
  const { formatDateTime, formatRelative } = useI18n();
  if (!time) return fallback;
  const date = timestampDate(time);
  return (
    <Tooltip label={formatDateTime(date, true)}>
      <Stack gap={0}>
        <Text fz="sm" className="tabular-nums">
          {formatDateTime(date)}
        </Text>
        <Text fz="xs" c="dimmed">
          {formatRelative(date)}
        </Text>
      </Stack>
    </Tooltip>
  );
}

/** DateCell gives the day something happened, dimmed; a dash when it is not known. */
export function DateCell({ time }: { time?: Timestamp }) {
  const { formatDate } = useI18n();
  return (
    <Text fz="sm" c="dimmed" className="tabular-nums">
      {time ? formatDate(timestampDate(time)) : "—"}
    </Text>
  );
}
