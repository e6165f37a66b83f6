import { Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { IconArrowRight } from "@tabler/icons-react";
import type { ReactNode } from "react";
import {
  UpgradeRequestStatus,
  type UpgradeRequest,
} from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { formatCivilDate } from "@/lib/format";
import type { I18n } from "@/lib/i18n/i18n";
import type { UpgradeStatusName } from "../search";
import classes from "./Accounts.module.css";

/**
 * The upgrade requests' columns. The server orders the rows (the pending
 * ones the oldest first): the columns do not sort. The queue shows how
 * long each waits; the decided ones show the decision instead.
 */
export function upgradeColumns(
  i18n: I18n,
  options: { status: UpgradeStatusName; rowActions?: (row: UpgradeRequest) => ReactNode },
): Column<UpgradeRequest>[] {
  const { t, formatDate, formatDateTime } = i18n;
  const pending = options.status === "PENDING";
  const columns: Column<UpgradeRequest>[] = [
    {
      id: "organization",
      header: t("accounts.col.organization"),
      width: 190,
      cell: (r) => (
        <RowLink to="/organizations/$organizationId" params={{ organizationId: r.organizationId }}>
          {r.organizationName || r.organizationId}
        </RowLink>
      ),
    },
    {
      id: "tier",
      header: t("accounts.upgrades.col.tier"),
      width: 180,
      keepOnMobile: true,
      cell: (r) => <TierChange request={r} i18n={i18n} />,
    },
    {
      id: "message",
      header: t("accounts.upgrades.col.message"),
      cell: (r) =>
        r.message.trim() ? (
          <Text fz="sm" lineClamp={2} style={{ whiteSpace: "pre-wrap" }} title={r.message}>
            {r.message}
          </Text>
        ) : (
          <Text fz="sm" c="dimmed">
            {t("accounts.upgrades.noMessage")}
          </Text>
        ),
    },
    {
      id: "requestedBy",
      header: t("accounts.upgrades.col.requestedBy"),
      width: pending ? 230 : 190,
      hideOnMobile: true,
      cell: (r) => <Truncated>{r.requestedByEmail || "—"}</Truncated>,
    },
    {
      id: "age",
      header: pending ? t("accounts.upgrades.col.waiting") : t("accounts.upgrades.col.requested"),
      width: pending ? 130 : 120,
      hideOnMobile: true,
      cell: (r) =>
        r.createTime ? (
          pending ? (
            <RelativeTime time={r.createTime} fz="sm" />
          ) : (
            <Text
              fz="sm"
              className={classes.amount}
              title={formatDateTime(timestampDate(r.createTime))}
            >
              {formatDate(timestampDate(r.createTime))}
            </Text>
          )
        ) : (
          "—"
        ),
    },
  ];
  if (!pending) {
    columns.push({
      id: "decision",
      header: t("accounts.upgrades.col.decision"),
      hideOnMobile: true,
      cell: (r) => <Decision request={r} i18n={i18n} />,
    });
  }
  if (options.rowActions) {
    columns.push({
      id: "actions",
      header: "",
      width: 52,
      align: "right",
      cell: options.rowActions,
    });
  }
  return columns;
}

/** TierChange is the tier a request leaves and the one it asks for: "Basis → Premium". */
function TierChange({ request, i18n }: { request: UpgradeRequest; i18n: I18n }) {
  const { t } = i18n;
  const from = request.fromPlanName || t("accounts.upgrades.noContract");
  const to = request.planName || request.planId;
  return (
    <>
      <VisuallyHidden>{t("accounts.upgrades.tierChange", { from, to })}</VisuallyHidden>
      <Group gap={6} wrap="nowrap" aria-hidden data-tier-change>
        <Text fz="sm" c="dimmed" truncate data-from>
          {from}
        </Text>
        <IconArrowRight size={14} style={{ flexShrink: 0 }} />
        <Text fz="sm" fw={600} truncate data-to>
          {to}
        </Text>
      </Group>
    </>
  );
}

/** Decision is what staff decided (or that the customer withdrew), by whom and when, and why. */
function Decision({ request: r, i18n }: { request: UpgradeRequest; i18n: I18n }) {
  const { t, locale, formatDateTime } = i18n;
  const when = r.decideTime ? formatDateTime(timestampDate(r.decideTime)) : "";
  const headline =
    r.status === UpgradeRequestStatus.APPROVED && r.moveCancelled
      ? t("accounts.upgrades.moveCancelled")
      : r.status === UpgradeRequestStatus.APPROVED && r.effectiveDate
        ? t(r.atOnce ? "accounts.upgrades.effectiveAtOnce" : "accounts.upgrades.effective", {
            date: formatCivilDate(r.effectiveDate, locale),
          })
        : r.status === UpgradeRequestStatus.WITHDRAWN
          ? t("accounts.upgrades.withdrawnByCustomer")
          : null;
  return (
    <Stack gap={0} data-decision>
      {headline && (
        <Text fz="sm" fw={500}>
          {headline}
        </Text>
      )}
      {r.decisionReason && (
        <Text fz="sm" lineClamp={2} title={r.decisionReason}>
          {r.decisionReason}
        </Text>
      )}
      {(r.decidedByEmail || when) && (
        <Text className={classes.secondary}>
          {r.decidedByEmail
            ? t("accounts.upgrades.decidedBy", { who: r.decidedByEmail, when: when || "—" })
            : when}
        </Text>
      )}
    </Stack>
  );
}
