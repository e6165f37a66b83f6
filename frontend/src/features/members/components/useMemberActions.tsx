import {
  IconCircleCheck,
  IconKey,
  IconKeyOff,
  IconShieldOff,
  IconUserCog,
  IconUserOff,
} from "@tabler/icons-react";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import type { Member } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import type { RowAction, RowActionValues } from "@/components/row-actions/RowActions";
import { hasPermission, rolePermissions, useCaller } from "@/lib/auth";
import { RoleChange } from "./RoleChange";
import { useI18n } from "@/lib/i18n/i18n";
import {
  enumOptions,
  permissionKey,
  permissions,
  platformRoleKey,
  platformRoles,
} from "@/lib/labels";
import {
  useDisableMember,
  useEnableMember,
  useGrantPermission,
  useResetSecondFactor,
  useRevokePermission,
  useSetPlatformRole,
} from "../api/members";

/**
 * useMemberActions returns the row actions for members: change the platform
 * role, grant or revoke an extra permission, reset the second factor of a
 * member of staff, disable or enable. Each needs a reason; actions the
 * caller may not take are hidden.
 */
export function useMemberActions(): (member: Member) => RowAction[] {
  const { t } = useI18n();
  const caller = useCaller();
  const setRole = useSetPlatformRole();
  const grant = useGrantPermission();
  const revoke = useRevokePermission();
  const resetSecondFactor = useResetSecondFactor();
  const disable = useDisableMember();
  const enable = useEnableMember();
  const canRoles = hasPermission(caller, Permission.PLATFORM_ROLES_MANAGE);
  const canGrant = hasPermission(caller, Permission.PERMISSIONS_MANAGE);
  const canWrite = hasPermission(caller, Permission.MEMBERS_WRITE);

  // Granting and revoking ask which permission, and send it with the reason.
  const permissionChange = (
    member: Member,
    choices: Permission[],
    change: typeof grant | typeof revoke,
  ) => ({
    reason: "required" as const,
    fields: [
      {
        name: "permission",
        label: t("members.action.permission"),
        options: enumOptions(choices, permissionKey, t),
      },
    ],
    run: ({ reason, fields }: RowActionValues) =>
      change.mutateAsync({
        id: member.id,
        permission: Number(fields.permission) as Permission,
        reason,
      }),
  });

  return (member) => {
    const name = member.displayName || member.email;
    const self = member.id === caller.userId;
    // Extra permissions are those the member's role does not already hold.
    const fromRole = rolePermissions(member.platformRole);
    const grantable = permissions.filter(
      (p) => !member.extraPermissions.includes(p) && !fromRole.includes(p),
    );
    return [
      {
        id: "role",
        label: t("members.action.setRole"),
        icon: <IconUserCog size={16} />,
        hidden: !canRoles,
        title: t("members.action.setRoleTitle", { name }),
        message: t("members.role.current", { role: t(platformRoleKey(member.platformRole)) }),
        reason: "required",
        fields: [
          {
            name: "role",
            label: t("members.action.newRole"),
            initial: String(member.platformRole),
            options: enumOptions(platformRoles, platformRoleKey, t),
            describe: (value) =>
              value ? (
                <RoleChange current={member.platformRole} next={Number(value) as PlatformRole} />
              ) : null,
          },
        ],
        successMessage: t("members.action.roleChanged"),
        run: ({ reason, fields }) =>
          setRole.mutateAsync({
            id: member.id,
            platformRole: Number(fields.role) as PlatformRole,
            reason,
          }),
      },
      {
        ...permissionChange(member, grantable, grant),
        id: "grant",
        label: t("members.action.grant"),
        icon: <IconKey size={16} />,
        hidden: !canGrant,
        disabled: grantable.length === 0,
        title: t("members.action.grantTitle", { name }),
        successMessage: t("members.action.granted"),
      },
      {
        ...permissionChange(member, member.extraPermissions, revoke),
        id: "revoke",
        label: t("members.action.revoke"),
        icon: <IconKeyOff size={16} />,
        hidden: !canGrant || member.extraPermissions.length === 0,
        title: t("members.action.revokeTitle", { name }),
        successMessage: t("members.action.revoked"),
      },
      {
        // The member list does not say who has a second factor: offered for
        // all staff, and the server answers for one without.
        id: "resetSecondFactor",
        label: t("members.action.resetSecondFactor"),
        icon: <IconShieldOff size={16} />,
        hidden: !canRoles || self || member.platformRole === PlatformRole.USER,
        danger: true,
        title: t("members.action.resetSecondFactorTitle", { name }),
        message: t("members.action.resetSecondFactorBody"),
        confirmLabel: t("members.action.resetSecondFactor"),
        reason: "required",
        successMessage: t("members.action.secondFactorReset"),
        run: ({ reason }) => resetSecondFactor.mutateAsync({ id: member.id, reason }),
      },
      member.disabled
        ? {
            id: "enable",
            label: t("members.action.enable"),
            icon: <IconCircleCheck size={16} />,
            hidden: !canWrite,
            dividerBefore: true,
            title: t("members.action.enableTitle", { name }),
            message: t("members.action.enableBody"),
            confirmLabel: t("members.action.enable"),
            reason: "required",
            successMessage: t("members.action.enabled"),
            run: ({ reason }) => enable.mutateAsync({ id: member.id, reason }),
          }
        : {
            id: "disable",
            label: t("members.action.disable"),
            icon: <IconUserOff size={16} />,
            color: "red",
            hidden: !canWrite || self,
            dividerBefore: true,
            danger: true,
            title: t("members.action.disableTitle", { name }),
            message: t("members.action.disableBody"),
            confirmLabel: t("members.action.disable"),
            reason: "required",
            successMessage: t("members.action.disabled"),
            run: ({ reason }) => disable.mutateAsync({ id: member.id, reason }),
          },
    ];
  };
}
