import {
  Button,
  Code as CodeBlock,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { RowActions } from "@/components/row-actions/RowActions";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { CopyableId } from "@/components/ui/CopyButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { useI18n } from "@/lib/i18n/i18n";
import { useConnection } from "./api/connections";
import { ConnectionHealthBadge, CredentialBadges, ProviderBadge } from "./components/Badges";
import { ConnectionHealthText } from "./texts";
import { Dash, RelativeTime } from "./components/Cells";
import { DatasourcesTable } from "./components/DatasourcesTable";
import { useConnectionActions } from "./components/useConnectionActions";

const route = getRouteApi("/_app/connections/$connectionId");

export function ConnectionDetailPage() {
  const { t, formatNumber, formatDuration } = useI18n();
  const { connectionId } = route.useParams();
  const navigate = useNavigate();
  const query = useConnection(connectionId);
  const { actionsFor, dialogs } = useConnectionActions({
    onDeleted: () => void navigate({ to: "/connections" }),
  });
  const crumbs = [{ label: t("connections.title"), to: "/connections" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={180} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error || !query.data.connection) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("connections.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconPlugConnected size={22} />}
        notFound={t("connections.notFound")}
      />
    );
  }

  const c = query.data.connection;
  const actions = actionsFor(c).filter((a) => !a.hidden);

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={c.name}
        meta={<CopyableId id={c.id} />}
        badge={
          <Group gap={6} wrap="nowrap">
            <ConnectionHealthBadge health={c.health} />
            <ProviderBadge provider={c.kind} />
          </Group>
        }
        description={
          c.endpoint || (c.kind === ProviderKind.HETZNER ? t("connections.hetznerPublic") : "")
        }
        actions={
          actions.length > 0 && (
            <Group gap="sm">
              {actions.map(
                (a) =>
                  a.onSelect && (
                    <Button
                      key={a.id}
                      variant={a.id === "import" ? "filled" : "default"}
                      leftSection={a.icon}
                      onClick={a.onSelect}
                    >
                      {a.label}
                    </Button>
                  ),
              )}
              {/* Delete and the like wait in the overflow menu, with their confirmation. */}
              <RowActions
                variant="header"
                label={c.name}
                actions={actions.filter((a) => !a.onSelect)}
              />
            </Group>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="lg">
          <DetailList
            cols={3}
            items={[
              {
                label: t("connections.col.health"),
                value: (
                  <Stack gap={2}>
                    <Group gap={6}>
                      <ConnectionHealthBadge health={c.health} />
                      {c.healthTime && <RelativeTime time={c.healthTime} fz="xs" c="dimmed" />}
                    </Group>
                    <ConnectionHealthText connection={c} />
                  </Stack>
                ),
              },
              {
                label: t("connections.col.lastSync"),
                value: c.lastSyncTime ? (
                  <Group gap={6}>
                    <RelativeTime time={c.lastSyncTime} />
                    {c.lastSyncDurationMs > 0n && (
                      <Text span fz="sm" c="dimmed">
                        ·{" "}
                        {t("connections.took", {
                          duration: formatDuration(Number(c.lastSyncDurationMs)),
                        })}
                      </Text>
                    )}
                  </Group>
                ) : (
                  t("common.never")
                ),
              },
              {
                label: t("connections.failuresLabel"),
                value: formatNumber(c.consecutiveFailures),
              },
              {
                label: t("connections.field.endpoint"),
                value: c.endpoint ? <CodeBlock>{c.endpoint}</CodeBlock> : <Dash />,
              },
              {
                label: t("connections.field.insecure"),
                value: c.insecureSkipVerify ? t("common.yes") : t("common.no"),
              },
              {
                label: t("connections.field.monitoringOnly"),
                value: (
                  <span data-testid="monitoring-only">
                    {c.monitoringOnly ? t("common.yes") : t("common.no")}
                  </span>
                ),
              },
              {
                label: t("connections.col.credentials"),
                value:
                  c.credentialsSet.length > 0 ? (
                    <CredentialBadges names={c.credentialsSet} />
                  ) : (
                    <Dash />
                  ),
              },
              { label: t("connections.version"), value: c.providerVersion || <Dash /> },
              { label: t("common.created"), value: <RelativeTime time={c.createTime} /> },
              { label: t("common.updated"), value: <RelativeTime time={c.updateTime} /> },
            ]}
          />
        </Paper>
        <Stack gap="sm">
          <Title order={2}>
            {t("connections.linkedServers", { count: formatNumber(query.data.datasources.length) })}
          </Title>
          <DatasourcesTable datasources={query.data.datasources} show="server" />
        </Stack>
      </Stack>
      {dialogs}
    </>
  );
}
