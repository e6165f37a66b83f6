import { Badge, type BadgeProps } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDot,
  IconCircleX,
  IconHelpCircle,
  type Icon,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  OrganizationRole,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { organizationRoleKey, organizationStatusKey, platformRoleKey } from "@/lib/labels";
import classes from "./Badges.module.css";

/**
 * Tone is what a state means to an operator, whatever the object: all is
 * well, needs a look, is broken, is under way, is not known, or is merely
 * a fact. Every state badge of the panel (health, status, outcome) maps its
 * states to a tone, so one state looks the same everywhere.
 */
export type Tone = "ok" | "warning" | "critical" | "active" | "unknown" | "neutral";

/** toneColor is a tone's Mantine colour, for what is drawn beside a badge (a dot, a chart). */
export const toneColor: Record<Tone, string> = {
  ok: "green",
  warning: "yellow",
  critical: "red",
  active: "blue",
  unknown: "gray",
  neutral: "gray",
};

// Each tone has its own shape too, so states differ without colour (and in
// a dark theme, where colours come closer together).
const toneIcon: Record<Tone, Icon | undefined> = {
  ok: IconCircleCheck,
  warning: IconAlertTriangle,
  critical: IconCircleX,
  active: IconCircleDot,
  unknown: IconHelpCircle,
  neutral: undefined,
};

/**
 * StatusBadge shows a state in its tone's colours and icon, with contrast
 * in the light and the dark scheme. A running state passes its own icon (a
 * spinner).
 */
export function StatusBadge({
  tone,
  icon,
  children,
  ...props
}: {
  tone: Tone;
  icon?: ReactNode;
  children: ReactNode;
} & Omit<BadgeProps, "color" | "variant" | "leftSection"> &
  Record<`data-${string}`, string | undefined>) {
  const ToneIcon = toneIcon[tone];
  return (
    <Badge
      {...props}
      variant="light"
      className={classes.status}
      data-tone={tone}
      leftSection={icon ?? (ToneIcon ? <ToneIcon size={12} stroke={2.2} aria-hidden /> : undefined)}
    >
      {children}
    </Badge>
  );
}

const statusTone: Record<OrganizationStatus, Tone> = {
  [OrganizationStatus.UNSPECIFIED]: "unknown",
  [OrganizationStatus.PENDING_APPROVAL]: "warning",
  [OrganizationStatus.ACTIVE]: "ok",
  [OrganizationStatus.SUSPENDED]: "critical",
  [OrganizationStatus.CLOSED]: "neutral",
};

export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  const { t } = useI18n();
  return (
    <StatusBadge tone={statusTone[status] ?? "unknown"}>
      {t(organizationStatusKey(status))}
    </StatusBadge>
  );
}

const roleColor: Record<PlatformRole, string> = {
  [PlatformRole.UNSPECIFIED]: "gray",
  [PlatformRole.OWNER]: "grape",
  [PlatformRole.OPERATOR]: "blue",
  [PlatformRole.DEVELOPER]: "cyan",
  [PlatformRole.USER]: "gray",
};

export function PlatformRoleBadge({ role }: { role: PlatformRole }) {
  const { t } = useI18n();
  return (
    <Badge
      color={roleColor[role] ?? "gray"}
      variant={role === PlatformRole.USER ? "default" : "light"}
    >
      {t(platformRoleKey(role))}
    </Badge>
  );
}

export function OrganizationRoleBadge({ role }: { role: OrganizationRole }) {
  const { t } = useI18n();
  return (
    <Badge
      color={
        role === OrganizationRole.OWNER
          ? "violet"
          : role === OrganizationRole.ADMIN
            ? "blue"
            : "gray"
      }
      variant="outline"
    >
      {t(organizationRoleKey(role))}
    </Badge>
  );
}
