import { Alert, Button, Modal, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { OrganizationRole } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { FormActions } from "@/components/ui/FormActions";
import { fieldPaths, formErrors } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { organizationRoleKey, organizationRoles } from "@/lib/labels";
import { useAddOrganizationMember } from "../api/organizations";

/** AddMemberModal adds a user (by e-mail; created when unknown) to an organization. */
export function AddMemberModal({
  opened,
  onClose,
  organizationId,
}: {
  opened: boolean;
  onClose: () => void;
  organizationId: string;
}) {
  const { t } = useI18n();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={600} fz="lg">
          {t("orgs.members.addTitle")}
        </Text>
      }
    >
      {opened && <AddMemberForm organizationId={organizationId} onDone={onClose} />}
    </Modal>
  );
}

function AddMemberForm({ organizationId, onDone }: { organizationId: string; onDone: () => void }) {
  const { t, locale } = useI18n();
  const add = useAddOrganizationMember();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      email: "",
      displayName: "",
      role: String(OrganizationRole.MEMBER),
      reason: "",
    },
    validate: {
      email: (v) =>
        v.trim() === ""
          ? t("validation.required")
          : /^\S+@\S+\.\S+$/.test(v.trim())
            ? null
            : t("validation.email"),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
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
      const result = formErrors(error, fieldPaths(values), locale, { user: "email" });
      form.setErrors(result.fields);
      setFailure(result.message);
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
          data={organizationRoles.map((r) => ({
            value: String(r),
            label: t(organizationRoleKey(r)),
          }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("role")}
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
          <Button type="submit" loading={add.isPending}>
            {t("orgs.members.add")}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
