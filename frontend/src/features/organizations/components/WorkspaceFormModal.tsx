import { Alert, Button, Modal, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type {
  OrganizationMember,
  Workspace,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { FormActions } from "@/components/ui/FormActions";
import { fieldPaths, formErrors } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateWorkspace, useUpdateWorkspace } from "../api/organizations";

/** WorkspaceFormModal creates a workspace in an organization, or edits one when given. */
export function WorkspaceFormModal({
  opened,
  onClose,
  organizationId,
  members,
  workspace,
}: {
  opened: boolean;
  onClose: () => void;
  organizationId: string;
  members: OrganizationMember[];
  workspace?: Workspace;
}) {
  const { t } = useI18n();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={600} fz="lg">
          {workspace ? t("orgs.workspaces.edit") : t("orgs.workspaces.createTitle")}
        </Text>
      }
    >
      {opened && (
        <WorkspaceForm
          organizationId={organizationId}
          members={members}
          workspace={workspace}
          onDone={onClose}
        />
      )}
    </Modal>
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
  const { t, locale } = useI18n();
  const create = useCreateWorkspace();
  const update = useUpdateWorkspace();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: workspace?.name ?? "",
      adminUserId: workspace?.adminUserId ?? "",
      reason: "",
    },
    validate: { name: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
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
      const result = formErrors(error, fieldPaths(values), locale);
      form.setErrors(result.fields);
      setFailure(result.message);
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
        <Textarea
          label={t("common.reasonOptional")}
          placeholder={t("common.reasonPlaceholder")}
          autosize
          minRows={2}
          {...form.getInputProps("reason")}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        )}
        <FormActions>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {workspace ? t("common.save") : t("common.create")}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
