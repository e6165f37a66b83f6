import { Button, Group, MultiSelect, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconPlus, IconSearch, IconServer } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useHealthSummary, useServerChoices, useServerList } from "./api/servers";
import { HealthSummary } from "./components/HealthSummary";
import {
  defaultServerThresholds,
  serverColumns,
  type ServerThresholds,
} from "./components/serverColumns";
import { ServerFormModal } from "./components/ServerFormModal";
import {
  healthNames,
  parseList,
  providerNames,
  serversSearchDefaults,
  syncNames,
  type ProviderName,
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
  const [query, setQuery] = useState(search.q);
  const list = useServerList(search);
  const summary = useHealthSummary();
  const choices = useServerChoices();

  const setSearch = (patch: Partial<ServersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const pushQuery = useDebouncedCallback((q: string) => setSearch({ q }), 250);

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.servers) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const th = summary.data?.thresholds;
  const thresholds: ServerThresholds = th
    ? {
        cpu: { warning: th.cpuWarningPercent, critical: th.cpuCriticalPercent },
        memory: { warning: th.memoryWarningPercent, critical: th.memoryCriticalPercent },
        disk: { warning: th.diskWarningPercent, critical: th.diskCriticalPercent },
      }
    : defaultServerThresholds;
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
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("servers.create")}
            </Button>
          )
        }
      />
      <HealthSummary
        summary={summary.data}
        health={health.length === 1 ? (health[0] ?? "") : ""}
        syncFailing={search.sync === "FAILING"}
        onHealth={(h) => setSearch({ health: h })}
        onSyncFailing={(on) => setSearch({ sync: on ? "FAILING" : "" })}
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          aria-label={t("common.search")}
          placeholder={t("servers.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            pushQuery(e.currentTarget.value);
          }}
          style={{ flex: "1 1 240px", maxWidth: 340 }}
          type="search"
        />
        <Select
          aria-label={t("servers.filter.provider")}
          placeholder={t("servers.filter.provider")}
          data={providerNames.map((p) => ({ value: p, label: t(`infra.provider.${p}`) }))}
          value={search.provider || null}
          onChange={(value) => setSearch({ provider: (value ?? "") as ProviderName | "" })}
          clearable
          w={160}
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          aria-label={t("servers.filter.health")}
          placeholder={health.length ? undefined : t("servers.filter.health")}
          data={healthNames.map((h) => ({ value: h, label: t(`infra.health.${h}`) }))}
          value={health}
          onChange={(values) => setSearch({ health: values.join(",") })}
          clearable
          style={{ flex: "0 1 280px", minWidth: 180 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label={t("servers.filter.sync")}
          placeholder={t("servers.filter.sync")}
          data={syncNames.map((s) => ({ value: s, label: t(`infra.sync.${s}`) }))}
          value={search.sync || null}
          onChange={(value) => setSearch({ sync: (value ?? "") as SyncName | "" })}
          clearable
          w={150}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label={t("servers.filter.location")}
          placeholder={t("servers.filter.location")}
          data={locations}
          value={search.location || null}
          onChange={(value) => setSearch({ location: value ?? "" })}
          clearable
          searchable
          w={150}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <DataTable
        label={t("servers.title")}
        columns={columns}
        dense
        minWidth={1080}
        rows={rows}
        rowKey={(s) => s.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        onRowClick={(s) => void navigate({ to: "/servers/$serverId", params: { serverId: s.id } })}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        total={total}
        empty={
          <EmptyState
            icon={<IconServer size={22} />}
            title={filtered ? t("common.noResults") : t("servers.empty")}
            description={filtered ? undefined : t("servers.emptyHint")}
            action={
              filtered && (
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => {
                    setQuery("");
                    setSearch({ ...serversSearchDefaults });
                  }}
                >
                  {t("common.clearFilters")}
                </Button>
              )
            }
          />
        }
      />
      <ServerFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
