import { Badge } from "@mantine/core";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  OrganizationRole,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { organizationRoleKey, organizationStatusKey, platformRoleKey } from "@/lib/labels";

const statusColor: Record<OrganizationStatus, string> = {
  [OrganizationStatus.UNSPECIFIED]: "gray",
  [OrganizationStatus.PENDING_APPROVAL]: "yellow",
  [OrganizationStatus.ACTIVE]: "teal",
  [OrganizationStatus.SUSPENDED]: "red",
  [OrganizationStatus.CLOSED]: "gray",
};

export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  const { t } = useI18n();
  return (
    <Badge
      color={statusColor[status] ?? "gray"}
      variant={status === OrganizationStatus.CLOSED ? "default" : "light"}
    >
      {t(organizationStatusKey(status))}
    </Badge>
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
