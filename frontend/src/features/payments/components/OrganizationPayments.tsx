import { Group, Paper, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { IconCash, IconList } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import type { OrganizationBalance } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { ButtonLink } from "@/components/ui/links";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { useOrganizationBalance, usePaymentList } from "../api/payments";
import { paymentsSearchDefaults } from "../search";
import { paymentColumns } from "./columns";
import { OrganizationDunning } from "./OrganizationDunning";

/**
 * OrganizationPayments is the Payments tab of an organization's page: what
 * it owes and its credit, per currency, where its dunning stands, and its
 * payments, the latest first.
 */
export function OrganizationPayments({ organizationId }: { organizationId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const list = usePaymentList({ ...paymentsSearchDefaults, org: organizationId });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.payments) ?? [], [list.data]);
  const columns = useMemo(() => paymentColumns(i18n, { organization: false }), [i18n]);

  return (
    <Stack gap="lg">
      <BalanceCard organizationId={organizationId} />
      <OrganizationDunning organizationId={organizationId} />
      <Section
        title={t("payments.title")}
        padding={0}
        actions={
          <ButtonLink
            to="/payments"
            search={{ org: organizationId }}
            variant="default"
            size="xs"
            leftSection={<IconList size={14} />}
          >
            {t("payments.showInList")}
          </ButtonLink>
        }
      >
        <DataTable
          label={t("payments.title")}
          columns={columns}
          rows={rows}
          rowKey={(p) => p.id}
          {...pagingProps(list)}
          dense
          total={list.data?.pages[0]?.totalSize}
          noun={{
            one: "payments.count.one",
            other: "payments.count.other",
            showing: "payments.count.showing",
          }}
          onRowClick={(p) =>
            void navigate({ to: "/payments/$paymentId", params: { paymentId: p.id } })
          }
          empty={
            <ListEmptyState
              icon={<IconCash size={22} />}
              filtered={false}
              title={t("payments.tabEmpty")}
              onClearFilters={() => undefined}
            />
          }
        />
      </Section>
    </Stack>
  );
}

/** BalanceCard is what an organization owes (and of it, what is overdue) and its credit, per currency. */
function BalanceCard({ organizationId }: { organizationId: string }) {
  const { t } = useI18n();
  const balance = useOrganizationBalance(organizationId);
  return (
    <Section title={t("payments.balance.title")}>
      {balance.isPending ? (
        <Skeleton height={56} />
      ) : balance.error ? (
        <QueryError error={balance.error} onRetry={() => void balance.refetch()} />
      ) : balance.data.balances.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t("payments.balance.none")}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="balance">
          {balance.data.balances.map((b) => (
            <CurrencyBalance key={b.currency} balance={b} />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function CurrencyBalance({ balance: b }: { balance: OrganizationBalance }) {
  const { t, formatMoney } = useI18n();
  const money = (cents: bigint) => formatMoney(cents, b.currency);
  const figure = (label: string, value: string, color: string | undefined, hint?: string) => (
    <Stack gap={2}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {label}
      </Text>
      <Text fz="lg" fw={600} c={color} className="tabular-nums">
        {value}
      </Text>
      {hint && (
        <Text fz="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder p="md" data-currency={b.currency}>
      <Group gap="xs" mb="xs">
        <Text fz="sm" fw={600}>
          {b.currency}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="lg">
        {figure(
          t("payments.balance.open"),
          money(b.openCents),
          b.openCents > 0n ? "orange" : undefined,
          t("payments.balance.openInvoices", { count: b.openInvoices }),
        )}
        {figure(
          t("payments.balance.overdue"),
          money(b.overdueCents),
          b.overdueCents > 0n ? "red" : undefined,
        )}
        {figure(
          t("payments.balance.credit"),
          money(b.creditCents),
          b.creditCents > 0n ? "teal" : undefined,
        )}
      </SimpleGrid>
    </Paper>
  );
}
