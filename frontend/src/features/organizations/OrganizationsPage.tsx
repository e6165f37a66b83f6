import { Button, Group, MultiSelect, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconBuildingStore, IconPlus, IconSearch } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useOrganizationList } from "./api/organizations";
import { organizationColumns } from "./components/columns";
import { OrganizationFormModal } from "./components/OrganizationFormModal";
import {
  organizationSorts,
  organizationsSearchDefaults,
  parseStatuses,
  statusNames,
  type OrganizationSort,
} from "./search";

const route = getRouteApi("/_app/organizations/");

export function OrganizationsPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/organizations/" });
  const canWrite = usePermission(Permission.ORGANIZATIONS_WRITE);
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState(search.q);
  const list = useOrganizationList(search);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const pushQuery = useDebouncedCallback((q: string) => setSearch({ q }), 250);

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.organizations) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => organizationColumns(i18n), [i18n]);
  const filtered = search.q !== "" || search.status !== "";

  return (
    <>
      <PageHeader
        title={t("orgs.title")}
        description={
          total !== undefined
            ? t("orgs.total", { total: formatNumber(total) })
            : t("orgs.description")
        }
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("orgs.create")}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          aria-label={t("common.search")}
          placeholder={t("orgs.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            pushQuery(e.currentTarget.value);
          }}
          style={{ flex: "1 1 280px", maxWidth: 420 }}
          type="search"
        />
        <MultiSelect
          aria-label={t("orgs.statusFilter")}
          placeholder={search.status ? undefined : t("orgs.statusFilter")}
          data={statusNames.map((name) => ({ value: name, label: t(`orgs.status.${name}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          clearable
          style={{ flex: "0 1 320px", minWidth: 200 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label={t("common.sortBy")}
          data={(Object.keys(organizationSorts) as OrganizationSort[]).map((sort) => ({
            value: sort,
            label: t(
              sort === "name"
                ? "orgs.sort.name"
                : sort === "name_desc"
                  ? "orgs.sort.nameDesc"
                  : sort === "created"
                    ? "orgs.sort.created"
                    : "orgs.sort.createdDesc",
            ),
          }))}
          value={search.sort}
          onChange={(value) => value && setSearch({ sort: value as OrganizationSort })}
          allowDeselect={false}
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <DataTable
        label={t("orgs.title")}
        columns={columns}
        rows={rows}
        rowKey={(org) => org.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        onRowClick={(org) =>
          void navigate({
            to: "/organizations/$organizationId",
            params: { organizationId: org.id },
            search: { tab: "overview" },
          })
        }
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        total={total}
        empty={
          <EmptyState
            icon={<IconBuildingStore size={22} />}
            title={filtered ? t("common.noResults") : t("orgs.empty")}
            action={
              filtered && (
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => {
                    setQuery("");
                    setSearch({ ...organizationsSearchDefaults });
                  }}
                >
                  {t("common.clearFilters")}
                </Button>
              )
            }
          />
        }
      />
      <OrganizationFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
