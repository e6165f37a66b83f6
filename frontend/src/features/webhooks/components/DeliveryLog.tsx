import { Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRefresh, IconSend } from "@tabler/icons-react";
import { useMemo } from "react";
import {
  WebhookService,
  type WebhookDelivery,
} from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterSelect, ListEmptyState } from "@/components/data-table/ListFilters";
import { DateTimeCell } from "@/components/data-table/TimeCells";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions, type ConfirmRowAction } from "@/components/row-actions/RowActions";
import { useRecordDrawer } from "@/components/ui/RecordDrawer";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { deliveriesInput, useDeliveries, useDelivery, useReplayDelivery } from "../api/webhooks";
import { deliveryEventTypes, deliveryStatusNames, type DeliveryStatusName } from "../names";
import { endpointSearchDefaults, type EndpointSearch } from "../search";
import { DeliveryStatusBadge, eventLabel } from "./badges";
import { DeliveryDrawer } from "./DeliveryDrawer";

/**
 * DeliveryLog lists an endpoint's deliveries, newest first, with the
 * receiver's last answer, filtered by status and event type (in the URL).
 * A row opens the delivery in a drawer; Replay… sends its event again.
 */
export function DeliveryLog({
  endpointId,
  search,
  onSearchChange,
  canManage,
}: {
  endpointId: string;
  search: EndpointSearch;
  onSearchChange: (patch: Partial<EndpointSearch>) => void;
  canManage: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useDeliveries(endpointId, search);
  const drawer = useRecordDrawer("delivery");
  const replay = useReplayAction();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.deliveries) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(
    () => [
      ...deliveryColumns(i18n),
      ...(canManage
        ? [actionsColumn<WebhookDelivery>((d) => <RowActions label={d.id} actions={[replay(d)]} />)]
        : []),
    ],
    [i18n, canManage, replay],
  );
  const filtered = search.status !== "" || search.event !== "";
  const inLog = search.delivery ? rows.find((d) => d.id === search.delivery) : undefined;
  // A delivery the loaded log does not hold (an older page, another
  // filter) is read on its own, so its address always opens it.
  const single = useDelivery(
    search.delivery,
    search.delivery !== "" && !inLog && !list.isPending && !list.error,
  );
  const open = inLog ?? single.data?.delivery;
  const drawerQuery = inLog || list.isPending || list.error ? list : single;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={3}>{t("webhooks.log.title")}</Title>
        <Group gap="sm" wrap="wrap">
          <FilterSelect
            label={t("webhooks.log.statusFilter")}
            data={deliveryStatusNames.map((s) => ({ value: s, label: t(`webhooks.status.${s}`) }))}
            value={search.status}
            onChange={(status) => onSearchChange({ status: status as DeliveryStatusName | "" })}
            w={170}
          />
          <FilterSelect
            label={t("webhooks.log.eventFilter")}
            data={deliveryEventTypes.map((e) => ({ value: e, label: eventLabel(i18n, e) }))}
            value={search.event}
            onChange={(event) => onSearchChange({ event: event as EndpointSearch["event"] })}
            w={230}
          />
          <ExportButton
            method={WebhookService.method.listWebhookDeliveries}
            request={deliveriesInput(endpointId, search)}
          />
        </Group>
      </Group>
      <DataTable
        label={t("webhooks.log.title")}
        columns={columns}
        rows={rows}
        rowKey={(d) => d.id}
        {...pagingProps(list)}
        onRowClick={(d) => drawer.open(d.id)}
        dense
        total={total}
        noun={{
          one: "webhooks.log.count.one",
          other: "webhooks.log.count.other",
          showing: "webhooks.log.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconSend size={22} />}
            filtered={filtered}
            title={t("webhooks.log.empty")}
            description={t("webhooks.log.emptyHint")}
            onClearFilters={() =>
              onSearchChange({
                status: endpointSearchDefaults.status,
                event: endpointSearchDefaults.event,
              })
            }
          />
        }
      />
      <DeliveryDrawer
        opened={search.delivery !== ""}
        delivery={open}
        list={drawerQuery}
        onClose={drawer.close}
        replay={canManage && open ? replay(open) : undefined}
      />
    </Stack>
  );
}

/** useReplayAction is Replay… of a delivery, confirmed in the shared dialog. */
function useReplayAction() {
  const { t } = useI18n();
  const mutation = useReplayDelivery();
  const { mutateAsync } = mutation;
  return useMemo(
    () =>
      (d: WebhookDelivery): ConfirmRowAction => ({
        id: "replay",
        label: t("webhooks.log.replay"),
        icon: <IconRefresh size={16} />,
        title: t("webhooks.log.replayTitle"),
        message: t("webhooks.log.replayMessage", { eventId: d.eventId }),
        confirmLabel: t("webhooks.log.replayConfirm"),
        reason: "none",
        run: () => mutateAsync({ id: d.id }),
        successMessage: t("webhooks.log.replayed"),
      }),
    [t, mutateAsync],
  );
}

function deliveryColumns(i18n: I18n): Column<WebhookDelivery>[] {
  const { t, formatDuration, formatNumber } = i18n;
  const dash = (
    <Text span c="dimmed" fz="sm">
      —
    </Text>
  );
  return [
    {
      id: "event",
      header: t("webhooks.log.col.event"),
      // The event's name, and its id below (the same in every delivery of it).
      cell: (d) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Truncated>
            <Text span fz="sm" fw={600} title={d.eventType}>
              {eventLabel(i18n, d.eventType)}
            </Text>
          </Truncated>
          <Truncated>
            <Text span fz="xs" c="dimmed" ff="monospace">
              {d.eventId}
            </Text>
          </Truncated>
        </Stack>
      ),
    },
    {
      id: "status",
      header: t("webhooks.log.col.status"),
      width: 130,
      keepOnMobile: true,
      cell: (d) => <DeliveryStatusBadge status={d.status} />,
    },
    {
      id: "attempts",
      header: t("webhooks.log.col.attempts"),
      width: 96,
      align: "right",
      hideOnMobile: true,
      cell: (d) => (
        <Text fz="sm" className="tabular-nums">
          {formatNumber(d.attempts)}
        </Text>
      ),
    },
    {
      id: "response",
      header: t("webhooks.log.col.response"),
      width: 150,
      hideOnMobile: true,
      cell: (d) =>
        d.responseStatus > 0 ? (
          <Text
            fz="sm"
            className="tabular-nums"
            c={d.responseStatus >= 200 && d.responseStatus < 300 ? undefined : "red"}
          >
            {d.responseStatus}
          </Text>
        ) : d.attempts > 0 ? (
          <Text fz="sm" c="red" lineClamp={2} title={d.error || undefined}>
            {shortError(d.error) || t("webhooks.log.noAnswer")}
          </Text>
        ) : (
          dash
        ),
    },
    {
      id: "duration",
      header: t("webhooks.log.col.duration"),
      width: 96,
      align: "right",
      hideOnMobile: true,
      cell: (d) =>
        d.attempts > 0 ? (
          <Text fz="sm" className="tabular-nums">
            {formatDuration(Number(d.durationMs))}
          </Text>
        ) : (
          dash
        ),
    },
    {
      id: "time",
      header: t("webhooks.log.col.time"),
      width: 170,
      cell: (d) => <DateTimeCell time={d.lastAttemptTime ?? d.createTime} fallback={dash} />,
    },
    {
      id: "next",
      header: t("webhooks.log.col.next"),
      width: 170,
      hideOnMobile: true,
      cell: (d) => <DateTimeCell time={d.nextAttemptTime} fallback={dash} />,
    },
  ];
}

/**
 * shortError is the gist of an attempt's error for the table: without the
 * method and address the whole error starts with (Post "https://…": ),
 * which the row's endpoint already says; the drawer shows all of it.
 */
function shortError(error: string): string {
  return error.replace(/^[A-Za-z]+ "[^"]*": /, "");
}

/** The notification of a delivery just made (a test event, a replay): its outcome. */
export function notifyDelivery(t: I18n["t"], d: WebhookDelivery | undefined) {
  if (!d) return;
  if (d.responseStatus >= 200 && d.responseStatus < 300) {
    notifications.show({
      color: "teal",
      message: t("webhooks.testSucceeded", { code: d.responseStatus }),
    });
  } else {
    notifications.show({
      color: "orange",
      message: t("webhooks.testFailed", {
        error: d.error || (d.responseStatus > 0 ? String(d.responseStatus) : "—"),
      }),
    });
  }
}
