import {
  PaymentMethod,
  PaymentStatus,
  ProviderEventStatus,
  type Payment,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import type { Tone } from "@/components/ui/Badges";
import type { MessageKey } from "@/lib/i18n/i18n";

/**
 * How a payment reads, and which of staff's actions it offers. The server
 * decides whether an action is allowed (and says why not); the interface
 * only leaves out what the contract says cannot apply.
 */

export const methodKey: Record<PaymentMethod, MessageKey> = {
  [PaymentMethod.UNSPECIFIED]: "payments.method.UNSPECIFIED",
  [PaymentMethod.STRIPE]: "payments.method.STRIPE",
  [PaymentMethod.MOLLIE]: "payments.method.MOLLIE",
  [PaymentMethod.BANK_TRANSFER]: "payments.method.BANK_TRANSFER",
  [PaymentMethod.MANUAL]: "payments.method.MANUAL",
};

export const statusKey: Record<PaymentStatus, MessageKey> = {
  [PaymentStatus.UNSPECIFIED]: "payments.status.UNSPECIFIED",
  [PaymentStatus.PENDING]: "payments.status.PENDING",
  [PaymentStatus.SUCCEEDED]: "payments.status.SUCCEEDED",
  [PaymentStatus.FAILED]: "payments.status.FAILED",
  [PaymentStatus.CANCELED]: "payments.status.CANCELED",
  [PaymentStatus.REFUNDED]: "payments.status.REFUNDED",
  [PaymentStatus.DISPUTED]: "payments.status.DISPUTED",
  [PaymentStatus.REVERSED]: "payments.status.REVERSED",
};

/** What each status means to an operator: a chargeback needs a look, a failure is one. */
export const statusTone: Record<PaymentStatus, Tone> = {
  [PaymentStatus.UNSPECIFIED]: "unknown",
  [PaymentStatus.PENDING]: "active",
  [PaymentStatus.SUCCEEDED]: "ok",
  [PaymentStatus.FAILED]: "critical",
  [PaymentStatus.CANCELED]: "neutral",
  [PaymentStatus.REFUNDED]: "neutral",
  [PaymentStatus.DISPUTED]: "warning",
  [PaymentStatus.REVERSED]: "neutral",
};

/** The providers whose payments have a page in their dashboard. */
export const providers = {
  [PaymentMethod.STRIPE]: "Stripe",
  [PaymentMethod.MOLLIE]: "Mollie",
} as const;

/** throughProvider: the payment came through Stripe or Mollie: refunded through the provider, never reversed by hand. */
export function throughProvider(method: PaymentMethod): method is keyof typeof providers {
  return method === PaymentMethod.STRIPE || method === PaymentMethod.MOLLIE;
}

/** leftOf is what is left of a payment to refund, in cents. */
export function leftOf(p: Pick<Payment, "amountCents" | "refundedCents">): bigint {
  const left = p.amountCents - p.refundedCents;
  return left > 0n ? left : 0n;
}

/** countedOf is what a payment counts towards its invoice: a received payment less its refunds. */
export function countedOf(p: Pick<Payment, "status" | "amountCents" | "refundedCents">): bigint {
  return p.status === PaymentStatus.SUCCEEDED ? leftOf(p) : 0n;
}

/** refundable: staff refund received payments with something left of them (a provider's through the provider). */
export function refundable(p: Payment): boolean {
  return p.status === PaymentStatus.SUCCEEDED && leftOf(p) > 0n;
}

/** reversible: staff reverse a received bank or manual payment of which nothing was refunded. */
export function reversible(p: Payment): boolean {
  return (
    !throughProvider(p.method) && p.status === PaymentStatus.SUCCEEDED && p.refundedCents === 0n
  );
}

/** today is the civil date of now in the browser's calendar (YYYY-MM-DD). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const eventStatusKey: Record<ProviderEventStatus, MessageKey> = {
  [ProviderEventStatus.UNSPECIFIED]: "payments.event.status.UNSPECIFIED",
  [ProviderEventStatus.RECEIVED]: "payments.event.status.RECEIVED",
  [ProviderEventStatus.PROCESSED]: "payments.event.status.PROCESSED",
  [ProviderEventStatus.IGNORED]: "payments.event.status.IGNORED",
  [ProviderEventStatus.FLAGGED]: "payments.event.status.FLAGGED",
  [ProviderEventStatus.FAILED]: "payments.event.status.FAILED",
};

/** A flagged event contradicts its invoice and needs a look; a failed one is broken. */
export const eventStatusTone: Record<ProviderEventStatus, Tone> = {
  [ProviderEventStatus.UNSPECIFIED]: "unknown",
  [ProviderEventStatus.RECEIVED]: "active",
  [ProviderEventStatus.PROCESSED]: "ok",
  [ProviderEventStatus.IGNORED]: "neutral",
  [ProviderEventStatus.FLAGGED]: "warning",
  [ProviderEventStatus.FAILED]: "critical",
};

/** replayable: staff process a failed or flagged event again. */
export function replayable(status: ProviderEventStatus): boolean {
  return status === ProviderEventStatus.FAILED || status === ProviderEventStatus.FLAGGED;
}
