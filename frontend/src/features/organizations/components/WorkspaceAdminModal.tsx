import { Alert, Select, Skeleton, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { GetOrganizationResponse } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { QueryError } from "@/components/ui/QueryError";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { organizationRoleKey } from "@/lib/labels";
import { useChangeWorkspaceAdmin, useOrganization } from "../api/organizations";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["adminUserId", "reason"] as const;
const aliases = { "workspace.adminUserId": "adminUserId" };

/**
 * WorkspaceAdminModal names another administrator of a workspace (a
 * workspace's row on Usage & billing): one of its organization's members,
 * with the reason (UpdateWorkspace, update_mask admin_user_id).
 */
export function WorkspaceAdminModal({
  organizationId,
  organizationName,
  workspaceId,
  workspaceName,
  ...dialog
}: DialogProps & {
  organizationId: string;
  organizationName: string;
  workspaceId: string;
  workspaceName: string;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={t("orgs.workspaces.adminTitle", {
        workspace: workspaceName,
        organization: organizationName,
      })}
    >
      <LoadedOrganization
        organizationId={organizationId}
        workspaceId={workspaceId}
        workspaceName={workspaceName}
        onDone={dialog.onClose}
      />
    </FormModal>
  );
}

function LoadedOrganization({
  organizationId,
  ...props
}: {
  organizationId: string;
  workspaceId: string;
  workspaceName: string;
  onDone: () => void;
}) {
  const query = useOrganization(organizationId);
  if (query.isPending) return <Skeleton height={200} />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <WorkspaceAdminForm organization={query.data} {...props} />;
}

function WorkspaceAdminForm({
  organization,
  workspaceId,
  workspaceName,
  onDone,
}: {
  organization: GetOrganizationResponse;
  workspaceId: string;
  workspaceName: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const change = useChangeWorkspaceAdmin();
  const workspace = organization.workspaces.find((w) => w.id === workspaceId);
  const current = workspace?.adminUserId ?? "";
  const form = useForm({
    initialValues: { adminUserId: current, reason: "" },
    validate: {
      adminUserId: (v) =>
        v === ""
          ? t("validation.required")
          : v === current
            ? t("orgs.workspaces.adminUnchanged")
            : null,
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  if (!workspace) {
    return (
      <Alert color="gray" variant="light">
        {t("orgs.workspaces.gone")}
      </Alert>
    );
  }

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const response = await change.mutateAsync({
        workspace: { id: workspaceId, adminUserId: values.adminUserId },
        updateMask: { paths: ["admin_user_id"] },
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("orgs.workspaces.adminChanged", {
          workspace: workspaceName,
          name: response.workspace?.adminDisplayName ?? "",
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fields, aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {workspace.adminDisplayName
            ? t("orgs.workspaces.adminNow", { name: workspace.adminDisplayName })
            : t("orgs.workspaces.adminNone")}
        </Text>
        <Select
          label={t("orgs.workspaces.newAdmin")}
          description={t("orgs.workspaces.newAdminHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          placeholder={t("orgs.workspaces.memberPlaceholder")}
          withAsterisk
          searchable
          data-autofocus
          data={organization.members.map((m) => ({
            value: m.userId,
            label: `${m.displayName || m.email} · ${t(organizationRoleKey(m.role))}`,
          }))}
          nothingFoundMessage={t("orgs.workspaces.noMembers")}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("adminUserId")}
          value={form.values.adminUserId || null}
          onChange={(value) => form.setFieldValue("adminUserId", value ?? "")}
        />
        <ReasonField required minRows={2} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("orgs.workspaces.changeAdmin"), loading: change.isPending }}
        />
      </Stack>
    </form>
  );
}
