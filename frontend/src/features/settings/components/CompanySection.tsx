import {
  ActionIcon,
  Autocomplete,
  Button,
  Divider,
  Group,
  Input,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { CountrySelect } from "@/components/ui/CountrySelect";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type {
  CompanySettings,
  IssuerLogo,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { fieldId } from "../mask";
import { LogoField } from "./LogoField";
import { readOnlyProps, SettingsSection, useSectionForm, type WithReason } from "./SettingsSection";

/** Common German legal forms; any other can be typed. */
export const legalForms = [
  "GmbH",
  "UG (haftungsbeschränkt)",
  "AG",
  "e.K.",
  "GbR",
  "OHG",
  "KG",
  "GmbH & Co. KG",
  "Einzelunternehmen",
];

const maxDirectors = 10;

interface Values extends WithReason {
  name: string;
  legalForm: string;
  address: {
    line1: string;
    line2: string;
    postalCode: string;
    city: string;
    countryCode: string;
  };
  registerCourt: string;
  registerNumber: string;
  managingDirectors: string[];
  email: string;
  phone: string;
  website: string;
}

const fields = [
  "name",
  "legalForm",
  "address.line1",
  "address.line2",
  "address.postalCode",
  "address.city",
  "address.countryCode",
  "registerCourt",
  "registerNumber",
  "managingDirectors",
  "email",
  "phone",
  "website",
] as const;

function valuesOf(company?: CompanySettings): Values {
  return {
    name: company?.name ?? "",
    legalForm: company?.legalForm ?? "",
    address: {
      line1: company?.address?.line1 ?? "",
      line2: company?.address?.line2 ?? "",
      postalCode: company?.address?.postalCode ?? "",
      city: company?.address?.city ?? "",
      countryCode: company?.address?.countryCode ?? "",
    },
    registerCourt: company?.registerCourt ?? "",
    registerNumber: company?.registerNumber ?? "",
    managingDirectors: [...(company?.managingDirectors ?? [])],
    email: company?.email ?? "",
    phone: company?.phone ?? "",
    website: company?.website ?? "",
    reason: "",
  };
}

function messageOf(values: Values) {
  return {
    name: values.name.trim(),
    legalForm: values.legalForm.trim(),
    address: {
      line1: values.address.line1.trim(),
      line2: values.address.line2.trim(),
      postalCode: values.address.postalCode.trim(),
      city: values.address.city.trim(),
      countryCode: values.address.countryCode.trim().toUpperCase(),
    },
    registerCourt: values.registerCourt.trim(),
    registerNumber: values.registerNumber.trim(),
    // Empty rows are dropped rather than sent.
    managingDirectors: values.managingDirectors.map((d) => d.trim()).filter((d) => d !== ""),
    email: values.email.trim(),
    phone: values.phone.trim(),
    website: values.website.trim(),
  };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/**
 * CompanySection: who issues the invoices, as the law wants it on each one,
 * and the logo they print (saved on its own, see LogoField).
 */
export function CompanySection({
  company,
  logo,
  canWrite,
}: {
  company?: CompanySettings;
  logo?: IssuerLogo;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const readOnlyInput = readOnlyProps(canWrite);
  const { form, section } = useSectionForm({
    section: "company",
    title: t("settings.section.company"),
    fields,
    initialValues: valuesOf(company),
    messageOf,
    validate: {
      address: {
        countryCode: (value) =>
          value.trim() === "" || /^[A-Za-z]{2}$/.test(value.trim())
            ? null
            : t("validation.pattern.countryCode"),
      },
      email: (value) =>
        value.trim() === "" || emailPattern.test(value.trim()) ? null : t("validation.email"),
      website: (value) =>
        value.trim() === "" || isWebAddress(value.trim()) ? null : t("validation.url"),
    },
  });
  const directors = form.values.managingDirectors;
  const readOnly = !canWrite;

  return (
    <SettingsSection {...section} hint={t("settings.section.companyHint")} canWrite={canWrite}>
      <LogoField logo={logo} canWrite={canWrite} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={fieldId("company.name")}
          label={t("settings.company.name")}
          placeholder="Leitstand Hosting GmbH"
          {...readOnlyInput}
          {...form.getInputProps("name")}
        />
        <Autocomplete
          id={fieldId("company.legal_form")}
          label={t("settings.company.legalForm")}
          data={legalForms}
          {...readOnlyInput}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("legalForm")}
        />
      </SimpleGrid>
      <Divider label={t("settings.company.address")} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={fieldId("company.address.line1")}
          label={t("settings.company.line1")}
          {...readOnlyInput}
          {...form.getInputProps("address.line1")}
        />
        <TextInput
          id={fieldId("company.address.line2")}
          label={t("settings.company.line2")}
          {...readOnlyInput}
          {...form.getInputProps("address.line2")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput
          id={fieldId("company.address.postal_code")}
          label={t("settings.company.postalCode")}
          {...readOnlyInput}
          {...form.getInputProps("address.postalCode")}
        />
        <TextInput
          id={fieldId("company.address.city")}
          label={t("settings.company.city")}
          {...readOnlyInput}
          {...form.getInputProps("address.city")}
        />
        <CountrySelect
          id={fieldId("company.address.country_code")}
          label={t("settings.company.countryCode")}
          placeholder={t("settings.company.countryCodeHint")}
          {...readOnlyInput}
          {...form.getInputProps("address.countryCode")}
        />
      </SimpleGrid>
      <Divider />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={fieldId("company.register_court")}
          label={t("settings.company.registerCourt")}
          placeholder={t("settings.company.registerCourtPlaceholder")}
          {...readOnlyInput}
          {...form.getInputProps("registerCourt")}
        />
        <TextInput
          id={fieldId("company.register_number")}
          label={t("settings.company.registerNumber")}
          placeholder={t("settings.company.registerNumberPlaceholder")}
          {...readOnlyInput}
          {...form.getInputProps("registerNumber")}
        />
      </SimpleGrid>
      <Input.Wrapper
        label={t("settings.company.managingDirectors")}
        error={form.errors.managingDirectors}
      >
        <Stack gap="xs" mt={4}>
          {directors.length === 0 && readOnly && (
            <Text fz="sm" c="dimmed">
              {t("settings.company.noDirectors")}
            </Text>
          )}
          {directors.map((_, index) => (
            <Group key={index} gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t("settings.company.director", { number: index + 1 })}
                style={{ flex: 1 }}
                {...readOnlyInput}
                {...form.getInputProps(`managingDirectors.${index}`)}
              />
              {canWrite && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={t("settings.company.removeDirector", { number: index + 1 })}
                  onClick={() => form.removeListItem("managingDirectors", index)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          ))}
          {canWrite && (
            <Button
              id={fieldId("company.managing_directors")}
              variant="subtle"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} />}
              disabled={directors.length >= maxDirectors}
              onClick={() => form.insertListItem("managingDirectors", "")}
            >
              {t("settings.company.addDirector")}
            </Button>
          )}
        </Stack>
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput
          id={fieldId("company.email")}
          label={t("settings.company.email")}
          type="email"
          placeholder="kontakt@example.com"
          {...readOnlyInput}
          {...form.getInputProps("email")}
        />
        <TextInput
          id={fieldId("company.phone")}
          label={t("settings.company.phone")}
          type="tel"
          placeholder="+49 89 1234567"
          {...readOnlyInput}
          {...form.getInputProps("phone")}
        />
        <TextInput
          id={fieldId("company.website")}
          label={t("settings.company.website")}
          type="url"
          placeholder="https://example.com"
          {...readOnlyInput}
          {...form.getInputProps("website")}
        />
      </SimpleGrid>
    </SettingsSection>
  );
}
