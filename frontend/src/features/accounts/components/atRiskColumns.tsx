import { Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { AtRiskAccount } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import type { I18n } from "@/lib/i18n/i18n";
import { organizationStatusKey } from "@/lib/labels";
import { AdminContacts } from "./Contacts";
import { AccountClass } from "./RevenueClassBadge";
import { RiskBadge, RiskReasons } from "./Risks";
import classes from "./Accounts.module.css";

/**
 * The at-risk list's columns. A new column is one entry here. The server
 * orders the rows, the most urgent first: the columns do not sort.
 */
export function atRiskColumns(
  i18n: I18n,
  options: { rowActions?: (row: AtRiskAccount) => ReactNode },
): Column<AtRiskAccount>[] {
  const { t } = i18n;
  const nameOf = (r: AtRiskAccount) =>
    r.account?.organizationName || r.account?.organizationId || "—";
  const columns: Column<AtRiskAccount>[] = [
    {
      id: "organization",
      header: t("accounts.col.organization"),
      width: 220,
      cell: (r) => (
        <div className={classes.organizationName}>
          {r.account ? (
            <RowLink
              to="/organizations/$organizationId"
              params={{ organizationId: r.account.organizationId }}
            >
              {nameOf(r)}
            </RowLink>
          ) : (
            "—"
          )}
          {r.account && (
            <div className={classes.secondary}>{t(organizationStatusKey(r.account.status))}</div>
          )}
        </div>
      ),
    },
    {
      id: "risk",
      header: t("accounts.atRisk.col.risk"),
      width: 150,
      keepOnMobile: true,
      cell: (r) => {
        const risk = r.risks[0] ?? r.reasons[0]?.risk;
        return risk !== undefined ? <RiskBadge risk={risk} /> : <Text c="dimmed">—</Text>;
      },
    },
    {
      id: "reasons",
      header: t("accounts.atRisk.col.reasons"),
      cell: (r) => <RiskReasons reasons={r.reasons} account={r.account} />,
    },
    {
      id: "class",
      header: t("accounts.col.class"),
      width: 110,
      hideOnMobile: true,
      cell: (r) => (r.account ? <AccountClass account={r.account} fit /> : "—"),
    },
    {
      id: "tier",
      header: t("accounts.col.tier"),
      width: 110,
      hideOnMobile: true,
      cell: (r) => (
        <Text fz="sm" truncate title={r.account?.planName}>
          {r.account?.planName || "—"}
        </Text>
      ),
    },
    {
      id: "admins",
      header: t("accounts.col.admins"),
      width: 200,
      hideOnMobile: true,
      cell: (r) => (
        <AdminContacts
          contacts={r.account?.adminContacts ?? []}
          copyLabel={t("accounts.adminEmails", { name: nameOf(r) })}
        />
      ),
    },
  ];
  if (options.rowActions) {
    const rowActions = options.rowActions;
    columns.push({ id: "actions", header: "", width: 52, align: "right", cell: rowActions });
  }
  return columns;
}
