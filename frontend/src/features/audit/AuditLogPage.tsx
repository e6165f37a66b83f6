import { Badge, Group, Stack, Text } from "@mantine/core";
import { IconListSearch } from "@tabler/icons-react";
import { getRouteApi, useNavigate, useRouter } from "@tanstack/react-router";
import { useMemo, useRef } from "react";
import {
  AuditOutcome,
  type AuditEvent,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AuditTarget } from "@/components/audit/AuditTarget";
import { actionLabel, actorLabel, targetTypeLabel } from "@/components/audit/labels";
import { DateTimeCell } from "@/components/data-table/TimeCells";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import { auditOutcomeKey } from "@/lib/labels";
import { useAuditEvent, useAuditEvents } from "./api/audit";
import { AuditEventDrawer } from "./components/AuditEventDrawer";
import { AuditFilters } from "./components/AuditFilters";
import type { AuditSearch } from "./search";

const route = getRouteApi("/_app/audit");

export function AuditLogPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/audit" });
  const router = useRouter();
  const list = useAuditEvents(search);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.auditEvents) ?? [], [list.data]);
  // The open event is in the URL: from the loaded rows, or read by its id
  // when the link names one that is not among them.
  const listed = rows.find((e) => e.id === search.event);
  const fetched = useAuditEvent(listed ? "" : search.event);
  const opened = search.event ? (listed ?? fetched.data?.auditEvent ?? null) : null;
  // Whether this page put the open event into the history: then closing it
  // goes back, so that Back and the close button agree.
  const openedHere = useRef(false);

  const setSearch = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const open = (e: AuditEvent) => {
    openedHere.current = true;
    void navigate({ search: (prev) => ({ ...prev, event: e.id }) });
  };
  const close = () => {
    if (openedHere.current) {
      openedHere.current = false;
      router.history.back();
    } else {
      setSearch({ event: "" });
    }
  };

  const columns: Column<AuditEvent>[] = [
    {
      id: "time",
      header: t("audit.col.time"),
      width: 180,
      cell: (e) => <DateTimeCell time={e.occurTime} fallback="—" />,
    },
    {
      id: "actor",
      header: t("audit.col.actor"),
      width: 230,
      cell: (e) => (
        <Text fz="sm" truncate>
          {e.actorId ? actorLabel(t, e) : <em>{actorLabel(t, e)}</em>}
        </Text>
      ),
    },
    {
      id: "action",
      header: t("audit.col.action"),
      cell: (e) => (
        <Stack gap={2}>
          <Text fz="sm" fw={500} title={e.action}>
            {actionLabel(t, e)}
          </Text>
          {/* A refused call's object is the procedure the action names already. */}
          {e.targetId && e.targetType !== "procedure" && (
            <Group gap={4} wrap="nowrap">
              <Text fz="xs" c="dimmed" style={{ flexShrink: 0, whiteSpace: "nowrap" }}>
                {targetTypeLabel(t, e.targetType)}
              </Text>
              <AuditTarget event={e} fz="xs" />
            </Group>
          )}
        </Stack>
      ),
    },
    {
      id: "reason",
      header: t("audit.col.reason"),
      hideOnMobile: true,
      cell: (e) => (
        <Text fz="sm" c={e.reason ? undefined : "dimmed"} lineClamp={2}>
          {e.reason || "—"}
        </Text>
      ),
    },
    {
      id: "outcome",
      header: t("audit.col.outcome"),
      width: 130,
      cell: (e) => (
        <Badge color={e.outcome === AuditOutcome.DENIED ? "red" : "teal"} variant="light">
          {t(auditOutcomeKey(e.outcome))}
        </Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("audit.title")} description={t("audit.description")} />
      <AuditFilters search={search} onChange={setSearch} />
      <Group justify="flex-end" mb="sm">
        <SavedViews page="audit" />
      </Group>
      <DataTable
        view="audit"
        label={t("audit.title")}
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        {...pagingProps(list)}
        onRowClick={open}
        empty={<EmptyState icon={<IconListSearch size={22} />} title={t("audit.empty")} />}
      />
      <AuditEventDrawer
        id={search.event}
        event={opened}
        missing={!listed && fetched.isError}
        onClose={close}
      />
    </>
  );
}
