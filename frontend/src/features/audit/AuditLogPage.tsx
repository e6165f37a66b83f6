import { Badge, Code, Group, Stack, Text } from "@mantine/core";
import { IconListSearch } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import {
  AuditOutcome,
  type AuditEvent,
} from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AnchorLink } from "@/components/ui/links";
import { DateTimeCell } from "@/components/data-table/TimeCells";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { auditOutcomeKey } from "@/lib/labels";
import { useAuditEvents } from "./api/audit";
import { AuditEventDrawer } from "./components/AuditEventDrawer";
import { AuditFilters } from "./components/AuditFilters";
import type { AuditSearch } from "./search";

const route = getRouteApi("/_app/audit");

/** The short name of an action: "/leitstand.admin.v1.OrganizationService/UpdateOrganization" -> "UpdateOrganization". */
export function actionName(action: string): string {
  return action.split("/").pop() ?? action;
}

export function AuditLogPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/audit" });
  const canOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const canMembers = usePermission(Permission.MEMBERS_READ);
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const list = useAuditEvents(search);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.auditEvents) ?? [], [list.data]);

  const setSearch = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const target = (e: AuditEvent) => {
    if (e.targetType === "organization" && canOrgs && e.targetId) {
      return (
        <AnchorLink
          to="/organizations/$organizationId"
          params={{ organizationId: e.targetId }}
          search={{ tab: "overview" }}
          fz="xs"
          ff="monospace"
        >
          {e.targetId}
        </AnchorLink>
      );
    }
    if (e.targetType === "user" && canMembers && e.targetId) {
      return (
        <AnchorLink
          to="/members/$memberId"
          params={{ memberId: e.targetId }}
          fz="xs"
          ff="monospace"
        >
          {e.targetId}
        </AnchorLink>
      );
    }
    return (
      <Text fz="xs" ff="monospace">
        {e.targetId}
      </Text>
    );
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
          {e.actorId ? e.actorEmail || e.actorId : <em>{t("audit.system")}</em>}
        </Text>
      ),
    },
    {
      id: "action",
      header: t("audit.col.action"),
      cell: (e) => (
        <Stack gap={2}>
          <Code fz="xs" w="fit-content">
            {actionName(e.action)}
          </Code>
          <Group gap={4} wrap="nowrap">
            <Text fz="xs" c="dimmed">
              {e.targetType}
            </Text>
            {target(e)}
          </Group>
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
      <DataTable
        label={t("audit.title")}
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        {...pagingProps(list)}
        onRowClick={setSelected}
        empty={<EmptyState icon={<IconListSearch size={22} />} title={t("audit.empty")} />}
      />
      <AuditEventDrawer event={selected} onClose={() => setSelected(null)} />
    </>
  );
}
