import { Badge } from "@mantine/core";
import type { AlertStatus } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import type {
  OrderPriority,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import {
  orderStatusName,
  orderStatusTone,
  priorityColor,
  priorityName,
  statusName,
  statusTone,
} from "../status";

/** AlertStatusBadge shows where an alert stands. */
export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const { t } = useI18n();
  const name = statusName(status);
  return (
    <StatusBadge tone={statusTone[name]} data-alert-status={name}>
      {t(`alerts.status.${name}`)}
    </StatusBadge>
  );
}

/** AlertPriorityBadge shows how urgent the reporter says an alert is. */
export function AlertPriorityBadge({ priority }: { priority: OrderPriority }) {
  const { t } = useI18n();
  const name = priorityName(priority);
  return (
    <Badge
      variant={name === "LOW" || name === "NORMAL" ? "outline" : "light"}
      color={priorityColor[name]}
      data-priority={name}
    >
      {t(`alerts.priority.${name}`)}
    </Badge>
  );
}

/** LinkedOrderStatusBadge shows where the order made from an alert stands. */
export function LinkedOrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  const name = orderStatusName(status);
  return (
    <StatusBadge tone={orderStatusTone[name]} size="xs" data-order-status={name}>
      {t(`alerts.orderStatus.${name}`)}
    </StatusBadge>
  );
}
