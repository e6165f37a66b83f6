import { Code } from "@connectrpc/connect";
import { Alert, Skeleton, Stack, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { AnchorLink } from "@/components/ui/links";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { asConnectError, errorMessage } from "@/lib/api-errors";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useInvoicePreview } from "../api/invoices";
import { formatDay, formatPeriod } from "../money";
import { InvoiceLines } from "./InvoiceLines";

/**
 * NextInvoicePreview is the invoice an organization's next billing date
 * would issue as things are now: computed by the server, stored nowhere.
 * In full on the Invoices tab; compact (billing date, service period,
 * lines, totals and a link to the Invoices tab) where the terms that make
 * it are edited. Shown only to callers who may read invoices, and the
 * server is not asked otherwise. An organization the server does not
 * preview (closed, waiting for approval, settings incomplete) gets its
 * reason, quietly: that is a state, not a failure.
 */
export function NextInvoicePreview({
  organizationId,
  compact = false,
}: {
  organizationId: string;
  compact?: boolean;
}) {
  const canRead = usePermission(Permission.INVOICES_READ);
  return canRead ? <Preview organizationId={organizationId} compact={compact} /> : null;
}

function Preview({ organizationId, compact }: { organizationId: string; compact: boolean }) {
  const { t, locale } = useI18n();
  const preview = useInvoicePreview(organizationId);
  const invoice = preview.data?.invoice;
  const billingDate = preview.data?.billingDate ?? "";
  const date = formatDay(billingDate, locale);
  const refused =
    preview.error !== null && asConnectError(preview.error).code === Code.FailedPrecondition;
  const period = invoice
    ? t("invoices.next.period", {
        period: formatPeriod(invoice.periodStart, invoice.periodEnd, locale) || "—",
      })
    : "";

  return (
    <Section
      title={
        billingDate && !compact ? t("invoices.next.titleOn", { date }) : t("invoices.next.title")
      }
      actions={
        compact && (
          <AnchorLink
            to="/organizations/$organizationId"
            params={{ organizationId }}
            search={{ tab: "invoices" }}
            fz="sm"
          >
            {t("invoices.next.more")}
          </AnchorLink>
        )
      }
    >
      {preview.isPending ? (
        <Skeleton height={compact ? 120 : 160} />
      ) : refused ? (
        <Alert
          color="gray"
          variant="light"
          icon={<IconInfoCircle size={18} />}
          data-testid="next-invoice-refused"
        >
          {errorMessage(preview.error, locale)}
        </Alert>
      ) : preview.error ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : invoice ? (
        <Stack gap="sm" data-testid="next-invoice">
          {compact ? (
            <div>
              <Text fz="sm" fw={600}>
                {t("invoices.next.billingDate", { date })}
              </Text>
              <Text fz="sm" c="dimmed">
                {period}
              </Text>
            </div>
          ) : (
            <Text fz="sm" c="dimmed">
              {period}
            </Text>
          )}
          <InvoiceLines invoice={invoice} compact={compact} />
        </Stack>
      ) : (
        <Text fz="sm" c="dimmed" data-testid="next-invoice">
          {compact && date ? t("invoices.next.nothingOn", { date }) : t("invoices.next.nothing")}
        </Text>
      )}
    </Section>
  );
}
