import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Button, Code, Collapse, Group, Paper, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconChevronDown, IconChevronRight, IconRefresh } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import type { ProviderEvent } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { QueryError } from "@/components/ui/QueryError";
import { ReasonField } from "@/components/ui/ReasonField";
import { Section } from "@/components/ui/Section";
import { ServerText } from "@/components/ui/ServerText";
import { Permission, usePermission } from "@/lib/auth";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useProviderEvents, useReplayProviderEvent } from "../api/payments";
import { eventStatusKey, eventStatusTone, replayable } from "../payment";

/**
 * ProviderEvents is what Stripe or Mollie reported about a payment, the
 * latest first: each event with where it is, how often it was processed,
 * why it failed or was flagged, and its body as received. A failed or
 * flagged event can be processed again.
 */
export function ProviderEvents({ paymentId }: { paymentId: string }) {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.PAYMENTS_WRITE);
  const list = useProviderEvents(paymentId);
  const events = useMemo(() => list.data?.pages.flatMap((p) => p.events) ?? [], [list.data]);
  const [replaying, setReplaying] = useState<ProviderEvent | null>(null);

  return (
    <Section title={t("payments.events.title")}>
      <Stack gap="sm" data-testid="provider-events">
        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Text fz="sm" c="dimmed">
            {t("payments.events.loading")}
          </Text>
        ) : events.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t("payments.events.empty")}
          </Text>
        ) : (
          events.map((e) => (
            <EventItem
              key={e.id}
              event={e}
              onReplay={canWrite && replayable(e.status) ? () => setReplaying(e) : undefined}
            />
          ))
        )}
        {list.hasNextPage && (
          <Group>
            <Button
              variant="default"
              size="xs"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t("payments.events.more")}
            </Button>
          </Group>
        )}
      </Stack>
      <FormModal
        opened={replaying !== null}
        onClose={() => setReplaying(null)}
        title={t("payments.events.replayTitle")}
      >
        {replaying && <ReplayForm event={replaying} onDone={() => setReplaying(null)} />}
      </FormModal>
    </Section>
  );
}

function EventItem({ event: e, onReplay }: { event: ProviderEvent; onReplay?: () => void }) {
  const { t, formatDateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const when = e.occurredTime ?? e.createTime;
  return (
    <Paper withBorder p="sm" data-testid="provider-event">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="wrap">
            <Code>{e.type}</Code>
            <StatusBadge tone={eventStatusTone[e.status] ?? "unknown"}>
              {t(eventStatusKey[e.status] ?? "payments.event.status.UNSPECIFIED")}
            </StatusBadge>
            <Text fz="sm" c="dimmed">
              {when ? formatDateTime(timestampDate(when)) : "—"}
            </Text>
            <Text fz="sm" c="dimmed">
              {t("payments.events.attempts", { count: e.attempts })}
            </Text>
          </Group>
          {onReplay && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} />}
              onClick={onReplay}
            >
              {t("payments.events.replay")}
            </Button>
          )}
        </Group>
        {e.lastError && <ServerText text={e.lastError} testId="provider-event-error" />}
        {e.nextAttemptTime && (
          <Text fz="xs" c="dimmed">
            {t("payments.events.nextAttempt", {
              time: formatDateTime(timestampDate(e.nextAttemptTime)),
            })}
          </Text>
        )}
        {e.payload && (
          <>
            <Group>
              <Button
                variant="subtle"
                size="compact-xs"
                leftSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                onClick={() => setOpen((o) => !o)}
                aria-expanded={open}
              >
                {open ? t("payments.events.hidePayload") : t("payments.events.showPayload")}
              </Button>
            </Group>
            <Collapse expanded={open}>
              {open && (
                <Code block style={{ maxHeight: 320, overflow: "auto" }}>
                  {pretty(e.payload)}
                </Code>
              )}
            </Collapse>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** pretty indents a JSON body; anything else is shown as received. */
function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

function ReplayForm({ event, onDone }: { event: ProviderEvent; onDone: () => void }) {
  const { t } = useI18n();
  const replay = useReplayProviderEvent();
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const done = await replay.mutateAsync({ id: event.id, reason: values.reason.trim() });
      const status = done.event?.status ?? event.status;
      notifications.show({
        color: "teal",
        message: t("payments.events.replayed", {
          status: t(eventStatusKey[status] ?? "payments.event.status.UNSPECIFIED"),
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["reason"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("payments.events.replayMessage")}
        </Text>
        <ReasonField
          required
          minRows={2}
          maxLength={500}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("payments.events.replay"),
            icon: <IconRefresh size={16} />,
            loading: replay.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
