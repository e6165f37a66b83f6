import { Text, Tooltip, type MantineSize } from "@mantine/core";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * RelativeTime says how long ago (or from now) a moment is, "3 minutes ago",
 * and shows the exact time with its zone on hover ("14 Mar 2026, 09:30:05
 * CET", in the display time zone). Every relative time of the panel is one.
 */
export function RelativeTime({
  time,
  fz = "inherit",
  c,
}: {
  time: Date | Timestamp;
  fz?: MantineSize | "inherit";
  c?: string;
}) {
  const { formatRelative, formatExactTime } = useI18n();
  const date = time instanceof Date ? time : timestampDate(time);
  const exact = formatExactTime(date);
  return (
    <Tooltip label={exact} openDelay={150}>
      <Text
        span
        component="time"
        dateTime={date.toISOString()}
        data-exact={exact}
        fz={fz}
        c={c}
        w="fit-content"
        style={{ whiteSpace: "nowrap" }}
      >
        {formatRelative(date)}
      </Text>
    </Tooltip>
  );
}
