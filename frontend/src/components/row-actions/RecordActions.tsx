import type { Icon } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import type { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { hasPermission, useCaller } from "@/lib/auth";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { RowActions } from "./RowActions";

/**
 * RecordAction is one entry of a record's action menu that opens a dialog
 * of its own for the record, e.g. "Discount…" on an account. Adding an
 * action to a menu is one more entry in its list.
 */
export interface RecordAction<T> {
  id: string;
  label: MessageKey;
  icon?: Icon;
  /** Only callers who hold this permission see the action. */
  permission: Permission;
  /**
   * Only records for which this holds offer the action (an account with a
   * running trial offers to end it); every record when absent.
   */
  offered?: (record: T) => boolean;
  /** A line above it, where a group of actions begins. */
  dividerBefore?: boolean;
  /** Shown red, for actions that take something away. */
  danger?: boolean;
  /** The action's dialog for the record, mounted while it is open. */
  dialog: (props: { record: T; opened: boolean; onClose: () => void }) => ReactNode;
}

/**
 * RecordActions is the row menu (⋮) of a record whose actions are declared
 * as a list (RecordAction): each the caller may take is an item, which
 * opens its dialog. Renders nothing when the caller may take none.
 */
export function RecordActions<T>({
  record,
  label,
  actions,
}: {
  record: T;
  /** What the record is called, for the menu's name: "Actions: Acme GmbH". */
  label: string;
  actions: readonly RecordAction<T>[];
}) {
  const { t } = useI18n();
  const caller = useCaller();
  const [open, setOpen] = useState<string | null>(null);
  const active = actions.find((a) => a.id === open);
  return (
    <>
      <RowActions
        label={label}
        actions={actions.map((a) => ({
          id: a.id,
          label: t(a.label),
          icon: a.icon ? <a.icon size={16} /> : undefined,
          color: a.danger ? "red" : undefined,
          hidden: !hasPermission(caller, a.permission) || (a.offered ? !a.offered(record) : false),
          dividerBefore: a.dividerBefore,
          onSelect: () => setOpen(a.id),
        }))}
      />
      {active?.dialog({ record, opened: true, onClose: () => setOpen(null) })}
    </>
  );
}
