import { Stack, Text } from "@mantine/core";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { useI18n } from "@/lib/i18n/i18n";
import { ManualInvoiceForm } from "./ManualInvoiceForm";

/**
 * ManualInvoiceModal issues a manual invoice to one organization (the
 * offline billing of a managed account): the form of the New manual
 * invoice page, with a required reason.
 */
export function ManualInvoiceModal({
  organizationId,
  organizationName,
  ...dialog
}: DialogProps & { organizationId: string; organizationName: string }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="xl"
      title={t("invoices.manual.dialogTitle", { organization: organizationName })}
    >
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("invoices.manual.dialogHint")}
        </Text>
        <ManualInvoiceForm
          variant="dialog"
          organization={organizationId}
          organizationName={organizationName}
          onIssued={dialog.onClose}
          onCancel={dialog.onClose}
        />
      </Stack>
    </FormModal>
  );
}
