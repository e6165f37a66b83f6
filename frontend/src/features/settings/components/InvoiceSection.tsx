import { NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import type { InvoiceSettings } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { fieldId } from "../mask";
import { readOnlyProps, SettingsSection, useSectionForm, type WithReason } from "./SettingsSection";

interface Values extends WithReason {
  numberPrefix: string;
  paymentTermsDays: number | string;
  timeZone: string;
}

const fields = ["numberPrefix", "paymentTermsDays", "timeZone"] as const;

/** The time zone of an issuer that chose none. */
export const defaultTimeZone = "Europe/Berlin";

/** timeZones are the IANA zones the browser knows, UTC among them. */
export function timeZones(): string[] {
  const known = Intl.supportedValuesOf("timeZone");
  return known.includes("UTC") ? known : ["UTC", ...known];
}
const prefixPattern = /^[A-Za-z0-9-]{0,12}$/;

function valuesOf(invoice?: InvoiceSettings): Values {
  return {
    numberPrefix: invoice?.numberPrefix ?? "",
    paymentTermsDays: invoice?.paymentTermsDays ?? 0,
    timeZone: invoice?.timeZone || defaultTimeZone,
    reason: "",
  };
}

function messageOf(values: Values) {
  return {
    numberPrefix: values.numberPrefix.trim(),
    paymentTermsDays: Number(values.paymentTermsDays) || 0,
    timeZone: values.timeZone,
  };
}

/** exampleNumber is what an invoice number looks like with a prefix: "RE-" -> "RE-2026-00001". */
export function exampleNumber(prefix: string, year: number): string {
  return `${prefix}${year}-00001`;
}

/** InvoiceSection: how invoices are numbered and when they are due. */
export function InvoiceSection({
  invoice,
  canWrite,
}: {
  invoice?: InvoiceSettings;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const readOnlyInput = readOnlyProps(canWrite);
  const { form, section } = useSectionForm({
    section: "invoice",
    title: t("settings.section.invoice"),
    fields,
    initialValues: valuesOf(invoice),
    messageOf,
    validate: {
      numberPrefix: (value) =>
        prefixPattern.test(value.trim()) ? null : t("validation.numberPrefix"),
      paymentTermsDays: (value) => {
        const days = Number(value);
        return value === "" || !Number.isInteger(days) || days < 0 || days > 365
          ? t("validation.range", { min: 0, max: 365 })
          : null;
      },
    },
  });
  const year = new Date().getFullYear();

  return (
    <SettingsSection {...section} canWrite={canWrite}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={fieldId("invoice.number_prefix")}
          label={t("settings.invoice.numberPrefix")}
          description={
            <span data-testid="invoice-number-example">
              {t("settings.invoice.example", {
                example: exampleNumber(form.values.numberPrefix.trim(), year),
              })}
            </span>
          }
          placeholder="RE-"
          maxLength={12}
          {...readOnlyInput}
          {...form.getInputProps("numberPrefix")}
        />
        <NumberInput
          id={fieldId("invoice.payment_terms_days")}
          label={t("settings.invoice.paymentTerms")}
          description={t("settings.invoice.paymentTermsHint")}
          suffix={` ${t("settings.invoice.days")}`}
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          {...readOnlyInput}
          {...form.getInputProps("paymentTermsDays")}
        />
        <Select
          id={fieldId("invoice.time_zone")}
          label={t("settings.invoice.timeZone")}
          description={t("settings.invoice.timeZoneHint")}
          data={timeZones()}
          searchable
          allowDeselect={false}
          {...readOnlyInput}
          {...form.getInputProps("timeZone")}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
