import { Skeleton, Stack } from "@mantine/core";
import { create, toJsonString } from "@bufbuild/protobuf";
import {
  BankSettingsSchema,
  CompanySettingsSchema,
  InvoiceSettingsSchema,
  TaxSettingsSchema,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { QueryError } from "@/components/ui/QueryError";
import { useSettings } from "./api/settings";
import { BankSection } from "./components/BankSection";
import { CompanySection } from "./components/CompanySection";
import { InvoiceSection } from "./components/InvoiceSection";
import { MissingForInvoices } from "./components/MissingForInvoices";
import { PaymentProvidersSection } from "./components/PaymentProvidersSection";
import { TaxSection } from "./components/TaxSection";
import { BillingEntityScope } from "./scope";

/**
 * BillingEntitySettings is what a billing entity's invoices are issued
 * under: its company details with the logo, tax, bank account and number
 * range, and its accounts at the payment providers. Shown on a reseller's
 * page, every request names the entity; the mail server and the dunning
 * stay on the settings page.
 */
export function BillingEntitySettings({
  billingEntityId,
  canWrite,
}: {
  billingEntityId: string;
  canWrite: boolean;
}) {
  return (
    <BillingEntityScope.Provider value={billingEntityId}>
      <EntitySections canWrite={canWrite} />
    </BillingEntityScope.Provider>
  );
}

function EntitySections({ canWrite }: { canWrite: boolean }) {
  const query = useSettings();
  if (query.isPending) {
    return (
      <Stack gap="lg">
        <Skeleton height={360} />
        <Skeleton height={200} />
      </Stack>
    );
  }
  if (query.error) {
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const settings = query.data.settings;
  const company = settings?.company ?? create(CompanySettingsSchema);
  const tax = settings?.tax ?? create(TaxSettingsSchema);
  const bank = settings?.bank ?? create(BankSettingsSchema);
  const invoice = settings?.invoice ?? create(InvoiceSettingsSchema);
  return (
    <>
      <MissingForInvoices paths={query.data.missingForInvoices} />
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
        <PaymentProvidersSection canWrite={canWrite} />
      </Stack>
    </>
  );
}
