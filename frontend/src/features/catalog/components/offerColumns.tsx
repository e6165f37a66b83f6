import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Switch, Text } from "@mantine/core";
import { IconArchive, IconPencil } from "@tabler/icons-react";
import type { ProductOffer } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions } from "@/components/row-actions/RowActions";
import { StatusBadge } from "@/components/ui/Badges";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { margin } from "../offers";

export interface OfferRowActions {
  canWrite: boolean;
  /** The owner's name, when the caller sees several entities' offers. */
  entityName?: (id: string) => string;
  onEdit: (offer: ProductOffer) => void;
  onToggleBookable: (offer: ProductOffer, bookable: boolean) => void;
  onRetire: (offer: ProductOffer, reason: string) => Promise<unknown>;
}

/** termsText says an offer's terms: "12 months minimum · 30 days' notice", or "No minimum term". */
export function termsText(
  i18n: I18n,
  terms: { minimumTermMonths: number; noticePeriodDays: number },
): string {
  const { t } = i18n;
  const parts = [
    terms.minimumTermMonths > 0
      ? t("catalog.offers.minimumTerm", { count: terms.minimumTermMonths })
      : t("catalog.offers.noMinimumTerm"),
  ];
  if (terms.noticePeriodDays > 0)
    parts.push(t("catalog.offers.noticePeriod", { count: terms.noticePeriodDays }));
  return parts.join(" · ");
}

/** MarginCell shows what the reseller keeps a month; red when it sells below the licensee's price. */
export function MarginCell({ offer, i18n }: { offer: ProductOffer; i18n: I18n }) {
  const value = margin(offer);
  return (
    <Text
      span
      fz="sm"
      className="tabular-nums"
      c={value < 0n ? "red.7" : undefined}
      data-margin={value.toString()}
    >
      {i18n.formatMoney(value, offer.currency || "EUR")}
    </Text>
  );
}

/** The offers list's columns. */
export function offerColumns(i18n: I18n, actions: OfferRowActions): Column<ProductOffer>[] {
  const { t, formatMoney, formatDate } = i18n;
  const money = (cents: bigint, o: ProductOffer) => (
    <span className="tabular-nums">{formatMoney(cents, o.currency || "EUR")}</span>
  );
  return [
    {
      id: "item",
      header: t("catalog.offers.col.item"),
      cell: (o) => (
        <div className={classes.name}>
          <Truncated>
            <Text span fz="sm" fw={600}>
              {o.catalogItemName}
            </Text>
          </Truncated>
          {o.description && <Truncated className={classes.secondary}>{o.description}</Truncated>}
        </div>
      ),
    },
    ...(actions.entityName
      ? [
          {
            id: "entity",
            header: t("catalog.offers.col.entity"),
            width: 190,
            hideOnMobile: true,
            cell: (o: ProductOffer) => (
              <Truncated>{actions.entityName?.(o.billingEntityId)}</Truncated>
            ),
          },
        ]
      : []),
    {
      id: "price",
      header: t("catalog.offers.col.price"),
      width: 120,
      align: "right",
      keepOnMobile: true,
      cell: (o) => money(o.monthlyPriceCents, o),
    },
    {
      id: "listPrice",
      header: t("catalog.offers.col.listPrice"),
      width: 130,
      align: "right",
      hideOnMobile: true,
      cell: (o) => <span className={classes.dimmed}>{money(o.listPriceCents, o)}</span>,
    },
    {
      id: "margin",
      header: t("catalog.offers.col.margin"),
      width: 110,
      align: "right",
      cell: (o) => <MarginCell offer={o} i18n={i18n} />,
    },
    {
      id: "terms",
      header: t("catalog.offers.col.terms"),
      width: 220,
      hideOnMobile: true,
      cell: (o) => <span className={classes.dimmed}>{termsText(i18n, o)}</span>,
    },
    {
      id: "bookable",
      header: t("catalog.offers.col.bookable"),
      width: 150,
      cell: (o) =>
        o.retired ? (
          <StatusBadge tone="neutral">
            {o.retireTime
              ? t("catalog.retiredOn", { date: formatDate(timestampDate(o.retireTime)) })
              : t("catalog.retired")}
          </StatusBadge>
        ) : (
          // The switch acts on its own; a click on it does not open the row.
          <div onClick={(e) => e.stopPropagation()}>
            <Switch
              checked={o.bookable}
              disabled={!actions.canWrite}
              aria-label={t("catalog.offers.toggleBookable", { name: o.catalogItemName })}
              onChange={(e) => actions.onToggleBookable(o, e.currentTarget.checked)}
            />
          </div>
        ),
    },
    {
      id: "actions",
      header: "",
      width: 56,
      align: "right",
      cell: (o) => (
        <RowActions
          label={o.catalogItemName}
          actions={[
            {
              id: "edit",
              label: t("catalog.offers.edit"),
              icon: <IconPencil size={16} />,
              hidden: !actions.canWrite || o.retired,
              onSelect: () => actions.onEdit(o),
            },
            {
              id: "retire",
              label: t("catalog.offers.retire"),
              icon: <IconArchive size={16} />,
              color: "red",
              dividerBefore: true,
              hidden: !actions.canWrite || o.retired,
              title: t("catalog.offers.retireTitle", { name: o.catalogItemName }),
              message: t("catalog.offers.retireMessage"),
              confirmLabel: t("catalog.offers.retireConfirm"),
              danger: true,
              reason: "required",
              run: ({ reason }) => actions.onRetire(o, reason),
              successMessage: t("catalog.offers.retired", { name: o.catalogItemName }),
            },
          ]}
        />
      ),
    },
  ];
}
