import { Group, Stack, Table, Text } from "@mantine/core";
import type { Invoice } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { formatPeriod, formatQuantity, formatRate, formatUnitPrice } from "../money";
import classes from "./InvoiceLines.module.css";

/**
 * InvoiceLines is an invoice's body as the server computed it: its lines,
 * the VAT per rate, net, VAT and gross, and its notes. stale dims it while
 * a newer computation is under way; compact leaves out the lines' position
 * and VAT rate (the totals still give the VAT per rate), for a summary card.
 */
export function InvoiceLines({
  invoice,
  stale = false,
  compact = false,
}: {
  invoice: Invoice;
  stale?: boolean;
  compact?: boolean;
}) {
  const { t, locale, formatMoney } = useI18n();
  const money = (cents: bigint) => formatMoney(cents, invoice.currency || "EUR");
  return (
    <Stack gap="md" className={classes.body} data-stale={stale || undefined} aria-busy={stale}>
      <Table.ScrollContainer minWidth={compact ? 420 : 640}>
        <Table verticalSpacing="xs" fz="sm" data-testid="invoice-lines">
          <Table.Thead>
            <Table.Tr>
              {!compact && (
                <Table.Th w={40} ta="right">
                  {t("invoices.line.position")}
                </Table.Th>
              )}
              <Table.Th>{t("invoices.line.description")}</Table.Th>
              <Table.Th w={110} ta="right">
                {t("invoices.line.quantity")}
              </Table.Th>
              <Table.Th w={150} ta="right">
                {t("invoices.line.unitPrice")}
              </Table.Th>
              {!compact && (
                <Table.Th w={70} ta="right">
                  {t("invoices.line.vat")}
                </Table.Th>
              )}
              <Table.Th w={110} ta="right">
                {t("invoices.line.net")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line) => (
              <Table.Tr key={line.position} data-line={line.position}>
                {!compact && (
                  <Table.Td ta="right" className="tabular-nums">
                    {line.position}
                  </Table.Td>
                )}
                <Table.Td>
                  <Text fz="sm">{line.description}</Text>
                  {line.periodStart && (
                    <Text fz="xs" c="dimmed">
                      {formatPeriod(line.periodStart, line.periodEnd, locale)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className={`tabular-nums ${classes.nowrap}`}>
                  {formatQuantity(line, locale)}
                </Table.Td>
                <Table.Td ta="right" className={`tabular-nums ${classes.nowrap}`}>
                  {formatUnitPrice(line, money, locale)}
                </Table.Td>
                {!compact && (
                  <Table.Td ta="right" className={`tabular-nums ${classes.nowrap}`}>
                    {formatRate(line.vatRateBasisPoints, locale)}
                  </Table.Td>
                )}
                <Table.Td ta="right" className={`tabular-nums ${classes.nowrap}`}>
                  {money(line.netCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end">
        <Table
          fz="sm"
          verticalSpacing={4}
          withRowBorders={false}
          w="auto"
          miw={compact ? 260 : 320}
          data-testid="invoice-totals"
        >
          <Table.Tbody>
            <Table.Tr data-total="net">
              <Table.Td c="dimmed">{t("invoices.totals.net")}</Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {money(invoice.netCents)}
              </Table.Td>
            </Table.Tr>
            {invoice.taxTotals.map((tax) => (
              <Table.Tr key={tax.rateBasisPoints} data-rate={tax.rateBasisPoints}>
                <Table.Td c="dimmed">
                  {t("invoices.totals.vatOf", {
                    rate: formatRate(tax.rateBasisPoints, locale),
                    net: money(tax.netCents),
                  })}
                </Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {money(tax.vatCents)}
                </Table.Td>
              </Table.Tr>
            ))}
            {invoice.taxTotals.length !== 1 && (
              <Table.Tr data-total="vat">
                <Table.Td c="dimmed">{t("invoices.totals.vat")}</Table.Td>
                <Table.Td ta="right" className="tabular-nums">
                  {money(invoice.vatCents)}
                </Table.Td>
              </Table.Tr>
            )}
            <Table.Tr data-total="gross" className={classes.gross}>
              <Table.Td fw={600}>{t("invoices.totals.gross")}</Table.Td>
              <Table.Td ta="right" fw={600} className="tabular-nums">
                {money(invoice.grossCents)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Group>
      {invoice.notes.length > 0 && (
        <Stack gap={4} data-testid="invoice-notes">
          {invoice.notes.map((note) => (
            <Text key={note} fz="sm" c="dimmed">
              {note}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
