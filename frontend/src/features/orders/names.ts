// The names of the orders' enums, without the SDK: the route's search
// schema uses them, and what a route file imports is in the first load.

export const statusNames = [
  "OPEN",
  "IN_PROGRESS",
  "WAITING_FOR_CUSTOMER",
  "DONE",
  "CANCELLED",
] as const;
export type StatusName = (typeof statusNames)[number];

export const kindNames = ["SUPPORT", "CHANGE", "PROJECT", "OTHER"] as const;
export type KindName = (typeof kindNames)[number];

export const priorityNames = ["LOW", "NORMAL", "HIGH", "CRITICAL"] as const;
export type PriorityName = (typeof priorityNames)[number];

export const visibilityNames = ["CUSTOMER", "INTERNAL"] as const;
export type VisibilityName = (typeof visibilityNames)[number];
