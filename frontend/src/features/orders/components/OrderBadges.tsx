import { Badge } from "@mantine/core";
import type {
  OrderPriority,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { priorityColor, priorityName, statusName, statusTone } from "../status";

/** OrderStatusBadge shows where an order stands, in the tone every state badge of the panel uses. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  const name = statusName(status);
  return (
    <StatusBadge tone={statusTone[name]} data-status={name}>
      {t(`orders.status.${name}`)}
    </StatusBadge>
  );
}

/** PriorityBadge shows how urgent an order is; the urgent ones stand out. */
export function PriorityBadge({ priority }: { priority: OrderPriority }) {
  const { t } = useI18n();
  const name = priorityName(priority);
  return (
    <Badge
      variant={name === "LOW" || name === "NORMAL" ? "outline" : "light"}
      color={priorityColor[name]}
      data-priority={name}
    >
      {t(`orders.priority.${name}`)}
    </Badge>
  );
}

/** OverdueBadge marks an order that is past its due date and not closed. */
export function OverdueBadge() {
  const { t } = useI18n();
  return (
    <Badge color="red" variant="filled" data-overdue>
      {t("orders.overdue")}
    </Badge>
  );
}
