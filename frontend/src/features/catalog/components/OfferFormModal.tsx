import {
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { ProductOffer } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import {
  useCreateOffer,
  useOfferableItems,
  useUpdateOffer,
  type CatalogEntities,
} from "../api/offers";
import { margin } from "../offers";

interface Values {
  billingEntityId: string;
  catalogItemId: string;
  monthlyPrice: string;
  minimumTermMonths: number;
  noticePeriodDays: number;
  description: string;
  bookable: boolean;
  reason: string;
}

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  billing_entity_id: "billingEntityId",
  catalog_item_id: "catalogItemId",
  monthly_price_cents: "monthlyPrice",
  "offer.monthly_price_cents": "monthlyPrice",
  minimum_term_months: "minimumTermMonths",
  "offer.minimum_term_months": "minimumTermMonths",
  notice_period_days: "noticePeriodDays",
  "offer.notice_period_days": "noticePeriodDays",
  "offer.description": "description",
  "offer.bookable": "bookable",
};

/**
 * OfferFormModal offers one of the licensee's items under a reseller, at
 * the reseller's price and terms; given an offer, it changes it, sending
 * only what changed. The licensee's staff choose the reseller.
 */
export function OfferFormModal({
  offer,
  entities,
  defaultEntityId = "",
  onCreated,
  ...dialog
}: DialogProps & {
  offer?: ProductOffer;
  entities: CatalogEntities;
  /** The reseller chosen first (the list's filter). */
  defaultEntityId?: string;
  onCreated?: (offer: ProductOffer) => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={
        offer
          ? t("catalog.offers.editTitle", { name: offer.catalogItemName })
          : t("catalog.offers.newTitle")
      }
    >
      <OfferForm
        offer={offer}
        entities={entities}
        defaultEntityId={defaultEntityId}
        onCreated={onCreated}
        onDone={dialog.onClose}
      />
    </FormModal>
  );
}

function OfferForm({
  offer,
  entities,
  defaultEntityId,
  onCreated,
  onDone,
}: {
  offer?: ProductOffer;
  entities: CatalogEntities;
  defaultEntityId: string;
  onCreated?: (offer: ProductOffer) => void;
  onDone: () => void;
}) {
  const { t, locale, formatMoney } = useI18n();
  const create = useCreateOffer();
  const update = useUpdateOffer();
  const items = useOfferableItems(entities.licensee?.id);
  const choosesEntity = !offer && entities.seesSeveral;
  const form = useForm<Values>({
    initialValues: {
      billingEntityId:
        defaultEntityId ||
        (entities.resellers.length === 1 ? (entities.resellers[0]?.id ?? "") : ""),
      catalogItemId: offer?.catalogItemId ?? "",
      monthlyPrice: offer ? priceInput(offer.monthlyPriceCents, locale) : "",
      minimumTermMonths: offer?.minimumTermMonths ?? 0,
      noticePeriodDays: offer?.noticePeriodDays ?? 0,
      description: offer?.description ?? "",
      bookable: offer?.bookable ?? true,
      reason: "",
    },
    validate: {
      billingEntityId: (v) => (choosesEntity && v === "" ? t("validation.required") : null),
      catalogItemId: (v) => (!offer && v === "" ? t("validation.required") : null),
      monthlyPrice: (v) => (parsePrice(v) === null ? t("catalog.validation.price") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  // What the reseller pays the licensee for a booking now, beside the price it asks.
  const chosen = items.items.find((i) => i.id === form.values.catalogItemId);
  const listPrice = offer ? offer.listPriceCents : chosen?.monthlyPriceCents;
  const currency = offer?.currency || chosen?.currency || "EUR";
  const price = parsePrice(form.values.monthlyPrice);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      monthlyPriceCents: parsePrice(values.monthlyPrice) ?? 0n,
      // A cleared number field holds "": no term, no notice.
      minimumTermMonths: Number(values.minimumTermMonths) || 0,
      noticePeriodDays: Number(values.noticePeriodDays) || 0,
      description: values.description.trim(),
      bookable: values.bookable,
    };
    try {
      if (offer) {
        const masks: Record<keyof typeof fields, string> = {
          monthlyPriceCents: "monthly_price_cents",
          minimumTermMonths: "minimum_term_months",
          noticePeriodDays: "notice_period_days",
          description: "description",
          bookable: "bookable",
        };
        const paths = (Object.keys(masks) as (keyof typeof fields)[])
          .filter((k) => fields[k] !== offer[k])
          .map((k) => masks[k]);
        if (paths.length === 0) {
          onDone();
          return;
        }
        await update.mutateAsync({
          offer: { id: offer.id, ...fields },
          updateMask: { paths },
          reason: values.reason.trim(),
        });
        notifications.show({ color: "teal", message: t("catalog.offers.updated") });
        onDone();
      } else {
        const res = await create.mutateAsync({
          ...fields,
          billingEntityId: choosesEntity ? values.billingEntityId : "",
          catalogItemId: values.catalogItemId,
          reason: values.reason.trim(),
        });
        notifications.show({
          color: "teal",
          message: t("catalog.offers.created", { name: res.offer?.catalogItemName ?? "" }),
        });
        onDone();
        if (res.offer) onCreated?.(res.offer);
      }
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {choosesEntity && (
          <Select
            label={t("catalog.offers.field.entity")}
            withAsterisk
            data={entities.resellers.map((e) => ({ value: e.id, label: e.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("billingEntityId")}
            onChange={(value) => form.setFieldValue("billingEntityId", value ?? "")}
          />
        )}
        {offer ? (
          <TextInput
            label={t("catalog.offers.field.item")}
            value={offer.catalogItemName}
            readOnly
          />
        ) : (
          <Select
            label={t("catalog.offers.field.item")}
            description={t("catalog.offers.field.itemHint")}
            withAsterisk
            searchable
            data-autofocus
            data={items.items.map((i) => ({
              value: i.id,
              label: `${i.name} · ${formatMoney(i.monthlyPriceCents, i.currency || "EUR")}`,
            }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("catalogItemId")}
            onChange={(value) => form.setFieldValue("catalogItemId", value ?? "")}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("catalog.offers.field.price")}
            description={t("catalog.field.monthlyPriceHint")}
            withAsterisk
            inputMode="decimal"
            placeholder={locale === "de" ? "19,90" : "19.90"}
            {...form.getInputProps("monthlyPrice")}
          />
          <Stack gap={2} justify="flex-end" pb={4}>
            {listPrice !== undefined && (
              <>
                <Text fz="sm" c="dimmed" data-testid="offer-list-price">
                  {t("catalog.offers.listPriceIs", { price: formatMoney(listPrice, currency) })}
                </Text>
                {price !== null && (
                  <Text
                    fz="sm"
                    fw={600}
                    c={price < listPrice ? "red.7" : "teal.8"}
                    data-testid="offer-margin"
                  >
                    {t("catalog.offers.marginIs", {
                      margin: formatMoney(
                        margin({ monthlyPriceCents: price, listPriceCents: listPrice }),
                        currency,
                      ),
                    })}
                  </Text>
                )}
              </>
            )}
          </Stack>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput
            label={t("catalog.offers.field.minimumTerm")}
            description={t("catalog.offers.field.minimumTermHint")}
            min={0}
            max={60}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("minimumTermMonths")}
          />
          <NumberInput
            label={t("catalog.offers.field.noticePeriod")}
            description={t("catalog.offers.field.noticePeriodHint")}
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("noticePeriodDays")}
          />
        </SimpleGrid>
        <Textarea
          label={t("catalog.offers.field.description")}
          description={t("catalog.offers.field.descriptionHint")}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("description")}
        />
        <Switch
          label={t("catalog.offers.field.bookable")}
          description={t("catalog.offers.field.bookableHint")}
          {...form.getInputProps("bookable", { type: "checkbox" })}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: offer ? t("common.save") : t("catalog.offers.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
