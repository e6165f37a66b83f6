import { Alert, Group, Select, Stack, Text } from "@mantine/core";
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
import { organizationRoleKey } from "@/lib/labels";
import { useAddWorkspaceMember } from "../api/organizations";

/**
 * AddWorkspaceMemberModal puts a member of the organization into a
 * workspace: it offers the organization's members not in it yet.
 */
export function AddWorkspaceMemberModal({
  workspace,
  members,
  ...dialog
}: DialogProps & { workspace: Workspace | null; members: OrganizationMember[] }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={t("orgs.workspaces.addMemberTitle", { workspace: workspace?.name ?? "" })}
    >
      {workspace && (
        <AddWorkspaceMemberForm workspace={workspace} members={members} onDone={dialog.onClose} />
      )}
    </FormModal>
  );
}

function AddWorkspaceMemberForm({
  workspace,
  members,
  onDone,
}: {
  workspace: Workspace;
  members: OrganizationMember[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const add = useAddWorkspaceMember();
  const inWorkspace = new Set(workspace.members.map((m) => m.userId));
  const candidates = members.filter((m) => !inWorkspace.has(m.userId));
  const byId = new Map(candidates.map((m) => [m.userId, m]));
  const form = useForm({
    initialValues: { userId: "", reason: "" },
    validate: { userId: (v) => (v === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await add.mutateAsync({
        workspaceId: workspace.id,
        userId: values.userId,
        reason: values.reason.trim(),
      });
      const member = byId.get(values.userId);
      notifications.show({
        color: "teal",
        message: t("orgs.workspaces.memberAdded", {
          name: member ? member.displayName || member.email : values.userId,
          workspace: workspace.name,
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {candidates.length === 0 ? (
          <Alert color="gray" variant="light">
            <Text fz="sm">{t("orgs.workspaces.noCandidates")}</Text>
          </Alert>
        ) : (
          <Select
            label={t("orgs.workspaces.member")}
            description={t("orgs.workspaces.memberHint")}
            placeholder={t("orgs.workspaces.memberPlaceholder")}
            withAsterisk
            searchable
            data-autofocus
            data={candidates.map((m) => ({ value: m.userId, label: m.displayName || m.email }))}
            renderOption={({ option }) => {
              const member = byId.get(option.value);
              return (
                <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
                  <Stack gap={0}>
                    <Text fz="sm">{option.label}</Text>
                    {member?.displayName && (
                      <Text fz="xs" c="dimmed">
                        {member.email}
                      </Text>
                    )}
                  </Stack>
                  {member && (
                    <Text fz="xs" c="dimmed">
                      {t(organizationRoleKey(member.role))}
                    </Text>
                  )}
                </Group>
              );
            }}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("userId")}
            onChange={(value) => form.setFieldValue("userId", value ?? "")}
          />
        )}
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("orgs.workspaces.addToWorkspace"),
            loading: add.isPending,
            disabled: candidates.length === 0,
          }}
        />
      </Stack>
    </form>
  );
}
