import { Badge, Group, List, Tooltip } from "@mantine/core";
import { ConnectionHealth } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ServerHealth, type Server } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { StatusBadge, type Tone } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { connectionHealthKey, credentialKey, providerKey, serverHealthKey } from "../labels";
import { healthReasons } from "../texts";

export const healthTone: Record<ServerHealth, Tone> = {
  [ServerHealth.UNSPECIFIED]: "unknown",
  [ServerHealth.HEALTHY]: "ok",
  [ServerHealth.WARNING]: "warning",
  [ServerHealth.CRITICAL]: "critical",
  [ServerHealth.UNKNOWN]: "unknown",
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
    <StatusBadge tone={healthTone[health] ?? "unknown"} data-health={ServerHealth[health]}>
      {t(serverHealthKey(health))}
    </StatusBadge>
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

const connectionHealthTone: Record<ConnectionHealth, Tone> = {
  [ConnectionHealth.UNSPECIFIED]: "unknown",
  [ConnectionHealth.UNKNOWN]: "unknown",
  [ConnectionHealth.HEALTHY]: "ok",
  [ConnectionHealth.FAILING]: "critical",
};

export function ConnectionHealthBadge({ health }: { health: ConnectionHealth }) {
  const { t } = useI18n();
  return (
    <StatusBadge
      tone={connectionHealthTone[health] ?? "unknown"}
      data-health={ConnectionHealth[health]}
    >
      {t(connectionHealthKey(health))}
    </StatusBadge>
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
