import { Divider, Stack, Table, Text } from "@mantine/core";
import type { CatalogItem } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { AnchorLink } from "@/components/ui/links";
import { useI18n } from "@/lib/i18n/i18n";
import { useCatalogEntities, useItemOffers } from "../api/offers";
import { MarginCell, termsText } from "./offerColumns";

/**
 * ItemOffers lists who resells one of the licensee's items, at what price
 * and margin, on the item's page (its dialog).
 */
export function ItemOffers({ item }: { item: CatalogItem }) {
  const i18n = useI18n();
  const { t, formatMoney } = i18n;
  const entities = useCatalogEntities();
  const offers = useItemOffers(item.id);
  const rows = offers.data?.offers ?? [];
  return (
    <Stack gap="xs" mt="lg" data-testid="item-offers">
      <Divider />
      <Text fw={600} fz="sm">
        {t("catalog.itemOffers.title")}
      </Text>
      {offers.data && rows.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t("catalog.itemOffers.empty")}
        </Text>
      )}
      {rows.length > 0 && (
        <Table fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("catalog.offers.col.entity")}</Table.Th>
              <Table.Th ta="right">{t("catalog.offers.col.price")}</Table.Th>
              <Table.Th ta="right">{t("catalog.offers.col.margin")}</Table.Th>
              <Table.Th>{t("catalog.offers.col.terms")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <AnchorLink to="/catalog/offers" search={{ offer: o.id }} fz="sm">
                    {entities.name(o.billingEntityId)}
                  </AnchorLink>
                </Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {formatMoney(o.monthlyPriceCents, o.currency || "EUR")}
                </Table.Td>
                <Table.Td ta="right">
                  <MarginCell offer={o} i18n={i18n} />
                </Table.Td>
                <Table.Td c="dimmed">{termsText(i18n, o)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
