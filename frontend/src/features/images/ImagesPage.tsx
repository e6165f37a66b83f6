import { Button, Text } from "@mantine/core";
import { IconDisc, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { ImageService, type Image } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterSelect,
  ListEmptyState,
  SearchInput,
} from "@/components/data-table/ListFilters";
import { Truncated } from "@/components/data-table/Truncated";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { formatBytes } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { listInput, useImages, useIsLicenseeStaff } from "./api/images";
import { KindBadge } from "./components/badges";
import { ImageFormModal } from "./components/ImageFormModal";
import { imageKinds, imagesSearchDefaults, type ImagesSearch } from "./search";

const route = getRouteApi("/_app/images/");

/**
 * ImagesPage lists the images the caller sees. The licensee's staff see
 * every entity's, with its owner and whom it is shared with, and filter by
 * both; a reseller's staff see their own and those shared with them.
 */
export function ImagesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/images/" });
  const list = useImages(search);
  const licenseeStaff = useIsLicenseeStaff();
  const entities = useBillingEntityChoices();
  const canManage = usePermission(Permission.IMAGES_MANAGE);
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.images) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => imageColumns(i18n, licenseeStaff), [i18n, licenseeStaff]);
  const setSearch = (patch: Partial<ImagesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const filtered =
    search.q !== "" || search.kind !== "" || search.owner !== "" || search.shared !== "";
  const entityOptions = entities.map((e) => ({ value: e.id, label: e.name }));

  return (
    <>
      <PageHeader
        title={t("images.title")}
        description={licenseeStaff ? t("images.description") : t("images.descriptionReseller")}
        actions={
          <>
            <ExportButton method={ImageService.method.listImages} request={listInput(search)} />
            {canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t("images.new")}
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("images.searchPlaceholder")}
          style={{ flex: "1 1 240px", maxWidth: 360 }}
        />
        <FilterSelect
          label={t("images.kindFilter")}
          data={imageKinds.map((k) => ({ value: k, label: t(`images.kind.${k}`) }))}
          value={search.kind}
          onChange={(kind) => setSearch({ kind: kind as ImagesSearch["kind"] })}
          w={180}
        />
        {licenseeStaff && entities.length > 1 && (
          <>
            <FilterSelect
              label={t("images.ownerFilter")}
              data={entityOptions}
              value={search.owner}
              onChange={(owner) => setSearch({ owner })}
              w={220}
              searchable
            />
            <FilterSelect
              label={t("images.sharedFilter")}
              data={entityOptions}
              value={search.shared}
              onChange={(shared) => setSearch({ shared })}
              w={220}
              searchable
            />
          </>
        )}
        <SavedViews page="images" />
      </FilterBar>
      <DataTable
        view="images"
        label={t("images.title")}
        columns={columns}
        rows={rows}
        rowKey={(i) => i.id}
        {...pagingProps(list)}
        onRowClick={(i) => void navigate({ to: "/images/$imageId", params: { imageId: i.id } })}
        total={total}
        noun={{
          one: "images.count.one",
          other: "images.count.other",
          showing: "images.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconDisc size={22} />}
            filtered={filtered}
            title={t("images.empty")}
            description={canManage ? t("images.emptyHint") : undefined}
            onClearFilters={() => setSearch({ ...imagesSearchDefaults })}
          />
        }
      />
      <ImageFormModal opened={creating} onClose={() => setCreating(false)} entities={entities} />
    </>
  );
}

function imageColumns(i18n: I18n, licenseeStaff: boolean): Column<Image>[] {
  const { t, locale } = i18n;
  return [
    {
      id: "name",
      header: t("images.col.name"),
      cell: (i) => (
        <div className={classes.name}>
          <Truncated>
            <Text span fz="sm" fw={600}>
              {i.image?.name}
            </Text>
          </Truncated>
          <Truncated className={classes.secondary}>{i.image?.os}</Truncated>
        </div>
      ),
    },
    {
      id: "kind",
      header: t("images.col.kind"),
      width: 150,
      hideOnMobile: true,
      cell: (i) => <KindBadge kind={i.image?.kind ?? 0} />,
    },
    {
      id: "version",
      header: t("images.col.version"),
      width: 110,
      keepOnMobile: true,
      cell: (i) => <Truncated>{i.image?.version}</Truncated>,
    },
    {
      id: "size",
      header: t("images.col.size"),
      width: 100,
      align: "right",
      hideOnMobile: true,
      cell: (i) => (
        <span className="tabular-nums">{formatBytes(i.image?.sizeBytes ?? 0n, locale)}</span>
      ),
    },
    {
      id: "owner",
      header: t("images.col.owner"),
      width: 200,
      hideOnMobile: true,
      cell: (i) => <Truncated>{i.billingEntityName}</Truncated>,
    },
    {
      id: "sharedWith",
      header: t("images.col.sharedWith"),
      width: 240,
      hideOnMobile: true,
      cell: (i) =>
        i.sharedWith.length === 0 ? (
          <Text span fz="sm" c="dimmed">
            {t("images.notShared")}
          </Text>
        ) : licenseeStaff ? (
          <Truncated>{i.sharedWith.map((s) => s.billingEntityName).join(", ")}</Truncated>
        ) : (
          <Text span fz="sm">
            {t("images.sharedWithYou")}
          </Text>
        ),
    },
  ];
}
