import {
  Button,
  FileButton,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconUpload, IconX } from "@tabler/icons-react";
import { useState } from "react";
import {
  CatalogCategory,
  type CatalogItem,
} from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { errorMessage, violationsOf } from "@/lib/api-errors";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateCatalogItem, useUpdateCatalogItem, useUploadCatalogIcon } from "../api/catalog";
import type { CatalogEntities } from "../api/offers";
import { parsePrice, priceInput } from "@/lib/price";
import { maxIconBytes, setupMinutes, setupParts, type SetupUnit } from "../format";
import { categoryName, categoryNames } from "../search";
import { CatalogIcon } from "./CatalogIcon";
import { ItemOffers } from "./ItemOffers";

interface Values {
  name: string;
  description: string;
  category: string;
  monthlyPrice: string;
  estimatedStorageGb: number;
  setupTime: number;
  setupUnit: SetupUnit;
  icon: string;
  iconUrl: string;
  bookable: boolean;
  billingEntityId: string;
  reason: string;
}

function valuesOf(item: CatalogItem | undefined, locale: "en" | "de", entityId: string): Values {
  const setup = setupParts(item?.setupTimeMinutes ?? 0);
  return {
    name: item?.name ?? "",
    description: item?.description ?? "",
    category: item ? categoryName(item.category) : "",
    monthlyPrice: item ? priceInput(item.monthlyPriceCents, locale) : "",
    estimatedStorageGb: item?.estimatedStorageGb ?? 0,
    setupTime: setup.value,
    setupUnit: setup.unit,
    icon: item?.icon ?? "",
    iconUrl: item?.iconUrl ?? "",
    bookable: item?.bookable ?? true,
    billingEntityId: item?.billingEntityId ?? entityId,
    reason: "",
  };
}

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  monthly_price_cents: "monthlyPrice",
  "item.monthly_price_cents": "monthlyPrice",
  setup_time_minutes: "setupTime",
  "item.setup_time_minutes": "setupTime",
  estimated_storage_gb: "estimatedStorageGb",
  "item.estimated_storage_gb": "estimatedStorageGb",
  content: "icon",
  billing_entity_id: "billingEntityId",
};

/**
 * CatalogItemFormModal adds a catalog item, or edits one when given. A
 * reseller's staff add their entity's own items; the licensee's staff
 * choose whose it is, and see beside one of the licensee's items who
 * resells it at what margin.
 */
export function CatalogItemFormModal({
  item,
  entities,
  ...dialog
}: DialogProps & { item?: CatalogItem; entities: CatalogEntities }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={item ? t("catalog.editTitle", { name: item.name }) : t("catalog.createTitle")}
    >
      <CatalogItemForm item={item} entities={entities} onDone={dialog.onClose} />
      {item && entities.seesSeveral && item.billingEntityId === entities.licensee?.id && (
        <ItemOffers item={item} />
      )}
    </FormModal>
  );
}

function CatalogItemForm({
  item,
  entities,
  onDone,
}: {
  item?: CatalogItem;
  entities: CatalogEntities;
  onDone: () => void;
}) {
  const { t, locale, formatBytes } = useI18n();
  const create = useCreateCatalogItem();
  const update = useUpdateCatalogItem();
  const upload = useUploadCatalogIcon();
  const [uploading, setUploading] = useState(false);
  const choosesEntity = !item && entities.seesSeveral;
  const initial = valuesOf(item, locale, entities.licensee?.id ?? "");
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      category: (v) => (v === "" ? t("catalog.validation.category") : null),
      monthlyPrice: (v) => (parsePrice(v) === null ? t("catalog.validation.price") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const chooseIcon = async (file: File | null) => {
    if (!file) return;
    form.setFieldError("icon", null);
    if (file.size > maxIconBytes) {
      form.setFieldError("icon", t("catalog.icon.tooLarge", { size: formatBytes(file.size) }));
      return;
    }
    setUploading(true);
    try {
      const content = new Uint8Array(await file.arrayBuffer());
      const res = await upload.mutateAsync({ content });
      form.setFieldValue("icon", res.icon?.name ?? "");
      form.setFieldValue("iconUrl", res.icon?.url ?? "");
    } catch (error) {
      // The server says why it refused the file (not an image, a script in
      // an SVG, too large).
      const v = violationsOf(error)[0];
      form.setFieldError("icon", v?.message || errorMessage(error, locale));
    } finally {
      setUploading(false);
    }
  };

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      name: values.name.trim(),
      description: values.description.trim(),
      category: CatalogCategory[values.category as "S" | "M" | "L"],
      monthlyPriceCents: parsePrice(values.monthlyPrice) ?? 0n,
      estimatedStorageGb: values.estimatedStorageGb,
      setupTimeMinutes: setupMinutes(values.setupTime, values.setupUnit),
      icon: values.icon,
      bookable: values.bookable,
    };
    try {
      if (item) {
        const before = {
          name: item.name,
          description: item.description,
          category: item.category,
          monthlyPriceCents: item.monthlyPriceCents,
          estimatedStorageGb: item.estimatedStorageGb,
          setupTimeMinutes: item.setupTimeMinutes,
          icon: item.icon,
          bookable: item.bookable,
        };
        const masks: Record<keyof typeof fields, string> = {
          name: "name",
          description: "description",
          category: "category",
          monthlyPriceCents: "monthly_price_cents",
          estimatedStorageGb: "estimated_storage_gb",
          setupTimeMinutes: "setup_time_minutes",
          icon: "icon",
          bookable: "bookable",
        };
        const paths = (Object.keys(masks) as (keyof typeof fields)[])
          .filter((k) => fields[k] !== before[k])
          .map((k) => masks[k]);
        if (paths.length === 0) {
          onDone();
          return;
        }
        await update.mutateAsync({
          item: { id: item.id, ...fields },
          updateMask: { paths },
          reason: values.reason.trim(),
        });
        notifications.show({ color: "teal", message: t("catalog.updated") });
      } else {
        const res = await create.mutateAsync({
          ...fields,
          // The licensee's own is the default: sent empty, as the caller's own.
          billingEntityId:
            choosesEntity && values.billingEntityId !== entities.licensee?.id
              ? values.billingEntityId
              : "",
          reason: values.reason.trim(),
        });
        notifications.show({
          color: "teal",
          message: t("catalog.created", { name: res.item?.name ?? fields.name }),
        });
      }
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group align="flex-start" gap="md" wrap="nowrap">
          <CatalogIcon url={form.values.iconUrl} size={56} />
          <Stack gap={4} style={{ flex: 1 }}>
            <Text fw={500} fz="sm">
              {t("catalog.field.icon")}
            </Text>
            <Group gap="xs">
              <FileButton
                onChange={(f) => void chooseIcon(f)}
                accept="image/png,image/webp,image/svg+xml"
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    size="xs"
                    loading={uploading}
                    leftSection={<IconUpload size={14} />}
                    data-testid="icon-upload"
                  >
                    {form.values.icon ? t("catalog.icon.replace") : t("catalog.icon.upload")}
                  </Button>
                )}
              </FileButton>
              {form.values.icon && (
                <Button
                  variant="subtle"
                  color="gray"
                  size="xs"
                  leftSection={<IconX size={14} />}
                  onClick={() => {
                    form.setFieldValue("icon", "");
                    form.setFieldValue("iconUrl", "");
                  }}
                >
                  {t("catalog.icon.remove")}
                </Button>
              )}
            </Group>
            {form.errors.icon ? (
              <Text fz="xs" c="red" role="alert">
                {form.errors.icon}
              </Text>
            ) : (
              <Text fz="xs" c="dimmed">
                {t("catalog.field.iconHint")}
              </Text>
            )}
          </Stack>
        </Group>
        {choosesEntity && (
          <Select
            label={t("catalog.field.owner")}
            description={t("catalog.field.ownerHint")}
            data={entities.all.map((e) => ({ value: e.id, label: e.name }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("billingEntityId")}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("catalog.field.name")}
            withAsterisk
            data-autofocus
            {...form.getInputProps("name")}
          />
          <Select
            label={t("catalog.field.category")}
            withAsterisk
            data={categoryNames.map((c) => ({ value: c, label: t(`catalog.categoryLong.${c}`) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("category")}
          />
        </SimpleGrid>
        <Textarea
          label={t("catalog.field.description")}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("description")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("catalog.field.monthlyPrice")}
            description={t("catalog.field.monthlyPriceHint")}
            withAsterisk
            inputMode="decimal"
            placeholder={locale === "de" ? "89,90" : "89.90"}
            {...form.getInputProps("monthlyPrice")}
          />
          <NumberInput
            label={t("catalog.field.estimatedStorage")}
            min={0}
            max={1_000_000}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("estimatedStorageGb")}
          />
        </SimpleGrid>
        <Group grow align="flex-start">
          <NumberInput
            label={t("catalog.field.setupTime")}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps("setupTime")}
          />
          <Select
            label={t("catalog.field.setupUnit")}
            data={(["minutes", "hours", "days"] as const).map((u) => ({
              value: u,
              label: t(`catalog.unit.${u}`),
            }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("setupUnit")}
          />
        </Group>
        <Switch
          label={t("catalog.field.bookable")}
          description={t("catalog.field.bookableHint")}
          {...form.getInputProps("bookable", { type: "checkbox" })}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: item ? t("common.save") : t("catalog.create"),
            loading: create.isPending || update.isPending,
            disabled: uploading,
          }}
        />
      </Stack>
    </form>
  );
}
