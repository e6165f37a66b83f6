import { Stack, Text } from "@mantine/core";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * DateTimeCell says when something happened: date and time, how long ago
 * below it, with the exact time and its zone on hover.
 */
export function DateTimeCell({ time, fallback }: { time?: Timestamp; fallback: ReactNode }) {
  const { formatDateTime } = useI18n();
  if (!time) return fallback;
  const date = timestampDate(time);
  return (
    <Stack gap={0}>
      <Text fz="sm" className="tabular-nums">
        {formatDateTime(date)}
      </Text>
      <RelativeTime time={date} fz="xs" c="dimmed" />
    </Stack>
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
