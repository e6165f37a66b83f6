import { Text } from "@mantine/core";
import {
  ContainerHealth,
  ContainerStatus,
} from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { StatusBadge, type Tone } from "@/components/ui/Badges";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";

// A container's state as the containers' pages show it, and the services
// that run on it: the same badge in both places, with the containers' texts
// (containers.status.*, containers.health.*). Not in src/lib/labels.ts, which
// the first load holds: the container types stay in the pages that show them.

export function containerStatusKey(status: ContainerStatus): MessageKey {
  const name = ContainerStatus[status] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `containers.status.${name}` : "containers.status.UNSPECIFIED"
  ) as MessageKey;
}

export function containerHealthKey(health: ContainerHealth): MessageKey {
  const name = ContainerHealth[health] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `containers.health.${name}` : "containers.health.UNSPECIFIED"
  ) as MessageKey;
}

const statusTone: Record<ContainerStatus, Tone> = {
  [ContainerStatus.UNSPECIFIED]: "unknown",
  [ContainerStatus.RUNNING]: "ok",
  [ContainerStatus.STOPPED]: "neutral",
  [ContainerStatus.PAUSED]: "warning",
  [ContainerStatus.EXITED]: "critical",
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
      <StatusBadge tone="neutral" data-status="GONE">
        {t("containers.gone")}
      </StatusBadge>
    );
  }
  return (
    <StatusBadge tone={statusTone[status] ?? "unknown"} data-status={ContainerStatus[status]}>
      {t(containerStatusKey(status))}
    </StatusBadge>
  );
}

const containerHealthTone: Record<ContainerHealth, Tone> = {
  [ContainerHealth.UNSPECIFIED]: "unknown",
  [ContainerHealth.NONE]: "unknown",
  [ContainerHealth.STARTING]: "active",
  [ContainerHealth.HEALTHY]: "ok",
  [ContainerHealth.UNHEALTHY]: "critical",
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
    <StatusBadge
      tone={containerHealthTone[health] ?? "unknown"}
      data-health={ContainerHealth[health]}
    >
      {t(containerHealthKey(health))}
    </StatusBadge>
  );
}
