import { Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type {
  OrganizationMember,
  Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateWorkspace, useUpdateWorkspace } from "../api/organizations";

/** WorkspaceFormModal creates a workspace in an organization, or edits one when given. */
export function WorkspaceFormModal({
  organizationId,
  members,
  workspace,
  ...dialog
}: DialogProps & {
  organizationId: string;
  members: OrganizationMember[];
  workspace?: Workspace;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={workspace ? t("orgs.workspaces.edit") : t("orgs.workspaces.createTitle")}
    >
      <WorkspaceForm
        organizationId={organizationId}
        members={members}
        workspace={workspace}
        onDone={dialog.onClose}
      />
    </FormModal>
  );
}

function WorkspaceForm({
  organizationId,
  members,
  workspace,
  onDone,
}: {
  organizationId: string;
  members: OrganizationMember[];
  workspace?: Workspace;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const create = useCreateWorkspace();
  const update = useUpdateWorkspace();
  const form = useForm({
    initialValues: {
      name: workspace?.name ?? "",
      adminUserId: workspace?.adminUserId ?? "",
      reason: "",
    },
    validate: { name: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      if (workspace) {
        const paths = [
          ...(values.name.trim() !== workspace.name ? ["name"] : []),
          ...(values.adminUserId !== workspace.adminUserId ? ["admin_user_id"] : []),
        ];
        if (paths.length > 0) {
          await update.mutateAsync({
            workspace: {
              id: workspace.id,
              name: values.name.trim(),
              adminUserId: values.adminUserId,
            },
            updateMask: { paths },
            reason: values.reason.trim(),
          });
          notifications.show({ color: "teal", message: t("orgs.workspaces.updated") });
        }
      } else {
        await create.mutateAsync({
          organizationId,
          name: values.name.trim(),
          adminUserId: values.adminUserId,
          reason: values.reason.trim(),
        });
        notifications.show({
          color: "teal",
          message: t("orgs.workspaces.created", { name: values.name.trim() }),
        });
      }
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("orgs.workspaces.name")}
          withAsterisk
          data-autofocus
          {...form.getInputProps("name")}
        />
        <Select
          label={t("orgs.workspaces.admin")}
          placeholder={t("orgs.workspaces.adminPlaceholder")}
          data={members.map((m) => ({ value: m.userId, label: m.displayName || m.email }))}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("adminUserId")}
          onChange={(value) => form.setFieldValue("adminUserId", value ?? "")}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: workspace ? t("common.save") : t("common.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
