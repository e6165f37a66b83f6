import { useMutation, useQuery } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { useStepUpTransport } from "@/components/second-factor/StepUp";
import { useChange } from "@/lib/queries";
import { useBillingEntityScope } from "../scope";

/** useSettings loads the settings and what invoices still lack. */
export function useSettings() {
  const billingEntityId = useBillingEntityScope();
  return useQuery(
    SettingsService.method.getSettings,
    { billingEntityId },
    { meta: { handlesErrors: true } },
  );
}

/**
 * useUpdateSettings saves masked fields; the section's form shows its errors
 * itself. A change of the bank account needs the caller's second factor
 * freshly confirmed: it asks for a code when the server wants one.
 */
export function useUpdateSettings() {
  return useChange(
    SettingsService.method.updateSettings,
    [SettingsService, AuditService],
    useStepUpTransport(),
  );
}

/**
 * useSendTestMail sends a test e-mail through the saved SMTP settings. It
 * changes nothing; the section shows the server's answer, or why the call
 * failed, itself.
 */
export function useSendTestMail() {
  return useMutation(SettingsService.method.sendTestMail, { meta: { handlesErrors: true } });
}

/**
 * useUploadLogo stores the issuer's logo and makes it the settings' logo at
 * once; the field shows the server's refusal itself.
 */
export function useUploadLogo() {
  return useChange(SettingsService.method.uploadLogo, [SettingsService, AuditService]);
}

/** useRemoveLogo takes the logo off the settings; invoices issued before keep theirs. */
export function useRemoveLogo() {
  return useChange(SettingsService.method.removeLogo, [SettingsService, AuditService]);
}

/** usePaymentAccounts lists the billing entity's accounts at Stripe and Mollie, never their keys. */
export function usePaymentAccounts() {
  const billingEntityId = useBillingEntityScope();
  return useQuery(
    PaymentService.method.listPaymentAccounts,
    { billingEntityId },
    { meta: { handlesErrors: true } },
  );
}

/** useSetPaymentAccount stores a provider's keys; the form shows the server's refusal itself. */
export function useSetPaymentAccount() {
  return useChange(PaymentService.method.setPaymentAccount, [PaymentService, AuditService]);
}

/** useTestPaymentAccount calls the provider with the stored key; the section shows the answer. */
export function useTestPaymentAccount() {
  return useMutation(PaymentService.method.testPaymentAccount, { meta: { handlesErrors: true } });
}
