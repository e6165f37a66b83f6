import type { ServiceStatus } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { statusName, statusTone } from "../status";

/** ServiceStatusBadge shows a service's status in the tone every state badge of the panel uses. */
export function ServiceStatusBadge({ status }: { status: ServiceStatus }) {
  const { t } = useI18n();
  const name = statusName(status);
  return (
    <StatusBadge tone={statusTone[name]} data-status={name}>
      {t(`services.status.${name}`)}
    </StatusBadge>
  );
}
