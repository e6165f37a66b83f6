// The names of the alerts' enums, without the SDK: the route's search
// schema uses them, and what a route file imports is in the first load.

export const statusNames = ["OPEN", "ACKNOWLEDGED", "RESOLVED"] as const;
export type StatusName = (typeof statusNames)[number];

export const priorityNames = ["LOW", "NORMAL", "HIGH", "CRITICAL"] as const;
export type PriorityName = (typeof priorityNames)[number];

/** The order statuses an alert shows of the order made from it. */
export const orderStatusNames = [
  "OPEN",
  "IN_PROGRESS",
  "WAITING_FOR_CUSTOMER",
  "DONE",
  "CANCELLED",
] as const;
export type OrderStatusName = (typeof orderStatusNames)[number];
