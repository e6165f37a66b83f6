import { Table, Text } from "@mantine/core";
import { AnchorLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useRevenueSummary } from "../api/overview";
import classes from "./Overview.module.css";
import { EmptyLine, OverviewCard } from "./OverviewCard";

/**
 * TopCustomersCard lists the ten organizations invoiced the most (net) in
 * the last twelve months, with their MRR today, each opening its page.
 */
export function TopCustomersCard() {
  const { t, formatMoney } = useI18n();
  const canOpen = usePermission(Permission.ORGANIZATIONS_READ);
  const summary = useRevenueSummary();
  return (
    <OverviewCard
      id="customers"
      title={t("overview.customers.title")}
      query={summary}
      skeletonLines={10}
      action={
        <Text fz="sm" c="dimmed">
          {t("overview.customers.period")}
        </Text>
      }
    >
      {() => {
        const data = summary.data!;
        const currency = data.currency || "EUR";
        if (data.topCustomers.length === 0) {
          return <EmptyLine>{t("overview.customers.none")}</EmptyLine>;
        }
        return (
          <Table.ScrollContainer minWidth={300}>
            <Table
              fz="sm"
              verticalSpacing={4}
              highlightOnHover
              aria-label={t("overview.customers.title")}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("overview.customers.organization")}</Table.Th>
                  <Table.Th ta="right" className={classes.amountCell}>
                    {t("overview.customers.invoiced")}
                  </Table.Th>
                  <Table.Th ta="right" className={classes.amountCell}>
                    {t("overview.customers.mrr")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.topCustomers.map((c) => (
                  <Table.Tr key={c.organizationId} data-customer={c.organizationId}>
                    <Table.Td className={classes.nameCell}>
                      {canOpen ? (
                        <AnchorLink
                          to="/organizations/$organizationId"
                          params={{ organizationId: c.organizationId }}
                          fz="sm"
                          fw={600}
                          title={c.organizationName}
                        >
                          {c.organizationName}
                        </AnchorLink>
                      ) : (
                        c.organizationName
                      )}
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amountCell}>
                      {formatMoney(c.invoicedNetCents, currency)}
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amountCell}>
                      {formatMoney(c.mrrCents, currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        );
      }}
    </OverviewCard>
  );
}
