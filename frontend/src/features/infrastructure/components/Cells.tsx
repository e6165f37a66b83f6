import { Group, Stack, Text, Tooltip } from "@mantine/core";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { IconAlertTriangle } from "@tabler/icons-react";
import { RelativeTime as SharedRelativeTime } from "@/components/ui/RelativeTime";
import {
  SyncStatus,
  type ServerSync,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";

/** Dash is the sign for "nothing known". */
export function Dash() {
  return (
    <Text span c="dimmed" fz="sm">
      —
    </Text>
  );
}

/** RelativeTime says how long ago something happened; the exact time shows on hover. */
export function RelativeTime({
  time,
  fz = "sm",
  c,
}: {
  time?: Timestamp;
  fz?: "xs" | "sm";
  c?: string;
}) {
  if (!time) return <Dash />;
  return <SharedRelativeTime time={time} fz={fz} c={c} />;
}

/** SyncCell says how a server's sync goes: its last success, or why it fails. */
export function SyncCell({ sync }: { sync?: ServerSync }) {
  const { t, formatNumber, formatRelative } = useI18n();
  const status = sync?.status ?? SyncStatus.NEVER;
  if (status === SyncStatus.NEVER || status === SyncStatus.UNSPECIFIED) {
    return (
      <Text fz="sm" c="dimmed">
        {t("infra.sync.NEVER")}
      </Text>
    );
  }
  if (status === SyncStatus.FAILING) {
    return (
      <Tooltip
        multiline
        w={300}
        label={
          <Stack gap={2}>
            <Text fz="xs" fw={600} c="inherit">
              {t("servers.syncFailures", { count: formatNumber(sync?.consecutiveFailures ?? 0) })}
            </Text>
            <Text fz="xs" c="inherit">
              {sync?.lastError || t("infra.sync.FAILING")}
            </Text>
          </Stack>
        }
      >
        <Stack gap={0} w="fit-content" data-testid="sync-failing">
          <Group gap={4} wrap="nowrap">
            <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
            <Text fz="sm" c="red" fw={500}>
              {t("infra.sync.FAILING")}
            </Text>
          </Group>
          <Text fz="xs" c="dimmed">
            {sync?.lastSuccessTime
              ? t("servers.lastOk", { time: formatRelative(timestampDate(sync.lastSuccessTime)) })
              : t("infra.sync.NEVER")}
          </Text>
        </Stack>
      </Tooltip>
    );
  }
  return <RelativeTime time={sync?.lastSuccessTime} fz="xs" />;
}
