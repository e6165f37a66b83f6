import { Badge } from "@mantine/core";
import {
  InvoiceKind,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { kindKey, statusKey, statusTone } from "../money";

/**
 * InvoiceStatusBadge shows where an invoice is. A cancellation invoice that
 * is issued asks for no payment, so it reads "Issued", not "Open".
 */
export function InvoiceStatusBadge({
  status,
  kind,
}: {
  status: InvoiceStatus;
  kind?: InvoiceKind;
}) {
  const { t } = useI18n();
  if (kind === InvoiceKind.CANCELLATION && status === InvoiceStatus.ISSUED) {
    return (
      <StatusBadge tone="neutral" data-status={String(status)}>
        {t("invoices.status.ISSUED_CANCELLATION")}
      </StatusBadge>
    );
  }
  return (
    <StatusBadge tone={statusTone[status]} data-status={String(status)}>
      {t(statusKey[status])}
    </StatusBadge>
  );
}

/** InvoiceKindBadge marks a cancellation invoice; an invoice needs no badge unless asked. */
export function InvoiceKindBadge({ kind }: { kind: InvoiceKind }) {
  const { t } = useI18n();
  return (
    <Badge variant="light" color={kind === InvoiceKind.CANCELLATION ? "grape" : "gray"}>
      {t(kindKey[kind])}
    </Badge>
  );
}
