import { Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceInstance } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useScheduleDecommission } from "../api/services";

/** DecommissionModal schedules a service's decommission at a time in the future, with a reason. */
export function DecommissionModal({
  service,
  ...dialog
}: DialogProps & { service: ServiceInstance }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("services.decommission.scheduleTitle", { name: service.name })}>
      <DecommissionForm service={service} onDone={dialog.onClose} />
    </FormModal>
  );
}

function DecommissionForm({ service, onDone }: { service: ServiceInstance; onDone: () => void }) {
  const { t } = useI18n();
  const schedule = useScheduleDecommission();
  const form = useForm({
    initialValues: { decommissionTime: "", reason: "" },
    validate: {
      decommissionTime: (v) =>
        v === "" || Number.isNaN(new Date(v).getTime()) ? t("validation.required") : null,
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await schedule.mutateAsync({
        id: service.id,
        // The browser reads the local date and time in its own time zone.
        decommissionTime: timestampFromDate(new Date(values.decommissionTime)),
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("services.decommission.scheduled", { name: service.name }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("services.decommission.hint")}</Text>
        <TextInput
          type="datetime-local"
          label={t("services.decommission.time")}
          withAsterisk
          data-autofocus
          {...form.getInputProps("decommissionTime")}
        />
        <ReasonField required {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("services.decommission.schedule"), loading: schedule.isPending }}
        />
      </Stack>
    </form>
  );
}
