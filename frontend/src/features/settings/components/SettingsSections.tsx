import { Skeleton, Stack } from "@mantine/core";
import { create, toJsonString } from "@bufbuild/protobuf";
import {
  BankSettingsSchema,
  CompanySettingsSchema,
  DunningSettingsSchema,
  InvoiceSettingsSchema,
  SmtpSettingsSchema,
  TaxSettingsSchema,
  type GetSettingsResponse,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { BankSection } from "./BankSection";
import { CompanySection } from "./CompanySection";
import { DunningSection } from "./DunningSection";
import { InvoiceSection } from "./InvoiceSection";
import { MissingForInvoices } from "./MissingForInvoices";
import { PaymentProvidersSection } from "./PaymentProvidersSection";
import { SmtpSection } from "./SmtpSection";
import { TaxSection } from "./TaxSection";

/**
 * SettingsSections lays out the settings as read: what invoices still need,
 * then the company with its logo, tax, bank account and invoice numbers,
 * each saved on its own, and the accounts at the payment providers. The
 * mail server and the dunning (withMailAndDunning) are the platform's
 * alone: the settings page shows them, a billing entity's page does not.
 */
export function SettingsSections({
  data,
  canWrite,
  withMailAndDunning = false,
}: {
  data: GetSettingsResponse;
  canWrite: boolean;
  withMailAndDunning?: boolean;
}) {
  const settings = data.settings;
  const company = settings?.company ?? create(CompanySettingsSchema);
  const tax = settings?.tax ?? create(TaxSettingsSchema);
  const bank = settings?.bank ?? create(BankSettingsSchema);
  const invoice = settings?.invoice ?? create(InvoiceSettingsSchema);
  const smtp = settings?.smtp ?? create(SmtpSettingsSchema);
  const dunning = settings?.dunning ?? create(DunningSettingsSchema);

  return (
    <>
      <MissingForInvoices paths={data.missingForInvoices} />
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
        {withMailAndDunning && (
          <SmtpSection
            key={`smtp ${toJsonString(SmtpSettingsSchema, smtp)}`}
            smtp={smtp}
            canWrite={canWrite}
          />
        )}
        {withMailAndDunning && (
          <DunningSection
            key={`dunning ${toJsonString(DunningSettingsSchema, dunning)}`}
            dunning={dunning}
            canWrite={canWrite}
          />
        )}
        <PaymentProvidersSection canWrite={canWrite} />
      </Stack>
    </>
  );
}

/** SettingsSkeleton stands in for the sections while the settings are read. */
export function SettingsSkeleton() {
  return (
    <Stack gap="lg">
      <Skeleton height={360} />
      <Skeleton height={200} />
    </Stack>
  );
}
