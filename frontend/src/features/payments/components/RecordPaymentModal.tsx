import { Alert, Group, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconCash, IconCircleCheck, IconClockHour4 } from "@tabler/icons-react";
import { useMemo } from "react";
import {
  InvoiceStatus,
  type Invoice,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { formErrors, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import { recordInput, usePaymentCheck, useRecordPayment, type PaymentDraft } from "../api/payments";
import { today } from "../payment";

/** The invoice a payment is recorded for: what the form needs of it. */
export type PayableInvoice = Pick<
  Invoice,
  "id" | "number" | "currency" | "grossCents" | "paidCents"
>;

interface Values {
  method: PaymentDraft["method"];
  amount: string;
  valueDate: string;
  reference: string;
  note: string;
}

/** The form's fields, and the form's names of the request's fields where they differ. */
const fields = ["method", "amount", "valueDate", "reference", "note"] as const;
const aliases = { amountCents: "amount" };

/** How the check's answer looks: the invoice paid by it, still open, or the payment refused. */
const outcomeLook = {
  paid: { color: "teal", icon: <IconCircleCheck size={18} /> },
  open: { color: "blue", icon: <IconClockHour4 size={18} /> },
  refused: { color: "red", icon: <IconAlertCircle size={18} /> },
} as const;

/** openOf is what is still to pay of an invoice, in cents; 0 when paid or over. */
export function openOf(invoice: Pick<Invoice, "grossCents" | "paidCents">): bigint {
  const open = invoice.grossCents - invoice.paidCents;
  return open > 0n ? open : 0n;
}

/** RecordPaymentModal records money received for an invoice: a bank transfer or a manual payment. */
export function RecordPaymentModal({
  invoice,
  ...dialog
}: DialogProps & { invoice: PayableInvoice }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} size="lg" title={t("payments.record.title", { number: invoice.number })}>
      <RecordPaymentForm invoice={invoice} onDone={dialog.onClose} />
    </FormModal>
  );
}

/** draftOf is the request of the form's values; null while it cannot be sent. */
function draftOf(invoice: PayableInvoice, values: Values): PaymentDraft | null {
  const cents = parsePrice(values.amount);
  if (cents === null || cents <= 0n || !values.valueDate) return null;
  return {
    invoiceId: invoice.id,
    method: values.method,
    amountCents: cents.toString(),
    currency: invoice.currency,
    valueDate: values.valueDate,
    reference: values.reference.trim(),
    note: values.note.trim(),
  };
}

/**
 * RecordPaymentForm is the form of RecordPaymentModal, for a dialog that
 * picks the invoice first (an account's Mark paid…). With `reasonRequired`
 * its note is the reason for recording the payment, and required.
 */
export function RecordPaymentForm({
  invoice,
  onDone,
  reasonRequired = false,
}: {
  invoice: PayableInvoice;
  onDone: () => void;
  reasonRequired?: boolean;
}) {
  const { t, locale, formatMoney } = useI18n();
  const record = useRecordPayment();
  const money = (cents: bigint) => formatMoney(cents, invoice.currency || "EUR");
  const open = openOf(invoice);
  const day = today();
  const form = useForm<Values>({
    initialValues: {
      method: "BANK_TRANSFER",
      amount: priceInput(open, locale),
      valueDate: day,
      reference: "",
      note: "",
    },
    validate: {
      amount: (v) => {
        const cents = parsePrice(v);
        return cents === null || cents <= 0n ? t("payments.validation.amount") : null;
      },
      valueDate: (v) => (v ? null : t("validation.required")),
      note: (v) => (reasonRequired && v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  // The server says what the payment would do to the invoice, ~300 ms after the last keystroke.
  const draft = useMemo(() => draftOf(invoice, form.values), [invoice, form.values]);
  const draftKey = draft ? JSON.stringify(draft) : "";
  const [debouncedKey] = useDebouncedValue(draftKey, 300);
  const check = usePaymentCheck(debouncedKey);
  const stale = draftKey !== debouncedKey || check.isFetching;
  // The server's objections to what is typed, at a field once it was touched.
  const live = useMemo(
    () =>
      check.error && debouncedKey
        ? formErrors(check.error, fields, locale, aliases)
        : { fields: {} as Record<string, string>, message: null },
    [check.error, debouncedKey, locale],
  );
  const errorOf = (field: (typeof fields)[number]) =>
    form.errors[field] ?? (form.isTouched(field) && !stale ? live.fields[field] : undefined);

  const outcome = ((): { text: string; kind: keyof typeof outcomeLook } | null => {
    if (!draft) return null;
    if (check.error) return live.message && !stale ? { text: live.message, kind: "refused" } : null;
    const answer = check.data;
    if (!answer) return { text: t("payments.record.checking"), kind: "open" };
    const paid = answer.invoicePaidCents;
    if (answer.invoiceStatus === InvoiceStatus.PAID) {
      const credit = paid - invoice.grossCents;
      return {
        text:
          credit > 0n
            ? t("payments.record.paidCredit", { credit: money(credit) })
            : t("payments.record.paid"),
        kind: "paid",
      };
    }
    return {
      text: t("payments.record.open", { open: money(openOf({ ...invoice, paidCents: paid })) }),
      kind: "open",
    };
  })();

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const ready = draftOf(invoice, values);
    if (!ready) return;
    try {
      await record.mutateAsync({ ...recordInput(ready), validateOnly: false });
      notifications.show({
        color: "teal",
        message: t("payments.record.recorded", {
          amount: money(BigInt(ready.amountCents)),
          number: invoice.number,
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fields, aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group
          label={t("payments.record.method")}
          withAsterisk
          {...form.getInputProps("method")}
        >
          <Group gap="lg" mt={6}>
            <Radio value="BANK_TRANSFER" label={t("payments.method.BANK_TRANSFER")} />
            <Radio value="MANUAL" label={t("payments.method.MANUAL")} />
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("payments.record.amount")}
            description={t("payments.record.amountHint", { open: money(open) })}
            withAsterisk
            inputMode="decimal"
            data-autofocus
            rightSection={
              <Text fz="xs" c="dimmed">
                {invoice.currency}
              </Text>
            }
            {...form.getInputProps("amount")}
            error={errorOf("amount")}
          />
          <TextInput
            type="date"
            label={t("payments.record.valueDate")}
            description={t("payments.record.valueDateHint")}
            withAsterisk
            max={day}
            {...form.getInputProps("valueDate")}
            error={errorOf("valueDate")}
          />
        </SimpleGrid>
        <TextInput
          label={t("payments.record.reference")}
          placeholder={t("payments.record.referencePlaceholder")}
          maxLength={140}
          {...form.getInputProps("reference")}
          error={errorOf("reference")}
        />
        {reasonRequired ? (
          <ReasonField
            required
            minRows={2}
            maxRows={6}
            maxLength={2000}
            {...form.getInputProps("note")}
            error={errorOf("note")}
          />
        ) : (
          <Textarea
            label={t("payments.record.note")}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            {...form.getInputProps("note")}
            error={errorOf("note")}
          />
        )}
        {outcome && (
          <Alert
            variant="light"
            color={outcomeLook[outcome.kind].color}
            icon={outcomeLook[outcome.kind].icon}
            data-testid="record-outcome"
            data-outcome={outcome.kind}
            data-stale={stale || undefined}
            style={{ opacity: stale ? 0.6 : 1, transition: "opacity 120ms ease" }}
          >
            <Text fz="sm" style={{ whiteSpace: "pre-line" }}>
              {outcome.text}
            </Text>
          </Alert>
        )}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("payments.record"),
            icon: <IconCash size={16} />,
            loading: record.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
