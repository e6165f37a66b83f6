import { Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { UpgradeRequest } from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useDenyUpgrade } from "../api/upgrades";

/**
 * DenyUpgradeModal denies a pending upgrade request with a reason, which
 * the customer reads in the portal.
 */
export function DenyUpgradeModal({
  request,
  ...dialog
}: DialogProps & { request: UpgradeRequest }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={t("accounts.upgrades.deny.title", {
        plan: request.planName || request.planId,
        organization: request.organizationName || request.organizationId,
      })}
    >
      <DenyForm request={request} onDone={dialog.onClose} />
    </FormModal>
  );
}

function DenyForm({ request, onDone }: { request: UpgradeRequest; onDone: () => void }) {
  const { t } = useI18n();
  const deny = useDenyUpgrade();
  const organization = request.organizationName || request.organizationId;
  const plan = request.planName || request.planId;
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await deny.mutateAsync({ id: request.id, reason: values.reason.trim() });
      notifications.show({
        color: "teal",
        message: t("accounts.upgrades.deny.done", { organization, plan }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["reason"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("accounts.upgrades.deny.body", { organization, plan })}</Text>
        <ReasonField
          required
          data-autofocus
          maxLength={1000}
          description={t("accounts.upgrades.deny.reasonHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          {...form.getInputProps("reason")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("accounts.upgrades.deny.confirm"),
            color: "red",
            loading: deny.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
