import { Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconBuildingStore, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type {
  Server,
  ServerAssignment,
} from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { AddButton } from "@/components/data-table/AddButton";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { errorMessage } from "@/lib/api-errors";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useAssignServer,
  useOrganizationChoices,
  useUnassignServer,
  useWorkspaceChoices,
} from "../api/servers";

/**
 * ServerAssignments lists the organizations (or their workspaces) a server
 * serves. With SERVERS_WRITE, assignments are added (organization, then
 * optionally one of its workspaces) and removed.
 */
export function ServerAssignments({ server }: { server: Server }) {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.SERVERS_WRITE);
  const canOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const unassign = useUnassignServer();
  const [adding, setAdding] = useState(false);

  const columns: Column<ServerAssignment>[] = [
    {
      id: "organization",
      header: t("assignments.col.organization"),
      cell: (a) =>
        canOrgs ? (
          <RowLink
            to="/organizations/$organizationId"
            params={{ organizationId: a.organizationId }}
            search={{ tab: "overview" }}
          >
            {a.organizationName || a.organizationId}
          </RowLink>
        ) : (
          <Text fz="sm" fw={600}>
            {a.organizationName || a.organizationId}
          </Text>
        ),
    },
    {
      id: "workspace",
      header: t("assignments.col.workspace"),
      cell: (a) =>
        a.workspaceId ? (
          <Text fz="sm">{a.workspaceName || a.workspaceId}</Text>
        ) : (
          <Text fz="sm" c="dimmed">
            {t("assignments.wholeOrganization")}
          </Text>
        ),
    },
    actionsColumn(
      (a) => (
        <RowActions
          label={
            a.workspaceName ? `${a.organizationName} / ${a.workspaceName}` : a.organizationName
          }
          actions={[
            {
              id: "remove",
              label: t("assignments.remove"),
              icon: <IconTrash size={16} />,
              color: "red",
              hidden: !canWrite,
              danger: true,
              title: t("assignments.removeTitle", {
                server: server.name,
                target: a.workspaceName
                  ? `${a.organizationName} / ${a.workspaceName}`
                  : a.organizationName,
              }),
              confirmLabel: t("assignments.remove"),
              reason: "none",
              successMessage: t("assignments.removed"),
              run: () =>
                unassign.mutateAsync({
                  serverId: server.id,
                  organizationId: a.organizationId,
                  workspaceId: a.workspaceId,
                }),
            },
          ]}
        />
      ),
      52,
    ),
  ];

  return (
    <Stack gap="md">
      {canWrite && <AddButton label={t("assignments.add")} onClick={() => setAdding(true)} />}
      <DataTable
        label={t("assignments.title")}
        columns={columns}
        rows={server.assignments}
        rowKey={(a) => `${a.organizationId}/${a.workspaceId}`}
        empty={
          <EmptyState
            icon={<IconBuildingStore size={22} />}
            title={t("assignments.empty")}
            description={t("assignments.emptyHint")}
          />
        }
      />
      <FormModal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t("assignments.addTitle", { server: server.name })}
      >
        <AssignForm server={server} onDone={() => setAdding(false)} />
      </FormModal>
    </Stack>
  );
}

function AssignForm({ server, onDone }: { server: Server; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [organizationName, setOrganizationName] = useState("");
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const orgs = useOrganizationChoices(debounced);
  const workspaces = useWorkspaceChoices(organizationId ?? "");
  const assign = useAssignServer();

  const orgOptions = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (organizationId && !orgOptions.some((o) => o.value === organizationId)) {
    orgOptions.unshift({ value: organizationId, label: organizationName });
  }

  const submit = async () => {
    setFailure(null);
    if (!organizationId) {
      setMissing(true);
      return;
    }
    try {
      await assign.mutateAsync({
        serverId: server.id,
        organizationId,
        workspaceId: workspaceId ?? "",
      });
      notifications.show({ color: "teal", message: t("assignments.added") });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error, locale));
    }
  };

  return (
    <Stack gap="md">
      <Select
        label={t("assignments.col.organization")}
        placeholder={t("assignments.searchOrganization")}
        withAsterisk
        searchable
        data-autofocus
        data={orgOptions}
        searchValue={search}
        onSearchChange={setSearch}
        value={organizationId}
        onChange={(value, option) => {
          setOrganizationId(value);
          setOrganizationName(option?.label ?? "");
          setWorkspaceId(null);
          setMissing(false);
        }}
        filter={({ options }) => options}
        nothingFoundMessage={orgs.isFetching ? t("common.loading") : t("search.nothingFound")}
        error={missing ? t("validation.required") : undefined}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t("assignments.col.workspace")}
        description={t("assignments.workspaceHint")}
        placeholder={t("assignments.wholeOrganization")}
        disabled={!organizationId}
        clearable
        data={(workspaces.data?.workspaces ?? []).map((w) => ({ value: w.id, label: w.name }))}
        value={workspaceId}
        onChange={setWorkspaceId}
        nothingFoundMessage={t("assignments.noWorkspaces")}
        comboboxProps={{ withinPortal: true }}
      />
      <FormFooter
        failure={failure}
        onCancel={onDone}
        submit={{
          label: t("assignments.add"),
          loading: assign.isPending,
          onClick: () => void submit(),
        }}
      />
    </Stack>
  );
}
