import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Button, Group, Stack, Text } from "@mantine/core";
import { IconArchive, IconPencil, IconTag } from "@tabler/icons-react";
import { useState } from "react";
import type { ProductOffer } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { DetailList } from "@/components/ui/DetailList";
import { ReasonModal } from "@/components/ui/ReasonModal";
import { RecordDrawer } from "@/components/ui/RecordDrawer";
import { useI18n } from "@/lib/i18n/i18n";
import { useOffer, useRetireOffer, type CatalogEntities } from "../api/offers";
import { MarginCell, termsText } from "./offerColumns";
import { OfferFormModal } from "./OfferFormModal";

/**
 * OfferDrawer shows one offer beside the list: its prices, margin and
 * terms, with Edit… and Retire… for those who may change it.
 */
export function OfferDrawer({
  offerId,
  onClose,
  canWrite,
  entities,
}: {
  offerId: string;
  onClose: () => void;
  canWrite: boolean;
  entities: CatalogEntities;
}) {
  const { t } = useI18n();
  const query = useOffer(offerId);
  const offer = query.data?.offer;
  return (
    <RecordDrawer
      opened={offerId !== ""}
      onClose={onClose}
      size="lg"
      title={offer?.catalogItemName ?? t("catalog.offers.offer")}
      query={query}
      icon={<IconTag size={22} />}
      notFound={t("catalog.offers.notFound")}
    >
      {offer && <OfferDetails offer={offer} canWrite={canWrite} entities={entities} />}
    </RecordDrawer>
  );
}

function OfferDetails({
  offer,
  canWrite,
  entities,
}: {
  offer: ProductOffer;
  canWrite: boolean;
  entities: CatalogEntities;
}) {
  const i18n = useI18n();
  const { t, formatMoney, formatDate } = i18n;
  const retire = useRetireOffer();
  const [dialog, setDialog] = useState<"edit" | "retire" | null>(null);
  const money = (cents: bigint) => formatMoney(cents, offer.currency || "EUR");
  return (
    <Stack gap="lg">
      <Group gap="xs">
        {offer.retired ? (
          <StatusBadge tone="neutral">
            {offer.retireTime
              ? t("catalog.retiredOn", { date: formatDate(timestampDate(offer.retireTime)) })
              : t("catalog.retired")}
          </StatusBadge>
        ) : (
          <StatusBadge tone={offer.bookable ? "ok" : "unknown"}>
            {t(offer.bookable ? "catalog.bookable.yes" : "catalog.bookable.no")}
          </StatusBadge>
        )}
      </Group>
      <DetailList
        items={[
          ...(entities.seesSeveral
            ? [
                {
                  label: t("catalog.offers.col.entity"),
                  value: entities.name(offer.billingEntityId),
                },
              ]
            : []),
          { label: t("catalog.offers.col.item"), value: offer.catalogItemName },
          { label: t("catalog.offers.col.price"), value: money(offer.monthlyPriceCents) },
          { label: t("catalog.offers.col.listPrice"), value: money(offer.listPriceCents) },
          {
            label: t("catalog.offers.col.margin"),
            value: <MarginCell offer={offer} i18n={i18n} />,
          },
          { label: t("catalog.offers.col.terms"), value: termsText(i18n, offer) },
        ]}
      />
      {offer.description && (
        <Stack gap={2}>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
            {t("catalog.offers.field.description")}
          </Text>
          <Text fz="sm" style={{ whiteSpace: "pre-line" }}>
            {offer.description}
          </Text>
        </Stack>
      )}
      {canWrite && !offer.retired && (
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => setDialog("edit")}
          >
            {t("catalog.offers.edit")}
          </Button>
          <Button
            variant="light"
            color="red"
            leftSection={<IconArchive size={16} />}
            onClick={() => setDialog("retire")}
          >
            {t("catalog.offers.retire")}
          </Button>
        </Group>
      )}
      <OfferFormModal
        opened={dialog === "edit"}
        offer={offer}
        entities={entities}
        onClose={() => setDialog(null)}
      />
      <ReasonModal
        opened={dialog === "retire"}
        onClose={() => setDialog(null)}
        title={t("catalog.offers.retireTitle", { name: offer.catalogItemName })}
        body={t("catalog.offers.retireMessage")}
        confirm={t("catalog.offers.retireConfirm")}
        color="red"
        onConfirm={(reason) => retire.mutateAsync({ id: offer.id, reason })}
      />
    </Stack>
  );
}
