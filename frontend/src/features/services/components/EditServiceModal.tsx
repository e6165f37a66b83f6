import { Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { ServiceInstance } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useUpdateService } from "../api/services";
import { parsePrice, priceInput } from "@/lib/price";

/** EditServiceModal changes a service's name and monthly price (with a reason). */
export function EditServiceModal({
  service,
  ...dialog
}: DialogProps & { service: ServiceInstance }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("services.editTitle")}>
      <EditServiceForm service={service} onDone={dialog.onClose} />
    </FormModal>
  );
}

function EditServiceForm({ service, onDone }: { service: ServiceInstance; onDone: () => void }) {
  const { t, locale } = useI18n();
  const update = useUpdateService();
  const form = useForm({
    initialValues: {
      name: service.name,
      monthlyPriceCents: priceInput(service.monthlyPriceCents, locale),
      reason: "",
    },
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      monthlyPriceCents: (v) => (parsePrice(v) === null ? t("validation.required") : null),
      reason: (v, values) =>
        parsePrice(values.monthlyPriceCents) !== service.monthlyPriceCents && v.trim() === ""
          ? t("validation.reasonRequired")
          : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const priced = parsePrice(form.values.monthlyPriceCents) !== service.monthlyPriceCents;

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const price = parsePrice(values.monthlyPriceCents) ?? service.monthlyPriceCents;
    const paths = [
      ...(values.name.trim() !== service.name ? ["name"] : []),
      ...(price !== service.monthlyPriceCents ? ["monthly_price_cents"] : []),
    ];
    try {
      if (paths.length > 0) {
        await update.mutateAsync({
          serviceInstance: { id: service.id, name: values.name.trim(), monthlyPriceCents: price },
          updateMask: { paths },
          reason: values.reason.trim(),
        });
        notifications.show({ color: "teal", message: t("services.updated") });
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
          label={t("services.field.name")}
          withAsterisk
          data-autofocus
          {...form.getInputProps("name")}
        />
        <TextInput
          label={t("services.field.price")}
          description={t("services.priceReasonHint")}
          rightSection="€"
          inputMode="decimal"
          {...form.getInputProps("monthlyPriceCents")}
        />
        <ReasonField required={priced} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("common.save"), loading: update.isPending }}
        />
      </Stack>
    </form>
  );
}
