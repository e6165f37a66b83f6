import { Stack } from "@mantine/core";
import { useState } from "react";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { useI18n } from "@/lib/i18n/i18n";
import { OpenInvoicePicker } from "./OpenInvoicePicker";
import { RecordPaymentForm } from "./RecordPaymentModal";

/**
 * MarkPaidModal records money received for one of an organization's open
 * invoices (the offline billing of a managed account): the invoice picked,
 * then the payment as on the invoice's page — the amount open unless
 * changed, the value date, the reference — with the reason for it.
 */
export function MarkPaidModal({
  organizationId,
  organizationName,
  ...dialog
}: DialogProps & { organizationId: string; organizationName: string }) {
  const { t } = useI18n();
  const [invoiceId, setInvoiceId] = useState("");
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("payments.account.markPaidTitle", { organization: organizationName })}
    >
      <Stack gap="md">
        <OpenInvoicePicker
          organizationId={organizationId}
          value={invoiceId}
          onChange={setInvoiceId}
        >
          {(invoice) => (
            // A new form for each invoice: its amount is what is open of it.
            <RecordPaymentForm
              key={invoice.id}
              invoice={invoice}
              onDone={dialog.onClose}
              reasonRequired
            />
          )}
        </OpenInvoicePicker>
      </Stack>
    </FormModal>
  );
}
