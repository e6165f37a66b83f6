import { Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconReceiptRefund } from "@tabler/icons-react";
import type { Payment } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import { useRefundPayment } from "../api/payments";
import { leftOf } from "../payment";

/** RefundModal records that money of a payment went back: all that is left of it, or less. */
export function RefundModal({ payment, ...dialog }: DialogProps & { payment: Payment }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("payments.refundTitle")}>
      <RefundForm payment={payment} onDone={dialog.onClose} />
    </FormModal>
  );
}

function RefundForm({ payment, onDone }: { payment: Payment; onDone: () => void }) {
  const { t, locale, formatMoney } = useI18n();
  const refund = useRefundPayment();
  const left = leftOf(payment);
  const money = (cents: bigint) => formatMoney(cents, payment.currency || "EUR");
  const form = useForm({
    initialValues: { amount: priceInput(left, locale), reason: "" },
    validate: {
      amount: (v) => {
        const cents = parsePrice(v);
        if (cents === null || cents <= 0n) return t("payments.validation.amount");
        return cents > left ? t("payments.validation.amountLeft", { left: money(left) }) : null;
      },
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const cents = parsePrice(values.amount) ?? 0n;
    try {
      await refund.mutateAsync({
        id: payment.id,
        amountCents: cents,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("payments.refunded", { amount: money(cents) }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["amount", "reason"], { amountCents: "amount" });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("payments.refundMessage")}
        </Text>
        <TextInput
          label={t("payments.refundAmount")}
          description={t("payments.refundAmountHint", { left: money(left) })}
          withAsterisk
          inputMode="decimal"
          rightSection={
            <Text fz="xs" c="dimmed">
              {payment.currency}
            </Text>
          }
          {...form.getInputProps("amount")}
        />
        <ReasonField
          required
          minRows={3}
          maxLength={500}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("payments.refund"),
            icon: <IconReceiptRefund size={16} />,
            loading: refund.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
