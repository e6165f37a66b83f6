import { Stack, Table, Text } from "@mantine/core";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { useBillingDates } from "../api/organizations";

/**
 * BillingDates lists an organization's next billing dates and the period
 * each invoice covers (on the overview, and composed into the Contract tab).
 */
export function BillingDates({ organizationId }: { organizationId: string }) {
  const { t, locale } = useI18n();
  const { data } = useBillingDates(organizationId);
  if (!data?.periods.length) return null;
  return (
    <Stack gap={4} data-testid="billing-dates">
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {t("orgs.billingDates.title", { zone: data.timeZone })}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          {data.periods.map((p) => (
            <Table.Tr key={p.billingDate}>
              <Table.Td>{formatCivilDate(p.billingDate, locale)}</Table.Td>
              <Table.Td c="dimmed">
                {t("orgs.billingDates.period", {
                  until: formatCivilDate(p.lastDay, locale),
                  days: p.days,
                })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
