import { Button, Switch } from "@mantine/core";
import { IconClipboardList, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { OrderService } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterMultiSelect,
  FilterSelect,
  ListEmptyState,
  SearchInput,
} from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { listInput, useOrderList, useOrganizationChoices, useStaff } from "./api/orders";
import { CreateOrderModal } from "./components/OrderFormModal";
import { orderColumns } from "./components/columns";
import { kindNames, priorityNames, statusNames, type KindName, type PriorityName } from "./names";
import {
  ordersSearchDefaults,
  parseStatuses,
  unassigned,
  type OrderSort,
  type OrdersSearch,
} from "./search";

const route = getRouteApi("/_app/orders/");

export function OrdersPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/orders/" });
  const canWrite = usePermission(Permission.ORDERS_WRITE);
  const [creating, setCreating] = useState(false);
  const list = useOrderList(search);
  const staff = useStaff();
  const orgs = useOrganizationChoices(false);

  const setSearch = (patch: Partial<OrdersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.orders) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => orderColumns(i18n), [i18n]);
  const assigneeOptions = useMemo(() => {
    const options = [
      { value: unassigned, label: t("orders.filter.unassigned") },
      ...(staff.data?.members ?? []).map((m) => ({
        value: m.id,
        label: m.displayName || m.email,
      })),
    ];
    // An assignee from a link is named by their id until the staff are in.
    if (search.assignee && !options.some((o) => o.value === search.assignee)) {
      options.push({ value: search.assignee, label: search.assignee });
    }
    return options;
  }, [staff.data, search.assignee, t]);
  const orgOptions = useMemo(() => {
    const options = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
    if (search.org && !options.some((o) => o.value === search.org)) {
      options.push({ value: search.org, label: search.org });
    }
    return options;
  }, [orgs.data, search.org]);
  const filtered =
    search.q !== "" ||
    search.status !== "" ||
    search.kind !== "" ||
    search.priority !== "" ||
    search.assignee !== "" ||
    search.org !== "" ||
    search.overdue;

  return (
    <>
      <PageHeader
        title={t("orders.title")}
        description={
          total !== undefined
            ? t("orders.total", { total: formatNumber(total) })
            : t("orders.description")
        }
        actions={
          <>
            <ExportButton method={OrderService.method.listOrders} request={listInput(search)} />
            {canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t("orders.new")}
              </Button>
            )}
          </>
        }
      />
      <FilterBar align="center">
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("orders.searchPlaceholder")}
          style={{ flex: "1 1 220px", maxWidth: 300 }}
        />
        <FilterMultiSelect
          label={t("orders.filter.status")}
          data={statusNames.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 260px", minWidth: 170 }}
        />
        <FilterSelect
          label={t("orders.filter.kind")}
          data={kindNames.map((k) => ({ value: k, label: t(`orders.kind.${k}`) }))}
          value={search.kind}
          onChange={(kind) => setSearch({ kind: kind as KindName | "" })}
          w={130}
        />
        <FilterSelect
          label={t("orders.filter.priority")}
          data={priorityNames.map((p) => ({ value: p, label: t(`orders.priority.${p}`) }))}
          value={search.priority}
          onChange={(priority) => setSearch({ priority: priority as PriorityName | "" })}
          w={130}
        />
        <FilterSelect
          label={t("orders.filter.assignee")}
          data={assigneeOptions}
          value={search.assignee}
          onChange={(assignee) => setSearch({ assignee })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={190}
        />
        <FilterSelect
          label={t("orders.filter.organization")}
          data={orgOptions}
          value={search.org}
          onChange={(org) => setSearch({ org })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={200}
        />
        <Switch
          label={t("orders.filter.overdue")}
          checked={search.overdue}
          onChange={(e) => setSearch({ overdue: e.currentTarget.checked })}
        />
        <SavedViews page="orders" />
      </FilterBar>
      <DataTable
        view="orders"
        label={t("orders.title")}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        {...pagingProps(list)}
        dense
        onRowClick={(o) => void navigate({ to: "/orders/$orderId", params: { orderId: o.id } })}
        total={total}
        noun={{
          one: "orders.count.one",
          other: "orders.count.other",
          showing: "orders.count.showing",
        }}
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as OrderSort })}
        empty={
          <ListEmptyState
            icon={<IconClipboardList size={22} />}
            filtered={filtered}
            title={t("orders.empty")}
            onClearFilters={() => setSearch({ ...ordersSearchDefaults })}
          />
        }
      />
      <CreateOrderModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
