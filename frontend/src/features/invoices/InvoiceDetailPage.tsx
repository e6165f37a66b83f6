import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconFileInvoice, IconReceiptOff } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import {
  InvoiceDeliveryStatus,
  InvoiceKind,
  InvoiceOrigin,
  InvoiceStatus,
  type Invoice,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { EInvoiceFormat } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { ActionButton } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { AnchorLink } from "@/components/ui/links";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { useCancelInvoice, useInvoice } from "./api/invoices";
import { EInvoiceDownloads, eInvoiceFormatKey } from "./components/EInvoiceDownloads";
import { InvoiceKindBadge, InvoiceStatusBadge } from "./components/InvoiceBadges";
import { InvoiceLines } from "./components/InvoiceLines";
import { PdfPreview } from "./components/PdfPreview";
import { formatDay, formatPeriod } from "./money";

const route = getRouteApi("/_app/invoices/$invoiceId");

/**
 * InvoiceDetailPage is an invoice's page. payments and dunning, when the
 * route gives them, are the invoice's Payments and Dunning sections (the
 * payments area's, composed by the route), shown to callers who may read
 * payments.
 */
export function InvoiceDetailPage({
  payments,
  dunning,
}: {
  payments?: (invoice: Invoice) => ReactNode;
  dunning?: (invoice: Invoice) => ReactNode;
} = {}) {
  const { t } = useI18n();
  const { invoiceId } = route.useParams();
  const query = useInvoice(invoiceId);
  const crumbs = [{ label: t("invoices.title"), to: "/invoices" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={200} />
        <Skeleton height={320} />
      </DetailPageLoading>
    );
  }
  if (query.error || !query.data.invoice) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("invoices.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconFileInvoice size={22} />}
        notFound={t("invoices.notFound")}
      />
    );
  }
  return <InvoiceDetail invoice={query.data.invoice} payments={payments} dunning={dunning} />;
}

/** originLabel says what made an invoice: a billing run (of its day), the dunning run (a fee), or staff. */
function originLabel(invoice: Invoice, t: I18n["t"], locale: I18n["locale"]): string {
  if (invoice.origin === InvoiceOrigin.DUNNING) return t("invoices.origin.dunning");
  return invoice.billingDate
    ? t("invoices.origin.run", { date: formatDay(invoice.billingDate, locale) })
    : t("invoices.origin.manual");
}

/**
 * InvoiceDetail is an issued invoice: its facts, its payments, lines,
 * totals, PDF, its e-invoices, and its cancellation.
 */
function InvoiceDetail({
  invoice,
  payments,
  dunning,
}: {
  invoice: Invoice;
  payments?: (invoice: Invoice) => ReactNode;
  dunning?: (invoice: Invoice) => ReactNode;
}) {
  const { t, locale, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const canWrite = usePermission(Permission.INVOICES_WRITE);
  const canReadPayments = usePermission(Permission.PAYMENTS_READ);
  const cancel = useCancelInvoice();
  // The number of the cancellation invoice that cancelled it.
  const cancelledBy = useInvoice(invoice.cancelledById, invoice.cancelledById !== "");
  const crumbs = [{ label: t("invoices.title"), to: "/invoices" as const }];
  const cancellable =
    invoice.kind === InvoiceKind.INVOICE && invoice.status !== InvoiceStatus.CANCELLED;
  const dash = "—";
  const invoiceLink = (id: string, number: string) => (
    <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: id }} fz="sm">
      {number || id}
    </AnchorLink>
  );

  const facts = [
    {
      label: t("invoices.field.organization"),
      value: (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: invoice.organizationId }}
          fz="sm"
        >
          {invoice.organizationName || invoice.organizationId}
        </AnchorLink>
      ),
    },
    { label: t("invoices.field.issueDate"), value: formatDay(invoice.issueDate, locale) || dash },
    {
      label: t("invoices.field.dueDate"),
      value: (invoice.grossCents > 0n && formatDay(invoice.dueDate, locale)) || dash,
    },
    {
      label: t("invoices.field.period"),
      value: formatPeriod(invoice.periodStart, invoice.periodEnd, locale) || dash,
    },
    {
      label: t("invoices.field.origin"),
      value: originLabel(invoice, t, locale),
    },
    {
      label: t("invoices.field.createdBy"),
      value: `${invoice.createdByEmail || dash}${
        invoice.createTime ? ` · ${formatDateTime(timestampDate(invoice.createTime))}` : ""
      }`,
    },
  ];
  if (invoice.reason) facts.push({ label: t("invoices.field.reason"), value: invoice.reason });
  const delivery = invoice.delivery;
  if (delivery) {
    const state =
      delivery.status === InvoiceDeliveryStatus.SENT
        ? "sent"
        : delivery.status === InvoiceDeliveryStatus.FAILED
          ? "failed"
          : "queued";
    // The e-invoice the e-mail carries: the ZUGFeRD PDF, or the XRechnung
    // XML with the PDF as a copy to read.
    const eInvoiceKey = eInvoiceFormatKey(delivery.eInvoiceFormat);
    facts.push({
      label: t("invoices.field.delivery"),
      value: (
        <Stack gap={2} data-testid="delivery">
          <Text fz="sm" c={state === "failed" ? "red" : undefined}>
            {t(`invoices.delivery.${state}`, {
              to: delivery.to || dash,
              attempts: delivery.attempts,
            })}
          </Text>
          {eInvoiceKey && (
            <Text fz="xs" c="dimmed" data-testid="delivery-e-invoice">
              {t(`invoices.delivery.as.${state}`, {
                eInvoice: t(
                  delivery.eInvoiceFormat === EInvoiceFormat.ZUGFERD
                    ? "invoices.delivery.eInvoice.pdf"
                    : "invoices.delivery.eInvoice.xml",
                  { format: t(eInvoiceKey) },
                ),
              })}
            </Text>
          )}
          {delivery.answer && (
            <Text fz="xs" c="dimmed">
              {delivery.answer}
            </Text>
          )}
        </Stack>
      ),
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={crumbs}
        title={invoice.number || t("invoices.unnumbered")}
        meta={<CopyableId id={invoice.id} />}
        badge={
          <Group gap="xs" wrap="nowrap">
            <InvoiceStatusBadge status={invoice.status} kind={invoice.kind} />
            <InvoiceKindBadge kind={invoice.kind} />
          </Group>
        }
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={invoice.id} />
            <ActionButton
              variant="default"
              color="red"
              action={{
                id: "cancel",
                label: t("invoices.cancel"),
                icon: <IconReceiptOff size={16} />,
                color: "red",
                hidden: !canWrite || !cancellable,
                title: t("invoices.cancelTitle", { number: invoice.number }),
                message: t("invoices.cancelMessage"),
                confirmLabel: t("invoices.cancel"),
                danger: true,
                reason: "required",
                run: async ({ reason }) => {
                  const res = await cancel.mutateAsync({ id: invoice.id, reason });
                  const cancellation = res.cancellation;
                  if (cancellation) {
                    void navigate({
                      to: "/invoices/$invoiceId",
                      params: { invoiceId: cancellation.id },
                    });
                  }
                },
                successMessage: t("invoices.cancelled", { number: invoice.number }),
              }}
            />
          </Group>
        }
      />
      {invoice.cancelsId && (
        <Alert color="grape" variant="light" data-testid="cancels">
          <Group gap={6}>
            <Text fz="sm">{t("invoices.cancels")}</Text>
            {invoiceLink(invoice.cancelsId, invoice.cancelsNumber)}
          </Group>
        </Alert>
      )}
      {invoice.cancelledById && (
        <Alert color="gray" variant="light" data-testid="cancelled-by">
          <Group gap={6}>
            <Text fz="sm">{t("invoices.cancelledBy")}</Text>
            {invoiceLink(
              invoice.cancelledById,
              cancelledBy.data?.invoice?.number || t("invoices.cancellationInvoice"),
            )}
          </Group>
        </Alert>
      )}
      <Section title={t("invoices.section.invoice")}>
        <DetailList cols={3} items={facts} />
      </Section>
      {payments && canReadPayments && payments(invoice)}
      {dunning && canReadPayments && dunning(invoice)}
      <Section title={t("invoices.section.lines")}>
        <InvoiceLines invoice={invoice} />
      </Section>
      <Section title={t("invoices.section.pdf")}>
        <PdfPreview
          invoiceId={invoice.id}
          title={t("invoices.pdf.title", { number: invoice.number })}
        />
      </Section>
      <Section title={t("invoices.section.eInvoice")}>
        <EInvoiceDownloads
          invoiceId={invoice.id}
          made={invoice.eInvoices}
          checks={invoice.eInvoiceChecks}
          preferred={invoice.preferredEInvoiceFormat}
        />
      </Section>
    </Stack>
  );
}
