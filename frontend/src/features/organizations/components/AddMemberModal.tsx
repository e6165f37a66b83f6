import { Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { OrganizationRole } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, requiredEmail, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { enumOptions, organizationRoleKey, organizationRoles } from "@/lib/labels";
import { useAddOrganizationMember } from "../api/organizations";

/** AddMemberModal adds a user (by e-mail; created when unknown) to an organization. */
export function AddMemberModal({
  organizationId,
  ...dialog
}: DialogProps & { organizationId: string }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("orgs.members.addTitle")}>
      <AddMemberForm organizationId={organizationId} onDone={dialog.onClose} />
    </FormModal>
  );
}

function AddMemberForm({ organizationId, onDone }: { organizationId: string; onDone: () => void }) {
  const { t } = useI18n();
  const add = useAddOrganizationMember();
  const form = useForm({
    initialValues: {
      email: "",
      displayName: "",
      role: String(OrganizationRole.MEMBER),
      reason: "",
    },
    validate: {
      email: (v) => requiredEmail(v, t),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const response = await add.mutateAsync({
        organizationId,
        user: { case: "email", value: values.email.trim() },
        displayName: values.displayName.trim(),
        role: Number(values.role) as OrganizationRole,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("orgs.members.added", {
          name: response.member?.displayName || values.email.trim(),
        }),
      });
      onDone();
    } catch (error) {
      // The e-mail is one case of the request's "user" oneof.
      showFailure(error, fieldPaths(values), { user: "email" });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("orgs.members.email")}
          description={t("orgs.members.emailHint")}
          type="email"
          withAsterisk
          data-autofocus
          {...form.getInputProps("email")}
        />
        <TextInput label={t("orgs.members.displayName")} {...form.getInputProps("displayName")} />
        <Select
          label={t("orgs.members.role")}
          data={enumOptions(organizationRoles, organizationRoleKey, t)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("role")}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("orgs.members.add"), loading: add.isPending }}
        />
      </Stack>
    </form>
  );
}
