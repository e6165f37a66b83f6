import { Text } from "@mantine/core";
import { AuditOutcome } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AuditTarget } from "@/components/audit/AuditTarget";
import { actionLabel, actorLabel, targetTypeLabel } from "@/components/audit/labels";
import { AnchorLink } from "@/components/ui/links";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { useI18n } from "@/lib/i18n/i18n";
import { useRecentChanges } from "../api/overview";
import classes from "./Overview.module.css";
import { EmptyLine, OverviewCard } from "./OverviewCard";

/**
 * RecentChangesCard lists the latest audit events: what was done, in
 * words, by whom, to which object (by name, linked to it); each opens its
 * event in the audit log.
 */
export function RecentChangesCard() {
  const { t } = useI18n();
  const changes = useRecentChanges();
  return (
    <OverviewCard
      id="changes"
      title={t("overview.changes.title")}
      query={changes}
      action={
        <AnchorLink to="/audit" fz="sm">
          {t("overview.changes.auditLog")}
        </AnchorLink>
      }
    >
      {() => {
        const list = changes.data?.auditEvents ?? [];
        if (list.length === 0) return <EmptyLine>{t("overview.changes.none")}</EmptyLine>;
        return (
          <ul className={classes.rows} aria-label={t("overview.changes.title")}>
            {list.map((e) => (
              <li key={e.id}>
                <div className={classes.rowMain}>
                  <AnchorLink to="/audit" search={{ event: e.id }} fz="sm" fw={600}>
                    {actionLabel(t, e)}
                  </AnchorLink>
                  {e.outcome === AuditOutcome.DENIED && (
                    <Text span fz="xs" c="red" ml={6}>
                      {t("overview.changes.denied")}
                    </Text>
                  )}
                  <Text fz="xs" c="dimmed" className={classes.rowDetail}>
                    {actorLabel(t, e)}
                    {e.targetId && e.targetType !== "procedure" && (
                      <>
                        {` · ${targetTypeLabel(t, e.targetType)} `}
                        <AuditTarget event={e} fz="xs" />
                      </>
                    )}
                  </Text>
                </div>
                <div className={classes.rowSide}>
                  {e.occurTime && (
                    <Text fz="xs" c="dimmed">
                      <RelativeTime time={e.occurTime} />
                    </Text>
                  )}
                </div>
              </li>
            ))}
          </ul>
        );
      }}
    </OverviewCard>
  );
}
