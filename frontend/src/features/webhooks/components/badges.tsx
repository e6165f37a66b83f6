import { Badge, Group, Tooltip } from "@mantine/core";
import type { WebhookDeliveryStatus } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { StatusBadge, type Tone } from "@/components/ui/Badges";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { deliveryStatusName, isKnownEventType } from "../names";

const statusTone: Record<ReturnType<typeof deliveryStatusName>, Tone> = {
  UNSPECIFIED: "unknown",
  PENDING: "warning",
  SUCCEEDED: "ok",
  FAILED: "critical",
};

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  const { t } = useI18n();
  const name = deliveryStatusName(status);
  return (
    <StatusBadge tone={statusTone[name]} data-status={name}>
      {t(`webhooks.status.${name}`)}
    </StatusBadge>
  );
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  return (
    <StatusBadge tone={enabled ? "ok" : "neutral"}>
      {enabled ? t("webhooks.enabled") : t("webhooks.paused")}
    </StatusBadge>
  );
}

/** eventLabel names an event type; one the panel does not know is shown as the API names it. */
export function eventLabel({ t }: Pick<I18n, "t">, type: string): string {
  return isKnownEventType(type) ? t(`webhooks.event.${type}`) : type;
}

/**
 * EventBadges shows the event types an endpoint receives, the first few
 * when `max` is given and the others counted (all of them in a tooltip).
 */
export function EventBadges({ types, max }: { types: readonly string[]; max?: number }) {
  const i18n = useI18n();
  const shown = max !== undefined && types.length > max ? types.slice(0, max - 1) : types;
  const rest = types.length - shown.length;
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((type) => (
        <Badge key={type} size="sm" variant="light" color="gray" tt="none" title={type}>
          {eventLabel(i18n, type)}
        </Badge>
      ))}
      {rest > 0 && (
        <Tooltip
          label={types
            .slice(shown.length)
            .map((type) => eventLabel(i18n, type))
            .join(", ")}
          multiline
          w={240}
        >
          <Badge size="sm" variant="outline" color="gray" tt="none">
            {i18n.t("webhooks.moreEvents", { count: rest })}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
