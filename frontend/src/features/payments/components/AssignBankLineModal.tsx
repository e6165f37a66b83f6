import { useQuery } from "@connectrpc/connect-query";
import { Radio, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconLink, IconSearch } from "@tabler/icons-react";
import type { BankLine } from "@leitstand/sdk/leitstand/admin/v1/bank_statement_service_pb.js";
import {
  InvoiceService,
  type Invoice,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { ServerText } from "@/components/ui/ServerText";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useAssignBankLine } from "../api/bank";

/**
 * AssignBankLineModal records a waiting credit as a bank transfer for the
 * invoice staff choose: one the transfer names, or one found by its number.
 * The server checks that it fits (billing entity, currency, not cancelled).
 */
export function AssignBankLineModal({ line, ...dialog }: DialogProps & { line: BankLine | null }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("payments.bank.assignTitle")} size="lg">
      {line && <AssignForm line={line} onDone={dialog.onClose} />}
    </FormModal>
  );
}

function AssignForm({ line, onDone }: { line: BankLine; onDone: () => void }) {
  const { t, formatMoney } = useI18n();
  const assign = useAssignBankLine();
  const form = useForm({
    initialValues: { invoiceId: line.candidateInvoiceIds[0] ?? "", search: "", reason: "" },
    validate: {
      invoiceId: (v) => (v === "" ? t("payments.bank.assignPick") : null),
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const [query] = useDebouncedValue(form.values.search.trim(), 300);
  const found = useQuery(
    InvoiceService.method.listInvoices,
    { pageSize: 10, pageToken: "", query },
    { enabled: query.length >= 2, meta: { handlesErrors: true } },
  );
  const results = (found.data?.invoices ?? []).filter(
    (inv) => !line.candidateInvoiceIds.includes(inv.id),
  );

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const done = await assign.mutateAsync({
        id: line.id,
        invoiceId: values.invoiceId,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("payments.bank.assigned", {
          number: done.line?.invoiceNumber || values.invoiceId,
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["invoiceId", "reason"]);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Stack gap={2}>
          <Text fz="sm" fw={600}>
            {line.counterpartyName || "—"} ·{" "}
            <span className="tabular-nums">
              {formatMoney(line.amountCents, line.currency || "EUR")}
            </span>
          </Text>
          {line.remittance && (
            <Text fz="sm" c="dimmed">
              {line.remittance}
            </Text>
          )}
          {line.why && <ServerText text={line.why} fz="xs" />}
        </Stack>
        <Radio.Group
          label={t("payments.bank.assignInvoice")}
          withAsterisk
          {...form.getInputProps("invoiceId")}
        >
          <Stack gap="xs" mt="xs">
            {line.candidateInvoiceIds.length > 0 && (
              <Text fz="xs" c="dimmed">
                {t("payments.bank.assignCandidates")}
              </Text>
            )}
            {line.candidateInvoiceIds.map((id) => (
              <Radio key={id} value={id} label={<CandidateLabel id={id} />} />
            ))}
            <TextInput
              label={t("payments.bank.assignSearch")}
              placeholder={t("payments.bank.assignSearchPlaceholder")}
              leftSection={<IconSearch size={16} />}
              {...form.getInputProps("search")}
            />
            {query.length >= 2 && found.isSuccess && results.length === 0 && (
              <Text fz="sm" c="dimmed">
                {t("payments.bank.assignNothingFound")}
              </Text>
            )}
            {results.map((inv) => (
              <Radio key={inv.id} value={inv.id} label={invoiceLabel(inv, formatMoney)} />
            ))}
          </Stack>
        </Radio.Group>
        <ReasonField required minRows={2} maxLength={500} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("payments.bank.assign"),
            icon: <IconLink size={16} />,
            loading: assign.isPending,
          }}
        />
      </Stack>
    </form>
  );
}

function invoiceLabel(inv: Invoice, formatMoney: (cents: bigint, currency: string) => string) {
  return `${inv.number || inv.id} · ${inv.organizationName} · ${formatMoney(inv.grossCents, inv.currency || "EUR")}`;
}

/** CandidateLabel names an invoice the transfer names, by its number once it is in. */
function CandidateLabel({ id }: { id: string }) {
  const { formatMoney } = useI18n();
  const invoice = useQuery(
    InvoiceService.method.getInvoice,
    { id },
    { meta: { handlesErrors: true }, retry: false },
  );
  const inv = invoice.data?.invoice;
  return <span>{inv ? invoiceLabel(inv, formatMoney) : id}</span>;
}
