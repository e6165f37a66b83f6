import { QueryError } from "@/components/ui/QueryError";
import { useSettings } from "./api/settings";
import { SettingsSections, SettingsSkeleton } from "./components/SettingsSections";
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
    return <SettingsSkeleton />;
  }
  if (query.error) {
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <SettingsSections data={query.data} canWrite={canWrite} />;
}
