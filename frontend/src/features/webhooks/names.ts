import { WebhookDeliveryStatus } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";

/** The event types an endpoint subscribes to, in the order of the documentation. */
export const eventTypes = [
  "organization.created",
  "invoice.issued",
  "payment.received",
  "service.status_changed",
  "alert.reported",
  "upgrade.requested",
  "licence.expiring",
  "signup.approved",
  "signup.rejected",
] as const;

export type EventType = (typeof eventTypes)[number];

/** The types a delivery may carry: the subscribable ones and the test event. */
export const deliveryEventTypes = [...eventTypes, "ping"] as const;

export type DeliveryEventType = (typeof deliveryEventTypes)[number];

export function isKnownEventType(type: string): type is DeliveryEventType {
  return (deliveryEventTypes as readonly string[]).includes(type);
}

/** The states of a delivery, as the URL's filter names them. */
export const deliveryStatusNames = ["PENDING", "SUCCEEDED", "FAILED"] as const;

export type DeliveryStatusName = (typeof deliveryStatusNames)[number];

export function deliveryStatusName(s: WebhookDeliveryStatus): DeliveryStatusName | "UNSPECIFIED" {
  return s === WebhookDeliveryStatus.PENDING
    ? "PENDING"
    : s === WebhookDeliveryStatus.SUCCEEDED
      ? "SUCCEEDED"
      : s === WebhookDeliveryStatus.FAILED
        ? "FAILED"
        : "UNSPECIFIED";
}
