import { Fieldset, NumberInput, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import type { DunningSettings } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import { fieldId } from "../mask";
import { readOnlyProps, SettingsSection, useSectionForm, type WithReason } from "./SettingsSection";

interface Values extends WithReason {
  enabled: boolean;
  reminderDays: number | string;
  /** The fees as typed, in euros ("5,00"); the API keeps cents. */
  reminderFee: string;
  firstNoticeDays: number | string;
  firstNoticeFee: string;
  secondNoticeDays: number | string;
  secondNoticeFee: string;
  payWithinDays: number | string;
}

const fields = [
  "enabled",
  "reminderDays",
  "reminderFeeCents",
  "firstNoticeDays",
  "firstNoticeFeeCents",
  "secondNoticeDays",
  "secondNoticeFeeCents",
  "payWithinDays",
] as const;

/** The proto's fee fields are the form's fee texts. */
const aliases = {
  reminderFeeCents: "reminderFee",
  firstNoticeFeeCents: "firstNoticeFee",
  secondNoticeFeeCents: "secondNoticeFee",
};

/** The three levels, each with its days after the due date and its fee. */
const levels = [
  { name: "reminder", title: "settings.dunning.reminder", proto: "reminder" },
  { name: "firstNotice", title: "settings.dunning.firstNotice", proto: "first_notice" },
  { name: "secondNotice", title: "settings.dunning.secondNotice", proto: "second_notice" },
] as const satisfies readonly { name: string; title: MessageKey; proto: string }[];

/** The highest fee the API takes, in cents. */
const maxFeeCents = 10000n;

function valuesOf(dunning: DunningSettings | undefined, locale: "en" | "de"): Values {
  return {
    enabled: dunning?.enabled ?? false,
    reminderDays: dunning?.reminderDays ?? 0,
    reminderFee: priceInput(dunning?.reminderFeeCents ?? 0n, locale),
    firstNoticeDays: dunning?.firstNoticeDays ?? 0,
    firstNoticeFee: priceInput(dunning?.firstNoticeFeeCents ?? 0n, locale),
    secondNoticeDays: dunning?.secondNoticeDays ?? 0,
    secondNoticeFee: priceInput(dunning?.secondNoticeFeeCents ?? 0n, locale),
    payWithinDays: dunning?.payWithinDays ?? 0,
    reason: "",
  };
}

/** fee reads a fee as typed into cents; a fee that is not one stays 0 (the form says so first). */
const fee = (text: string) => (text.trim() === "" ? 0n : (parsePrice(text) ?? 0n));

function messageOf(values: Values) {
  return {
    enabled: values.enabled,
    reminderDays: Number(values.reminderDays) || 0,
    reminderFeeCents: fee(values.reminderFee),
    firstNoticeDays: Number(values.firstNoticeDays) || 0,
    firstNoticeFeeCents: fee(values.firstNoticeFee),
    secondNoticeDays: Number(values.secondNoticeDays) || 0,
    secondNoticeFeeCents: fee(values.secondNoticeFee),
    payWithinDays: Number(values.payWithinDays) || 0,
  };
}

/**
 * DunningSection: whether overdue invoices are chased, and each level's
 * day after the due date and fee, and the days a notice gives to pay. The
 * section is saved whole (mask "dunning"): the server judges the levels
 * together (their days must increase) and names the field it refuses.
 */
export function DunningSection({
  dunning,
  canWrite,
}: {
  dunning?: DunningSettings;
  canWrite: boolean;
}) {
  const { t, locale, formatMoney } = useI18n();
  const readOnlyInput = readOnlyProps(canWrite);
  const days = (min: number, max: number) => (value: number | string) => {
    const n = Number(value);
    return value === "" || !Number.isInteger(n) || n < min || n > max
      ? t("validation.range", { min, max })
      : null;
  };
  const feeCheck = (value: string) => {
    if (value.trim() === "") return null;
    const cents = parsePrice(value);
    return cents === null || cents > maxFeeCents
      ? t("settings.dunning.feeRange", { max: formatMoney(maxFeeCents, "EUR") })
      : null;
  };
  const { form, section } = useSectionForm({
    section: "dunning",
    title: t("settings.section.dunning"),
    fields,
    initialValues: valuesOf(dunning, locale),
    messageOf,
    aliases,
    mask: "section",
    validate: {
      reminderDays: days(1, 365),
      firstNoticeDays: days(1, 365),
      secondNoticeDays: days(1, 365),
      payWithinDays: days(1, 60),
      reminderFee: feeCheck,
      firstNoticeFee: feeCheck,
      secondNoticeFee: feeCheck,
    },
  });

  return (
    <SettingsSection {...section} hint={t("settings.section.dunningHint")} canWrite={canWrite}>
      <Switch
        id={fieldId("dunning.enabled")}
        label={t("settings.dunning.enabled")}
        description={t("settings.dunning.enabledHint")}
        disabled={!canWrite}
        {...form.getInputProps("enabled", { type: "checkbox" })}
      />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        {levels.map((level) => (
          <Fieldset key={level.name} legend={t(level.title)} variant="filled" p="sm">
            <Stack gap="sm">
              <NumberInput
                id={fieldId(`dunning.${level.proto}_days`)}
                label={t("settings.dunning.days")}
                suffix={` ${t("settings.invoice.days")}`}
                min={1}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                {...readOnlyInput}
                {...form.getInputProps(`${level.name}Days`)}
              />
              <TextInput
                id={fieldId(`dunning.${level.proto}_fee_cents`)}
                label={t("settings.dunning.fee")}
                rightSection="€"
                inputMode="decimal"
                placeholder={locale === "de" ? "0,00" : "0.00"}
                {...readOnlyInput}
                {...form.getInputProps(`${level.name}Fee`)}
              />
            </Stack>
          </Fieldset>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <NumberInput
          id={fieldId("dunning.pay_within_days")}
          label={t("settings.dunning.payWithin")}
          description={t("settings.dunning.payWithinHint")}
          suffix={` ${t("settings.invoice.days")}`}
          min={1}
          max={60}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          {...readOnlyInput}
          {...form.getInputProps("payWithinDays")}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
