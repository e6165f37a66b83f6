import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCircleCheck, IconDownload, IconLink } from "@tabler/icons-react";
import { useMemo, useState, type MouseEvent } from "react";
import type {
  Connection,
  DiscoveredServer,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import type { Server } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { EmptyState } from "@/components/ui/EmptyState";
import { AnchorLink } from "@/components/ui/links";
import { FormActions, FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { QueryError } from "@/components/ui/QueryError";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useDiscoverServers, useImportServers } from "../api/connections";
import { serverKindKey } from "../labels";
import { HealthBadge } from "./Badges";
import { serverStatus } from "../texts";
import classes from "@/components/data-table/columns.module.css";

/**
 * ImportServersModal asks the connection which machines it sees that no
 * server is linked to, lets the user pick some, and imports them in one
 * step: each becomes a server with a datasource (or is linked to the server
 * of the same name). Afterwards it lists the servers.
 */
export function ImportServersModal({
  connection,
  onClose,
}: {
  /** The connection to import from; null keeps the dialog closed. */
  connection: Connection | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      opened={connection !== null}
      onClose={onClose}
      size="xl"
      title={connection ? t("import.title", { name: connection.name }) : ""}
    >
      {connection && <ImportFlow connection={connection} onClose={onClose} />}
    </FormModal>
  );
}

function ImportFlow({ connection, onClose }: { connection: Connection; onClose: () => void }) {
  const { t, locale, formatNumber, formatBytes } = useI18n();
  const discover = useDiscoverServers(connection.id);
  const importServers = useImportServers();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [imported, setImported] = useState<Server[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const machines = useMemo(() => discover.data?.servers ?? [], [discover.data]);
  const names = useMemo(() => new Map(machines.map((m) => [m.externalId, m.name])), [machines]);

  if (imported) {
    return (
      <Stack gap="md">
        <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />}>
          {t(imported.length === 1 ? "import.done.one" : "import.done", {
            count: formatNumber(imported.length),
          })}
        </Alert>
        <List spacing="xs" data-testid="imported-servers">
          {imported.map((s) => (
            <List.Item key={s.id}>
              <AnchorLink to="/servers/$serverId" params={{ serverId: s.id }} fz="sm" fw={600}>
                {s.name}
              </AnchorLink>{" "}
              <HealthBadge health={s.health} server={s} />
            </List.Item>
          ))}
        </List>
        <FormActions>
          <Button onClick={onClose}>{t("common.close")}</Button>
        </FormActions>
      </Stack>
    );
  }

  if (discover.isPending) {
    return (
      <Stack gap="xs">
        <Text fz="sm" c="dimmed">
          {t("import.discovering", { name: connection.name })}
        </Text>
        <Skeleton height={180} />
      </Stack>
    );
  }
  if (discover.error) {
    return (
      <Stack gap="md">
        <QueryError error={discover.error} onRetry={() => void discover.refetch()} />
        <FormActions>
          <Button variant="default" onClick={onClose}>
            {t("common.close")}
          </Button>
        </FormActions>
      </Stack>
    );
  }

  const all = machines.length > 0 && selected.size === machines.length;
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async () => {
    setFailure(null);
    try {
      const ids = machines.filter((m) => selected.has(m.externalId)).map((m) => m.externalId);
      const response = await importServers.mutateAsync({
        connectionId: connection.id,
        externalIds: ids,
      });
      notifications.show({
        color: "teal",
        message: t(
          response.servers.length === 1 ? "import.notification.one" : "import.notification",
          {
            count: formatNumber(response.servers.length),
            name: connection.name,
          },
        ),
      });
      setImported(response.servers);
    } catch (error) {
      setFailure(errorMessage(error, locale));
    }
  };

  const specs = (m: DiscoveredServer) =>
    m.specs && (m.specs.cores || m.specs.memoryBytes || m.specs.diskBytes)
      ? t("servers.specs", {
          cores: formatNumber(m.specs.cores),
          memory: formatBytes(m.specs.memoryBytes),
          disk: formatBytes(m.specs.diskBytes),
        })
      : "—";

  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t("import.seen", {
          seen: formatNumber(discover.data?.seen ?? 0),
          count: formatNumber(machines.length),
        })}
      </Text>
      {machines.length === 0 ? (
        <EmptyState icon={<IconCircleCheck size={22} />} title={t("import.nothing")} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="xs" aria-label={t("import.machines")} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t("import.selectAll")}
                      checked={all}
                      indeterminate={selected.size > 0 && !all}
                      onChange={() =>
                        setSelected(all ? new Set() : new Set(machines.map((m) => m.externalId)))
                      }
                    />
                  </Table.Th>
                  <Table.Th>{t("import.col.machine")}</Table.Th>
                  <Table.Th>{t("servers.col.location")}</Table.Th>
                  <Table.Th>{t("servers.col.ip")}</Table.Th>
                  <Table.Th>{t("servers.section.specs")}</Table.Th>
                  <Table.Th>{t("servers.field.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {machines.map((m) => (
                  <Table.Tr
                    key={m.externalId}
                    data-row
                    onClick={() => toggle(m.externalId)}
                    style={{ cursor: "pointer" }}
                  >
                    <Table.Td>
                      <Checkbox
                        aria-label={m.name}
                        checked={selected.has(m.externalId)}
                        onChange={() => toggle(m.externalId)}
                        onClick={(e) => e.stopPropagation()}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" fw={600}>
                        {m.name}
                      </Text>
                      <div className={classes.secondary}>
                        {t(serverKindKey(m.kind))}
                        {m.parentExternalId
                          ? ` · ${t("import.onParent", {
                              parent: names.get(m.parentExternalId) ?? m.parentExternalId,
                            })}`
                          : ""}
                        {" · "}
                        <span className={classes.mono}>{m.externalId}</span>
                      </div>
                      {m.matchingServerId && (
                        <Group gap={4} mt={4} wrap="nowrap" data-testid="links-existing">
                          <IconLink size={13} color="var(--mantine-color-blue-6)" />
                          <Text fz="xs" c="blue">
                            {t("import.linksTo")}{" "}
                            <AnchorLink
                              to="/servers/$serverId"
                              params={{ serverId: m.matchingServerId }}
                              fz="xs"
                              fw={600}
                              onClick={(e: MouseEvent) => e.stopPropagation()}
                            >
                              {m.name}
                            </AnchorLink>
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{m.location || "—"}</Text>
                    </Table.Td>
                    <Table.Td>
                      <span className={classes.mono}>{m.ipAddress || "—"}</span>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="xs">{specs(m)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{m.status ? serverStatus(t, m.status) : "—"}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <FormFooter
        failure={failure}
        onCancel={onClose}
        submit={{
          label:
            selected.size > 0
              ? t("import.submitCount", { count: formatNumber(selected.size) })
              : t("import.submit"),
          icon: <IconDownload size={16} />,
          disabled: selected.size === 0,
          loading: importServers.isPending,
          onClick: () => void submit(),
        }}
      />
    </Stack>
  );
}
