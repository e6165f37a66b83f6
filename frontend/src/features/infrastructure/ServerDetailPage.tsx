import { Button, Group, SimpleGrid, Skeleton, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBox, IconPencil, IconServer, IconTrash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { EmptyState } from "@/components/ui/EmptyState";
import { CopyableId } from "@/components/ui/CopyButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { useRecordDrawer } from "@/components/ui/RecordDrawer";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useDeleteServer, useHealthSummary, useServer } from "./api/servers";
import { HealthBadge, ProviderBadge } from "./components/Badges";
import { ContainerDrawer } from "./components/ContainerDrawer";
import { ContainersTable } from "./components/ContainersTable";
import { DatasourcesTable } from "./components/DatasourcesTable";
import { ServerAssignments } from "./components/ServerAssignments";
import { ServerEvents } from "./components/ServerEvents";
import { ServerFormModal } from "./components/ServerFormModal";
import { ServerMetrics } from "./components/ServerMetrics";
import { Filesystems, ServerFacts, ServerTree } from "./components/ServerOverview";
import { serverThresholds } from "./components/serverColumns";
import { serverKindKey } from "./labels";
import type { ServerDetailSearch, ServerTab } from "./search";

const route = getRouteApi("/_app/servers/$serverId");

export function ServerDetailPage() {
  const { t, formatNumber } = useI18n();
  const { serverId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/servers/$serverId" });
  const canWrite = usePermission(Permission.SERVERS_WRITE);
  const [editing, setEditing] = useState(false);
  const query = useServer(serverId);
  const summary = useHealthSummary();
  const remove = useDeleteServer();
  const crumbs = [{ label: t("servers.title"), to: "/servers" as const }];

  const containerDrawer = useRecordDrawer("container");
  const setSearch = (patch: Partial<ServerDetailSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={36} width={420} />
        <Skeleton height={220} />
        <Skeleton height={320} />
      </DetailPageLoading>
    );
  }
  if (query.error || !query.data.server) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("servers.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconServer size={22} />}
        notFound={t("servers.notFound")}
      />
    );
  }

  const details = query.data;
  const server = details.server!;
  const thresholds = serverThresholds(summary.data?.thresholds);
  const subtitle = [
    t(serverKindKey(server.kind)),
    server.location,
    server.ipAddress,
    server.parentName ? t("servers.onParent", { parent: server.parentName }) : "",
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={server.name}
        meta={<CopyableId id={server.id} />}
        badge={
          <Group gap={6} wrap="nowrap">
            <HealthBadge health={server.health} server={server} />
            <ProviderBadge provider={server.provider} />
          </Group>
        }
        description={subtitle}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={server.id} />
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                {t("common.edit")}
              </Button>
            )}
            <RowActions
              variant="header"
              label={server.name}
              actions={[
                {
                  id: "delete",
                  label: t("servers.delete"),
                  icon: <IconTrash size={16} />,
                  color: "red",
                  hidden: !canWrite,
                  danger: true,
                  title: t("servers.deleteTitle", { name: server.name }),
                  message: t("servers.deleteBody"),
                  confirmLabel: t("servers.delete"),
                  reason: "none",
                  run: async () => {
                    await remove.mutateAsync({ id: server.id });
                    notifications.show({
                      color: "teal",
                      message: t("servers.deleted", { name: server.name }),
                    });
                    void navigate({ to: "/servers" });
                  },
                },
              ]}
            />
          </Group>
        }
      />
      <Tabs
        value={search.tab}
        onChange={(value) => value && setSearch({ tab: value as ServerTab })}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="overview">{t("servers.tab.overview")}</Tabs.Tab>
          <Tabs.Tab value="containers">
            {t("servers.tab.containers")} ({formatNumber(server.containerCount)})
          </Tabs.Tab>
          <Tabs.Tab value="events">{t("servers.tab.events")}</Tabs.Tab>
          <Tabs.Tab value="assignments">
            {t("servers.tab.assignments")} ({formatNumber(server.assignments.length)})
          </Tabs.Tab>
          <Tabs.Tab value="datasources">
            {t("servers.tab.datasources")} ({formatNumber(details.datasources.length)})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="lg">
            <ServerFacts server={server} thresholds={thresholds} />
            <ServerMetrics
              serverId={server.id}
              range={search.range}
              onRangeChange={(range) => setSearch({ range })}
            />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <ServerTree details={details} />
              <Filesystems filesystems={details.filesystems} thresholds={thresholds.disk} />
            </SimpleGrid>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="containers">
          <ContainersTable
            filter={{ q: "", status: "", health: "", server: server.id, gone: false }}
            showServer={false}
            onOpen={(c) => containerDrawer.open(c.id)}
            empty={<EmptyState icon={<IconBox size={22} />} title={t("servers.noContainers")} />}
          />
        </Tabs.Panel>
        <Tabs.Panel value="events">
          <ServerEvents
            serverId={server.id}
            kind={search.event}
            onKindChange={(event) => setSearch({ event })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="assignments">
          <ServerAssignments server={server} />
        </Tabs.Panel>
        <Tabs.Panel value="datasources">
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">
              {t("servers.datasourcesHint")}
            </Text>
            <DatasourcesTable datasources={details.datasources} show="connection" />
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ContainerDrawer
        containerId={search.container}
        range={search.range}
        onRangeChange={(range) => setSearch({ range })}
        onClose={containerDrawer.close}
      />
      <ServerFormModal opened={editing} onClose={() => setEditing(false)} server={server} />
    </>
  );
}
