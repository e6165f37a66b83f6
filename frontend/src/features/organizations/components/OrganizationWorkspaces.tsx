import { ActionIcon, Group, Pill, Stack, Text, Tooltip } from "@mantine/core";
import { IconInfoCircle, IconLayoutGrid, IconPencil, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import type {
  Organization,
  OrganizationMember,
  Workspace,
  WorkspaceMember,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { AddButton } from "@/components/data-table/AddButton";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { DateCell } from "@/components/data-table/TimeCells";
import { ActionModal, type ConfirmRowAction } from "@/components/row-actions/RowActions";
import { EmptyState } from "@/components/ui/EmptyState";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useRemoveWorkspaceMember } from "../api/organizations";
import { AddWorkspaceMemberModal } from "./AddWorkspaceMemberModal";
import { WorkspaceFormModal } from "./WorkspaceFormModal";

const nameOf = (m: { displayName: string; email: string }) => m.displayName || m.email;

export function OrganizationWorkspaces({
  organization,
  workspaces,
  members,
}: {
  organization: Organization;
  workspaces: Workspace[];
  members: OrganizationMember[];
}) {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.ORGANIZATIONS_WRITE);
  const remove = useRemoveWorkspaceMember();
  const [editing, setEditing] = useState<Workspace | "new" | null>(null);
  // The workspace a member is added to, by id: the dialog follows its
  // current members, and keeps its title while it closes.
  const [adding, setAdding] = useState<{ workspaceId: string; open: boolean } | null>(null);
  const [removing, setRemoving] = useState<{
    workspace: Workspace;
    member: WorkspaceMember;
  } | null>(null);
  const addingTo = workspaces.find((w) => w.id === adding?.workspaceId) ?? null;

  const removal: ConfirmRowAction | null = removing && {
    id: "remove-workspace-member",
    label: t("orgs.workspaces.removeMember"),
    title: t("orgs.workspaces.removeMemberTitle", {
      name: nameOf(removing.member),
      workspace: removing.workspace.name,
    }),
    message: t("orgs.workspaces.removeMemberBody"),
    confirmLabel: t("orgs.workspaces.removeMember"),
    danger: true,
    reason: "optional",
    successMessage: t("orgs.workspaces.memberRemoved", {
      name: nameOf(removing.member),
      workspace: removing.workspace.name,
    }),
    run: ({ reason }) =>
      remove.mutateAsync({
        workspaceId: removing.workspace.id,
        userId: removing.member.userId,
        reason,
      }),
  };

  const columns: Column<Workspace>[] = [
    {
      id: "name",
      header: t("orgs.workspaces.name"),
      cell: (w) => (
        <Text fz="sm" fw={600}>
          {w.name}
        </Text>
      ),
    },
    {
      id: "admin",
      header: t("orgs.workspaces.admin"),
      cell: (w) => (
        <Text fz="sm" c={w.adminDisplayName ? undefined : "dimmed"}>
          {w.adminDisplayName || "—"}
        </Text>
      ),
    },
    {
      id: "members",
      header: t("orgs.workspaces.members"),
      cell: (w) =>
        w.members.length === 0 ? (
          <Text fz="sm" c="dimmed" data-testid="workspace-members">
            —
          </Text>
        ) : (
          <Group gap={4} data-testid="workspace-members">
            {w.members.map((m) => (
              <Pill
                key={m.userId}
                title={m.email}
                withRemoveButton={canWrite}
                onRemove={() => setRemoving({ workspace: w, member: m })}
                // Mantine hides the remove button from the keyboard and
                // screen readers (meant for inputs of pills); here it is
                // the way to remove a member.
                removeButtonProps={{
                  "aria-hidden": false,
                  tabIndex: 0,
                  "aria-label": t("orgs.workspaces.removeMemberLabel", {
                    name: nameOf(m),
                    workspace: w.name,
                  }),
                }}
              >
                {nameOf(m)}
              </Pill>
            ))}
          </Group>
        ),
    },
    {
      id: "created",
      header: t("common.created"),
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (w) => <DateCell time={w.createTime} />,
    },
  ];
  if (canWrite) {
    columns.push(
      actionsColumn(
        (w) => (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Tooltip label={t("orgs.workspaces.addMember")}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`${t("orgs.workspaces.addMember")}: ${w.name}`}
                onClick={() => setAdding({ workspaceId: w.id, open: true })}
              >
                <IconUserPlus size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("orgs.workspaces.edit")}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`${t("orgs.workspaces.edit")}: ${w.name}`}
                onClick={() => setEditing(w)}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ),
        88,
      ),
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="md" wrap="nowrap">
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconInfoCircle
            size={16}
            style={{ flexShrink: 0, marginTop: 2 }}
            color="var(--mantine-color-dimmed)"
          />
          <Text fz="sm" c="dimmed" data-testid="workspace-visibility-hint">
            {t("orgs.workspaces.visibilityHint")}
          </Text>
        </Group>
        {canWrite && (
          <AddButton label={t("orgs.workspaces.create")} onClick={() => setEditing("new")} />
        )}
      </Group>
      <DataTable
        label={t("orgs.tab.workspaces")}
        columns={columns}
        rows={workspaces}
        rowKey={(w) => w.id}
        empty={
          <EmptyState icon={<IconLayoutGrid size={22} />} title={t("orgs.workspaces.empty")} />
        }
      />
      <WorkspaceFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        organizationId={organization.id}
        members={members}
        workspace={editing === "new" || editing === null ? undefined : editing}
      />
      <AddWorkspaceMemberModal
        opened={adding?.open ?? false}
        onClose={() => setAdding((a) => a && { ...a, open: false })}
        workspace={addingTo}
        members={members}
      />
      <ActionModal action={removal} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
