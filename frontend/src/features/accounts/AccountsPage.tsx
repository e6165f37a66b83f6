import { Chip, Group } from "@mantine/core";
import { DatesProvider, MonthPickerInput } from "@mantine/dates";
import "dayjs/locale/de";
import "@mantine/dates/styles.layer.css";
import { IconCalendarMonth, IconReportMoney } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import {
  AccountService,
  type Account,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { DataTable } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterBar, ListEmptyState, SearchInput } from "@/components/data-table/ListFilters";
import { Pager, usePages } from "@/components/data-table/Pager";
import { RecordActions, type RecordAction } from "@/components/row-actions/RecordActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { useRecordDrawer } from "@/components/ui/RecordDrawer";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import { listInput, useAccountList } from "./api/accounts";
import { AccountWorkspaces, type WorkspaceOfAccount } from "./components/AccountWorkspaces";
import { accountColumns } from "./components/columns";
import { HistoryDrawer } from "./components/HistoryDrawer";
import { PendingUpgrades } from "./components/PendingUpgrades";
import { Totals } from "./components/Totals";
import { formatMonth } from "@/lib/format";
import {
  classNames,
  parseClasses,
  type AccountSort,
  type AccountsSearch,
  type ClassName,
} from "./search";
import { thisMonth } from "@/lib/format";

const route = getRouteApi("/_app/accounts/");

/**
 * AccountsPage is the usage and billing rollup of a month: every account
 * with its tier, its usage against its caps, what it was invoiced and paid,
 * its MRR and next invoice, above them the month's totals. The month, the
 * filters and the order are in the URL; the list is shown a page at a time.
 * `actions` are each row's menu, `workspaceActions` each workspace's
 * (composed by the route).
 */
export function AccountsPage({
  actions = [],
  workspaceActions = [],
}: {
  actions?: readonly RecordAction<Account>[];
  workspaceActions?: readonly RecordAction<WorkspaceOfAccount>[];
}) {
  const i18n = useI18n();
  const { t, locale, timeZone } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/accounts/" });
  const list = useAccountList(search);
  const history = useRecordDrawer("history");
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const setSearch = (patch: Partial<AccountsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  // The drawer is no part of the list: opening it keeps the page.
  const pages = usePages(
    list,
    JSON.stringify([search.month, search.class, search.q, search.sort]),
    (p) => p.accounts.length,
  );
  const rows = useMemo(() => pages.page?.accounts ?? [], [pages.page]);
  const first = list.data?.pages[0];
  // This month is the server's: its answer to a request without a month
  // names it (a demo's clock may run ahead of the browser's).
  const now = (!search.month && !list.isPlaceholderData && first?.month) || thisMonth(timeZone);
  const month = search.month || now;
  const current = month === now;
  const selected = parseClasses(search.class);

  const columns = accountColumns(i18n, {
    current,
    expanded,
    onToggle: (a) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(a.organizationId)) next.add(a.organizationId);
        return next;
      }),
    onHistory: (a) => history.open(a.organizationId),
    rowActions:
      actions.length > 0
        ? (a) => (
            <RecordActions
              record={a}
              label={a.organizationName || a.organizationId}
              actions={actions}
            />
          )
        : undefined,
  });
  const historyName = rows.find((a) => a.organizationId === search.history)?.organizationName;
  const filtered = search.class !== "" || search.q !== "";

  return (
    <>
      <PageHeader
        title={t("accounts.title")}
        description={
          first
            ? t("accounts.total", {
                count: first.totalSize,
                month: formatMonth(first.month || month, locale),
              })
            : t("accounts.description")
        }
        actions={
          <>
            <PendingUpgrades />
            <ExportButton method={AccountService.method.listAccounts} request={listInput(search)} />
          </>
        }
      />
      <FilterBar align="center">
        <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
          <MonthPickerInput
            aria-label={t("accounts.month")}
            leftSection={<IconCalendarMonth size={16} />}
            value={`${month}-01`}
            maxDate={`${now}-01`}
            valueFormat="MMMM YYYY"
            onChange={(value) => {
              const picked = value ? value.slice(0, 7) : "";
              setSearch({ month: picked === now ? "" : picked });
            }}
            popoverProps={{ withinPortal: true }}
            w={180}
          />
        </DatesProvider>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("accounts.searchPlaceholder")}
          style={{ flex: "1 1 180px", maxWidth: 280 }}
        />
        <Chip.Group
          multiple
          value={selected}
          onChange={(values) => setSearch({ class: parseClasses(values.join(",")).join(",") })}
        >
          <Group gap={6} role="group" aria-label={t("accounts.filter.class")}>
            {classNames.map((name) => (
              <Chip key={name} value={name} size="sm" variant="outline">
                {t(`accounts.class.${name}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <SavedViews page="accounts" />
      </FilterBar>
      {(first || !list.error) && (
        <Totals
          totals={first?.totals}
          month={month}
          current={current}
          selected={selected}
          onOnlyClass={(name: ClassName) => setSearch({ class: name })}
        />
      )}
      <DataTable<Account>
        label={t("accounts.title")}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.organizationId}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        loadingMore={pages.loading}
        pager={<Pager pages={pages} shown={rows.length} total={pages.page?.totalSize} />}
        expandedRow={(a) =>
          expanded.has(a.organizationId) ? (
            <AccountWorkspaces
              account={a}
              onHistory={() => history.open(a.organizationId)}
              actions={workspaceActions}
            />
          ) : undefined
        }
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as AccountSort })}
        dense
        empty={
          <ListEmptyState
            icon={<IconReportMoney size={22} />}
            filtered={filtered}
            title={t("accounts.empty")}
            onClearFilters={() => setSearch({ class: "", q: "" })}
          />
        }
      />
      <HistoryDrawer
        organizationId={search.history}
        name={historyName}
        month={search.month}
        onClose={history.close}
      />
    </>
  );
}
