import { IconListSearch } from "@tabler/icons-react";
import { ButtonLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";

/** AuditEventsButton opens the audit log at the events about one record; shown to those who may read it. */
export function AuditEventsButton({ targetId }: { targetId: string }) {
  const { t } = useI18n();
  const canAudit = usePermission(Permission.AUDIT_READ);
  if (!canAudit) return null;
  return (
    <ButtonLink
      variant="default"
      leftSection={<IconListSearch size={16} />}
      to="/audit"
      search={{ targetId }}
    >
      {t("audit.showEvents")}
    </ButtonLink>
  );
}
