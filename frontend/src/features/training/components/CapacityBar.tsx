import { Group, Progress, Stack, Text } from "@mantine/core";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * CapacityBar shows how many of a session's seats are taken (full: orange)
 * and how many wait for one.
 */
export function CapacityBar({
  confirmed,
  capacity,
  waitlisted,
  width = 140,
}: {
  confirmed: number;
  capacity: number;
  waitlisted: number;
  width?: number | string;
}) {
  const { t, formatNumber } = useI18n();
  const share = capacity > 0 ? Math.min(100, (confirmed / capacity) * 100) : 0;
  const full = capacity > 0 && confirmed >= capacity;
  return (
    <Stack
      gap={4}
      w={width}
      data-capacity={`${confirmed}/${capacity}`}
      data-waitlisted={waitlisted}
    >
      <Progress
        value={share}
        color={full ? "orange" : "blue"}
        size="sm"
        aria-label={t("training.capacity.label", { confirmed, capacity })}
      />
      <Group gap={6} wrap="nowrap">
        <Text fz="xs" className="tabular-nums">
          {t("training.capacity.seats", {
            confirmed: formatNumber(confirmed),
            capacity: formatNumber(capacity),
          })}
        </Text>
        {waitlisted > 0 && (
          <Text fz="xs" c="orange.7" className="tabular-nums" data-waiting>
            {t("training.capacity.waiting", { count: formatNumber(waitlisted) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
