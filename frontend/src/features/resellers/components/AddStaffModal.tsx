import { Alert, Button, Code, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import type { BillingEntity } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { CopyButton } from "@/components/ui/CopyButton";
import { FormActions, FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, requiredEmail, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useAddStaff } from "../api/resellers";

const roles = [PlatformRole.OWNER, PlatformRole.OPERATOR, PlatformRole.DEVELOPER] as const;
const roleNames = {
  [PlatformRole.OWNER]: "OWNER",
  [PlatformRole.OPERATOR]: "OPERATOR",
  [PlatformRole.DEVELOPER]: "DEVELOPER",
} as const;

/**
 * AddStaffModal adds a staff member to a reseller and then shows their
 * first password, once: the server keeps only its hash. The call needs the
 * caller's second factor freshly confirmed; the step-up asks for a code.
 */
export function AddStaffModal({ entity, ...dialog }: DialogProps & { entity: BillingEntity }) {
  const { t } = useI18n();
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const close = () => {
    setCreated(null);
    dialog.onClose();
  };
  return (
    <FormModal
      {...dialog}
      onClose={close}
      size="lg"
      title={
        created
          ? t("resellers.staff.passwordTitle", { email: created.email })
          : t("resellers.staff.addTitle", { name: entity.name })
      }
    >
      {created ? (
        <InitialPassword password={created.password} onDone={close} />
      ) : (
        <StaffForm entity={entity} onCreated={setCreated} onCancel={close} />
      )}
    </FormModal>
  );
}

function StaffForm({
  entity,
  onCreated,
  onCancel,
}: {
  entity: BillingEntity;
  onCreated: (created: { email: string; password: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const add = useAddStaff();
  const form = useForm({
    initialValues: {
      email: "",
      displayName: "",
      platformRole: String(PlatformRole.OPERATOR),
      reason: "",
    },
    validate: {
      email: (v) => requiredEmail(v, t),
      displayName: (v) => (v.trim() === "" ? t("validation.required") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const res = await add.mutateAsync({
        billingEntityId: entity.id,
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        platformRole: Number(values.platformRole) as PlatformRole,
        reason: values.reason.trim(),
      });
      const email = res.staff?.email ?? values.email.trim();
      notifications.show({ color: "teal", message: t("resellers.staff.added", { email }) });
      onCreated({ email, password: res.initialPassword });
    } catch (error) {
      showFailure(error, fieldPaths(values), {
        platform_role: "platformRole",
        display_name: "displayName",
      });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("resellers.staff.email")}
          type="email"
          withAsterisk
          data-autofocus
          {...form.getInputProps("email")}
        />
        <TextInput
          label={t("resellers.staff.displayName")}
          withAsterisk
          {...form.getInputProps("displayName")}
        />
        <Select
          label={t("resellers.staff.role")}
          description={t("resellers.staff.roleHint")}
          data={roles.map((r) => ({ value: String(r), label: t(`role.${roleNames[r]}`) }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("platformRole")}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onCancel}
          submit={{ label: t("resellers.staff.submit"), loading: add.isPending }}
        />
      </Stack>
    </form>
  );
}

/** InitialPassword shows the first password once, with its copy button and the warning. */
function InitialPassword({ password, onDone }: { password: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t("resellers.staff.passwordWarning")}
      </Alert>
      <div>
        <Text fz="sm" fw={500} mb={4}>
          {t("resellers.staff.password")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code block fz="md" style={{ flex: 1 }} data-testid="initial-password">
            {password}
          </Code>
          <CopyButton value={password} label={t("resellers.staff.password")} />
        </Group>
      </div>
      <FormActions>
        <Button onClick={onDone}>{t("resellers.staff.done")}</Button>
      </FormActions>
    </Stack>
  );
}
