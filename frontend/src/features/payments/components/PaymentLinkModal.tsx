import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconLink } from "@tabler/icons-react";
import { useState } from "react";
import {
  PaymentProvider,
  type Payment,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { CopyableText } from "@/components/ui/CopyButton";
import { FormActions, FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { AnchorLink } from "@/components/ui/links";
import { ServerText } from "@/components/ui/ServerText";
import { asConnectError } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useRequestProviderPayment } from "../api/payments";
import { OpenInvoicePicker } from "./OpenInvoicePicker";
import { PaymentStatusBadge } from "./PaymentStatusBadge";

/**
 * PaymentLinkModal asks Mollie for the payment of what is open of one of an
 * organization's invoices and shows the checkout link to send the customer,
 * with a button that copies it (the offline billing of a managed account).
 * Asking again for the same invoice answers the same pending payment.
 */
export function PaymentLinkModal({
  organizationId,
  organizationName,
  ...dialog
}: DialogProps & { organizationId: string; organizationName: string }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("payments.account.linkTitle", { organization: organizationName })}
    >
      <PaymentLink organizationId={organizationId} onDone={dialog.onClose} />
    </FormModal>
  );
}

function PaymentLink({ organizationId, onDone }: { organizationId: string; onDone: () => void }) {
  const { t } = useI18n();
  const request = useRequestProviderPayment();
  const [invoiceId, setInvoiceId] = useState("");
  const [payment, setPayment] = useState<Payment | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const ask = async (id: string) => {
    setPayment(null);
    setFailure(null);
    try {
      const done = await request.mutateAsync({ invoiceId: id, provider: PaymentProvider.MOLLIE });
      setPayment(done.payment ?? null);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t("payments.account.linkHint")}
      </Text>
      <OpenInvoicePicker
        organizationId={organizationId}
        value={invoiceId}
        onChange={(id) => {
          setInvoiceId(id);
          setPayment(null);
          setFailure(null);
        }}
      >
        {(invoice) => (
          <>
            {failure !== null && (
              <Alert color="red" variant="light" title={t("payments.account.linkRefused")}>
                <ServerText text={asConnectError(failure).rawMessage} />
              </Alert>
            )}
            {payment && (
              <Alert
                color="blue"
                variant="light"
                title={t("payments.account.linkMade")}
                data-testid="payment-link"
              >
                <Stack gap="xs">
                  {payment.checkoutUrl ? (
                    <CopyableText value={payment.checkoutUrl} label={t("payments.checkout")}>
                      <Text fz="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                        {payment.checkoutUrl}
                      </Text>
                    </CopyableText>
                  ) : (
                    <Text fz="sm">{t("payments.request.pendingHint", { provider: "Mollie" })}</Text>
                  )}
                  <Group gap="sm">
                    <PaymentStatusBadge status={payment.status} />
                    <AnchorLink
                      to="/payments/$paymentId"
                      params={{ paymentId: payment.id }}
                      fz="sm"
                    >
                      {t("payments.request.open")}
                    </AnchorLink>
                  </Group>
                </Stack>
              </Alert>
            )}
            {payment ? (
              <FormActions>
                <Button onClick={onDone}>{t("common.close")}</Button>
              </FormActions>
            ) : (
              <FormFooter
                failure={null}
                onCancel={onDone}
                submit={{
                  label: t("payments.account.makeLink"),
                  icon: <IconLink size={16} />,
                  loading: request.isPending,
                  onClick: () => void ask(invoice.id),
                }}
              />
            )}
          </>
        )}
      </OpenInvoicePicker>
    </Stack>
  );
}
