import { Switch } from "@mantine/core";
import { IconBox } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import {
  FilterBar,
  FilterMultiSelect,
  FilterSelect,
  ListEmptyState,
  SearchInput,
} from "@/components/data-table/ListFilters";
import { ContainerService } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { ExportButton } from "@/components/data-table/ExportButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { useRecordDrawer } from "@/components/ui/RecordDrawer";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import { parseList } from "@/lib/search";
import { containerListInput } from "./api/containers";
import { useServerChoices } from "./api/servers";
import { ContainerDrawer } from "./components/ContainerDrawer";
import { ContainersTable } from "./components/ContainersTable";
import {
  containerHealthNames,
  containersSearchDefaults,
  containerStatusNames,
  type ContainerHealthName,
  type ContainersSearch,
} from "./search";

const route = getRouteApi("/_app/containers/");

export function ContainersPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/containers/" });
  const servers = useServerChoices();

  const containerDrawer = useRecordDrawer("container");
  const setSearch = (patch: Partial<ContainersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const serverOptions = useMemo(() => {
    const options = (servers.data?.servers ?? [])
      .filter((s) => s.containerCount > 0 || s.id === search.server)
      .map((s) => ({ value: s.id, label: s.name }));
    if (search.server && !options.some((o) => o.value === search.server)) {
      options.push({ value: search.server, label: search.server });
    }
    return options;
  }, [servers.data, search.server]);
  const statuses = parseList(search.status, containerStatusNames);
  const filtered =
    search.q !== "" ||
    search.status !== "" ||
    search.health !== "" ||
    search.server !== "" ||
    search.gone;

  return (
    <>
      <PageHeader
        title={t("containers.title")}
        description={t("containers.description")}
        actions={
          <ExportButton
            method={ContainerService.method.listContainers}
            request={containerListInput(search)}
          />
        }
      />
      <FilterBar align="center">
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("containers.searchPlaceholder")}
          style={{ flex: "1 1 240px", maxWidth: 340 }}
        />
        <FilterMultiSelect
          label={t("containers.filter.status")}
          data={containerStatusNames.map((s) => ({
            value: s,
            label: t(`containers.status.${s}`),
          }))}
          value={statuses}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 260px", minWidth: 170 }}
        />
        <FilterSelect
          label={t("containers.filter.health")}
          data={containerHealthNames.map((h) => ({
            value: h,
            label: t(`containers.health.${h}`),
          }))}
          value={search.health}
          onChange={(value) => setSearch({ health: value as ContainerHealthName | "" })}
          w={160}
        />
        <FilterSelect
          label={t("containers.filter.server")}
          data={serverOptions}
          value={search.server}
          onChange={(server) => setSearch({ server })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={190}
        />
        <Switch
          label={t("containers.filter.gone")}
          checked={search.gone}
          onChange={(e) => setSearch({ gone: e.currentTarget.checked })}
        />
        <SavedViews page="containers" />
      </FilterBar>
      <ContainersTable
        view="containers"
        filter={search}
        onOpen={(c) => containerDrawer.open(c.id)}
        empty={
          <ListEmptyState
            icon={<IconBox size={22} />}
            filtered={filtered}
            title={t("containers.empty")}
            onClearFilters={() => setSearch({ ...containersSearchDefaults, container: "" })}
          />
        }
      />
      <ContainerDrawer
        containerId={search.container}
        range={search.range}
        onRangeChange={(range) => setSearch({ range })}
        onClose={containerDrawer.close}
      />
    </>
  );
}
