import { Button } from "@mantine/core";
import { IconBuildingStore, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
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
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { listInput, useOrganizationList } from "./api/organizations";
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
  const list = useOrganizationList(search);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

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
          <>
            <ExportButton
              method={OrganizationService.method.listOrganizations}
              request={listInput(search)}
            />
            {canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t("orgs.create")}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("orgs.searchPlaceholder")}
          style={{ flex: "1 1 280px", maxWidth: 420 }}
        />
        <FilterMultiSelect
          label={t("orgs.statusFilter")}
          data={statusNames.map((name) => ({ value: name, label: t(`orgs.status.${name}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 320px", minWidth: 200 }}
        />
        <SortSelect
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
          onChange={(sort) => setSearch({ sort })}
          w={180}
        />
        <SavedViews page="organizations" />
      </FilterBar>
      <DataTable
        view="organizations"
        label={t("orgs.title")}
        columns={columns}
        rows={rows}
        rowKey={(org) => org.id}
        {...pagingProps(list)}
        onRowClick={(org) =>
          void navigate({
            to: "/organizations/$organizationId",
            params: { organizationId: org.id },
            search: { tab: "overview" },
          })
        }
        total={total}
        noun={{ one: "orgs.count.one", other: "orgs.count.other", showing: "orgs.count.showing" }}
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as OrganizationSort })}
        empty={
          <ListEmptyState
            icon={<IconBuildingStore size={22} />}
            filtered={filtered}
            title={t("orgs.empty")}
            onClearFilters={() => setSearch({ ...organizationsSearchDefaults })}
          />
        }
      />
      <OrganizationFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
