import { Button, Group, Stack, Text } from "@mantine/core";
import { IconPlugConnected, IconPlus } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import {
  ConnectionHealth,
  ConnectionService,
  type Connection,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ExportButton } from "@/components/data-table/ExportButton";
import { RowLink } from "@/components/data-table/RowLink";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useConnections } from "./api/connections";
import { ConnectionHealthBadge, CredentialBadges, ProviderBadge } from "./components/Badges";
import { ConnectionHealthText } from "./texts";
import { Dash, RelativeTime } from "./components/Cells";
import { ConnectionFormModal } from "./components/ConnectionFormModal";
import { useConnectionActions } from "./components/useConnectionActions";
import classes from "@/components/data-table/columns.module.css";
import { SavedViews } from "@/components/saved-views/SavedViews";

export function ConnectionsPage() {
  const { t, formatNumber, formatDuration } = useI18n();
  const navigate = useNavigate();
  const canManage = usePermission(Permission.CONNECTIONS_MANAGE);
  const [creating, setCreating] = useState(false);
  const query = useConnections();
  const { actionsFor, dialogs } = useConnectionActions();
  const rows = query.data?.connections ?? [];
  const failing = rows.filter((c) => c.health === ConnectionHealth.FAILING).length;

  const columns: Column<Connection>[] = [
    {
      id: "name",
      header: t("connections.col.name"),
      cell: (c) => (
        <div className={classes.name}>
          <RowLink to="/connections/$connectionId" params={{ connectionId: c.id }}>
            {c.name}
          </RowLink>
          <div className={`${classes.secondary} ${classes.mono}`}>
            {c.endpoint || (c.kind === ProviderKind.HETZNER ? t("connections.hetznerPublic") : "—")}
          </div>
        </div>
      ),
    },
    {
      id: "kind",
      header: t("connections.col.kind"),
      width: 130,
      cell: (c) => <ProviderBadge provider={c.kind} />,
    },
    {
      id: "health",
      keepOnMobile: true,
      header: t("connections.col.health"),
      width: 300,
      cell: (c) => (
        <Stack gap={2}>
          <Group gap={6}>
            <ConnectionHealthBadge health={c.health} />
            {c.consecutiveFailures > 0 && (
              <Text fz="xs" c="red" className="tabular-nums">
                {t("connections.failures", { count: formatNumber(c.consecutiveFailures) })}
              </Text>
            )}
          </Group>
          <ConnectionHealthText connection={c} lineClamp={2} />
        </Stack>
      ),
    },
    {
      id: "lastSync",
      header: t("connections.col.lastSync"),
      width: 150,
      cell: (c) =>
        c.lastSyncTime ? (
          <Stack gap={0}>
            <RelativeTime time={c.lastSyncTime} />
            {c.lastSyncDurationMs > 0n && (
              <Text fz="xs" c="dimmed" className="tabular-nums">
                {t("connections.took", { duration: formatDuration(Number(c.lastSyncDurationMs)) })}
              </Text>
            )}
          </Stack>
        ) : (
          <Text fz="sm" c="dimmed">
            {t("common.never")}
          </Text>
        ),
    },
    {
      id: "servers",
      header: t("connections.col.servers"),
      width: 90,
      align: "right",
      cell: (c) => (
        <Text fz="sm" className="tabular-nums">
          {formatNumber(c.datasourceCount)}
        </Text>
      ),
    },
    {
      id: "credentials",
      header: t("connections.col.credentials"),
      width: 170,
      hideOnMobile: true,
      cell: (c) =>
        c.credentialsSet.length > 0 ? <CredentialBadges names={c.credentialsSet} /> : <Dash />,
    },
    actionsColumn((c) => <RowActions label={c.name} actions={actionsFor(c)} />, 52),
  ];

  return (
    <>
      <PageHeader
        title={t("connections.title")}
        description={
          query.data
            ? failing > 0
              ? t("connections.totalFailing", {
                  total: formatNumber(rows.length),
                  failing: formatNumber(failing),
                })
              : t("connections.total", { total: formatNumber(rows.length) })
            : t("connections.description")
        }
        actions={
          <>
            <ExportButton method={ConnectionService.method.listConnections} request={{}} />
            {canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t("connections.create")}
              </Button>
            )}
          </>
        }
      />
      <Group justify="flex-end" mb="sm">
        <SavedViews page="connections" />
      </Group>
      <DataTable
        view="connections"
        label={t("connections.title")}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        loading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        noun={{
          one: "connections.count.one",
          other: "connections.count.other",
          showing: "connections.count.showing",
        }}
        onRowClick={(c) =>
          void navigate({ to: "/connections/$connectionId", params: { connectionId: c.id } })
        }
        empty={
          <EmptyState
            icon={<IconPlugConnected size={22} />}
            title={t("connections.empty")}
            description={t("connections.emptyHint")}
          />
        }
      />
      <ConnectionFormModal opened={creating} onClose={() => setCreating(false)} />
      {dialogs}
    </>
  );
}
