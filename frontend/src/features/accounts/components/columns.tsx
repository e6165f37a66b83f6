import { ActionIcon, Group, Text, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import { IconChartBar, IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { formatCivilDate, formatGigabytes, formatGigabytesOf } from "@/lib/format";
import type { I18n } from "@/lib/i18n/i18n";
import { organizationStatusKey } from "@/lib/labels";
import { AdminContacts } from "./Contacts";
import { AccountClass } from "./RevenueClassBadge";
import { UsageCell } from "./UsageCell";
import classes from "./Accounts.module.css";

export interface AccountColumnsOptions {
  /** The rollup is of this month: the MRR at its end is a forecast, and the next invoice is known. */
  current: boolean;
  /** The accounts whose workspaces are open. */
  expanded: ReadonlySet<string>;
  onToggle: (account: Account) => void;
  onHistory: (account: Account) => void;
  /** The account's action menu (⋮), beside its history. */
  rowActions?: (account: Account) => ReactNode;
}

/**
 * The rollup's columns. A new column is one entry here. Money, users,
 * storage and traffic sort with their headers, the highest first.
 */
export function accountColumns(i18n: I18n, options: AccountColumnsOptions): Column<Account>[] {
  const { t, locale, formatMoney, formatNumber } = i18n;
  const { current, expanded, onToggle, onHistory, rowActions } = options;
  const money = (a: Account, cents: bigint) => formatMoney(cents, a.currency || "EUR");
  const gigabytes = (bytes: bigint) => formatGigabytes(bytes, locale);
  const gigabytesOf = (used: bigint, cap: bigint) => formatGigabytesOf(used, cap, locale);
  const desc = (key: string) => ({ asc: key, desc: `${key}_desc`, first: "desc" as const });

  const columns: Column<Account>[] = [
    {
      id: "organization",
      sort: { asc: "name", desc: "name_desc" },
      header: t("accounts.col.organization"),
      cell: (a) => {
        const open = expanded.has(a.organizationId);
        const name = a.organizationName || a.organizationId;
        return (
          <div className={classes.organization}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-expanded={open}
              aria-label={t(open ? "accounts.collapse" : "accounts.expand", { name })}
              onClick={() => onToggle(a)}
            >
              {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            </ActionIcon>
            <div className={classes.organizationName}>
              <RowLink
                to="/organizations/$organizationId"
                params={{ organizationId: a.organizationId }}
              >
                {name}
              </RowLink>
              <div className={classes.secondary}>{t(organizationStatusKey(a.status))}</div>
            </div>
          </div>
        );
      },
    },
    {
      id: "class",
      header: t("accounts.col.class"),
      width: 110,
      keepOnMobile: true,
      cell: (a) => <AccountClass account={a} />,
    },
    {
      id: "tier",
      header: t("accounts.col.tier"),
      width: 110,
      hideOnMobile: true,
      cell: (a) => (
        <Text fz="sm" truncate title={a.planName}>
          {a.planName || "—"}
        </Text>
      ),
    },
    {
      id: "users",
      sort: desc("users"),
      header: t("accounts.col.users"),
      width: 100,
      hideOnMobile: true,
      cell: (a) => (
        <UsageCell
          label={t("accounts.col.users")}
          usage={a.users}
          format={(n) => formatNumber(n)}
          formatOf={(used, cap) => `${formatNumber(used)} / ${formatNumber(cap)}`}
        />
      ),
    },
    {
      id: "storage",
      sort: desc("storage"),
      header: t("accounts.col.storage"),
      width: 120,
      hideOnMobile: true,
      cell: (a) => (
        <UsageCell
          label={t("accounts.col.storage")}
          usage={a.storage}
          format={gigabytes}
          formatOf={gigabytesOf}
        />
      ),
    },
    {
      id: "traffic",
      sort: desc("traffic"),
      header: t("accounts.col.traffic"),
      width: 120,
      hideOnMobile: true,
      cell: (a) => (
        <UsageCell
          label={t("accounts.col.traffic")}
          usage={a.traffic}
          format={gigabytes}
          formatOf={gigabytesOf}
        />
      ),
    },
    {
      id: "invoiced",
      sort: desc("invoiced"),
      header: t("accounts.col.invoiced"),
      width: 110,
      align: "right",
      hideOnMobile: true,
      cell: (a) => <span className={classes.amount}>{money(a, a.invoicedGrossCents)}</span>,
    },
    {
      id: "paid",
      sort: desc("paid"),
      header: t("accounts.col.paid"),
      width: 110,
      align: "right",
      hideOnMobile: true,
      cell: (a) => <span className={classes.amount}>{money(a, a.paidCents)}</span>,
    },
    {
      id: "mrr",
      sort: desc("mrr"),
      header: t(current ? "accounts.col.mrrForecast" : "accounts.col.mrr"),
      width: 120,
      align: "right",
      keepOnMobile: true,
      cell: (a) => (
        <div>
          <div className={classes.amount}>{money(a, a.mrrEndCents)}</div>
          <div className={classes.secondary}>
            {t("accounts.mrrFrom", { amount: money(a, a.mrrStartCents) })}
          </div>
        </div>
      ),
    },
  ];
  if (current) {
    columns.push({
      id: "next",
      header: t("accounts.col.nextInvoice"),
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (a) =>
        a.nextInvoice ? (
          <div>
            <div className={classes.amount} data-next-invoice>
              {money(a, a.nextInvoice.grossCents)}
            </div>
            <div className={classes.secondary}>
              {t("accounts.nextInvoiceOn", {
                date: formatCivilDate(a.nextInvoice.billingDate, locale),
              })}
            </div>
          </div>
        ) : (
          <Text c="dimmed">—</Text>
        ),
    });
  }
  columns.push(
    {
      id: "admins",
      header: t("accounts.col.admins"),
      width: 170,
      hideOnMobile: true,
      cell: (a) => <AdminContacts contacts={a.adminContacts} />,
    },
    {
      id: "actions",
      header: "",
      width: rowActions ? 84 : 52,
      align: "right",
      cell: (a) => {
        const label = t("accounts.historyOf", { name: a.organizationName || a.organizationId });
        return (
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <Tooltip label={label} withArrow openDelay={300}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={label}
                onClick={() => onHistory(a)}
              >
                <IconChartBar size={16} />
              </ActionIcon>
            </Tooltip>
            {rowActions?.(a)}
          </Group>
        );
      },
    },
  );
  return columns;
}
