import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Alert,
  Button,
  Menu,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { DatesProvider, MonthPickerInput } from "@mantine/dates";
import "dayjs/locale/de";
import "@mantine/dates/styles.layer.css";
import {
  IconArchive,
  IconCalendarMonth,
  IconChevronDown,
  IconFileTypePdf,
} from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { lazy, Suspense, useMemo, useState } from "react";
import {
  UsageReportService,
  type StoredUsageReport,
  type UsageFigures,
  type UsageReportRow,
} from "@leitstand/sdk/leitstand/admin/v1/usage_report_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterBar } from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { QueryError } from "@/components/ui/QueryError";
import { useCaller } from "@/lib/auth";
import { formatGigabytes } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import {
  reportOf,
  useOrganizations,
  usePdfDownload,
  useStoredReport,
  useStoredReports,
  useUsageReport,
  type ReportChoice,
} from "./api/usagereports";
import { hoursOf } from "./format";
import { formatMonth } from "@/lib/format";
import { maxMonths, periodOf, addMonths, type UsageReportsSearch } from "./search";
import { thisMonth } from "@/lib/format";

// The chart library is large: it loads only when the charts are shown.
const MonthlyCharts = lazy(() =>
  import("./components/MonthlyCharts").then((m) => ({ default: m.MonthlyCharts })),
);

const route = getRouteApi("/_app/usage-reports");

/**
 * UsageReportsPage reports what the organizations of a billing entity used
 * and were invoiced over a period of months: the totals, a chart of each
 * month, a row per organization, as CSV and PDF, and the months the job
 * stored. The licensee's staff choose the entity (or all of them); a
 * reseller's staff see their own. The choice is in the URL. A stored month
 * opens with its stored figures (its CSV and PDF too) until the choice
 * changes or the live report is asked for.
 */
export function UsageReportsPage() {
  const i18n = useI18n();
  const { t, locale, timeZone, formatDateTime } = i18n;
  const caller = useCaller();
  // A reseller's staff report on their own entity; the licensee's choose.
  const licensee = caller.billingEntityId === "";
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/usage-reports" });
  // Any other choice leaves the stored month for the live report.
  const setSearch = (patch: Partial<UsageReportsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, stored: "", ...patch }), replace: true });

  const storedId = search.stored;
  const storedReport = useStoredReport(storedId);
  const kept = storedId ? storedReport.data : undefined;
  // The pickers' upper bound only: the default months are the server's.
  const now = thisMonth(timeZone);
  // The months the URL names; none leaves them to the server.
  const named = search.from || search.to ? periodOf(search, now) : undefined;
  const choice: ReportChoice = {
    entity: licensee ? search.entity : "",
    org: search.org,
    from: named?.from ?? "",
    to: named?.to ?? "",
  };
  const live = useUsageReport(choice, !storedId);
  const report = storedId ? storedReport : live;
  const entities = useBillingEntityChoices(licensee);
  const organizations = useOrganizations().filter(
    (o) => !choice.entity || o.billingEntityId === choice.entity,
  );
  const stored = useStoredReports(choice.entity);
  const download = usePdfDownload();
  const [rendering, setRendering] = useState(false);
  const pdf = (language: "de" | "en") => {
    setRendering(true);
    download(choice, storedId, language)
      .catch(() => undefined) // announced as every failed read is
      .finally(() => setRendering(false));
  };

  const r = report.data?.report;
  const monthColumns = useMemo(() => storedColumns(i18n, licensee), [i18n, licensee]);
  // The months shown: a stored month's (whatever the URL says besides),
  // those named, or those the server chose, as its report says.
  const period = kept?.report
    ? { from: kept.report.fromMonth, to: kept.report.toMonth }
    : (named ?? (r ? { from: r.fromMonth, to: r.toMonth } : undefined));
  // A stored report is one entity's.
  const showEntity = licensee && !choice.entity && !storedId;
  const picker = (
    label: string,
    value: string | undefined,
    min: string,
    max: string,
    set: (m: string) => void,
  ) => (
    <MonthPickerInput
      label={label}
      leftSection={<IconCalendarMonth size={16} />}
      value={value ? `${value}-01` : null}
      minDate={min ? `${min}-01` : undefined}
      maxDate={`${max}-01`}
      valueFormat="MMMM YYYY"
      onChange={(v) => v && set(v.slice(0, 7))}
      popoverProps={{ withinPortal: true }}
      w={170}
    />
  );

  return (
    <>
      <PageHeader
        title={t("usageReports.title")}
        description={t("usageReports.description")}
        actions={
          <>
            <ExportButton
              method={UsageReportService.method.listUsageReportRows}
              request={{ report: reportOf(choice, storedId) }}
            />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  loading={rendering}
                  leftSection={<IconFileTypePdf size={16} />}
                  rightSection={<IconChevronDown size={14} />}
                >
                  {t("usageReports.pdf")}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => pdf("de")}>Deutsch</Menu.Item>
                <Menu.Item onClick={() => pdf("en")}>English</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />
      <FilterBar>
        {licensee && entities.length > 0 && (
          <Select
            label={t("usageReports.entity")}
            data={[
              { value: "", label: t("usageReports.allEntities") },
              ...entities.map((e) => ({ value: e.id, label: e.name })),
            ]}
            value={search.entity}
            onChange={(v) => setSearch({ entity: v ?? "", org: "" })}
            allowDeselect={false}
            w={240}
          />
        )}
        {organizations.length > 0 && (
          <Select
            label={t("usageReports.organization")}
            data={[
              { value: "", label: t("usageReports.allOrganizations") },
              ...organizations.map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={search.org}
            onChange={(v) => setSearch({ org: v ?? "" })}
            searchable
            allowDeselect={false}
            w={260}
          />
        )}
        <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
          {picker(
            t("usageReports.from"),
            period?.from,
            addMonths(period?.to ?? now, -(maxMonths - 1)),
            period?.to ?? now,
            // The other month stays as shown, not the server's choice anew.
            (m) => setSearch({ from: m, to: period?.to ?? "" }),
          )}
          {picker(t("usageReports.to"), period?.to, period?.from ?? "", now, (m) =>
            setSearch({ to: m, from: period?.from ?? "" }),
          )}
        </DatesProvider>
        <SavedViews page="usage_reports" />
      </FilterBar>

      {report.error && !r ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Stack gap="lg">
          {kept?.stored && (
            <Alert
              color="blue"
              variant="light"
              icon={<IconArchive size={18} />}
              data-testid="stored-note"
              title={
                licensee
                  ? t("usageReports.stored.showingEntity", {
                      month: formatMonth(kept.stored.month, locale),
                      entity: kept.stored.billingEntityName,
                    })
                  : t("usageReports.stored.showing", {
                      month: formatMonth(kept.stored.month, locale),
                    })
              }
            >
              <Text fz="sm" mb="xs">
                {t("usageReports.stored.note", {
                  time: kept.stored.generateTime
                    ? formatDateTime(timestampDate(kept.stored.generateTime))
                    : "",
                })}
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={() => setSearch({ from: period?.from ?? "", to: period?.to ?? "" })}
              >
                {t("usageReports.stored.live")}
              </Button>
            </Alert>
          )}
          <Totals figures={r?.totals} currency={r?.currency || "EUR"} loading={!r} i18n={i18n} />
          {r && !storedId && (
            <Text c="dimmed" fz="xs">
              {t("usageReports.generated", {
                time: r.generateTime ? formatDateTime(timestampDate(r.generateTime)) : "",
              })}
            </Text>
          )}
          <Suspense fallback={<Skeleton height={260} />}>
            {r && <MonthlyCharts months={r.months} currency={r.currency || "EUR"} />}
          </Suspense>
          <section>
            <Title order={3} fz="md" mb="xs">
              {t("usageReports.table.organizations")}
            </Title>
            <DataTable
              label={t("usageReports.table.label")}
              columns={rowColumns(i18n, r?.currency || "EUR", showEntity)}
              rows={r?.organizations ?? []}
              rowKey={(row) => row.organizationId}
              loading={!r && report.isPending}
              empty={t("usageReports.table.empty")}
              total={r?.organizations.length}
              dense
            />
          </section>
          <section>
            <Title order={3} fz="md" mb={4}>
              {t("usageReports.stored.title")}
            </Title>
            <Text c="dimmed" fz="sm" mb="xs">
              {t("usageReports.stored.help")}
            </Text>
            <DataTable
              view="usage_reports"
              label={t("usageReports.stored.label")}
              columns={monthColumns}
              rows={stored.data?.pages.flatMap((p) => p.reports) ?? []}
              rowKey={(s) => s.id}
              loading={stored.isPending}
              error={stored.error}
              onRetry={() => void stored.refetch()}
              hasMore={stored.hasNextPage}
              loadingMore={stored.isFetchingNextPage}
              onLoadMore={() => void stored.fetchNextPage()}
              autoLoad={false}
              onRowClick={(s) =>
                setSearch({
                  entity: licensee ? s.billingEntityId : "",
                  org: "",
                  from: s.month,
                  to: s.month,
                  stored: s.id,
                })
              }
              empty={t("usageReports.stored.empty")}
              total={stored.data?.pages[0]?.totalSize}
              dense
            />
          </section>
        </Stack>
      )}
    </>
  );
}

function Totals({
  figures,
  currency,
  loading,
  i18n,
}: {
  figures?: UsageFigures;
  currency: string;
  loading: boolean;
  i18n: I18n;
}) {
  const { t, locale, formatNumber, formatMoney } = i18n;
  // Decimal gigabytes, as the invoice and the PDF count them.
  const formatBytes = (b: bigint) => formatGigabytes(b, locale);
  const f = figures;
  const cards: { id: string; label: string; value: string; help: string }[] = f
    ? [
        {
          id: "services",
          label: t("usageReports.figure.services"),
          value: formatNumber(f.services),
          help: t("usageReports.figure.servicesHelp", { atEnd: formatNumber(f.servicesAtEnd) }),
        },
        {
          id: "servers",
          label: t("usageReports.figure.servers"),
          value: formatNumber(f.servers),
          help: "",
        },
        {
          id: "storage",
          label: t("usageReports.figure.storage"),
          value: formatBytes(f.averageStorageBytes),
          help: t("usageReports.figure.storageHelp", {
            peak: formatBytes(f.peakStorageBytes),
            days: f.daysMeasured,
          }),
        },
        {
          id: "traffic",
          label: t("usageReports.figure.traffic"),
          value: formatBytes(f.trafficBytes),
          help: "",
        },
        {
          id: "hours",
          label: t("usageReports.figure.hours"),
          value: formatNumber(hoursOf(f.minutes)),
          help: t("usageReports.figure.hoursHelp", {
            billable: formatNumber(hoursOf(f.billableMinutes)),
          }),
        },
        {
          id: "revenue",
          label: t("usageReports.figure.revenue"),
          value: formatMoney(f.netRevenueCents, currency),
          help: t("usageReports.figure.revenueHelp"),
        },
      ]
    : [];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
      {loading
        ? Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={88} />)
        : cards.map((c) => (
            <Paper key={c.id} withBorder p="md" data-testid={`total-${c.id}`}>
              <Text c="dimmed" fz="xs" tt="uppercase" fw={600}>
                {c.label}
              </Text>
              <Text fz="xl" fw={700} className="tabular-nums">
                {c.value}
              </Text>
              {c.help && (
                <Text c="dimmed" fz="xs">
                  {c.help}
                </Text>
              )}
            </Paper>
          ))}
    </SimpleGrid>
  );
}

function figureColumns<T>(
  i18n: I18n,
  currency: string,
  figures: (row: T) => UsageFigures | undefined,
): Column<T>[] {
  const { t, locale, formatNumber, formatMoney } = i18n;
  const formatBytes = (b: bigint) => formatGigabytes(b, locale);
  const num = (v: number | bigint | undefined) => formatNumber(v ?? 0);
  return [
    {
      id: "services",
      header: t("usageReports.figure.services"),
      align: "right",
      width: 90,
      cell: (r) => num(figures(r)?.services),
    },
    {
      id: "servers",
      header: t("usageReports.figure.servers"),
      align: "right",
      width: 80,
      hideOnMobile: true,
      cell: (r) => num(figures(r)?.servers),
    },
    {
      id: "storage",
      header: t("usageReports.figure.storage"),
      align: "right",
      width: 120,
      hideOnMobile: true,
      cell: (r) => formatBytes(figures(r)?.averageStorageBytes ?? 0n),
    },
    {
      id: "traffic",
      header: t("usageReports.figure.traffic"),
      align: "right",
      width: 110,
      hideOnMobile: true,
      cell: (r) => formatBytes(figures(r)?.trafficBytes ?? 0n),
    },
    {
      id: "hours",
      header: t("usageReports.figure.hours"),
      align: "right",
      width: 110,
      hideOnMobile: true,
      cell: (r) => num(hoursOf(figures(r)?.minutes ?? 0n)),
    },
    {
      id: "revenue",
      header: t("usageReports.figure.revenue"),
      align: "right",
      width: 130,
      keepOnMobile: true,
      cell: (r) => formatMoney(figures(r)?.netRevenueCents ?? 0n, currency),
    },
  ];
}

function rowColumns(i18n: I18n, currency: string, withEntity: boolean): Column<UsageReportRow>[] {
  const { t } = i18n;
  const columns: Column<UsageReportRow>[] = [
    {
      id: "organization",
      header: t("usageReports.column.organization"),
      cell: (r) => r.organizationName,
    },
  ];
  if (withEntity) {
    columns.push({
      id: "entity",
      header: t("usageReports.column.entity"),
      hideOnMobile: true,
      cell: (r) => r.billingEntityName,
    });
  }
  return [...columns, ...figureColumns<UsageReportRow>(i18n, currency, (r) => r.figures)];
}

function storedColumns(i18n: I18n, withEntity: boolean): Column<StoredUsageReport>[] {
  const { t, locale, formatNumber, formatDateTime } = i18n;
  const columns: Column<StoredUsageReport>[] = [
    {
      id: "month",
      header: t("usageReports.column.month"),
      width: 150,
      cell: (s) => formatMonth(s.month, locale),
    },
  ];
  if (withEntity) {
    columns.push({
      id: "entity",
      header: t("usageReports.column.entity"),
      hideOnMobile: true,
      cell: (s) => s.billingEntityName,
    });
  }
  return [
    ...columns,
    {
      id: "organizations",
      header: t("usageReports.column.organizations"),
      align: "right",
      width: 120,
      hideOnMobile: true,
      cell: (s) => formatNumber(s.organizationCount),
    },
    ...figureColumns<StoredUsageReport>(i18n, "EUR", (s) => s.totals),
    {
      id: "generated",
      header: t("usageReports.column.generated"),
      width: 160,
      hideOnMobile: true,
      cell: (s) => (s.generateTime ? formatDateTime(timestampDate(s.generateTime)) : ""),
    },
  ];
}
