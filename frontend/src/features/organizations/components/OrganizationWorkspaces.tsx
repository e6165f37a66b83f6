import { ActionIcon, Stack, Text, Tooltip } from "@mantine/core";
import { IconLayoutGrid, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import type {
  Organization,
  OrganizationMember,
  Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { AddButton } from "@/components/data-table/AddButton";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { DateCell } from "@/components/data-table/TimeCells";
import { EmptyState } from "@/components/ui/EmptyState";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { WorkspaceFormModal } from "./WorkspaceFormModal";

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
  const [editing, setEditing] = useState<Workspace | "new" | null>(null);

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
      actionsColumn((w) => (
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
      )),
    );
  }

  return (
    <Stack gap="md">
      {canWrite && (
        <AddButton label={t("orgs.workspaces.create")} onClick={() => setEditing("new")} />
      )}
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
    </Stack>
  );
}
