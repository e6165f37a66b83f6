import { Group, Tooltip } from "@mantine/core";
import type {
  ServiceHealth,
  ServiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { toneColor } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { healthName, healthTone } from "../status";
import { ServiceStatusBadge } from "./ServiceStatusBadge";

/**
 * ServiceHealthDot is the live health of a service's primary containers as
 * a dot beside its status: the status is what staff and the sync decided,
 * the dot what the containers do right now, and the tooltip says which.
 */
export function ServiceHealthDot({ health }: { health: ServiceHealth }) {
  const { t } = useI18n();
  const name = healthName(health);
  const label = t(`services.health.${name}`);
  return (
    <Tooltip label={label} withArrow openDelay={150}>
      <span
        role="img"
        aria-label={label}
        data-health={name}
        style={{
          display: "inline-block",
          flex: "none",
          width: 10,
          height: 10,
          borderRadius: "50%",
          background: `var(--mantine-color-${toneColor[healthTone[name]]}-filled)`,
          // Unknown is hollow, so it is not read as a grey state of its own.
          ...(name === "UNKNOWN" && {
            background: "transparent",
            border: "2px solid var(--mantine-color-gray-5)",
          }),
        }}
      />
    </Tooltip>
  );
}

/** ServiceState is a service's status badge with its containers' health beside it. */
export function ServiceState({ status, health }: { status: ServiceStatus; health: ServiceHealth }) {
  return (
    <Group gap={6} wrap="nowrap" component="span">
      <ServiceStatusBadge status={status} />
      <ServiceHealthDot health={health} />
    </Group>
  );
}
