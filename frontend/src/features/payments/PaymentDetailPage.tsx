import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Alert,
  Anchor,
  Button,
  Code as CodeText,
  Group,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import {
  IconArrowBackUp,
  IconCash,
  IconExternalLink,
  IconInfoCircle,
  IconReceiptRefund,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import {
  PaymentMethod,
  PaymentStatus,
  type Payment,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList, type Detail } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { AnchorLink } from "@/components/ui/links";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { usePayment, useReversePayment } from "./api/payments";
import { PaymentStatusBadge } from "./components/PaymentStatusBadge";
import { ProviderEvents } from "./components/ProviderEvents";
import { RefundModal } from "./components/RefundModal";
import {
  countedOf,
  methodKey,
  providers,
  refundable,
  reversible,
  throughProvider,
} from "./payment";

const route = getRouteApi("/_app/payments/$paymentId");

export function PaymentDetailPage() {
  const { t } = useI18n();
  const { paymentId } = route.useParams();
  const query = usePayment(paymentId);
  const crumbs = [{ label: t("payments.title"), to: "/payments" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={280} />
      </DetailPageLoading>
    );
  }
  if (query.error || !query.data.payment) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("payments.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconCash size={22} />}
        notFound={t("payments.notFound")}
      />
    );
  }
  return <PaymentDetail payment={query.data.payment} />;
}

/** PaymentDetail is one payment: every fact of it, its provider's page, its refund and reversal. */
function PaymentDetail({ payment: p }: { payment: Payment }) {
  const { t, locale, formatMoney, formatDateTime } = useI18n();
  const canWrite = usePermission(Permission.PAYMENTS_WRITE);
  const canReadOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const canReadInvoices = usePermission(Permission.INVOICES_READ);
  const reverse = useReversePayment();
  const [refunding, setRefunding] = useState(false);
  const crumbs = [{ label: t("payments.title"), to: "/payments" as const }];
  const money = (cents: bigint) => formatMoney(cents, p.currency || "EUR");
  const dash = "—";
  const title = t("payments.detail.title", {
    amount: money(p.amountCents),
    number: p.invoiceNumber || p.invoiceId,
  });
  const provider = throughProvider(p.method) ? providers[p.method] : null;

  const facts: Detail[] = [
    {
      label: t("payments.field.organization"),
      value: canReadOrgs ? (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: p.organizationId }}
          fz="sm"
        >
          {p.organizationName || p.organizationId}
        </AnchorLink>
      ) : (
        p.organizationName || p.organizationId
      ),
    },
    {
      label: t("payments.field.invoice"),
      value: canReadInvoices ? (
        <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: p.invoiceId }} fz="sm">
          {p.invoiceNumber || p.invoiceId}
        </AnchorLink>
      ) : (
        p.invoiceNumber || p.invoiceId
      ),
    },
    { label: t("payments.field.method"), value: t(methodKey[p.method]) },
    { label: t("payments.field.amount"), value: <Money>{money(p.amountCents)}</Money> },
    {
      label: t("payments.field.refunded"),
      value: p.refundedCents > 0n ? <Money>{money(p.refundedCents)}</Money> : dash,
    },
    { label: t("payments.field.counted"), value: <Money>{money(countedOf(p))}</Money> },
    { label: t("payments.field.valueDate"), value: formatCivilDate(p.valueDate, locale) || dash },
    { label: t("payments.field.reference"), value: p.reference || dash },
    {
      label: t("payments.field.recordedBy"),
      value:
        p.recordedByEmail === "system" ? t("payments.recordedBySystem") : p.recordedByEmail || dash,
    },
    {
      label: t("payments.field.created"),
      value: p.createTime ? formatDateTime(timestampDate(p.createTime)) : dash,
    },
    {
      label: t("payments.field.statusSince"),
      value: p.statusTime ? formatDateTime(timestampDate(p.statusTime)) : dash,
    },
  ];
  if (p.providerPaymentId) {
    facts.push({
      label: t("payments.field.providerPaymentId"),
      value: <CodeText>{p.providerPaymentId}</CodeText>,
    });
  }
  if (p.note) facts.push({ label: t("payments.field.note"), value: <Prose>{p.note}</Prose> });
  if (p.reason) facts.push({ label: t("payments.field.reason"), value: <Prose>{p.reason}</Prose> });

  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={crumbs}
        title={title}
        meta={<CopyableId id={p.id} />}
        badge={<PaymentStatusBadge status={p.status} />}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={p.id} />
            {provider && p.dashboardUrl && (
              <Button
                component="a"
                href={p.dashboardUrl}
                target="_blank"
                rel="noopener noreferrer"
                variant="default"
                leftSection={<IconExternalLink size={16} />}
              >
                {t(
                  p.method === PaymentMethod.STRIPE
                    ? "payments.openIn.STRIPE"
                    : "payments.openIn.MOLLIE",
                )}
              </Button>
            )}
            {canWrite && refundable(p) && (
              <Button
                variant="default"
                leftSection={<IconReceiptRefund size={16} />}
                onClick={() => setRefunding(true)}
              >
                {t("payments.refund")}
              </Button>
            )}
            {canWrite && (
              <RowActions
                variant="header"
                label={title}
                actions={[
                  {
                    id: "reverse",
                    label: t("payments.reverse"),
                    icon: <IconArrowBackUp size={16} />,
                    color: "red",
                    hidden: !reversible(p),
                    title: t("payments.reverseTitle"),
                    message: t("payments.reverseMessage"),
                    confirmLabel: t("payments.reverse"),
                    danger: true,
                    reason: "required",
                    run: ({ reason }) => reverse.mutateAsync({ id: p.id, reason }),
                    successMessage: t("payments.reversed"),
                  },
                ]}
              />
            )}
          </Group>
        }
      />
      {p.failureReason && (
        <Alert
          color={p.status === PaymentStatus.CANCELED ? "gray" : "red"}
          variant="light"
          title={t("payments.field.failureReason")}
          data-testid="failure-reason"
        >
          {p.failureReason}
        </Alert>
      )}
      {provider && p.status === PaymentStatus.SUCCEEDED && canWrite && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={16} />}>
          {t("payments.providerNote", { provider })}
        </Alert>
      )}
      <Section title={t("payments.section.payment")}>
        <Stack gap="md">
          <DetailList cols={3} items={facts} />
          {p.checkoutUrl && (
            <Group>
              <Anchor href={p.checkoutUrl} target="_blank" rel="noopener noreferrer" fz="sm">
                <Group gap={4} component="span">
                  {t("payments.checkout")}
                  <IconExternalLink size={14} />
                </Group>
              </Anchor>
            </Group>
          )}
        </Stack>
      </Section>
      {provider && <ProviderEvents paymentId={p.id} />}
      <RefundModal opened={refunding} onClose={() => setRefunding(false)} payment={p} />
    </Stack>
  );
}

function Money({ children }: { children: ReactNode }) {
  return (
    <Text span fz="sm" className="tabular-nums">
      {children}
    </Text>
  );
}

function Prose({ children }: { children: ReactNode }) {
  return (
    <Text span fz="sm" style={{ whiteSpace: "pre-wrap" }}>
      {children}
    </Text>
  );
}
