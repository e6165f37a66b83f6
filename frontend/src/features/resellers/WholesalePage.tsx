import { useQuery } from "@connectrpc/connect-query";
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { DatesProvider, MonthPickerInput } from "@mantine/dates";
import { keepPreviousData } from "@tanstack/react-query";
import { IconCalendarMonth, IconDownload, IconReportMoney } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import {
  BillingEntityKind,
  BillingEntityService,
  type WholesaleRow,
  type WholesaleTotal,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { FilterBar, FilterSelect } from "@/components/data-table/ListFilters";
import { Truncated } from "@/components/data-table/Truncated";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useCaller } from "@/lib/auth";
import { displayTimeZone } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { saveFile } from "@/lib/save-file";
import { monthsCovered, wholesaleCsv, wholesaleInput } from "./wholesale";
import { thisMonth } from "@/lib/format";

const route = getRouteApi("/_app/billing-entities/wholesale");

/**
 * WholesalePage shows what the resellers' customers were invoiced for the
 * licensee's items over a range of months: per reseller the amount at the
 * licensee's prices (what the reseller owes) beside what it invoiced, and
 * per customer and item below. A reseller's staff see their own entity's.
 * Without months in the URL the server reports its current month, and the
 * pickers show the months the answer says it covered.
 */
export function WholesalePage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/billing-entities/wholesale" });
  const caller = useCaller();
  const seesSeveral = caller.billingEntityId === "";
  const entities = useBillingEntityChoices(seesSeveral);
  // The pickers' upper bound; the default month is the server's.
  const now = thisMonth(displayTimeZone());
  const input = wholesaleInput(search);
  const report = useQuery(BillingEntityService.method.getWholesaleReport, input, {
    placeholderData: keepPreviousData,
  });
  const resellers = entities.filter((e) => e.kind === BillingEntityKind.RESELLER);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const monthOf = (value: string | null) => {
    const picked = value ? value.slice(0, 7) : "";
    return picked === now ? "" : picked;
  };

  const data = report.data;
  const currency = data?.currency || "EUR";
  // The months named, else those the server chose (known once it answers).
  const covered = input.firstMonth
    ? { first: input.firstMonth, last: input.lastMonth }
    : data && monthsCovered(data);
  const names = useMemo(
    () => new Map((data?.totals ?? []).map((e) => [e.billingEntityId, e.billingEntityName])),
    [data],
  );
  const totalColumns = useMemo(() => totalsColumns(i18n, currency), [i18n, currency]);
  const rowColumns = useMemo(
    () => detailColumns(i18n, currency, seesSeveral ? names : undefined),
    [i18n, currency, seesSeveral, names],
  );

  const download = () => {
    if (!data) return;
    saveFile(
      new TextEncoder().encode(wholesaleCsv(data)),
      `wholesale-${covered?.first ?? ""}_${covered?.last ?? ""}.csv`,
      "text/csv",
    );
  };

  return (
    <>
      <PageHeader
        title={t("resellers.wholesale.title")}
        description={t("resellers.wholesale.description")}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={!data || data.rows.length === 0}
            onClick={download}
          >
            {t("resellers.wholesale.download")}
          </Button>
        }
      />
      <FilterBar>
        <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
          <MonthPickerInput
            label={t("resellers.wholesale.from")}
            leftSection={<IconCalendarMonth size={16} />}
            value={covered ? `${covered.first}-01` : null}
            maxDate={`${now}-01`}
            valueFormat="MMMM YYYY"
            onChange={(value) => setSearch({ from: monthOf(value) })}
            popoverProps={{ withinPortal: true }}
            w={180}
          />
          <MonthPickerInput
            label={t("resellers.wholesale.to")}
            leftSection={<IconCalendarMonth size={16} />}
            value={covered ? `${covered.last}-01` : null}
            minDate={covered ? `${covered.first}-01` : undefined}
            maxDate={`${now}-01`}
            valueFormat="MMMM YYYY"
            onChange={(value) => setSearch({ to: monthOf(value) })}
            popoverProps={{ withinPortal: true }}
            w={180}
          />
        </DatesProvider>
        {seesSeveral && resellers.length > 0 && (
          <FilterSelect
            label={t("resellers.wholesale.reseller")}
            data={resellers.map((e) => ({ value: e.id, label: e.name }))}
            value={search.entity}
            onChange={(entity) => setSearch({ entity })}
            w={240}
          />
        )}
        <SavedViews page="wholesale" />
      </FilterBar>
      <Stack gap="xl">
        <section aria-label={t("resellers.wholesale.totals")}>
          <DataTable
            label={t("resellers.wholesale.totals")}
            columns={totalColumns}
            rows={data?.totals ?? []}
            rowKey={(r) => r.billingEntityId}
            loading={report.isPending}
            error={report.error}
            onRetry={() => void report.refetch()}
            total={data ? data.totals.length : undefined}
            noun={{
              one: "resellers.wholesale.resellers.one",
              other: "resellers.wholesale.resellers.other",
              showing: "resellers.wholesale.resellers.showing",
            }}
            empty={
              <EmptyState
                icon={<IconReportMoney size={22} />}
                title={t("resellers.wholesale.noResellers")}
              />
            }
          />
        </section>
        <section aria-label={t("resellers.wholesale.rows")}>
          <Group justify="space-between" mb="xs">
            <Title order={3} fz="md">
              {t("resellers.wholesale.rows")}
            </Title>
          </Group>
          <DataTable
            view="wholesale"
            label={t("resellers.wholesale.rows")}
            columns={rowColumns}
            rows={data?.rows ?? []}
            rowKey={(r) => `${r.billingEntityId}/${r.organizationId}/${r.catalogItemId}`}
            loading={report.isPending}
            total={data ? data.rows.length : undefined}
            noun={{
              one: "resellers.wholesale.count.one",
              other: "resellers.wholesale.count.other",
              showing: "resellers.wholesale.count.showing",
            }}
            empty={
              <EmptyState
                icon={<IconReportMoney size={22} />}
                title={t("resellers.wholesale.empty")}
              />
            }
          />
        </section>
      </Stack>
    </>
  );
}

function Money({ cents, currency, i18n }: { cents: bigint; currency: string; i18n: I18n }) {
  return (
    <Text span fz="sm" className="tabular-nums" c={cents < 0n ? "red.7" : undefined}>
      {i18n.formatMoney(cents, currency)}
    </Text>
  );
}

function totalsColumns(i18n: I18n, currency: string): Column<WholesaleTotal>[] {
  const { t } = i18n;
  const money = (cents: bigint) => <Money cents={cents} currency={currency} i18n={i18n} />;
  return [
    {
      id: "reseller",
      header: t("resellers.wholesale.col.reseller"),
      cell: (r) => (
        <Text span fz="sm" fw={600}>
          {r.billingEntityName}
        </Text>
      ),
    },
    {
      id: "wholesale",
      header: t("resellers.wholesale.col.wholesale"),
      width: 170,
      align: "right",
      cell: (r) => money(r.wholesaleCents),
    },
    {
      id: "resale",
      header: t("resellers.wholesale.col.resale"),
      width: 170,
      align: "right",
      cell: (r) => money(r.resaleCents),
    },
    {
      id: "margin",
      header: t("resellers.wholesale.col.margin"),
      width: 150,
      align: "right",
      keepOnMobile: true,
      cell: (r) => money(r.resaleCents - r.wholesaleCents),
    },
  ];
}

function detailColumns(
  i18n: I18n,
  currency: string,
  names: Map<string, string> | undefined,
): Column<WholesaleRow>[] {
  const { t, formatNumber } = i18n;
  const money = (cents: bigint) => <Money cents={cents} currency={currency} i18n={i18n} />;
  return [
    ...(names
      ? [
          {
            id: "reseller",
            header: t("resellers.wholesale.col.reseller"),
            width: 190,
            hideOnMobile: true,
            cell: (r: WholesaleRow) => (
              <Truncated>{names.get(r.billingEntityId) ?? r.billingEntityId}</Truncated>
            ),
          },
        ]
      : []),
    {
      id: "customer",
      header: t("resellers.wholesale.col.customer"),
      cell: (r) => <Truncated>{r.organizationName}</Truncated>,
    },
    {
      id: "item",
      header: t("resellers.wholesale.col.item"),
      width: 190,
      cell: (r) => <Truncated>{r.catalogItemName}</Truncated>,
    },
    {
      id: "services",
      header: t("resellers.wholesale.col.services"),
      width: 100,
      align: "right",
      hideOnMobile: true,
      cell: (r) => <span className="tabular-nums">{formatNumber(r.services)}</span>,
    },
    {
      id: "wholesale",
      header: t("resellers.wholesale.col.wholesale"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (r) => money(r.wholesaleCents),
    },
    {
      id: "resale",
      header: t("resellers.wholesale.col.resale"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (r) => money(r.resaleCents),
    },
    {
      id: "margin",
      header: t("resellers.wholesale.col.margin"),
      width: 130,
      align: "right",
      keepOnMobile: true,
      cell: (r) => money(r.resaleCents - r.wholesaleCents),
    },
  ];
}
