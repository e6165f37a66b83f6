import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Badge, Button, Group, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import type { EInvoiceMade } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { EInvoiceFormat } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useEInvoiceDownload } from "../api/invoices";

/** The formats an invoice is offered in, in the order of the buttons. */
const formats = [
  { format: EInvoiceFormat.ZUGFERD, key: "invoices.eInvoice.format.ZUGFERD" },
  { format: EInvoiceFormat.XRECHNUNG_CII, key: "invoices.eInvoice.format.XRECHNUNG_CII" },
  { format: EInvoiceFormat.XRECHNUNG_UBL, key: "invoices.eInvoice.format.XRECHNUNG_UBL" },
] as const;

/**
 * rules splits a refusal into the rules it names ("BR-DE-15: …; PEPPOL-
 * EN16931-R010: …"), one per item; text that names no rule stays whole.
 */
function rules(message: string): string[] {
  return message.split(/; (?=[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+: )/);
}

/**
 * EInvoiceDownloads offers an invoice as an e-invoice in each format. Each
 * button fetches it and saves it under the server's file name; a format
 * the server refuses (an EN 16931 or XRechnung rule it would break) is
 * said here with the server's message, until it is asked for again.
 */
export function EInvoiceDownloads({
  invoiceId,
  made = [],
  preferred = EInvoiceFormat.UNSPECIFIED,
}: {
  invoiceId: string;
  /** The e-invoices made of it so far: each kept the rules when it was made. */
  made?: readonly EInvoiceMade[];
  /** The format the organization prefers. */
  preferred?: EInvoiceFormat;
}) {
  const { t, formatDateTime } = useI18n();
  const madeAs = new Map(made.map((m) => [m.format, m]));
  const download = useEInvoiceDownload();
  const [loading, setLoading] = useState<ReadonlySet<EInvoiceFormat>>(new Set());
  const [refusals, setRefusals] = useState<ReadonlyMap<EInvoiceFormat, string>>(new Map());

  const run = async (format: EInvoiceFormat) => {
    setLoading((l) => new Set(l).add(format));
    setRefusals((r) => {
      const next = new Map(r);
      next.delete(format);
      return next;
    });
    try {
      await download(invoiceId, format);
    } catch (err) {
      setRefusals((r) => new Map(r).set(format, errorMessage(err)));
    } finally {
      setLoading((l) => {
        const next = new Set(l);
        next.delete(format);
        return next;
      });
    }
  };

  return (
    <Stack gap="sm" data-testid="e-invoice">
      <Text fz="sm" c="dimmed">
        {t("invoices.eInvoice.description")}
      </Text>
      <Group gap="sm" wrap="wrap">
        {formats.map(({ format, key }) => (
          <Button
            key={format}
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            loading={loading.has(format)}
            onClick={() => void run(format)}
            rightSection={
              format === preferred ? (
                <Badge size="xs" variant="light">
                  {t("invoices.eInvoice.preferred")}
                </Badge>
              ) : undefined
            }
          >
            {t(key)}
          </Button>
        ))}
      </Group>
      <List size="xs" spacing={2} c="dimmed" data-testid="e-invoices-made">
        {formats.map(({ format, key }) => {
          const m = madeAs.get(format);
          return (
            <List.Item key={format}>
              {t(key)}:{" "}
              {m?.createTime
                ? t("invoices.eInvoice.made", { time: formatDateTime(timestampDate(m.createTime)) })
                : t("invoices.eInvoice.notMade")}
            </List.Item>
          );
        })}
      </List>
      {formats.map(({ format, key }) => {
        const message = refusals.get(format);
        if (message === undefined) return null;
        const items = rules(message);
        return (
          <Alert
            key={format}
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title={t("invoices.eInvoice.refused", { format: t(key) })}
            data-testid={`e-invoice-refusal-${format}`}
          >
            {items.length > 1 ? (
              <List size="sm" spacing={2}>
                {items.map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
            ) : (
              <Text fz="sm">{message}</Text>
            )}
          </Alert>
        );
      })}
    </Stack>
  );
}
