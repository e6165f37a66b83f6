import { Button, SegmentedControl } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTag } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { ProductOffer } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { DataTable } from "@/components/data-table/DataTable";
import { FilterBar, FilterSelect, ListEmptyState } from "@/components/data-table/ListFilters";
import { useRecordDrawer } from "@/components/ui/RecordDrawer";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { errorMessage } from "@/lib/api-errors";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useCatalogEntities, useOffers, useRetireOffer, useUpdateOffer } from "./api/offers";
import { OfferDrawer } from "./components/OfferDrawer";
import { OfferFormModal } from "./components/OfferFormModal";
import { offerColumns } from "./components/offerColumns";
import { offerStates, offersSearchDefaults } from "./offers";

const route = getRouteApi("/_app/catalog/offers");

/**
 * OffersPage lists the resellers' offers of the licensee's items: the price
 * each reseller asks, the licensee's price it pays, the margin between and
 * the terms. A reseller's staff see and make their own entity's offers;
 * the licensee's staff see every reseller's and filter by one.
 */
export function OffersPage() {
  const i18n = useI18n();
  const { t, formatNumber, locale } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/catalog/offers" });
  const canWrite = usePermission(Permission.CATALOG_WRITE);
  const entities = useCatalogEntities();
  const list = useOffers(search);
  const update = useUpdateOffer();
  const retire = useRetireOffer();
  const drawer = useRecordDrawer("offer");
  const [editing, setEditing] = useState<ProductOffer | "new" | null>(null);

  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = list.data?.offers ?? [];
  const itemName = search.item
    ? rows.find((o) => o.catalogItemId === search.item)?.catalogItemName
    : undefined;
  const columns = useMemo(
    () =>
      offerColumns(i18n, {
        canWrite,
        entityName: entities.seesSeveral ? entities.name : undefined,
        onEdit: (offer) => setEditing(offer),
        onToggleBookable: (offer, bookable) =>
          update.mutate(
            { offer: { id: offer.id, bookable }, updateMask: { paths: ["bookable"] } },
            {
              onSuccess: () =>
                notifications.show({
                  color: "teal",
                  message: t(bookable ? "catalog.nowBookable" : "catalog.nowNotBookable", {
                    name: offer.catalogItemName,
                  }),
                }),
              onError: (error) =>
                notifications.show({ color: "red", message: errorMessage(error, locale) }),
            },
          ),
        onRetire: (offer, reason) => retire.mutateAsync({ id: offer.id, reason }),
      }),
    // The mutations' functions are stable; the columns change with the language, the caller and the entities.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, canWrite, entities],
  );
  const filtered = search.entity !== "" || search.item !== "" || search.state !== "active";

  return (
    <>
      <PageHeader
        title={t("catalog.offers.title")}
        description={
          list.data
            ? t("catalog.offers.total", { total: formatNumber(rows.length) })
            : t("catalog.offers.description")
        }
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              {t("catalog.offers.new")}
            </Button>
          )
        }
      />
      <FilterBar>
        {entities.seesSeveral && (
          <FilterSelect
            label={t("catalog.offers.entityFilter")}
            data={entities.resellers.map((e) => ({ value: e.id, label: e.name }))}
            value={search.entity}
            onChange={(entity) => setSearch({ entity })}
            w={240}
          />
        )}
        {search.item !== "" && (
          <FilterSelect
            label={t("catalog.offers.itemFilter")}
            data={[{ value: search.item, label: itemName ?? search.item }]}
            value={search.item}
            onChange={(item) => setSearch({ item })}
            w={240}
          />
        )}
        <SegmentedControl
          aria-label={t("catalog.col.state")}
          data={offerStates.map((s) => ({ value: s, label: t(`catalog.offers.state.${s}`) }))}
          value={search.state}
          onChange={(state) => setSearch({ state: state as typeof search.state })}
        />
        <SavedViews page="offers" />
      </FilterBar>
      <DataTable
        view="offers"
        label={t("catalog.offers.title")}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        onRowClick={(o) => drawer.open(o.id)}
        total={list.data ? rows.length : undefined}
        noun={{
          one: "catalog.offers.count.one",
          other: "catalog.offers.count.other",
          showing: "catalog.offers.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconTag size={22} />}
            filtered={filtered}
            title={t("catalog.offers.empty")}
            onClearFilters={() =>
              setSearch({ entity: "", item: "", state: offersSearchDefaults.state })
            }
          />
        }
      />
      <OfferFormModal
        opened={editing !== null}
        offer={editing === "new" || editing === null ? undefined : editing}
        entities={entities}
        defaultEntityId={search.entity}
        onClose={() => setEditing(null)}
        onCreated={(offer) => drawer.open(offer.id)}
      />
      <OfferDrawer
        offerId={search.offer}
        onClose={drawer.close}
        canWrite={canWrite}
        entities={entities}
      />
    </>
  );
}
