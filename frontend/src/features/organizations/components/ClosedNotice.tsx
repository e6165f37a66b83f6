import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import type { Organization } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useClosingEvent } from "../api/organizations";

/**
 * ClosedNotice says that an organization is closed, since when and why (the
 * reason of the change that closed it, for callers who may read the audit
 * log), and that it can no longer be changed.
 */
export function ClosedNotice({ organization }: { organization: Organization }) {
  const { t, formatDate } = useI18n();
  const canReadAudit = usePermission(Permission.AUDIT_READ);
  const closing = useClosingEvent(organization.id, canReadAudit);
  const when = closing.event?.occurTime ?? organization.updateTime;
  const by = closing.event?.actorEmail;
  const reason = closing.event?.reason.trim();
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconLock size={18} />}
      title={
        when
          ? t("orgs.closed.titleSince", { date: formatDate(timestampDate(when)) })
          : t("orgs.closed.title")
      }
      mb="lg"
      data-testid="closed-notice"
    >
      <Text fz="sm">{t("orgs.closedHint")}</Text>
      {reason && (
        <Text fz="sm" mt={4}>
          {by
            ? t("orgs.closed.reasonBy", { reason, actor: by })
            : t("orgs.closed.reason", { reason })}
        </Text>
      )}
    </Alert>
  );
}
