import { Code, Group, Stack, Text } from "@mantine/core";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { IconSend } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { WebhookDelivery } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { ActionButton, type ConfirmRowAction } from "@/components/row-actions/RowActions";
import { DetailList } from "@/components/ui/DetailList";
import { RecordDrawer } from "@/components/ui/RecordDrawer";
import { useI18n } from "@/lib/i18n/i18n";
import { DeliveryStatusBadge, eventLabel } from "./badges";

/**
 * DeliveryDrawer shows one delivery of the log: its attempts, the headers
 * and body it sent, and the receiver's last answer or why there was none;
 * Replay… where the caller may send it again.
 */
export function DeliveryDrawer({
  opened,
  delivery,
  list,
  onClose,
  replay,
}: {
  opened: boolean;
  /** The delivery, once the log that holds it is loaded. */
  delivery?: WebhookDelivery;
  list: { isPending: boolean; error: Error | null; refetch: () => unknown };
  onClose: () => void;
  replay?: ConfirmRowAction;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <RecordDrawer
      opened={opened}
      onClose={onClose}
      size="xl"
      title={
        delivery
          ? t("webhooks.delivery.title", { event: eventLabel(i18n, delivery.eventType) })
          : t("webhooks.delivery.id")
      }
      query={list}
      icon={<IconSend size={22} />}
      notFound={t("webhooks.delivery.notFound")}
    >
      {delivery ? (
        <DeliveryDetails delivery={delivery} replay={replay} />
      ) : (
        opened &&
        !list.isPending &&
        !list.error && (
          <Text c="dimmed" fz="sm">
            {t("webhooks.delivery.notFound")}
          </Text>
        )
      )}
    </RecordDrawer>
  );
}

function DeliveryDetails({
  delivery: d,
  replay,
}: {
  delivery: WebhookDelivery;
  replay?: ConfirmRowAction;
}) {
  const i18n = useI18n();
  const { t, formatDateTime, formatDuration, formatNumber } = i18n;
  const dash = (
    <Text span c="dimmed">
      —
    </Text>
  );
  const time = (ts?: Timestamp) => (ts ? formatDateTime(timestampDate(ts), true) : dash);
  const headers = [
    ["Content-Type", "application/json"],
    ["Leitstand-Event-Id", d.eventId],
    ["Leitstand-Event-Type", d.eventType],
    ["Leitstand-Delivery-Id", d.id],
  ];

  return (
    <Stack gap="xl">
      {replay && (
        <Group justify="flex-end">
          <ActionButton action={replay} variant="default" size="xs" />
        </Group>
      )}
      <DetailList
        items={[
          { label: t("webhooks.log.col.status"), value: <DeliveryStatusBadge status={d.status} /> },
          {
            label: t("webhooks.log.col.event"),
            value: `${eventLabel(i18n, d.eventType)} (${d.eventType})`,
          },
          { label: t("webhooks.log.col.eventId"), value: <Code>{d.eventId}</Code> },
          { label: t("webhooks.delivery.id"), value: <Code>{d.id}</Code> },
          { label: t("webhooks.log.col.attempts"), value: formatNumber(d.attempts) },
          {
            label: t("webhooks.log.col.response"),
            value:
              d.responseStatus > 0
                ? String(d.responseStatus)
                : d.attempts > 0
                  ? t("webhooks.log.noAnswer")
                  : dash,
          },
          {
            label: t("webhooks.log.col.duration"),
            value: d.attempts > 0 ? formatDuration(Number(d.durationMs)) : dash,
          },
          { label: t("webhooks.delivery.created"), value: time(d.createTime) },
          { label: t("webhooks.log.col.time"), value: time(d.lastAttemptTime) },
          { label: t("webhooks.log.col.next"), value: time(d.nextAttemptTime) },
          ...(d.replayOf
            ? [{ label: t("webhooks.delivery.replayOf"), value: <Code>{d.replayOf}</Code> }]
            : []),
        ]}
      />
      {d.error && (
        <Block title={t("webhooks.delivery.error")}>
          <Code block data-testid="delivery-error" style={{ whiteSpace: "pre-wrap" }} c="red">
            {d.error}
          </Code>
        </Block>
      )}
      <Block title={t("webhooks.delivery.response")}>
        {d.responseBody ? (
          <Code block data-testid="delivery-response" style={preStyle}>
            {d.responseBody}
          </Code>
        ) : (
          <Text fz="sm" c="dimmed">
            {d.attempts > 0 && d.responseStatus > 0 ? t("webhooks.delivery.responseEmpty") : "—"}
          </Text>
        )}
      </Block>
      <Block title={t("webhooks.delivery.headers")}>
        <Code block data-testid="delivery-headers" style={preStyle}>
          {headers.map(([name, value]) => `${name}: ${value}`).join("\n")}
        </Code>
      </Block>
      {d.payload && (
        <Block title={t("webhooks.delivery.request")}>
          <Code block data-testid="delivery-payload" style={preStyle}>
            {pretty(d.payload)}
          </Code>
        </Block>
      )}
    </Stack>
  );
}

const preStyle = { whiteSpace: "pre-wrap", wordBreak: "break-all" } as const;

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** pretty indents a JSON body; anything else is shown as it is. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
