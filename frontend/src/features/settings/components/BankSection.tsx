import { SimpleGrid, TextInput } from "@mantine/core";
import type { BankSettings } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { countryName } from "@/lib/format";
import { formatIban, ibanProblem, isValidBic, normalizeIban } from "@/lib/iban";
import { useI18n } from "@/lib/i18n/i18n";
import { fieldId } from "../mask";
import { readOnlyProps, SettingsSection, useSectionForm, type WithReason } from "./SettingsSection";

interface Values extends WithReason {
  accountHolder: string;
  iban: string;
  bic: string;
  bankName: string;
}

const fields = ["accountHolder", "iban", "bic", "bankName"] as const;
const monospace = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

function valuesOf(bank?: BankSettings): Values {
  return {
    accountHolder: bank?.accountHolder ?? "",
    iban: formatIban(bank?.iban ?? ""),
    bic: bank?.bic ?? "",
    bankName: bank?.bankName ?? "",
    reason: "",
  };
}

function messageOf(values: Values) {
  return {
    accountHolder: values.accountHolder.trim(),
    iban: normalizeIban(values.iban),
    bic: values.bic.trim().toUpperCase(),
    bankName: values.bankName.trim(),
  };
}

/** BankSection: the account customers pay into. */
export function BankSection({ bank, canWrite }: { bank?: BankSettings; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const readOnlyInput = readOnlyProps(canWrite);
  const { form, section } = useSectionForm({
    section: "bank",
    title: t("settings.section.bank"),
    fields,
    initialValues: valuesOf(bank),
    messageOf,
    validate: {
      iban: (value) => {
        if (value.trim() === "") return null;
        const problem = ibanProblem(value);
        if (!problem) return null;
        if (problem.kind === "length") {
          return t("validation.iban.length", {
            country: countryName(problem.country, locale),
            length: problem.length,
          });
        }
        return t(
          problem.kind === "checksum" ? "validation.iban.checksum" : "validation.iban.format",
        );
      },
      bic: (value) => (value.trim() === "" || isValidBic(value) ? null : t("validation.bic")),
    },
  });
  const iban = form.getInputProps("iban");

  return (
    <SettingsSection {...section} hint={t("settings.section.bankHint")} canWrite={canWrite}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={fieldId("bank.account_holder")}
          label={t("settings.bank.accountHolder")}
          {...readOnlyInput}
          {...form.getInputProps("accountHolder")}
        />
        <TextInput
          id={fieldId("bank.iban")}
          label={t("settings.bank.iban")}
          placeholder="DE89 3704 0044 0532 0130 00"
          {...readOnlyInput}
          autoComplete="off"
          spellCheck={false}
          styles={monospace}
          {...iban}
          onBlur={(event) => {
            // Written in groups of four once typed, as on paper.
            if (ibanProblem(form.values.iban) === null) {
              form.setFieldValue("iban", formatIban(form.values.iban));
            }
            iban.onBlur?.(event);
          }}
        />
        <TextInput
          id={fieldId("bank.bic")}
          label={t("settings.bank.bic")}
          placeholder="COBADEFFXXX"
          {...readOnlyInput}
          autoComplete="off"
          spellCheck={false}
          styles={monospace}
          {...form.getInputProps("bic")}
        />
        <TextInput
          id={fieldId("bank.bank_name")}
          label={t("settings.bank.bankName")}
          {...readOnlyInput}
          {...form.getInputProps("bankName")}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
