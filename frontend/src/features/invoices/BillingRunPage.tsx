import { Group, Text, TextInput } from "@mantine/core";
import { IconCalendarDollar } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import type { Invoice } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { FilterBar } from "@/components/data-table/ListFilters";
import { EmptyState } from "@/components/ui/EmptyState";
import { AnchorLink } from "@/components/ui/links";
import { PageHeader } from "@/components/ui/PageHeader";
import { useI18n } from "@/lib/i18n/i18n";
import { useBillingRunPreview } from "./api/invoices";
import { formatDay, formatPeriod, today } from "./money";

const route = getRouteApi("/_app/invoices/run");

/**
 * BillingRunPage previews what the billing run of a day would issue: one
 * unnumbered invoice per organization billed that day, paged over the
 * organizations, with the sum of their gross amounts loaded so far.
 */
export function BillingRunPage() {
  const i18n = useI18n();
  const { t, locale, formatMoney, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/invoices/run" });
  const day = search.day || today();
  const list = useBillingRunPreview(day);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.invoices) ?? [], [list.data]);
  const currency = rows[0]?.currency || "EUR";
  const gross = rows.reduce((sum, inv) => sum + inv.grossCents, 0n);

  const columns = useMemo((): Column<Invoice>[] => {
    const money = (cents: bigint, inv: Invoice) => (
      <span className="tabular-nums">{formatMoney(cents, inv.currency || "EUR")}</span>
    );
    return [
      {
        id: "organization",
        header: t("invoices.col.organization"),
        cell: (inv) => (
          <AnchorLink
            to="/organizations/$organizationId"
            params={{ organizationId: inv.organizationId }}
            search={{ tab: "invoices" }}
            fz="sm"
            fw={600}
          >
            {inv.organizationName || inv.organizationId}
          </AnchorLink>
        ),
      },
      {
        id: "billingDate",
        header: t("invoices.col.billingDate"),
        width: 120,
        hideOnMobile: true,
        cell: (inv) => (
          <span className="tabular-nums">
            {formatDay(inv.billingDate || inv.issueDate, locale)}
          </span>
        ),
      },
      {
        id: "period",
        header: t("invoices.col.period"),
        width: 210,
        hideOnMobile: true,
        cell: (inv) => (
          <span className="tabular-nums">
            {formatPeriod(inv.periodStart, inv.periodEnd, locale) || "—"}
          </span>
        ),
      },
      {
        id: "net",
        header: t("invoices.col.net"),
        width: 120,
        align: "right",
        hideOnMobile: true,
        cell: (inv) => money(inv.netCents, inv),
      },
      {
        id: "vat",
        header: t("invoices.col.vat"),
        width: 110,
        align: "right",
        hideOnMobile: true,
        cell: (inv) => money(inv.vatCents, inv),
      },
      {
        id: "gross",
        header: t("invoices.col.gross"),
        width: 120,
        align: "right",
        keepOnMobile: true,
        cell: (inv) => money(inv.grossCents, inv),
      },
    ];
  }, [t, locale, formatMoney]);

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: t("invoices.title"), to: "/invoices" }]}
        title={t("invoices.run.title")}
        description={t("invoices.run.description")}
      />
      <FilterBar align="flex-end">
        <TextInput
          type="date"
          label={t("invoices.run.day")}
          value={day}
          onChange={(e) => {
            const next = e.currentTarget.value;
            if (next) void navigate({ search: { day: next }, replace: true });
          }}
          w={170}
        />
        <Group gap="xs" ml="auto" data-testid="run-sum">
          <Text fz="sm" c="dimmed">
            {list.hasNextPage
              ? t("invoices.run.sumSoFar", { count: formatNumber(rows.length) })
              : t("invoices.run.sum", { count: formatNumber(rows.length) })}
          </Text>
          <Text fz="lg" fw={600} className="tabular-nums">
            {formatMoney(gross, currency)}
          </Text>
        </Group>
      </FilterBar>
      <DataTable
        label={t("invoices.run.title")}
        columns={columns}
        rows={rows}
        rowKey={(inv) => `${inv.organizationId}-${inv.billingDate}`}
        {...pagingProps(list)}
        autoLoad={false}
        dense
        noun={{
          one: "invoices.count.one",
          other: "invoices.count.other",
          showing: "invoices.count.showing",
        }}
        empty={
          <EmptyState
            icon={<IconCalendarDollar size={22} />}
            title={t("invoices.run.empty", { day: formatDay(day, locale) })}
          />
        }
      />
    </>
  );
}
