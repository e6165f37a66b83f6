import { Button } from "@mantine/core";
import { IconPlus, IconServer } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
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
import { parseList } from "@/lib/search";
import { serverListInput, useHealthSummary, useServerChoices, useServerList } from "./api/servers";
import { HealthSummary } from "./components/HealthSummary";
import { serverColumns, serverThresholds } from "./components/serverColumns";
import { ServerFormModal } from "./components/ServerFormModal";
import {
  healthNames,
  providerNames,
  serversSearchDefaults,
  syncNames,
  type ProviderName,
  type ServerSort,
  type ServersSearch,
  type SyncName,
} from "./search";

const route = getRouteApi("/_app/servers/");

export function ServersPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/servers/" });
  const canWrite = usePermission(Permission.SERVERS_WRITE);
  const [creating, setCreating] = useState(false);
  const list = useServerList(search);
  const summary = useHealthSummary();
  // The locations in use come from the pickers' page of servers: asked for
  // when the location filter is opened, not with the list on every visit
  // (the page asked for servers twice).
  const [locationsWanted, setLocationsWanted] = useState(false);
  const choices = useServerChoices(locationsWanted);

  const setSearch = (patch: Partial<ServersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.servers) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const thresholds = serverThresholds(summary.data?.thresholds);
  const columns = serverColumns(i18n, thresholds);
  const locations = useMemo(() => {
    const set = new Set((choices.data?.servers ?? []).map((s) => s.location).filter(Boolean));
    if (search.location) set.add(search.location);
    return [...set].sort();
  }, [choices.data, search.location]);
  const health = parseList(search.health, healthNames);
  const filtered =
    search.q !== "" ||
    search.provider !== "" ||
    search.health !== "" ||
    search.sync !== "" ||
    search.location !== "";

  return (
    <>
      <PageHeader
        title={t("servers.title")}
        description={
          summary.data
            ? t("servers.total", { total: formatNumber(summary.data.total) })
            : t("servers.description")
        }
        actions={
          <>
            <ExportButton
              method={ServerService.method.listServers}
              request={serverListInput(search)}
            />
            {canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t("servers.create")}
              </Button>
            )}
          </>
        }
      />
      <HealthSummary
        summary={summary.data}
        health={health.length === 1 ? (health[0] ?? "") : ""}
        syncFailing={search.sync === "FAILING"}
        onHealth={(h) => setSearch({ health: h })}
        onSyncFailing={(on) => setSearch({ sync: on ? "FAILING" : "" })}
      />
      <FilterBar>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("servers.searchPlaceholder")}
          style={{ flex: "1 1 240px", maxWidth: 340 }}
        />
        <FilterSelect
          label={t("servers.filter.provider")}
          data={providerNames.map((p) => ({ value: p, label: t(`infra.provider.${p}`) }))}
          value={search.provider}
          onChange={(value) => setSearch({ provider: value as ProviderName | "" })}
          w={160}
        />
        <FilterMultiSelect
          label={t("servers.filter.health")}
          data={healthNames.map((h) => ({ value: h, label: t(`infra.health.${h}`) }))}
          value={health}
          onChange={(values) => setSearch({ health: values.join(",") })}
          style={{ flex: "0 1 280px", minWidth: 180 }}
        />
        <FilterSelect
          label={t("servers.filter.sync")}
          data={syncNames.map((s) => ({ value: s, label: t(`infra.sync.${s}`) }))}
          value={search.sync}
          onChange={(value) => setSearch({ sync: value as SyncName | "" })}
          w={150}
        />
        <FilterSelect
          label={t("servers.filter.location")}
          data={locations}
          value={search.location}
          onChange={(location) => setSearch({ location })}
          onDropdownOpen={() => setLocationsWanted(true)}
          nothingFoundMessage={choices.isFetching ? t("common.loading") : undefined}
          searchable
          w={150}
        />
        <SavedViews page="servers" />
      </FilterBar>
      <DataTable
        view="servers"
        label={t("servers.title")}
        columns={columns}
        dense
        minWidth={1110}
        rows={rows}
        rowKey={(s) => s.id}
        {...pagingProps(list)}
        onRowClick={(s) => void navigate({ to: "/servers/$serverId", params: { serverId: s.id } })}
        total={total}
        noun={{
          one: "servers.count.one",
          other: "servers.count.other",
          showing: "servers.count.showing",
        }}
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as ServerSort })}
        empty={
          <ListEmptyState
            icon={<IconServer size={22} />}
            filtered={filtered}
            title={t("servers.empty")}
            description={t("servers.emptyHint")}
            onClearFilters={() => setSearch({ ...serversSearchDefaults })}
          />
        }
      />
      <ServerFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
