import { Alert, List, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle } from "@tabler/icons-react";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { DialogProps } from "@/components/ui/FormModal";
import { ReasonModal } from "@/components/ui/ReasonModal";
import { formatCivilDate, formatGigabytes } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { useResetUsage } from "../api/accounts";

/**
 * ResetUsageModal resets an account's usage counters of this month (its
 * traffic, and the peak storage its caps are held against), with the
 * reason. It says what that does: counting restarts tomorrow, the days
 * before stay in the daily snapshots, and no invoice changes (they charge
 * storage from the snapshots, not from the counters).
 */
export function ResetUsageModal({ account, ...dialog }: DialogProps & { account: Account }) {
  const { t, locale } = useI18n();
  const reset = useResetUsage();
  const organization = account.organizationName || account.organizationId;
  const gigabytes = (bytes: bigint) => formatGigabytes(bytes, locale);
  return (
    <ReasonModal
      {...dialog}
      title={t("accounts.reset.title", { organization })}
      body={
        <Stack gap="sm">
          <Text fz="sm">
            {t("accounts.reset.counted", {
              storage: gigabytes(account.storage?.used ?? 0n),
              traffic: gigabytes(account.traffic?.used ?? 0n),
            })}
          </Text>
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
            <List size="sm" spacing={4}>
              <List.Item>{t("accounts.reset.tomorrow")}</List.Item>
              <List.Item>{t("accounts.reset.snapshots")}</List.Item>
              <List.Item>{t("accounts.reset.invoices")}</List.Item>
            </List>
          </Alert>
          {account.usageResetDay && (
            <Text fz="sm" c="dimmed">
              {t("accounts.reset.before", { date: formatCivilDate(account.usageResetDay, locale) })}
            </Text>
          )}
        </Stack>
      }
      confirm={t("accounts.reset.confirm")}
      color="orange"
      onConfirm={async (reason) => {
        const response = await reset.mutateAsync({
          organizationId: account.organizationId,
          reason,
        });
        notifications.show({
          color: "teal",
          message: t("accounts.reset.done", {
            organization,
            date: response.resetDay ? formatCivilDate(response.resetDay, locale) : "",
          }),
        });
      }}
    />
  );
}
