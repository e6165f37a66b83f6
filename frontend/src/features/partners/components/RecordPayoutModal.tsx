import { SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCash } from "@tabler/icons-react";
import type { Partner } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { todayIn } from "@/lib/format";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import { useRecordPayout } from "../api/partners";

/** The form's fields, and the form's names of the request's fields where they differ. */
const fields = ["amount", "paidOn", "reference", "note"] as const;
const aliases = { amountCents: "amount" };

/**
 * RecordPayoutModal records money paid out to a partner: the amount (its
 * balance unless changed, never more), the day it was paid (today unless
 * earlier), the transfer's reference and a note.
 */
export function RecordPayoutModal({ partner, ...dialog }: DialogProps & { partner: Partner }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} size="lg" title={t("partners.payout.title", { name: partner.name })}>
      <PayoutForm partner={partner} onDone={dialog.onClose} />
    </FormModal>
  );
}

function PayoutForm({ partner, onDone }: { partner: Partner; onDone: () => void }) {
  const { t, locale, formatMoney } = useI18n();
  const record = useRecordPayout();
  const currency = partner.currency || "EUR";
  const money = (cents: bigint) => formatMoney(cents, currency);
  const balance = partner.balanceCents;
  const today = todayIn("");
  const form = useForm({
    initialValues: {
      amount: balance > 0n ? priceInput(balance, locale) : "",
      paidOn: today,
      reference: "",
      note: "",
    },
    validate: {
      amount: (v) => {
        const cents = parsePrice(v);
        if (cents === null || cents <= 0n) return t("partners.payout.amountInvalid");
        return cents > balance
          ? t("partners.payout.aboveBalance", { balance: money(balance) })
          : null;
      },
      paidOn: (v) =>
        v ? (v > today ? t("validation.notAfterToday") : null) : t("validation.required"),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const amountCents = parsePrice(values.amount) ?? 0n;
    try {
      await record.mutateAsync({
        partnerId: partner.organizationId,
        amountCents,
        paidOn: values.paidOn,
        reference: values.reference.trim(),
        note: values.note.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("partners.payout.done", { amount: money(amountCents), name: partner.name }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fields, aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("partners.payout.hint", { balance: money(balance) })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("partners.payout.amount")}
            description={t("partners.payout.amountHint", { balance: money(balance) })}
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            inputMode="decimal"
            data-autofocus
            rightSection={
              <Text fz="xs" c="dimmed">
                {currency}
              </Text>
            }
            {...form.getInputProps("amount")}
          />
          <TextInput
            type="date"
            label={t("partners.payout.paidOn")}
            description={t("partners.payout.paidOnHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            max={today}
            {...form.getInputProps("paidOn")}
          />
        </SimpleGrid>
        <TextInput
          label={t("partners.payout.reference")}
          placeholder={t("partners.payout.referencePlaceholder")}
          maxLength={140}
          {...form.getInputProps("reference")}
        />
        <Textarea
          label={t("partners.payout.note")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          {...form.getInputProps("note")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("partners.payout.confirm"),
            icon: <IconCash size={16} />,
            loading: record.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
