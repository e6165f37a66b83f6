import { Badge, Code, Drawer, Group, Stack, Text, Title } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  AuditOutcome,
  type AuditEvent,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AuditTarget } from "@/components/audit/AuditTarget";
import { actionLabel, actorLabel, fieldLabel, targetTypeLabel } from "@/components/audit/labels";
import { PlatformRoleBadge } from "@/components/ui/Badges";
import { DetailList } from "@/components/ui/DetailList";
import { JsonDiff } from "@/components/ui/JsonDiff";
import { useI18n } from "@/lib/i18n/i18n";
import { auditOutcomeKey } from "@/lib/labels";

/**
 * AuditEventDrawer shows the event the URL names (id): its facts and what
 * it changed, field by field under the fields' labels. missing: the id
 * names no event the caller may see.
 */
export function AuditEventDrawer({
  id,
  event,
  missing,
  onClose,
}: {
  id: string;
  event: AuditEvent | null;
  missing: boolean;
  onClose: () => void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  return (
    <Drawer
      opened={id !== ""}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        event && (
          <Text fw={600} fz="lg">
            {t("audit.eventTitle", { sequence: formatNumber(event.sequence) })}
          </Text>
        )
      }
    >
      {missing && !event && (
        <Text c="dimmed" fz="sm">
          {t("audit.eventMissing", { id })}
        </Text>
      )}
      {event && (
        <Stack gap="xl">
          <DetailList
            items={[
              {
                label: t("audit.col.time"),
                value: event.occurTime ? formatDateTime(timestampDate(event.occurTime), true) : "—",
              },
              {
                label: t("audit.col.outcome"),
                value: (
                  <Badge color={event.outcome === AuditOutcome.DENIED ? "red" : "teal"}>
                    {t(auditOutcomeKey(event.outcome))}
                  </Badge>
                ),
              },
              {
                label: t("audit.col.actor"),
                value: event.actorId ? (
                  <Group gap={6}>
                    <span>{actorLabel(t, event)}</span>
                    <PlatformRoleBadge role={event.actorRole} />
                  </Group>
                ) : (
                  actorLabel(t, event)
                ),
              },
              {
                label: t("audit.col.action"),
                value: (
                  <Stack gap={2}>
                    <Text fw={600} fz="sm">
                      {actionLabel(t, event)}
                    </Text>
                    <Text fz="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                      {t("audit.action.technical")}: {event.action}
                    </Text>
                  </Stack>
                ),
              },
              {
                label: t("audit.col.target"),
                value: event.targetId ? (
                  <Stack gap={2}>
                    <Group gap={6}>
                      <Text fz="sm" c="dimmed">
                        {targetTypeLabel(t, event.targetType)}
                      </Text>
                      <AuditTarget event={event} />
                    </Group>
                    {event.targetName && <Code w="fit-content">{event.targetId}</Code>}
                  </Stack>
                ) : (
                  targetTypeLabel(t, event.targetType)
                ),
              },
              { label: t("audit.requestId"), value: <Code>{event.requestId || "—"}</Code> },
            ]}
          />
          <Stack gap={4}>
            <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
              {t("audit.col.reason")}
            </Text>
            <Text fz="sm">{event.reason || "—"}</Text>
          </Stack>
          <Stack gap="xs">
            <Title order={3}>{t("audit.changes")}</Title>
            <JsonDiff
              before={event.beforeJson}
              after={event.afterJson}
              fieldLabel={(path) => fieldLabel(t, event.targetType, path)}
            />
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
