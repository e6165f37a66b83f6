import { Badge } from "@mantine/core";
import { IconPlugConnected, IconTrash } from "@tabler/icons-react";
import type { Datasource } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { EmptyState } from "@/components/ui/EmptyState";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useDeleteDatasource } from "../api/connections";
import { ProviderBadge } from "./Badges";
import { Dash, RelativeTime } from "./Cells";
import classes from "@/components/data-table/columns.module.css";

/**
 * DatasourcesTable lists the links between servers and connections: a
 * server's connections (on its page) or a connection's servers. Removing one
 * (CONNECTIONS_MANAGE) unlinks them; the history stays.
 */
export function DatasourcesTable({
  datasources,
  show,
}: {
  datasources: Datasource[];
  /** The other side of each link: the connection (server page) or the server. */
  show: "connection" | "server";
}) {
  const { t } = useI18n();
  const canManage = usePermission(Permission.CONNECTIONS_MANAGE);
  const remove = useDeleteDatasource();

  const columns: Column<Datasource>[] = [
    show === "connection"
      ? {
          id: "connection",
          header: t("datasources.col.connection"),
          cell: (d) => (
            <RowLink to="/connections/$connectionId" params={{ connectionId: d.connectionId }}>
              {d.connectionName}
            </RowLink>
          ),
        }
      : {
          id: "server",
          header: t("datasources.col.server"),
          cell: (d) => (
            <RowLink to="/servers/$serverId" params={{ serverId: d.serverId }}>
              {d.serverName}
            </RowLink>
          ),
        },
    ...(show === "connection"
      ? [
          {
            id: "kind",
            header: t("datasources.col.kind"),
            width: 130,
            cell: (d: Datasource) => <ProviderBadge provider={d.kind} />,
          },
        ]
      : []),
    {
      id: "externalId",
      header: t("datasources.col.externalId"),
      width: 220,
      cell: (d) => <span className={classes.mono}>{d.externalId}</span>,
    },
    {
      id: "lastSeen",
      header: t("datasources.col.lastSeen"),
      width: 150,
      cell: (d) => <RelativeTime time={d.lastSeenTime} />,
    },
    {
      id: "missing",
      header: t("datasources.col.missingSince"),
      width: 160,
      cell: (d) =>
        d.missingSinceTime ? (
          <Badge color="orange" variant="light">
            <RelativeTime time={d.missingSinceTime} fz="xs" />
          </Badge>
        ) : (
          <Dash />
        ),
    },
    actionsColumn(
      (d) => (
        <RowActions
          label={`${d.serverName} · ${d.connectionName}`}
          actions={[
            {
              id: "remove",
              label: t("datasources.remove"),
              icon: <IconTrash size={16} />,
              color: "red",
              hidden: !canManage,
              danger: true,
              title: t("datasources.removeTitle", {
                server: d.serverName,
                connection: d.connectionName,
              }),
              message: t("datasources.removeBody"),
              confirmLabel: t("datasources.remove"),
              reason: "none",
              successMessage: t("datasources.removed"),
              run: () => remove.mutateAsync({ id: d.id }),
            },
          ]}
        />
      ),
      52,
    ),
  ];

  return (
    <DataTable
      label={t("datasources.title")}
      columns={columns}
      rows={datasources}
      rowKey={(d) => d.id}
      empty={
        <EmptyState
          icon={<IconPlugConnected size={22} />}
          title={
            show === "connection" ? t("datasources.emptyServer") : t("datasources.emptyConnection")
          }
        />
      }
    />
  );
}
