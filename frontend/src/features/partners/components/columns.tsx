import { Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { Partner } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { StatusBadge } from "@/components/ui/Badges";
import type { I18n } from "@/lib/i18n/i18n";
import { percentText } from "@/lib/percent";
import classes from "./Partners.module.css";

/** PartnerBadge says whether an organization is a partner now or was one. */
export function PartnerBadge({ partner, i18n }: { partner: Partner; i18n: I18n }) {
  return partner.partner ? (
    <StatusBadge tone="ok" data-partner="active">
      {i18n.t("partners.active")}
    </StatusBadge>
  ) : (
    <StatusBadge tone="neutral" data-partner="former">
      {i18n.t("partners.former")}
    </StatusBadge>
  );
}

/**
 * The partners' columns: the partner (to its page), its commission, how
 * many it referred and runs from outside, and its ledger's sums. The
 * server orders them by name.
 */
export function partnerColumns(
  i18n: I18n,
  options: { rowActions?: (row: Partner) => ReactNode },
): Column<Partner>[] {
  const { t, locale, formatNumber, formatMoney } = i18n;
  const money = (p: Partner, cents: bigint) => formatMoney(cents, p.currency || "EUR");
  const amount = (id: string, header: string, value: (p: Partner) => bigint) =>
    ({
      id,
      header,
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (p) => (
        <span className={classes.amount} data-amount={id}>
          {money(p, value(p))}
        </span>
      ),
    }) satisfies Column<Partner>;
  const columns: Column<Partner>[] = [
    {
      id: "partner",
      header: t("partners.col.partner"),
      cell: (p) => (
        <Stack gap={2} className={classes.name}>
          <RowLink to="/accounts/partners/$partnerId" params={{ partnerId: p.organizationId }}>
            {p.name || p.organizationId}
          </RowLink>
          {!p.partner && (
            <Text className={classes.secondary} data-former>
              {t("partners.former")}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: "commission",
      header: t("partners.col.commission"),
      width: 130,
      align: "right",
      hideOnMobile: true,
      cell: (p) => (
        <span className={classes.amount}>{percentText(p.commissionBasisPoints, locale)}</span>
      ),
    },
    {
      id: "referrals",
      header: t("partners.col.referrals"),
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (p) => <span className={classes.amount}>{formatNumber(p.referrals)}</span>,
    },
    {
      id: "externalLed",
      header: t("partners.col.externalLed"),
      width: 140,
      align: "right",
      hideOnMobile: true,
      cell: (p) => <span className={classes.amount}>{formatNumber(p.externalLed)}</span>,
    },
    amount("earned", t("partners.col.earned"), (p) => p.earnedCents),
    amount("paidOut", t("partners.col.paidOut"), (p) => p.paidOutCents),
    {
      id: "balance",
      header: t("partners.col.balance"),
      width: 130,
      align: "right",
      keepOnMobile: true,
      cell: (p) => (
        <Text
          span
          fz="sm"
          fw={700}
          c={p.balanceCents > 0n ? undefined : "dimmed"}
          className={classes.amount}
          data-amount="balance"
        >
          {money(p, p.balanceCents)}
        </Text>
      ),
    },
  ];
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
