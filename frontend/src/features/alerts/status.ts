import { AlertStatus } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import { OrderPriority, OrderStatus } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import type { Tone } from "@/components/ui/Badges";
import {
  orderStatusNames,
  priorityNames,
  statusNames,
  type OrderStatusName,
  type PriorityName,
  type StatusName,
} from "./names";

function nameOf<N extends string>(
  names: readonly N[],
  name: string | undefined,
): N | "UNSPECIFIED" {
  return (names as readonly (string | undefined)[]).includes(name) ? (name as N) : "UNSPECIFIED";
}

export const statusName = (s: AlertStatus) => nameOf(statusNames, AlertStatus[s]);
export const priorityName = (p: OrderPriority) => nameOf(priorityNames, OrderPriority[p]);
export const orderStatusName = (s: OrderStatus) => nameOf(orderStatusNames, OrderStatus[s]);

export const statusValue = (name: StatusName) => AlertStatus[name];
export const priorityValue = (name: PriorityName) => OrderPriority[name];

/** What each status means to an operator: an open alert waits for someone. */
export const statusTone: Record<StatusName | "UNSPECIFIED", Tone> = {
  OPEN: "warning",
  ACKNOWLEDGED: "active",
  RESOLVED: "ok",
  UNSPECIFIED: "unknown",
};

export const orderStatusTone: Record<OrderStatusName | "UNSPECIFIED", Tone> = {
  OPEN: "warning",
  IN_PROGRESS: "active",
  WAITING_FOR_CUSTOMER: "neutral",
  DONE: "ok",
  CANCELLED: "neutral",
  UNSPECIFIED: "unknown",
};

/** The colour of each priority's badge: the urgent ones stand out. */
export const priorityColor: Record<PriorityName | "UNSPECIFIED", string> = {
  LOW: "gray",
  NORMAL: "blue",
  HIGH: "orange",
  CRITICAL: "red",
  UNSPECIFIED: "gray",
};

/** What staff may still do with an alert in this status. */
export function alertMoves(status: StatusName | "UNSPECIFIED", hasOrder: boolean) {
  const open = status === "OPEN" || status === "ACKNOWLEDGED";
  return {
    acknowledge: status === "OPEN",
    resolve: open,
    createOrder: open && !hasOrder,
  };
}
