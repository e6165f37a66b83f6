import { Button, Group, Stack, Text } from "@mantine/core";
import { IconCash } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import {
  InvoiceKind,
  InvoiceStatus,
  type Invoice,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { DetailList } from "@/components/ui/DetailList";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useInvoicePayments } from "../api/payments";
import { paymentColumns } from "./columns";
import { openOf, RecordPaymentModal } from "./RecordPaymentModal";
import { useProviderRequest } from "./RequestProviderPayment";

/**
 * InvoicePayments is the Payments section of an invoice's page: what is
 * paid of it and what is still open (or paid beyond it, the organization's
 * credit), its payments, and recording one. A cancellation invoice is not
 * paid: it has no such section.
 */
export function InvoicePayments({ invoice }: { invoice: Invoice }) {
  if (invoice.kind === InvoiceKind.CANCELLATION) return null;
  return <Payments invoice={invoice} />;
}

function Payments({ invoice }: { invoice: Invoice }) {
  const i18n = useI18n();
  const { t, formatMoney } = i18n;
  const navigate = useNavigate();
  const canWrite = usePermission(Permission.PAYMENTS_WRITE);
  const [recording, setRecording] = useState(false);
  const list = useInvoicePayments(invoice.id);
  const provider = useProviderRequest(invoice.id);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.payments) ?? [], [list.data]);
  const columns = useMemo(
    () => paymentColumns(i18n, { organization: false, invoice: false }),
    [i18n],
  );

  const money = (cents: bigint) => formatMoney(cents, invoice.currency || "EUR");
  const cancelled = invoice.status === InvoiceStatus.CANCELLED;
  const open = cancelled ? 0n : openOf(invoice);
  // What was paid beyond the invoice, or anything paid for it once it is
  // cancelled, is the organization's credit.
  const credit = cancelled ? invoice.paidCents : invoice.paidCents - invoice.grossCents;
  const amount = (cents: bigint, testId: string, color?: string) => (
    <Text span fz="sm" fw={600} c={color} className="tabular-nums" data-testid={testId}>
      {money(cents)}
    </Text>
  );
  const balance = [
    { label: t("payments.invoice.gross"), value: amount(invoice.grossCents, "invoice-gross") },
    { label: t("payments.invoice.paid"), value: amount(invoice.paidCents, "invoice-paid") },
  ];
  if (credit > 0n) {
    balance.push({
      label: cancelled ? t("payments.invoice.creditCancelled") : t("payments.invoice.credit"),
      value: amount(credit, "invoice-credit", "teal"),
    });
  } else if (!cancelled) {
    balance.push({
      label: t("payments.invoice.open"),
      value: amount(open, "invoice-open", open > 0n ? "orange" : undefined),
    });
  }

  return (
    <Section
      title={t("payments.title")}
      actions={
        canWrite &&
        !cancelled &&
        open > 0n && (
          <Group gap="sm">
            {provider.buttons}
            <Button leftSection={<IconCash size={16} />} onClick={() => setRecording(true)}>
              {t("payments.record")}
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="lg">
        {provider.answer}
        <DetailList cols={3} items={balance} />
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
            <Text fz="sm" c="dimmed" p="md" data-testid="invoice-payments-empty">
              {t("payments.invoice.empty")}
            </Text>
          }
        />
      </Stack>
      <RecordPaymentModal
        opened={recording}
        onClose={() => setRecording(false)}
        invoice={invoice}
      />
    </Section>
  );
}
