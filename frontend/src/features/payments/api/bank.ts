import { useInfiniteQuery, useMutation } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  BankLineStatus,
  BankStatementService,
} from "@leitstand/sdk/leitstand/admin/v1/bank_statement_service_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { useChange } from "@/lib/queries";

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** useBankStatements pages through the imported statements, the latest import first. */
export function useBankStatements() {
  return useInfiniteQuery(
    BankStatementService.method.listBankStatements,
    { pageSize: 50, pageToken: "" },
    paging,
  );
}

/** useWaitingBankLines pages through the entries waiting for staff, across all statements. */
export function useWaitingBankLines() {
  return useInfiniteQuery(
    BankStatementService.method.listBankLines,
    { pageSize: 50, pageToken: "", statuses: [BankLineStatus.UNMATCHED] },
    paging,
  );
}

/**
 * An import, an assignment or an entry set aside records payments: they
 * change the statements, the payments, their invoices and the audit log.
 */
const bankChanges = [BankStatementService, PaymentService, InvoiceService, AuditService];

/** useCheckBankStatement asks what importing a file would do (validate_only); it stores nothing. */
export function useCheckBankStatement() {
  return useMutation(BankStatementService.method.importBankStatement, {
    meta: { handlesErrors: true },
  });
}

export function useImportBankStatement() {
  return useChange(BankStatementService.method.importBankStatement, bankChanges);
}

export function useAssignBankLine() {
  return useChange(BankStatementService.method.assignBankLine, bankChanges);
}

export function useIgnoreBankLine() {
  return useChange(BankStatementService.method.ignoreBankLine, bankChanges);
}
