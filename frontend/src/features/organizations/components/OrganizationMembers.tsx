import { Stack, Text } from "@mantine/core";
import { IconUserMinus, IconUsers, IconUserShield } from "@tabler/icons-react";
import { useState } from "react";
import type {
  OrganizationRole,
  Organization,
  OrganizationMember,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { AddButton } from "@/components/data-table/AddButton";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { DateCell } from "@/components/data-table/TimeCells";
import { RowActions } from "@/components/row-actions/RowActions";
import { OrganizationRoleBadge } from "@/components/ui/Badges";
import { EmptyState } from "@/components/ui/EmptyState";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { enumOptions, organizationRoleKey, organizationRoles } from "@/lib/labels";
import { useRemoveOrganizationMember, useSetOrganizationRole } from "../api/organizations";
import { AddMemberModal } from "./AddMemberModal";

export function OrganizationMembers({
  organization,
  members,
}: {
  organization: Organization;
  members: OrganizationMember[];
}) {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.ORGANIZATIONS_WRITE);
  const canReadMembers = usePermission(Permission.MEMBERS_READ);
  const setRole = useSetOrganizationRole();
  const remove = useRemoveOrganizationMember();
  const [adding, setAdding] = useState(false);

  const columns: Column<OrganizationMember>[] = [
    {
      id: "name",
      header: t("members.col.name"),
      cell: (m) => (
        <Stack gap={0}>
          {canReadMembers ? (
            <RowLink to="/members/$memberId" params={{ memberId: m.userId }}>
              {m.displayName || m.email}
            </RowLink>
          ) : (
            <Text fz="sm" fw={600}>
              {m.displayName || m.email}
            </Text>
          )}
          <Text fz="xs" c="dimmed">
            {m.email}
          </Text>
        </Stack>
      ),
    },
    {
      id: "role",
      header: t("orgs.members.role"),
      width: 200,
      cell: (m) => <OrganizationRoleBadge role={m.role} />,
    },
    {
      id: "joined",
      header: t("orgs.members.joined"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (m) => <DateCell time={m.createTime} />,
    },
  ];

  if (canWrite) {
    columns.push(
      actionsColumn((m) => {
        const name = m.displayName || m.email;
        return (
          <RowActions
            label={name}
            actions={[
              {
                id: "role",
                label: t("orgs.members.changeRole"),
                icon: <IconUserShield size={16} />,
                title: t("orgs.members.changeRoleTitle", { name }),
                reason: "required",
                fields: [
                  {
                    name: "role",
                    label: t("orgs.members.newRole"),
                    initial: String(m.role),
                    options: enumOptions(organizationRoles, organizationRoleKey, t),
                  },
                ],
                successMessage: t("orgs.members.roleChanged"),
                run: ({ reason, fields }) =>
                  setRole.mutateAsync({
                    organizationId: organization.id,
                    userId: m.userId,
                    role: Number(fields.role) as OrganizationRole,
                    reason,
                  }),
              },
              {
                id: "remove",
                label: t("orgs.members.remove"),
                icon: <IconUserMinus size={16} />,
                color: "red",
                dividerBefore: true,
                danger: true,
                title: t("orgs.members.removeTitle", { name, organization: organization.name }),
                message: t("orgs.members.removeBody"),
                confirmLabel: t("orgs.members.remove"),
                reason: "required",
                successMessage: t("orgs.members.removed"),
                run: ({ reason }) =>
                  remove.mutateAsync({ organizationId: organization.id, userId: m.userId, reason }),
              },
            ]}
          />
        );
      }),
    );
  }

  return (
    <Stack gap="md">
      {canWrite && <AddButton label={t("orgs.members.add")} onClick={() => setAdding(true)} />}
      <DataTable
        label={t("orgs.tab.members")}
        columns={columns}
        rows={members}
        rowKey={(m) => m.userId}
        empty={<EmptyState icon={<IconUsers size={22} />} title={t("orgs.members.empty")} />}
      />
      <AddMemberModal
        opened={adding}
        onClose={() => setAdding(false)}
        organizationId={organization.id}
      />
    </Stack>
  );
}
