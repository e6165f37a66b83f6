import {
  ServiceHealth,
  ServiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import type { Tone } from "@/components/ui/Badges";

export const statusNames = [
  "ONLINE",
  "PROVISIONING",
  "MAINTENANCE",
  "DISRUPTION",
  "INCIDENT",
  "SUSPENDED",
  "DECOMMISSIONED",
] as const;
export type StatusName = (typeof statusNames)[number];

/** The statuses staff set by hand; DECOMMISSIONED is set by a scheduled decommission. */
export const settableStatuses = statusNames.filter((s) => s !== "DECOMMISSIONED");

export function statusValue(name: StatusName): ServiceStatus {
  return ServiceStatus[name];
}

/** statusName is the name of a status ("UNSPECIFIED" when unknown). */
export function statusName(status: ServiceStatus): StatusName | "UNSPECIFIED" {
  const name = ServiceStatus[status];
  return (statusNames as readonly string[]).includes(name) ? (name as StatusName) : "UNSPECIFIED";
}

/** What each status means to an operator, in the tones every badge of the panel uses. */
export const statusTone: Record<StatusName | "UNSPECIFIED", Tone> = {
  ONLINE: "ok",
  PROVISIONING: "active",
  MAINTENANCE: "warning",
  DISRUPTION: "warning",
  INCIDENT: "critical",
  SUSPENDED: "critical",
  DECOMMISSIONED: "neutral",
  UNSPECIFIED: "unknown",
};

/** The live health of a service's primary containers, as the filter and the dot name it. */
export const healthNames = ["HEALTHY", "DEGRADED", "DOWN", "UNKNOWN"] as const;
export type HealthName = (typeof healthNames)[number];

export function healthValue(name: HealthName): ServiceHealth {
  return ServiceHealth[name];
}

/** healthName is the name of a health ("UNKNOWN" for a value this interface does not know). */
export function healthName(health: ServiceHealth): HealthName {
  const name = ServiceHealth[health];
  return (healthNames as readonly string[]).includes(name) ? (name as HealthName) : "UNKNOWN";
}

/** The containers' health in the panel's tones: without a primary container nothing is known. */
export const healthTone: Record<HealthName, Tone> = {
  HEALTHY: "ok",
  DEGRADED: "warning",
  DOWN: "critical",
  UNKNOWN: "unknown",
};
