import { ActionIcon, Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { IconLayoutGrid, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type {
  Organization,
  OrganizationMember,
  Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
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
  const { t, formatDate } = useI18n();
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
      cell: (w) => (
        <Text fz="sm" c="dimmed" className="tabular-nums">
          {w.createTime ? formatDate(timestampDate(w.createTime)) : "—"}
        </Text>
      ),
    },
  ];
  if (canWrite) {
    columns.push({
      id: "actions",
      header: "",
      width: 56,
      align: "right",
      cell: (w) => (
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
      ),
    });
  }

  return (
    <Stack gap="md">
      {canWrite && (
        <Group justify="flex-end">
          <Button
            leftSection={<IconPlus size={16} />}
            variant="light"
            onClick={() => setEditing("new")}
          >
            {t("orgs.workspaces.create")}
          </Button>
        </Group>
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
