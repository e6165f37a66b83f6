import {
  Badge,
  Grid,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconArrowDown, IconServer, IconSitemap } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Filesystem } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import type {
  GetServerResponse,
  Server,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { DetailList } from "@/components/ui/DetailList";
import { Section } from "@/components/ui/Section";
import { usageShare } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { providerKey, serverKindKey } from "../labels";
import { measuredShare } from "../metrics";
import { HealthBadge } from "./Badges";
import { HealthReasonList, healthReasons, serverStatus } from "../texts";
import { Dash, RelativeTime, SyncCell } from "./Cells";
import { UsageBar, type UsageThresholds } from "./UsageBar";
import type { ServerThresholds } from "./serverColumns";
import classes from "@/components/data-table/columns.module.css";
import overview from "./ServerOverview.module.css";

/** ServerFacts: what the server is, how it is doing and its resources. */
export function ServerFacts({
  server: s,
  thresholds,
}: {
  server: Server;
  thresholds: ServerThresholds;
}) {
  const { t, formatNumber, formatBytes, formatBytesOf, formatRate } = useI18n();
  const u = s.usage;
  const specs = s.specs;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder p="lg" h="100%" className={classes.name}>
          <DetailList
            cols={3}
            items={[
              {
                label: t("servers.field.status"),
                value: s.status ? serverStatus(t, s.status) : <Dash />,
              },
              {
                label: t("servers.col.health"),
                value: (
                  <Stack gap={4}>
                    <HealthBadge health={s.health} />
                    {s.healthReasons.length > 0 && (
                      <HealthReasonList reasons={healthReasons(t, s)} />
                    )}
                  </Stack>
                ),
              },
              { label: t("servers.col.sync"), value: <SyncCell sync={s.sync} /> },
              {
                label: t("servers.field.provider"),
                value: `${t(providerKey(s.provider))} · ${t(serverKindKey(s.kind))}`,
              },
              { label: t("servers.col.location"), value: s.location || <Dash /> },
              {
                label: t("servers.col.ip"),
                value: s.ipAddress ? <span className={classes.mono}>{s.ipAddress}</span> : <Dash />,
              },
              {
                label: t("servers.section.specs"),
                value:
                  specs && (specs.cores || specs.memoryBytes || specs.diskBytes) ? (
                    t("servers.specs", {
                      cores: formatNumber(specs.cores),
                      memory: formatBytes(specs.memoryBytes),
                      disk: formatBytes(specs.diskBytes),
                    })
                  ) : (
                    <Dash />
                  ),
              },
              {
                label: t("servers.datasources"),
                value:
                  s.datasourceKinds.length > 0 ? (
                    <Group gap={4}>
                      {s.datasourceKinds.map((k) => (
                        <Badge key={k} variant="outline" color="gray" size="sm">
                          {t(providerKey(k))}
                        </Badge>
                      ))}
                    </Group>
                  ) : (
                    t("servers.noDatasources")
                  ),
              },
              { label: t("common.created"), value: <RelativeTime time={s.createTime} /> },
            ]}
          />
          {s.notes && (
            <Stack gap={2} mt="lg">
              <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
                {t("servers.field.notes")}
              </Text>
              <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
                {s.notes}
              </Text>
            </Stack>
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="lg" h="100%">
          <Group justify="space-between" mb="md">
            <Title order={3}>{t("servers.usageNow")}</Title>
            {u?.sampleTime && <RelativeTime time={u.sampleTime} fz="xs" c="dimmed" />}
          </Group>
          <Stack gap="md" data-testid="usage-now">
            <Meter label={t("servers.col.cpu")}>
              <UsageBar
                label={t("servers.col.cpu")}
                share={u ? u.cpuPercent / 100 : undefined}
                thresholds={thresholds.cpu}
              />
            </Meter>
            <Meter label={t("servers.col.memory")}>
              <UsageBar
                label={t("servers.col.memory")}
                share={u ? measuredShare(u.memoryUsedBytes, u.memoryTotalBytes) : undefined}
                detail={u ? formatBytesOf(u.memoryUsedBytes, u.memoryTotalBytes) : undefined}
                thresholds={thresholds.memory}
              />
            </Meter>
            <Meter label={t("servers.col.disk")}>
              <UsageBar
                label={t("servers.col.disk")}
                share={u ? measuredShare(u.diskUsedBytes, u.diskTotalBytes) : undefined}
                detail={u ? formatBytesOf(u.diskUsedBytes, u.diskTotalBytes) : undefined}
                thresholds={thresholds.disk}
              />
            </Meter>
            <Meter label={t("metrics.network")}>
              {u ? (
                <Text fz="sm" className="tabular-nums">
                  ↓ {formatRate(u.networkInBytesPerSecond)} · ↑{" "}
                  {formatRate(u.networkOutBytesPerSecond)}
                </Text>
              ) : (
                <Dash />
              )}
            </Meter>
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function Meter({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function TreeNode({ server, current = false }: { server: Server; current?: boolean }) {
  const { t } = useI18n();
  return (
    <Group gap="sm" wrap="nowrap" justify="space-between" className={classes.name}>
      <Group gap="xs" wrap="nowrap" className={classes.name}>
        <ThemeIcon size={26} variant={current ? "filled" : "light"} color="gray" radius="md">
          <IconServer size={15} />
        </ThemeIcon>
        <div className={classes.name}>
          {current ? (
            <Text fz="sm" fw={700}>
              {server.name}
            </Text>
          ) : (
            <RowLink to="/servers/$serverId" params={{ serverId: server.id }}>
              {server.name}
            </RowLink>
          )}
          <div className={classes.secondary}>
            {t(serverKindKey(server.kind))}
            {server.location ? ` · ${server.location}` : ""}
          </div>
        </div>
      </Group>
      <HealthBadge health={server.health} server={server} />
    </Group>
  );
}

/**
 * ServerTree shows where the server runs — its chain of hosts above it — and
 * the servers that run on it below, each with its health.
 */
export function ServerTree({ details }: { details: GetServerResponse }) {
  const { t, formatNumber } = useI18n();
  const server = details.server!;
  const chain = [...details.ancestors].reverse();
  return (
    <Section
      title={
        <Group gap="xs">
          <IconSitemap size={18} />
          {t("servers.tree")}
        </Group>
      }
    >
      <Stack gap={6} data-testid="server-tree">
        {chain.map((a) => (
          <Stack key={a.id} gap={6}>
            <TreeNode server={a} />
            <IconArrowDown
              size={14}
              color="var(--mantine-color-dimmed)"
              style={{ marginLeft: 6 }}
            />
          </Stack>
        ))}
        <TreeNode server={server} current />
        {details.children.length > 0 ? (
          <Stack
            gap={6}
            pl="lg"
            ml={12}
            className={overview.children}
            aria-label={t("servers.children")}
          >
            <Text fz="xs" c="dimmed" mt={4}>
              {t("servers.childrenCount", { count: formatNumber(details.children.length) })}
            </Text>
            {details.children.map((c) => (
              <TreeNode key={c.id} server={c} />
            ))}
          </Stack>
        ) : (
          chain.length === 0 && (
            <Text fz="sm" c="dimmed" mt="xs">
              {t("servers.noTree")}
            </Text>
          )
        )}
      </Stack>
    </Section>
  );
}

/** Filesystems shows the disk usage of each mount point or storage. */
export function Filesystems({
  filesystems,
  thresholds,
}: {
  filesystems: Filesystem[];
  thresholds: UsageThresholds;
}) {
  const { t, formatBytesOf, formatPercent } = useI18n();
  return (
    <Section title={t("servers.filesystems")}>
      {filesystems.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t("servers.noFilesystems")}
        </Text>
      ) : (
        <Stack gap="md" data-testid="filesystems">
          {filesystems.map((f) => {
            const share = usageShare(f.usedBytes, f.totalBytes);
            const percent = share * 100;
            return (
              <Stack key={f.name} gap={4}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Group gap={6} wrap="nowrap" miw={0}>
                    <Text fz="sm" ff="monospace" truncate>
                      {f.name}
                    </Text>
                    {f.shared && (
                      <Tooltip label={t("servers.filesystemSharedHint")} multiline w={260}>
                        <Badge
                          size="xs"
                          variant="light"
                          color="gray"
                          style={{ flex: "none" }}
                          data-testid="filesystem-shared"
                        >
                          {t("servers.filesystemShared")}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed" className="tabular-nums" style={{ flex: "none" }}>
                    {formatBytesOf(f.usedBytes, f.totalBytes)} · {formatPercent(share)}
                  </Text>
                </Group>
                <Progress
                  value={percent}
                  aria-label={f.name}
                  color={
                    percent >= thresholds.critical
                      ? "red"
                      : percent >= thresholds.warning
                        ? "yellow"
                        : "teal"
                  }
                />
              </Stack>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
