import { Button, SegmentedControl } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconApps, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import {
  CatalogService,
  type CatalogItem,
} from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterMultiSelect,
  FilterSelect,
  ListEmptyState,
  SearchInput,
  SortSelect,
} from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { errorMessage } from "@/lib/api-errors";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import {
  listInput,
  useCatalogList,
  useRetireCatalogItem,
  useUpdateCatalogItem,
} from "./api/catalog";
import { useCatalogEntities } from "./api/offers";
import { CatalogItemFormModal } from "./components/CatalogItemFormModal";
import { catalogColumns } from "./components/columns";
import {
  catalogSearchDefaults,
  catalogSorts,
  catalogStates,
  categoryNames,
  parseCategories,
  type CatalogSort,
} from "./search";

const route = getRouteApi("/_app/catalog/");

const sortLabels = {
  name: "catalog.sort.name",
  name_desc: "catalog.sort.nameDesc",
  price: "catalog.sort.price",
  price_desc: "catalog.sort.priceDesc",
  created_desc: "catalog.sort.createdDesc",
} as const satisfies Record<CatalogSort, string>;

export function CatalogPage() {
  const i18n = useI18n();
  const { t, formatNumber, locale } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/catalog/" });
  const canWrite = usePermission(Permission.CATALOG_WRITE);
  const [editing, setEditing] = useState<CatalogItem | "new" | null>(null);
  const list = useCatalogList(search);
  const update = useUpdateCatalogItem();
  const retire = useRetireCatalogItem();
  // Whose an item is matters to the licensee's staff, who see every entity's.
  const entities = useCatalogEntities();

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(
    () =>
      catalogColumns(i18n, {
        canWrite,
        onEdit: (item) => setEditing(item),
        onToggleBookable: (item, bookable) => {
          update.mutate(
            { item: { id: item.id, bookable }, updateMask: { paths: ["bookable"] } },
            {
              onSuccess: () =>
                notifications.show({
                  color: "teal",
                  message: t(bookable ? "catalog.nowBookable" : "catalog.nowNotBookable", {
                    name: item.name,
                  }),
                }),
              onError: (error) =>
                notifications.show({ color: "red", message: errorMessage(error, locale) }),
            },
          );
        },
        onRetire: (item, reason) => retire.mutateAsync({ id: item.id, reason }),
        entityName: entities.seesSeveral ? entities.name : undefined,
        licenseeId: entities.licensee?.id,
        onShowOffers: entities.seesSeveral
          ? (item) => void navigate({ to: "/catalog/offers", search: { item: item.id } })
          : undefined,
      }),
    // The mutations' functions are stable; the columns change with the language and the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, canWrite, entities],
  );
  const filtered =
    search.q !== "" || search.category !== "" || search.bookable !== "" || search.entity !== "";

  return (
    <>
      <PageHeader
        title={t("catalog.title")}
        description={
          total !== undefined
            ? t("catalog.total", { total: formatNumber(total) })
            : t("catalog.description")
        }
        actions={
          <>
            <ExportButton
              method={CatalogService.method.listCatalogItems}
              request={listInput(search)}
            />
            {canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
                {t("catalog.create")}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("catalog.searchPlaceholder")}
          style={{ flex: "1 1 240px", maxWidth: 360 }}
        />
        {entities.seesSeveral && (
          <FilterSelect
            label={t("catalog.ownerFilter")}
            data={entities.all.map((e) => ({ value: e.id, label: e.name }))}
            value={search.entity}
            onChange={(entity) => setSearch({ entity })}
            w={220}
          />
        )}
        <FilterMultiSelect
          label={t("catalog.categoryFilter")}
          data={categoryNames.map((c) => ({ value: c, label: t(`catalog.categoryLong.${c}`) }))}
          value={parseCategories(search.category)}
          onChange={(values) => setSearch({ category: values.join(",") })}
          style={{ flex: "0 1 220px", minWidth: 160 }}
        />
        <FilterSelect
          label={t("catalog.bookableFilter")}
          data={[
            { value: "yes", label: t("catalog.bookable.yes") },
            { value: "no", label: t("catalog.bookable.no") },
          ]}
          value={search.bookable}
          onChange={(bookable) => setSearch({ bookable: bookable as typeof search.bookable })}
          w={160}
        />
        <SegmentedControl
          aria-label={t("catalog.col.state")}
          data={catalogStates.map((s) => ({ value: s, label: t(`catalog.state.${s}`) }))}
          value={search.state}
          onChange={(state) => setSearch({ state: state as typeof search.state })}
        />
        <SortSelect
          data={(Object.keys(catalogSorts) as CatalogSort[]).map((sort) => ({
            value: sort,
            label: t(sortLabels[sort]),
          }))}
          value={search.sort}
          onChange={(sort) => setSearch({ sort })}
          w={200}
        />
        <SavedViews page="catalog" />
      </FilterBar>
      <DataTable
        view="catalog"
        label={t("catalog.title")}
        columns={columns}
        rows={rows}
        rowKey={(item) => item.id}
        {...pagingProps(list)}
        onRowClick={canWrite ? (item) => !item.retired && setEditing(item) : undefined}
        total={total}
        noun={{
          one: "catalog.count.one",
          other: "catalog.count.other",
          showing: "catalog.count.showing",
        }}
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as CatalogSort })}
        empty={
          <ListEmptyState
            icon={<IconApps size={22} />}
            filtered={filtered}
            title={t("catalog.empty")}
            onClearFilters={() => setSearch({ ...catalogSearchDefaults })}
          />
        }
      />
      <CatalogItemFormModal
        opened={editing !== null}
        item={editing === "new" || editing === null ? undefined : editing}
        entities={entities}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
