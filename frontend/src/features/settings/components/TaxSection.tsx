import { NumberInput, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import type { TaxSettings } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { normalizeVatId, vatIdProblem } from "@/lib/vat-id";
import { fieldId } from "../mask";
import { readOnlyProps, SettingsSection, useSectionForm, type WithReason } from "./SettingsSection";

interface Values extends WithReason {
  /** Percent, e.g. 19 or 7 (stored as basis points). */
  vatRate: number | string;
  smallBusinessExemption: boolean;
  taxNumber: string;
  vatId: string;
}

const fields = ["vatRateBasisPoints", "smallBusinessExemption", "taxNumber", "vatId"] as const;

function valuesOf(tax?: TaxSettings): Values {
  return {
    vatRate: (tax?.vatRateBasisPoints ?? 0) / 100,
    smallBusinessExemption: tax?.smallBusinessExemption ?? false,
    taxNumber: tax?.taxNumber ?? "",
    vatId: tax?.vatId ?? "",
    reason: "",
  };
}

/** basisPoints reads a percentage as typed (19, 7, 5.5) into basis points (1900, 700, 550). */
export function basisPoints(percent: number | string): number {
  const value = typeof percent === "number" ? percent : Number(percent.replace(",", "."));
  return Number.isFinite(value) ? Math.round(value * 100) : 0;
}

function messageOf(values: Values) {
  return {
    vatRateBasisPoints: basisPoints(values.vatRate),
    smallBusinessExemption: values.smallBusinessExemption,
    taxNumber: values.taxNumber.trim(),
    vatId: normalizeVatId(values.vatId),
  };
}

/** TaxSection: VAT rate, small-business exemption (§ 19 UStG), tax number and VAT ID. */
export function TaxSection({ tax, canWrite }: { tax?: TaxSettings; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const readOnlyInput = readOnlyProps(canWrite);
  const { form, section } = useSectionForm({
    section: "tax",
    title: t("settings.section.tax"),
    fields,
    initialValues: valuesOf(tax),
    messageOf,
    aliases: { vatRateBasisPoints: "vatRate" },
    validate: {
      vatRate: (value, values) => {
        if (values.smallBusinessExemption) return null;
        const bp = basisPoints(value);
        return value === "" || bp < 0 || bp > 10000
          ? t("validation.range", { min: 0, max: 100 })
          : null;
      },
      vatId: (value) => {
        if (value.trim() === "") return null;
        const problem = vatIdProblem(value);
        if (problem === "germanFormat") return t("validation.vatId.de");
        return problem ? t("validation.pattern.vatId") : null;
      },
    },
  });
  const exempt = form.values.smallBusinessExemption;

  return (
    <SettingsSection {...section} canWrite={canWrite}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <NumberInput
          id={fieldId("tax.vat_rate_basis_points")}
          label={t("settings.tax.vatRate")}
          description={t("settings.tax.vatRateHint")}
          suffix=" %"
          min={0}
          max={100}
          decimalScale={2}
          allowNegative={false}
          decimalSeparator={locale === "de" ? "," : "."}
          hideControls
          {...readOnlyInput}
          disabled={exempt}
          {...form.getInputProps("vatRate")}
        />
        <Stack justify="center">
          <Switch
            id={fieldId("tax.small_business_exemption")}
            label={t("settings.tax.smallBusiness")}
            description={t("settings.tax.smallBusinessHint")}
            disabled={!canWrite}
            {...form.getInputProps("smallBusinessExemption", { type: "checkbox" })}
          />
        </Stack>
        <TextInput
          id={fieldId("tax.tax_number")}
          label={t("settings.tax.taxNumber")}
          description={t("settings.tax.taxNumberHint")}
          placeholder="143/123/45678"
          {...readOnlyInput}
          {...form.getInputProps("taxNumber")}
        />
        <TextInput
          id={fieldId("tax.vat_id")}
          label={t("settings.tax.vatId")}
          description={t("settings.tax.needsOne")}
          placeholder="DE123456789"
          {...readOnlyInput}
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps("vatId")}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
