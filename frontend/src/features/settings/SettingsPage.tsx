import { Alert, Skeleton, Stack } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { create, toJsonString } from "@bufbuild/protobuf";
import { IconLock } from "@tabler/icons-react";
import {
  BankSettingsSchema,
  CompanySettingsSchema,
  DunningSettingsSchema,
  InvoiceSettingsSchema,
  SmtpSettingsSchema,
  TaxSettingsSchema,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { PageHeader } from "@/components/ui/PageHeader";
import { QueryError } from "@/components/ui/QueryError";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useSettings } from "./api/settings";
import { BankSection } from "./components/BankSection";
import { CompanySection } from "./components/CompanySection";
import { DunningSection } from "./components/DunningSection";
import { InvoiceSection } from "./components/InvoiceSection";
import { MissingForInvoices } from "./components/MissingForInvoices";
import { PaymentProvidersSection } from "./components/PaymentProvidersSection";
import { SmtpSection } from "./components/SmtpSection";
import { TaxSection } from "./components/TaxSection";

/**
 * SettingsPage shows the platform's own details in six sections (the mail
 * server for invoice e-mails and how overdue invoices are chased the last
 * two), each saved on its own, and the accounts at the payment providers. Without the permission to change them they are read-only.
 */
export function SettingsPage() {
  const { t, formatDateTime } = useI18n();
  const canWrite = usePermission(Permission.SETTINGS_WRITE);
  const query = useSettings();
  const settings = query.data?.settings;

  const header = (
    <PageHeader
      title={t("settings.title")}
      description={
        settings?.updateTime
          ? `${t("settings.description")} ${t("settings.lastChanged", {
              time: formatDateTime(timestampDate(settings.updateTime)),
            })}`
          : t("settings.description")
      }
    />
  );
  if (query.isPending) {
    return (
      <>
        {header}
        <Stack gap="lg">
          <Skeleton height={360} />
          <Skeleton height={200} />
        </Stack>
      </>
    );
  }
  if (query.error) {
    return (
      <>
        {header}
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const company = settings?.company ?? create(CompanySettingsSchema);
  const tax = settings?.tax ?? create(TaxSettingsSchema);
  const bank = settings?.bank ?? create(BankSettingsSchema);
  const invoice = settings?.invoice ?? create(InvoiceSettingsSchema);
  const smtp = settings?.smtp ?? create(SmtpSettingsSchema);
  const dunning = settings?.dunning ?? create(DunningSettingsSchema);

  return (
    <>
      {header}
      {!canWrite && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="lg">
          {t("settings.readOnly")}
        </Alert>
      )}
      <MissingForInvoices paths={query.data.missingForInvoices} />
      {/* A section's form starts over when its saved values change (after a save);
          the key names the section, as empty sections have the same values. */}
      <Stack gap="lg">
        <CompanySection
          key={`company ${toJsonString(CompanySettingsSchema, company)}`}
          company={company}
          logo={settings?.logo}
          canWrite={canWrite}
        />
        <TaxSection
          key={`tax ${toJsonString(TaxSettingsSchema, tax)}`}
          tax={tax}
          canWrite={canWrite}
        />
        <BankSection
          key={`bank ${toJsonString(BankSettingsSchema, bank)}`}
          bank={bank}
          canWrite={canWrite}
        />
        <InvoiceSection
          key={`invoice ${toJsonString(InvoiceSettingsSchema, invoice)}`}
          invoice={invoice}
          canWrite={canWrite}
        />
        <SmtpSection
          key={`smtp ${toJsonString(SmtpSettingsSchema, smtp)}`}
          smtp={smtp}
          canWrite={canWrite}
        />
        <DunningSection
          key={`dunning ${toJsonString(DunningSettingsSchema, dunning)}`}
          dunning={dunning}
          canWrite={canWrite}
        />
        <PaymentProvidersSection canWrite={canWrite} />
      </Stack>
    </>
  );
}
