import { Badge, Group, Text, Timeline } from "@mantine/core";
import {
  AuditOutcome,
  type AuditEvent,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AnchorLink } from "@/components/ui/links";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { auditOutcomeKey } from "@/lib/labels";
import { AuditTarget } from "./AuditTarget";
import { actionLabel, targetTypeLabel } from "./labels";

/**
 * AuditActivity lists a record's latest audit events as a timeline: what
 * was done in words, on which object, when; a refused attempt (a failed
 * sign-in) is marked as denied, not shown like the action it attempted.
 * Each entry opens the event in the audit log for those who may read it.
 */
export function AuditActivity({ events }: { events: AuditEvent[] }) {
  const { t } = useI18n();
  const canAudit = usePermission(Permission.AUDIT_READ);
  return (
    <Timeline bulletSize={10} lineWidth={2}>
      {events.map((e) => {
        const denied = e.outcome === AuditOutcome.DENIED;
        const label = actionLabel(t, e);
        return (
          <Timeline.Item
            key={e.id}
            color={denied ? "red" : undefined}
            data-outcome={denied ? "denied" : "succeeded"}
            title={
              <Group gap={6} wrap="nowrap">
                {canAudit ? (
                  <AnchorLink to="/audit" search={{ event: e.id }} fz="sm" fw={600}>
                    {label}
                  </AnchorLink>
                ) : (
                  <Text fz="sm" fw={600}>
                    {label}
                  </Text>
                )}
                {denied && (
                  <Badge color="red" variant="light" size="sm">
                    {t(auditOutcomeKey(e.outcome))}
                  </Badge>
                )}
              </Group>
            }
          >
            <Text fz="xs" c="dimmed">
              {e.targetId && e.targetType !== "procedure" && (
                <>
                  {targetTypeLabel(t, e.targetType)} <AuditTarget event={e} fz="xs" />
                  {" · "}
                </>
              )}
              {e.occurTime && <RelativeTime time={e.occurTime} />}
            </Text>
            {e.reason && (
              <Text fz="sm" mt={2}>
                “{e.reason}”
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
