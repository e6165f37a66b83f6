import {
  IconAffiliate,
  IconArrowsExchange,
  IconBriefcase,
  IconCash,
  IconDiscount,
  IconFileInvoice,
  IconFlask,
  IconFlaskOff,
  IconLink,
  IconRotateClockwise,
  IconUserCog,
  IconUserShare,
} from "@tabler/icons-react";
import { TrialStatus, type Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import type { RecordAction } from "@/components/row-actions/RecordActions";
import { ManagedBillingModal } from "@/features/accounts/components/ManagedBillingModal";
import { ResetUsageModal } from "@/features/accounts/components/ResetUsageModal";
import { EndTrialModal, ReverseTrialModal } from "@/features/accounts/components/ReverseTrialModal";
import type { WorkspaceOfAccount } from "@/features/accounts/components/AccountWorkspaces";
import { AccountDiscountModal } from "@/features/contracts/components/AccountDiscountModal";
import { ChangePlanModal } from "@/features/contracts/components/ChangePlanModal";
import { ManualInvoiceModal } from "@/features/invoices/components/ManualInvoiceModal";
import { MarkPaidModal } from "@/features/payments/components/MarkPaidModal";
import { PaymentLinkModal } from "@/features/payments/components/PaymentLinkModal";
import { WorkspaceAdminModal } from "@/features/organizations/components/WorkspaceAdminModal";
import { SetPartnerModal } from "@/features/partners/components/SetPartnerModal";
import { SetReferralModal } from "@/features/partners/components/SetReferralModal";

/**
 * The actions of an account's row menu (⋮) on Usage & billing and
 * At-risk, composed here where the areas meet: features do not import each
 * other. A new action is one entry (its dialog and the permission it
 * needs); their texts' areas are loaded by the routes (accountTexts, in
 * -texts.ts, apart: a route's loader is in the first load, its page is not).
 */
export const accountActions: readonly RecordAction<Account>[] = [
  {
    id: "discount",
    label: "contracts.discount.action",
    icon: IconDiscount,
    permission: Permission.CONTRACTS_WRITE,
    dialog: ({ record, opened, onClose }) => (
      <AccountDiscountModal account={record} opened={opened} onClose={onClose} />
    ),
  },
  {
    id: "change-plan",
    label: "contracts.changePlanAction",
    icon: IconArrowsExchange,
    permission: Permission.TIERS_CHANGE,
    dialog: ({ record, opened, onClose }) => (
      <ChangePlanModal
        organizationId={record.organizationId}
        organizationName={nameOf(record)}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
  {
    id: "reverse-trial",
    label: "accounts.action.reverseTrial",
    icon: IconFlask,
    permission: Permission.ACCOUNTS_WRITE,
    offered: (a) => !trialRuns(a),
    dialog: ({ record, opened, onClose }) => (
      <ReverseTrialModal account={record} opened={opened} onClose={onClose} />
    ),
  },
  {
    id: "end-trial",
    label: "accounts.action.endTrial",
    icon: IconFlaskOff,
    permission: Permission.ACCOUNTS_WRITE,
    offered: trialRuns,
    danger: true,
    dialog: ({ record, opened, onClose }) => (
      <EndTrialModal account={record} opened={opened} onClose={onClose} />
    ),
  },
  {
    id: "managed-billing",
    label: "accounts.action.managed",
    icon: IconBriefcase,
    permission: Permission.ACCOUNTS_WRITE,
    dialog: ({ record, opened, onClose }) => (
      <ManagedBillingModal account={record} opened={opened} onClose={onClose} />
    ),
  },
  // The offline billing of a managed account: an invoice staff issue, a
  // payment link to send, and the money received.
  {
    id: "issue-invoice",
    label: "invoices.manual.action",
    icon: IconFileInvoice,
    permission: Permission.INVOICES_WRITE,
    offered: (a) => a.managed,
    dividerBefore: true,
    dialog: ({ record, opened, onClose }) => (
      <ManualInvoiceModal
        organizationId={record.organizationId}
        organizationName={nameOf(record)}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
  {
    id: "payment-link",
    label: "payments.account.paymentLink",
    icon: IconLink,
    permission: Permission.PAYMENTS_WRITE,
    offered: (a) => a.managed,
    dialog: ({ record, opened, onClose }) => (
      <PaymentLinkModal
        organizationId={record.organizationId}
        organizationName={nameOf(record)}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
  {
    id: "mark-paid",
    label: "payments.account.markPaid",
    icon: IconCash,
    permission: Permission.PAYMENTS_WRITE,
    offered: (a) => a.managed,
    dialog: ({ record, opened, onClose }) => (
      <MarkPaidModal
        organizationId={record.organizationId}
        organizationName={nameOf(record)}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
  {
    id: "reset-usage",
    label: "accounts.action.resetUsage",
    icon: IconRotateClockwise,
    permission: Permission.ACCOUNTS_WRITE,
    dividerBefore: true,
    dialog: ({ record, opened, onClose }) => (
      <ResetUsageModal account={record} opened={opened} onClose={onClose} />
    ),
  },
  {
    id: "partner",
    label: "partners.set.action",
    icon: IconAffiliate,
    permission: Permission.ACCOUNTS_WRITE,
    dividerBefore: true,
    dialog: ({ record, opened, onClose }) => (
      <SetPartnerModal account={record} opened={opened} onClose={onClose} />
    ),
  },
  {
    id: "referral",
    label: "partners.referral.action",
    icon: IconUserShare,
    permission: Permission.ACCOUNTS_WRITE,
    dialog: ({ record, opened, onClose }) => (
      <SetReferralModal account={record} opened={opened} onClose={onClose} />
    ),
  },
];

/**
 * The actions of a workspace's row menu (⋮) in an opened account on Usage
 * & billing, composed the same way.
 */
export const workspaceActions: readonly RecordAction<WorkspaceOfAccount>[] = [
  {
    id: "change-admin",
    label: "orgs.workspaces.changeAdminAction",
    icon: IconUserCog,
    permission: Permission.ORGANIZATIONS_WRITE,
    dialog: ({ record, opened, onClose }) => (
      <WorkspaceAdminModal
        organizationId={record.account.organizationId}
        organizationName={nameOf(record.account)}
        workspaceId={record.workspace.workspaceId}
        workspaceName={record.workspace.name || record.workspace.workspaceId}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
  {
    id: "discount",
    label: "contracts.discount.action",
    icon: IconDiscount,
    permission: Permission.CONTRACTS_WRITE,
    dialog: ({ record, opened, onClose }) => (
      <AccountDiscountModal
        account={record.account}
        workspace={record.workspace}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
];

/** nameOf is what an account is called in its dialogs' titles. */
function nameOf(account: Account): string {
  return account.organizationName || account.organizationId;
}

/** trialRuns says whether a reverse trial gives the account the top tier now. */
function trialRuns(account: Account): boolean {
  return account.trial?.status === TrialStatus.ACTIVE;
}
