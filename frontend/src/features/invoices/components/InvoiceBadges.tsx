import { Badge } from "@mantine/core";
import {
  InvoiceKind,
  type InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { kindKey, statusKey, statusTone } from "../money";

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useI18n();
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
