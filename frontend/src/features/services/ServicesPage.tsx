import { Button } from "@mantine/core";
import { IconPlus, IconStack2 } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { ServiceInstanceService } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterMultiSelect,
  ListEmptyState,
  SearchInput,
  SortSelect,
} from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { listInput, useServiceList } from "./api/services";
import { BookServiceModal } from "./components/BookServiceModal";
import { serviceColumns } from "./components/columns";
import { ServerFilter } from "./components/ServerFilter";
import {
  parseHealths,
  parseStatuses,
  serviceSorts,
  servicesSearchDefaults,
  type ServiceSort,
} from "./search";
import { healthNames, statusNames } from "./status";

const route = getRouteApi("/_app/services/");

const sortLabels = {
  name: "services.sort.name",
  name_desc: "services.sort.nameDesc",
  created: "services.sort.created",
  created_desc: "services.sort.createdDesc",
} as const satisfies Record<ServiceSort, string>;

export function ServicesPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/services/" });
  const canWrite = usePermission(Permission.SERVICES_WRITE);
  // Servers are found through the servers' API, which needs its own permission.
  const canReadServers = usePermission(Permission.SERVERS_READ);
  const [booking, setBooking] = useState(false);
  const list = useServiceList(search);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(
    () => list.data?.pages.flatMap((p) => p.serviceInstances) ?? [],
    [list.data],
  );
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => serviceColumns(i18n), [i18n]);
  const filtered =
    search.q !== "" ||
    search.status !== "" ||
    search.health !== "" ||
    search.server !== "" ||
    search.org !== "";

  return (
    <>
      <PageHeader
        title={t("services.title")}
        description={
          total !== undefined
            ? t("services.total", { total: formatNumber(total) })
            : t("services.description")
        }
        actions={
          <>
            <ExportButton
              method={ServiceInstanceService.method.listServiceInstances}
              request={listInput(search)}
            />
            {canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setBooking(true)}>
                {t("services.book")}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("services.searchPlaceholder")}
          style={{ flex: "1 1 200px", maxWidth: 300 }}
        />
        <FilterMultiSelect
          label={t("services.statusFilter")}
          data={statusNames.map((s) => ({ value: s, label: t(`services.status.${s}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 220px", minWidth: 160 }}
        />
        <FilterMultiSelect
          label={t("services.healthFilter")}
          data={healthNames.map((h) => ({ value: h, label: t(`services.healthFilter.${h}`) }))}
          value={parseHealths(search.health)}
          onChange={(values) => setSearch({ health: values.join(",") })}
          style={{ flex: "0 1 220px", minWidth: 160 }}
        />
        {canReadServers && (
          <ServerFilter
            value={search.server}
            onChange={(server) => setSearch({ server })}
            w={170}
          />
        )}
        <SortSelect
          data={(Object.keys(serviceSorts) as ServiceSort[]).map((sort) => ({
            value: sort,
            label: t(sortLabels[sort]),
          }))}
          value={search.sort}
          onChange={(sort) => setSearch({ sort })}
          w={180}
        />
        <SavedViews page="services" />
      </FilterBar>
      <DataTable
        view="services"
        label={t("services.title")}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        {...pagingProps(list)}
        onRowClick={(s) =>
          void navigate({ to: "/services/$serviceId", params: { serviceId: s.id } })
        }
        total={total}
        noun={{
          one: "services.count.one",
          other: "services.count.other",
          showing: "services.count.showing",
        }}
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as ServiceSort })}
        empty={
          <ListEmptyState
            icon={<IconStack2 size={22} />}
            filtered={filtered}
            title={t("services.empty")}
            onClearFilters={() => setSearch({ ...servicesSearchDefaults })}
          />
        }
      />
      <BookServiceModal opened={booking} onClose={() => setBooking(false)} />
    </>
  );
}
