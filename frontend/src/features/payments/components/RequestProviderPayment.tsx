import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconBrandStripe, IconCreditCard } from "@tabler/icons-react";
import { useState } from "react";
import {
  PaymentProvider,
  type Payment,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { CopyableText } from "@/components/ui/CopyButton";
import { AnchorLink } from "@/components/ui/links";
import { ServerText } from "@/components/ui/ServerText";
import { asConnectError } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useRequestProviderPayment } from "../api/payments";
import { PaymentStatusBadge } from "./PaymentStatusBadge";

const names = { [PaymentProvider.STRIPE]: "Stripe", [PaymentProvider.MOLLIE]: "Mollie" } as const;
type Provider = keyof typeof names;

/**
 * useProviderRequest asks Stripe or Mollie for what is open of an invoice.
 * The buttons go into the section's header; the answer (the pending payment
 * with Mollie's checkout link to send to the customer, or the server's
 * refusal) is shown in the section.
 */
export function useProviderRequest(invoiceId: string) {
  const { t } = useI18n();
  const request = useRequestProviderPayment();
  const [asked, setAsked] = useState<Provider | null>(null);
  const [payment, setPayment] = useState<Payment | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const ask = async (provider: Provider) => {
    setAsked(provider);
    setPayment(null);
    setFailure(null);
    try {
      const done = await request.mutateAsync({ invoiceId, provider });
      setPayment(done.payment ?? null);
    } catch (error) {
      setFailure(error);
    }
  };

  const buttons = ([PaymentProvider.STRIPE, PaymentProvider.MOLLIE] as const).map((provider) => (
    <Button
      key={provider}
      variant="default"
      leftSection={
        provider === PaymentProvider.STRIPE ? (
          <IconBrandStripe size={16} />
        ) : (
          <IconCreditCard size={16} />
        )
      }
      loading={request.isPending && asked === provider}
      disabled={request.isPending && asked !== provider}
      onClick={() => void ask(provider)}
    >
      {t("payments.request.via", { provider: names[provider] })}
    </Button>
  ));

  const answer =
    asked === null ? null : failure !== null ? (
      <Alert
        color="red"
        variant="light"
        title={t("payments.request.refused", { provider: names[asked] })}
        withCloseButton
        onClose={() => setFailure(null)}
        data-testid="provider-request-result"
      >
        <ServerText text={asConnectError(failure).rawMessage} />
      </Alert>
    ) : payment ? (
      <Alert
        color="blue"
        variant="light"
        title={t("payments.request.requested", { provider: names[asked] })}
        withCloseButton
        onClose={() => setPayment(null)}
        data-testid="provider-request-result"
      >
        <Stack gap="xs">
          <Group gap="sm">
            <PaymentStatusBadge status={payment.status} />
            <AnchorLink to="/payments/$paymentId" params={{ paymentId: payment.id }} fz="sm">
              {t("payments.request.open")}
            </AnchorLink>
          </Group>
          {payment.checkoutUrl ? (
            <Stack gap={2}>
              <Text fz="sm">{t("payments.request.checkoutHint")}</Text>
              <CopyableText value={payment.checkoutUrl} label={t("payments.checkout")}>
                <Text fz="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                  {payment.checkoutUrl}
                </Text>
              </CopyableText>
            </Stack>
          ) : (
            <Text fz="sm">{t("payments.request.pendingHint", { provider: names[asked] })}</Text>
          )}
        </Stack>
      </Alert>
    ) : null;

  return { buttons, answer };
}
