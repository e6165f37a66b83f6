import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import {
  InvoiceKind,
  InvoiceService,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  PaymentMethod,
  PaymentService,
  PaymentStatus,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { useChange } from "@/lib/queries";
import { parseMethods, parseStatuses, type PaymentsSearch } from "../search";

export const paymentsPageSize = 50;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: PaymentsSearch) {
  return {
    pageSize: paymentsPageSize,
    pageToken: "",
    organizationId: search.org,
    invoiceId: "",
    methods: parseMethods(search.method).map((m) => PaymentMethod[m]),
    statuses: parseStatuses(search.status).map((s) => PaymentStatus[s]),
    valueFrom: search.from,
    valueTo: search.to,
    query: search.q.trim(),
  };
}

/** usePaymentList pages through the payments with the URL's filters, the latest value date first. */
export function usePaymentList(search: PaymentsSearch) {
  return useInfiniteQuery(PaymentService.method.listPayments, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** useInvoicePayments pages through the payments of one invoice. */
export function useInvoicePayments(invoiceId: string) {
  return useInfiniteQuery(
    PaymentService.method.listPayments,
    { pageSize: paymentsPageSize, pageToken: "", invoiceId },
    paging,
  );
}

export function usePayment(id: string) {
  return useQuery(PaymentService.method.getPayment, { id });
}

/** useOrganizationBalance is what an organization owes and its credit, per currency. */
export function useOrganizationBalance(organizationId: string) {
  return useQuery(PaymentService.method.getOrganizationBalance, { organizationId });
}

/** useOrganizationChoices lists the organizations for the filter, by name. */
export function useOrganizationChoices() {
  const canList = usePermission(Permission.ORGANIZATIONS_READ);
  return useQuery(
    OrganizationService.method.listOrganizations,
    { pageSize: 500, filter: {}, orderBy: "name" },
    { enabled: canList },
  );
}

/**
 * useOpenInvoices lists an organization's invoices still to pay (issued or
 * overdue, not cancellations), the latest first: those a payment is
 * recorded or asked for.
 */
export function useOpenInvoices(organizationId: string) {
  const query = useQuery(InvoiceService.method.listInvoices, {
    pageSize: 100,
    pageToken: "",
    organizationId,
    statuses: [InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE],
  });
  const invoices = (query.data?.invoices ?? []).filter(
    (i) => i.kind !== InvoiceKind.CANCELLATION && i.grossCents > i.paidCents,
  );
  return { query, invoices };
}

/**
 * A payment changes its invoice (what is paid, its status), the
 * organization's balance, the lists, the accounts' rollup (paid) and the
 * audit log.
 */
const paymentChanges = [PaymentService, InvoiceService, AccountService, AuditService];

export function useRecordPayment() {
  return useChange(PaymentService.method.recordPayment, paymentChanges);
}

export function useRefundPayment() {
  return useChange(PaymentService.method.refundPayment, paymentChanges);
}

export function useReversePayment() {
  return useChange(PaymentService.method.reversePayment, paymentChanges);
}

/** A payment to record, with its cents as text: comparable, and debounced as one string. */
export interface PaymentDraft {
  invoiceId: string;
  method: "BANK_TRANSFER" | "MANUAL";
  amountCents: string;
  currency: string;
  valueDate: string;
  reference: string;
  note: string;
}

/**
 * usePaymentCheck asks the server what recording a draft (as JSON, "" for
 * none) would do to its invoice, storing nothing (validate_only). The last
 * answer stays while the next is computed; the form shows refusals at its
 * fields.
 */
export function usePaymentCheck(draftJson: string) {
  const draft = draftJson ? (JSON.parse(draftJson) as PaymentDraft) : null;
  return useQuery(
    PaymentService.method.recordPayment,
    draft ? { ...recordInput(draft), validateOnly: true } : skipToken,
    { placeholderData: keepPreviousData, retry: false, meta: { handlesErrors: true } },
  );
}

/** recordInput is the request of a draft. */
export function recordInput(draft: PaymentDraft) {
  return {
    invoiceId: draft.invoiceId,
    method: PaymentMethod[draft.method],
    amountCents: BigInt(draft.amountCents),
    currency: draft.currency,
    valueDate: draft.valueDate,
    reference: draft.reference,
    note: draft.note,
  };
}

/** useProviderEvents pages through what the provider reported about a payment, the latest first. */
export function useProviderEvents(paymentId: string, enabled = true) {
  return useInfiniteQuery(
    PaymentService.method.listProviderEvents,
    { pageSize: paymentsPageSize, pageToken: "", paymentId },
    { ...paging, enabled },
  );
}

export function useReplayProviderEvent() {
  return useChange(PaymentService.method.replayProviderEvent, paymentChanges);
}

export function useRequestProviderPayment() {
  return useChange(PaymentService.method.requestProviderPayment, paymentChanges);
}
