import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Group, Switch } from "@mantine/core";
import { IconArchive, IconPencil, IconTag } from "@tabler/icons-react";
import type { CatalogItem } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions } from "@/components/row-actions/RowActions";
import { StatusBadge } from "@/components/ui/Badges";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { setupParts } from "../format";
import { categoryName } from "../search";
import { CatalogIcon } from "./CatalogIcon";

export interface CatalogRowActions {
  canWrite: boolean;
  onEdit: (item: CatalogItem) => void;
  onToggleBookable: (item: CatalogItem, bookable: boolean) => void;
  onRetire: (item: CatalogItem, reason: string) => Promise<unknown>;
  /** The seller's name, when the caller sees several entities' items. */
  entityName?: (id: string) => string;
  /** Opens the resellers' offers of a licensee's item (for the licensee's staff). */
  onShowOffers?: (item: CatalogItem) => void;
  /** The licensee's entity, whose items resellers offer. */
  licenseeId?: string;
}

/** setupText says a setup time in its largest whole unit: "45 minutes", "2 hours", "3 days". */
export function setupText(i18n: I18n, minutes: number): string {
  const { value, unit } = setupParts(minutes);
  return i18n.t(`catalog.setup.${unit}`, { count: value });
}

/** The catalog list's columns. */
export function catalogColumns(i18n: I18n, actions: CatalogRowActions): Column<CatalogItem>[] {
  const { t, formatNumber, formatMoney, formatDate } = i18n;
  return [
    {
      id: "name",
      header: t("catalog.col.name"),
      sort: { asc: "name", desc: "name_desc" },
      cell: (item) => (
        <Group gap="sm" wrap="nowrap">
          <CatalogIcon url={item.iconUrl} />
          <div className={classes.name}>
            <span>{item.name}</span>
            {item.description && (
              <Truncated className={classes.secondary}>{item.description}</Truncated>
            )}
          </div>
        </Group>
      ),
    },
    ...(actions.entityName
      ? [
          {
            id: "owner",
            header: t("catalog.col.owner"),
            width: 160,
            hideOnMobile: true,
            cell: (item: CatalogItem) => (
              <Truncated>{actions.entityName?.(item.billingEntityId)}</Truncated>
            ),
          },
        ]
      : []),
    {
      id: "category",
      header: t("catalog.col.category"),
      width: 80,
      cell: (item) => {
        const name = categoryName(item.category);
        return name ? (
          <StatusBadge tone="neutral" data-category={name}>
            {t(`catalog.category.${name}`)}
          </StatusBadge>
        ) : (
          "—"
        );
      },
    },
    {
      id: "price",
      header: t("catalog.col.price"),
      sort: { asc: "price", desc: "price_desc" },
      width: 130,
      align: "right",
      keepOnMobile: true,
      cell: (item) => (
        <span className="tabular-nums">
          {formatMoney(item.monthlyPriceCents, item.currency || "EUR")}
        </span>
      ),
    },
    {
      id: "storage",
      header: t("catalog.col.storage"),
      width: 110,
      align: "right",
      hideOnMobile: true,
      cell: (item) => (
        <span className={`${classes.dimmed} tabular-nums`}>
          {t("catalog.storageValue", { gb: formatNumber(item.estimatedStorageGb) })}
        </span>
      ),
    },
    {
      id: "setup",
      header: t("catalog.col.setup"),
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (item) => (
        <span className={classes.dimmed}>{setupText(i18n, item.setupTimeMinutes)}</span>
      ),
    },
    {
      id: "bookable",
      header: t("catalog.col.bookable"),
      width: 120,
      cell: (item) => (
        // The switch acts on its own; a click on it does not open the row.
        <div onClick={(e) => e.stopPropagation()}>
          <Switch
            checked={item.bookable}
            disabled={!actions.canWrite || item.retired}
            title={item.retired ? t("catalog.retiredCannotChange") : undefined}
            aria-label={t("catalog.toggleBookable", { name: item.name })}
            onChange={(e) => actions.onToggleBookable(item, e.currentTarget.checked)}
          />
        </div>
      ),
    },
    {
      id: "state",
      header: t("catalog.col.state"),
      width: 170,
      hideOnMobile: true,
      cell: (item) =>
        item.retired ? (
          <StatusBadge tone="neutral">
            {item.retireTime
              ? t("catalog.retiredOn", { date: formatDate(timestampDate(item.retireTime)) })
              : t("catalog.retired")}
          </StatusBadge>
        ) : (
          <StatusBadge tone={item.bookable ? "ok" : "unknown"}>
            {t(item.bookable ? "catalog.bookable.yes" : "catalog.bookable.no")}
          </StatusBadge>
        ),
    },
    {
      id: "actions",
      header: "",
      width: 56,
      align: "right",
      cell: (item) => (
        <RowActions
          label={item.name}
          actions={[
            {
              id: "offers",
              label: t("catalog.showOffers"),
              icon: <IconTag size={16} />,
              hidden: !actions.onShowOffers || item.billingEntityId !== actions.licenseeId,
              onSelect: () => actions.onShowOffers?.(item),
            },
            {
              id: "edit",
              label: t("catalog.edit"),
              icon: <IconPencil size={16} />,
              hidden: !actions.canWrite || item.retired,
              onSelect: () => actions.onEdit(item),
            },
            {
              id: "retire",
              label: t("catalog.retire"),
              icon: <IconArchive size={16} />,
              color: "red",
              dividerBefore: true,
              hidden: !actions.canWrite || item.retired,
              title: t("catalog.retireTitle", { name: item.name }),
              message: t("catalog.retireMessage"),
              confirmLabel: t("catalog.retire"),
              danger: true,
              reason: "required",
              run: ({ reason }) => actions.onRetire(item, reason),
              successMessage: t("catalog.retiredDone", { name: item.name }),
            },
          ]}
        />
      ),
    },
  ];
}
