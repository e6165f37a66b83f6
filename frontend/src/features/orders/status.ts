import {
  OrderCommentVisibility,
  OrderKind,
  OrderPriority,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import type { Tone } from "@/components/ui/Badges";
import {
  kindNames,
  priorityNames,
  statusNames,
  visibilityNames,
  type KindName,
  type PriorityName,
  type StatusName,
} from "./names";

/**
 * The allowed status changes: a copy of the server's one table
 * (order.Transitions, shown in docs/orders.md). The server decides; this
 * only keeps the page from offering a change it would refuse. "reason":
 * allowed, and the reason is required.
 */
export const transitions: Record<StatusName, Partial<Record<StatusName, "yes" | "reason">>> = {
  OPEN: { IN_PROGRESS: "yes", WAITING_FOR_CUSTOMER: "yes", DONE: "yes", CANCELLED: "reason" },
  IN_PROGRESS: { OPEN: "yes", WAITING_FOR_CUSTOMER: "yes", DONE: "yes", CANCELLED: "reason" },
  WAITING_FOR_CUSTOMER: { OPEN: "yes", IN_PROGRESS: "yes", DONE: "yes", CANCELLED: "reason" },
  DONE: { IN_PROGRESS: "reason" },
  CANCELLED: { OPEN: "reason" },
};

/** nextStatuses are the statuses an order may move to from its own, in the workflow's order. */
export function nextStatuses(from: StatusName | "UNSPECIFIED"): StatusName[] {
  if (from === "UNSPECIFIED") return [];
  return statusNames.filter((to) => transitions[from][to] !== undefined);
}

/** needsReason says whether a change needs a reason: cancelling, and reopening a closed order. */
export function needsReason(from: StatusName, to: StatusName): boolean {
  return transitions[from][to] === "reason";
}

/** isClosed says whether an order in this status is closed (changed only once reopened). */
export function isClosed(status: StatusName | "UNSPECIFIED"): boolean {
  return status === "DONE" || status === "CANCELLED";
}

function nameOf<N extends string>(
  names: readonly N[],
  name: string | undefined,
): N | "UNSPECIFIED" {
  return (names as readonly (string | undefined)[]).includes(name) ? (name as N) : "UNSPECIFIED";
}

/** statusName is the name of a status ("UNSPECIFIED" when unknown); likewise the others. */
export const statusName = (s: OrderStatus) => nameOf(statusNames, OrderStatus[s]);
export const kindName = (k: OrderKind) => nameOf(kindNames, OrderKind[k]);
export const priorityName = (p: OrderPriority) => nameOf(priorityNames, OrderPriority[p]);
export const visibilityName = (v: OrderCommentVisibility) =>
  nameOf(visibilityNames, OrderCommentVisibility[v]);

export const statusValue = (name: StatusName) => OrderStatus[name];
export const kindValue = (name: KindName) => OrderKind[name];
export const priorityValue = (name: PriorityName) => OrderPriority[name];

/** What each status means to an operator, in the tones every badge of the panel uses. */
export const statusTone: Record<StatusName | "UNSPECIFIED", Tone> = {
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
