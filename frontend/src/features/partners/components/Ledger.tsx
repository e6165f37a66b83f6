import { Group, Stack, Text } from "@mantine/core";
import { IconReceipt } from "@tabler/icons-react";
import {
  LedgerEntryKind,
  type LedgerEntry,
} from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatusBadge, type Tone } from "@/components/ui/Badges";
import { AnchorLink } from "@/components/ui/links";
import { formatCivilDate } from "@/lib/format";
import { useI18n, type I18n, type MessageKey } from "@/lib/i18n/i18n";
import { percentText } from "@/lib/percent";
import { useLedger } from "../api/partners";
import classes from "./Partners.module.css";

const kindLook: Record<LedgerEntryKind, { key: MessageKey; tone: Tone }> = {
  [LedgerEntryKind.UNSPECIFIED]: { key: "partners.ledger.kind.UNSPECIFIED", tone: "unknown" },
  [LedgerEntryKind.COMMISSION]: { key: "partners.ledger.kind.COMMISSION", tone: "ok" },
  [LedgerEntryKind.CLAWBACK]: { key: "partners.ledger.kind.CLAWBACK", tone: "warning" },
  [LedgerEntryKind.PAYOUT]: { key: "partners.ledger.kind.PAYOUT", tone: "active" },
};

/**
 * PartnerLedger is a partner's ledger, the latest first: its commissions
 * on paid invoices (with the invoice, its net amount and the rate), the
 * clawbacks of cancelled ones, and the payouts (with their reference);
 * each amount signed as it moves the balance.
 */
export function PartnerLedger({ partnerId, name }: { partnerId: string; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useLedger(partnerId);
  const rows = list.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t("partners.ledger.hint")}
      </Text>
      <DataTable<LedgerEntry>
        label={t("partners.ledger.label", { name })}
        columns={ledgerColumns(i18n)}
        rows={rows}
        rowKey={(e) => e.id}
        {...pagingProps(list)}
        noun={{
          one: "partners.ledger.count.one",
          other: "partners.ledger.count.other",
          showing: "partners.ledger.count.showing",
        }}
        dense
        empty={<EmptyState icon={<IconReceipt size={22} />} title={t("partners.ledger.empty")} />}
      />
    </Stack>
  );
}

function ledgerColumns(i18n: I18n): Column<LedgerEntry>[] {
  const { t, locale, formatMoney } = i18n;
  return [
    {
      id: "day",
      header: t("partners.ledger.col.day"),
      width: 120,
      cell: (e) => (
        <span className={classes.amount}>{e.day ? formatCivilDate(e.day, locale) : "—"}</span>
      ),
    },
    {
      id: "kind",
      header: t("partners.ledger.col.kind"),
      width: 140,
      hideOnMobile: true,
      cell: (e) => {
        const look = kindLook[e.kind] ?? kindLook[LedgerEntryKind.UNSPECIFIED];
        return (
          <StatusBadge tone={look.tone} data-kind={LedgerEntryKind[e.kind]}>
            {t(look.key)}
          </StatusBadge>
        );
      },
    },
    {
      id: "details",
      header: t("partners.ledger.col.details"),
      cell: (e) => <Details entry={e} i18n={i18n} />,
    },
    {
      id: "amount",
      header: t("partners.ledger.col.amount"),
      width: 130,
      align: "right",
      keepOnMobile: true,
      cell: (e) => (
        <Text
          span
          fz="sm"
          fw={600}
          c={e.amountCents < 0n ? "red" : "teal"}
          className={classes.amount}
          data-amount
        >
          {e.amountCents > 0n ? "+" : ""}
          {formatMoney(e.amountCents, e.currency || "EUR")}
        </Text>
      ),
    },
  ];
}

/** Details are what a ledger line is for: the invoice of a commission or clawback, or a payout's reference. */
function Details({ entry: e, i18n }: { entry: LedgerEntry; i18n: I18n }) {
  const { t, locale, formatMoney } = i18n;
  if (e.kind === LedgerEntryKind.PAYOUT) {
    return (
      <Stack gap={0} className={classes.name}>
        <Text fz="sm" truncate>
          {e.reference ? t("partners.ledger.reference", { reference: e.reference }) : "—"}
        </Text>
        {e.note && (
          <Text fz="sm" c="dimmed" lineClamp={2} title={e.note}>
            {e.note}
          </Text>
        )}
        {e.recordedByEmail && (
          <Text className={classes.secondary}>
            {t("partners.ledger.recordedBy", { who: e.recordedByEmail })}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap={0} className={classes.name}>
      {e.organizationId ? (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: e.organizationId }}
          fz="sm"
          fw={600}
          c="var(--mantine-color-text)"
          truncate
        >
          {e.organizationName || e.organizationId}
        </AnchorLink>
      ) : (
        <Text fz="sm">—</Text>
      )}
      <Group gap={6} wrap="wrap" className={classes.secondary}>
        {e.invoiceId && (
          <AnchorLink
            to="/invoices/$invoiceId"
            params={{ invoiceId: e.invoiceId }}
            fz="xs"
            data-invoice
          >
            {t("partners.ledger.invoice", { number: e.invoiceNumber || e.invoiceId })}
          </AnchorLink>
        )}
        <span>
          {t("partners.ledger.rateOf", {
            rate: percentText(e.rateBasisPoints, locale),
            net: formatMoney(e.invoiceNetCents, e.currency || "EUR"),
          })}
        </span>
      </Group>
    </Stack>
  );
}
