import { Alert } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { IconLock } from "@tabler/icons-react";
import { PageHeader } from "@/components/ui/PageHeader";
import { QueryError } from "@/components/ui/QueryError";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useSettings } from "./api/settings";
import { SettingsSections, SettingsSkeleton } from "./components/SettingsSections";

/**
 * SettingsPage shows the platform's own details in six sections (the mail
 * server for invoice e-mails and how overdue invoices are chased the last
 * two), each saved on its own, and the accounts at the payment providers.
 * Without the permission to change them they are read-only.
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
        <SettingsSkeleton />
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

  return (
    <>
      {header}
      {!canWrite && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="lg">
          {t("settings.readOnly")}
        </Alert>
      )}
      <SettingsSections data={query.data} canWrite={canWrite} withMailAndDunning />
    </>
  );
}
