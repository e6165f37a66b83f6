import { Badge, Group, List, Text, Tooltip } from "@mantine/core";
import { ConnectionHealth } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import {
  ContainerHealth,
  ContainerStatus,
  ProviderKind,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ServerHealth, type Server } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import {
  connectionHealthKey,
  containerHealthKey,
  credentialKey,
  containerStatusKey,
  providerKey,
  serverHealthKey,
} from "../labels";
import { healthReasons } from "../texts";

export const healthColor: Record<ServerHealth, string> = {
  [ServerHealth.UNSPECIFIED]: "gray",
  [ServerHealth.HEALTHY]: "green",
  [ServerHealth.WARNING]: "yellow",
  [ServerHealth.CRITICAL]: "red",
  [ServerHealth.UNKNOWN]: "gray",
};

/** HealthBadge shows a server's health; why it is not healthy (healthReasons in texts.tsx) shows on hover. */
export function HealthBadge({
  health,
  server,
}: {
  health: ServerHealth;
  /** The server whose reasons show on hover. */
  server?: Pick<Server, "healthReasons" | "healthReasonDetails">;
}) {
  const { t } = useI18n();
  const reasons = server ? healthReasons(t, server) : [];
  const badge = (
    <Badge
      color={healthColor[health] ?? "gray"}
      variant={health === ServerHealth.UNKNOWN ? "default" : "light"}
      data-health={ServerHealth[health]}
    >
      {t(serverHealthKey(health))}
    </Badge>
  );
  if (reasons.length === 0) return badge;
  return (
    <Tooltip
      multiline
      w={280}
      label={
        reasons.length === 1 ? (
          <span lang={reasons[0]?.english ? "en" : undefined}>{reasons[0]?.text}</span>
        ) : (
          <List size="xs" c="inherit" spacing={2}>
            {reasons.map((r, i) => (
              <List.Item key={i} lang={r.english ? "en" : undefined}>
                {r.text}
              </List.Item>
            ))}
          </List>
        )
      }
    >
      {badge}
    </Tooltip>
  );
}

const providerColor: Record<ProviderKind, string> = {
  [ProviderKind.UNSPECIFIED]: "gray",
  [ProviderKind.PROXMOX]: "orange",
  [ProviderKind.HETZNER]: "red",
  [ProviderKind.BESZEL]: "violet",
  [ProviderKind.DOCKER]: "blue",
  [ProviderKind.OTHER]: "gray",
};

/** ProviderBadge names a provider with its colour (a dot, so it is not read as a state). */
export function ProviderBadge({ provider }: { provider: ProviderKind }) {
  const { t } = useI18n();
  return (
    <Badge color={providerColor[provider] ?? "gray"} variant="dot">
      {t(providerKey(provider))}
    </Badge>
  );
}

const statusColor: Record<ContainerStatus, string> = {
  [ContainerStatus.UNSPECIFIED]: "gray",
  [ContainerStatus.RUNNING]: "green",
  [ContainerStatus.STOPPED]: "gray",
  [ContainerStatus.PAUSED]: "yellow",
  [ContainerStatus.EXITED]: "orange",
};

export function ContainerStatusBadge({
  status,
  gone = false,
}: {
  status: ContainerStatus;
  gone?: boolean;
}) {
  const { t } = useI18n();
  if (gone) {
    return (
      <Badge color="gray" variant="default" data-status="GONE">
        {t("containers.gone")}
      </Badge>
    );
  }
  return (
    <Badge
      color={statusColor[status] ?? "gray"}
      variant={status === ContainerStatus.STOPPED ? "default" : "light"}
      data-status={ContainerStatus[status]}
    >
      {t(containerStatusKey(status))}
    </Badge>
  );
}

const containerHealthColor: Record<ContainerHealth, string> = {
  [ContainerHealth.UNSPECIFIED]: "gray",
  [ContainerHealth.NONE]: "gray",
  [ContainerHealth.STARTING]: "blue",
  [ContainerHealth.HEALTHY]: "green",
  [ContainerHealth.UNHEALTHY]: "red",
};

/** ContainerHealthBadge shows a health check's result; without one, a dimmed text. */
export function ContainerHealthBadge({ health }: { health: ContainerHealth }) {
  const { t } = useI18n();
  if (health === ContainerHealth.NONE || health === ContainerHealth.UNSPECIFIED) {
    return (
      <Text fz="xs" c="dimmed">
        {t("containers.health.NONE")}
      </Text>
    );
  }
  return (
    <Badge color={containerHealthColor[health] ?? "gray"} variant="outline">
      {t(containerHealthKey(health))}
    </Badge>
  );
}

const connectionHealthColor: Record<ConnectionHealth, string> = {
  [ConnectionHealth.UNSPECIFIED]: "gray",
  [ConnectionHealth.UNKNOWN]: "gray",
  [ConnectionHealth.HEALTHY]: "green",
  [ConnectionHealth.FAILING]: "red",
};

export function ConnectionHealthBadge({ health }: { health: ConnectionHealth }) {
  const { t } = useI18n();
  return (
    <Badge
      color={connectionHealthColor[health] ?? "gray"}
      variant={health === ConnectionHealth.UNKNOWN ? "default" : "light"}
      data-health={ConnectionHealth[health]}
    >
      {t(connectionHealthKey(health))}
    </Badge>
  );
}

/** CredentialBadges names the credentials a connection has stored (never their values). */
export function CredentialBadges({ names }: { names: string[] }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {names.map((name) => {
        const key = credentialKey(name);
        return (
          <Badge key={name} size="sm" variant="outline" color="gray">
            {key ? t(key) : name}
          </Badge>
        );
      })}
    </Group>
  );
}
