import { Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { QueryError } from "@/components/ui/QueryError";
import { useI18n } from "@/lib/i18n/i18n";
import { useInvoicePdf } from "../api/invoices";
import classes from "./InvoiceLines.module.css";

/**
 * PdfPreview shows the PDF an invoice was issued with, from a blob URL of
 * its bytes (revoked when it goes), with its download under the API's file
 * name and its SHA-256.
 */
export function PdfPreview({ invoiceId, title }: { invoiceId: string; title: string }) {
  const { t } = useI18n();
  const pdf = useInvoicePdf(invoiceId);
  const content = pdf.data?.content;
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!content) return;
    const made = URL.createObjectURL(
      new Blob([content as Uint8Array<ArrayBuffer>], { type: "application/pdf" }),
    );
    // The URL exists only while this effect does: made here, revoked in its cleanup.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [content]);

  if (pdf.error) return <QueryError error={pdf.error} onRetry={() => void pdf.refetch()} />;
  if (!pdf.data || !url) return <Skeleton height={480} />;
  return (
    <Stack gap="sm">
      <iframe src={url} title={title} className={classes.pdf} data-testid="invoice-pdf" />
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text fz="xs" c="dimmed" className={classes.hash} data-testid="invoice-sha256">
          SHA-256 {pdf.data.sha256}
        </Text>
        <Button
          component="a"
          href={url}
          download={pdf.data.fileName}
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
        >
          {t("invoices.pdf.download", { name: pdf.data.fileName })}
        </Button>
      </Group>
    </Stack>
  );
}
