import { Button, Group, MultiSelect, Select, Switch, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { useI18n } from "@/lib/i18n/i18n";
import { useServerChoices } from "./api/servers";
import { ContainerDrawer } from "./components/ContainerDrawer";
import { ContainersTable } from "./components/ContainersTable";
import {
  containerHealthNames,
  containersSearchDefaults,
  containerStatusNames,
  parseList,
  type ContainerHealthName,
  type ContainersSearch,
} from "./search";

const route = getRouteApi("/_app/containers/");

export function ContainersPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/containers/" });
  const [query, setQuery] = useState(search.q);
  const servers = useServerChoices();

  const setSearch = (patch: Partial<ContainersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const pushQuery = useDebouncedCallback((q: string) => setSearch({ q }), 250);

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
      <PageHeader title={t("containers.title")} description={t("containers.description")} />
      <Group mb="md" gap="sm" align="center" wrap="wrap">
        <TextInput
          aria-label={t("common.search")}
          placeholder={t("containers.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            pushQuery(e.currentTarget.value);
          }}
          style={{ flex: "1 1 240px", maxWidth: 340 }}
          type="search"
        />
        <MultiSelect
          aria-label={t("containers.filter.status")}
          placeholder={statuses.length ? undefined : t("containers.filter.status")}
          data={containerStatusNames.map((s) => ({
            value: s,
            label: t(`containers.status.${s}`),
          }))}
          value={statuses}
          onChange={(values) => setSearch({ status: values.join(",") })}
          clearable
          style={{ flex: "0 1 260px", minWidth: 170 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label={t("containers.filter.health")}
          placeholder={t("containers.filter.health")}
          data={containerHealthNames.map((h) => ({
            value: h,
            label: t(`containers.health.${h}`),
          }))}
          value={search.health || null}
          onChange={(value) => setSearch({ health: (value ?? "") as ContainerHealthName | "" })}
          clearable
          w={160}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label={t("containers.filter.server")}
          placeholder={t("containers.filter.server")}
          data={serverOptions}
          value={search.server || null}
          onChange={(value) => setSearch({ server: value ?? "" })}
          clearable
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={190}
          comboboxProps={{ withinPortal: true }}
        />
        <Switch
          label={t("containers.filter.gone")}
          checked={search.gone}
          onChange={(e) => setSearch({ gone: e.currentTarget.checked })}
        />
      </Group>
      <ContainersTable
        filter={search}
        onOpen={(c) => setSearch({ container: c.id })}
        empty={{
          title: filtered ? t("common.noResults") : t("containers.empty"),
          action: filtered && (
            <Button
              variant="light"
              size="xs"
              onClick={() => {
                setQuery("");
                setSearch({ ...containersSearchDefaults, container: "" });
              }}
            >
              {t("common.clearFilters")}
            </Button>
          ),
        }}
      />
      <ContainerDrawer
        containerId={search.container}
        range={search.range}
        onRangeChange={(range) => setSearch({ range })}
        onClose={() => setSearch({ container: "" })}
      />
    </>
  );
}
