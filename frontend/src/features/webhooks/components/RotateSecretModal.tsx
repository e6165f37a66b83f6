import { NumberInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { WebhookEndpoint } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useRotateSecret } from "../api/webhooks";
import { SecretBox } from "./SecretBox";

/**
 * RotateSecretModal gives an endpoint a new signing secret after saying
 * that both stay valid for the overlap, and then shows the new one once.
 */
export function RotateSecretModal({
  endpoint,
  ...dialog
}: DialogProps & { endpoint: WebhookEndpoint }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setSecret(null);
    dialog.onClose();
  };
  return (
    <FormModal
      {...dialog}
      onClose={close}
      size="lg"
      title={secret ? t("webhooks.secret.title") : t("webhooks.rotateTitle")}
    >
      {secret ? (
        <SecretBox secret={secret} onDone={close} />
      ) : (
        <RotateForm endpoint={endpoint} onRotated={setSecret} onCancel={close} />
      )}
    </FormModal>
  );
}

function RotateForm({
  endpoint,
  onRotated,
  onCancel,
}: {
  endpoint: WebhookEndpoint;
  onRotated: (secret: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const rotate = useRotateSecret();
  const form = useForm<{ overlapHours: number | string }>({
    initialValues: { overlapHours: 24 },
    validate: {
      overlapHours: (v) => {
        const n = Number(v);
        return v === "" || !Number.isInteger(n) || n < 1 || n > 168
          ? t("webhooks.overlapHint")
          : null;
      },
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const res = await rotate.mutateAsync({
        id: endpoint.id,
        overlapHours: Number(values.overlapHours),
      });
      notifications.show({ color: "teal", message: t("webhooks.rotated") });
      onRotated(res.secret);
    } catch (error) {
      showFailure(error, ["overlapHours"], { overlap_hours: "overlapHours" });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("webhooks.rotateHint")}</Text>
        <NumberInput
          label={t("webhooks.overlap")}
          description={t("webhooks.overlapHint")}
          min={1}
          max={168}
          step={1}
          allowDecimal={false}
          allowNegative={false}
          styles={{ wrapper: { maxWidth: 220 } }}
          data-autofocus
          {...form.getInputProps("overlapHours")}
        />
        <FormFooter
          failure={failure}
          onCancel={onCancel}
          submit={{ label: t("webhooks.rotateConfirm"), loading: rotate.isPending }}
        />
      </Stack>
    </form>
  );
}
