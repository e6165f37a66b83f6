import { Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { ReactNode } from "react";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * ReasonModal asks for the reason of a change that needs nothing else (a
 * cancelled plan change, a reset to the plan's terms, an ended trial) and
 * makes it with `onConfirm`; a refusal of the server stays in the dialog.
 */
export function ReasonModal({
  title,
  body,
  confirm,
  color,
  onConfirm,
  ...dialog
}: DialogProps & {
  title: string;
  body: ReactNode;
  confirm: string;
  color?: string;
  onConfirm: (reason: string) => Promise<unknown>;
}) {
  return (
    <FormModal {...dialog} title={title}>
      <ReasonForm
        body={body}
        confirm={confirm}
        color={color}
        onConfirm={onConfirm}
        onDone={dialog.onClose}
      />
    </FormModal>
  );
}

function ReasonForm({
  body,
  confirm,
  color,
  onConfirm,
  onDone,
}: {
  body: ReactNode;
  confirm: string;
  color?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await onConfirm(values.reason.trim());
      onDone();
    } catch (error) {
      showFailure(error, ["reason"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {typeof body === "string" ? <Text fz="sm">{body}</Text> : body}
        <ReasonField required data-autofocus {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: confirm, color, loading: form.submitting }}
        />
      </Stack>
    </form>
  );
}
