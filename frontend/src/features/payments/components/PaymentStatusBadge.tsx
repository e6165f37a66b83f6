import type { PaymentStatus } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { statusKey, statusTone } from "../payment";

/** PaymentStatusBadge shows where a payment is, in its status's tone. */
export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useI18n();
  return (
    <StatusBadge tone={statusTone[status] ?? "unknown"} data-status={String(status)}>
      {t(statusKey[status] ?? "payments.status.UNSPECIFIED")}
    </StatusBadge>
  );
}
