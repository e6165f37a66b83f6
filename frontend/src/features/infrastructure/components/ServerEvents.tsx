import { Badge, Group, Stack, Text } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { useMemo } from "react";
import {
  ServerEventKind,
  type ServerEvent,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { FilterSelect } from "@/components/data-table/ListFilters";
import { EmptyState } from "@/components/ui/EmptyState";
import { useI18n } from "@/lib/i18n/i18n";
import { useServerEvents } from "../api/servers";
import { eventKindKey } from "../labels";
import { eventKindNames, type EventKindName } from "../search";
import { EventMessage } from "../texts";
import { RelativeTime } from "./Cells";

const kindColor: Partial<Record<ServerEventKind, string>> = {
  [ServerEventKind.CREATED]: "blue",
  [ServerEventKind.SYNC_FAILED]: "red",
  [ServerEventKind.SYNC_RECOVERED]: "teal",
  [ServerEventKind.STATUS_CHANGED]: "yellow",
  [ServerEventKind.CONTAINER_APPEARED]: "cyan",
  [ServerEventKind.CONTAINER_GONE]: "gray",
  [ServerEventKind.CONTAINER_CHANGED]: "grape",
  [ServerEventKind.ACTION]: "indigo",
  [ServerEventKind.MISSING]: "orange",
};

/** ServerEvents pages through a server's event log, newest first, with a filter by kind. */
export function ServerEvents({
  serverId,
  kind,
  onKindChange,
}: {
  serverId: string;
  kind: EventKindName | "";
  onKindChange: (kind: EventKindName | "") => void;
}) {
  const { t } = useI18n();
  const list = useServerEvents(serverId, kind);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.events) ?? [], [list.data]);

  const columns: Column<ServerEvent>[] = [
    {
      id: "time",
      header: t("servers.events.time"),
      width: 150,
      cell: (e) => <RelativeTime time={e.time} />,
    },
    {
      id: "kind",
      header: t("servers.events.kind"),
      width: 190,
      cell: (e) => (
        <Badge color={kindColor[e.kind] ?? "gray"} variant="light">
          {t(eventKindKey(e.kind))}
        </Badge>
      ),
    },
    {
      id: "message",
      header: t("servers.events.message"),
      cell: (e) => <EventMessage event={e} />,
    },
    {
      id: "actor",
      header: t("servers.events.actor"),
      width: 220,
      hideOnMobile: true,
      cell: (e) =>
        // Work the server does by itself (demo data, jobs) names its actor
        // "system": a word of the interface, not an address.
        !e.actorId && e.actorEmail === "system" ? (
          <Text fz="sm" c="dimmed">
            {t("servers.events.theSystem")}
          </Text>
        ) : e.actorEmail || e.actorId ? (
          <Text fz="sm" truncate>
            {e.actorEmail || e.actorId}
          </Text>
        ) : (
          <Text fz="sm" c="dimmed">
            {t("servers.events.system")}
          </Text>
        ),
    },
  ];

  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <FilterSelect
          label={t("servers.events.kindFilter")}
          placeholder={t("servers.events.allKinds")}
          data={eventKindNames.map((k) => ({ value: k, label: t(`infra.event.${k}`) }))}
          value={kind}
          onChange={(value) => onKindChange(value as EventKindName | "")}
          w={240}
        />
      </Group>
      <DataTable
        label={t("servers.events.title")}
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        {...pagingProps(list)}
        autoLoad={false}
        empty={
          <EmptyState
            icon={<IconHistory size={22} />}
            title={kind ? t("common.noResults") : t("servers.events.empty")}
          />
        }
      />
    </Stack>
  );
}
