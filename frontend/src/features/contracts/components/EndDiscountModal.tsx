import { Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Discount } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { formatCivilDate } from "@/lib/format";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { percentText } from "@/lib/percent";
import { useEndDiscount } from "../api/contracts";

/**
 * EndDiscountModal ends a discount: its last day (today unless changed, or
 * its start when that is later) and the reason. Invoices issued while it
 * applied keep it, so the day is never before today.
 */
export function EndDiscountModal({
  discount,
  today,
  ...dialog
}: DialogProps & { discount: Discount | null; today: string }) {
  const { t, locale } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={
        discount
          ? t("contracts.discount.endTitle", {
              name: discount.name,
              percent: percentText(discount.basisPoints, locale),
            })
          : ""
      }
    >
      {discount && <EndDiscountForm discount={discount} today={today} onDone={dialog.onClose} />}
    </FormModal>
  );
}

function EndDiscountForm({
  discount,
  today,
  onDone,
}: {
  discount: Discount;
  today: string;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const end = useEndDiscount();
  // The earliest day it may end on: today, or its first day if that is later.
  const earliest = discount.startDate > today ? discount.startDate : today;
  const form = useForm({
    initialValues: { endDate: earliest, reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await end.mutateAsync({
        discountId: discount.id,
        endDate: values.endDate,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("contracts.discount.ended", { name: discount.name }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["endDate", "reason"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">
          {discount.endDate
            ? t("contracts.discount.endBodyUntil", {
                date: formatCivilDate(discount.endDate, locale),
              })
            : t("contracts.discount.endBody")}
        </Text>
        <TextInput
          type="date"
          label={t("contracts.discount.field.lastDay")}
          description={t("contracts.discount.field.lastDayHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          withAsterisk
          min={earliest || undefined}
          max={discount.endDate || undefined}
          data-autofocus
          {...form.getInputProps("endDate")}
        />
        <ReasonField required minRows={1} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("contracts.discount.end"), color: "red", loading: end.isPending }}
        />
      </Stack>
    </form>
  );
}
