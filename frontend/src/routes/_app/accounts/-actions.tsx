import { IconArrowsExchange, IconDiscount } from "@tabler/icons-react";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import type { RecordAction } from "@/components/row-actions/RecordActions";
import { AccountDiscountModal } from "@/features/contracts/components/AccountDiscountModal";
import { ChangePlanModal } from "@/features/contracts/components/ChangePlanModal";

/**
 * The actions of an account's row menu (⋮) on Usage & billing and
 * At-risk, composed here where the areas meet: features do not import each
 * other. A new action is one entry (its dialog and the permission it
 * needs); their texts' areas are loaded by the routes (accountTexts).
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
        organizationName={record.organizationName || record.organizationId}
        opened={opened}
        onClose={onClose}
      />
    ),
  },
];

/** The text areas of the account pages and of their actions' dialogs. */
export const accountTexts = ["accounts", "contracts", "effects"] as const;
