import { Group } from "@mantine/core";
import {
  IconArrowBackUp,
  IconCheck,
  IconClockPause,
  IconPlayerPlay,
  IconRotateClockwise,
  IconX,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Order } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { ActionButton, type ConfirmRowAction } from "@/components/row-actions/RowActions";
import { useI18n } from "@/lib/i18n/i18n";
import { useSetOrderStatus } from "../api/orders";
import type { StatusName } from "../names";
import { isClosed, needsReason, nextStatuses, statusName, statusValue } from "../status";

const icons: Record<StatusName, ReactNode> = {
  OPEN: <IconArrowBackUp size={16} />,
  IN_PROGRESS: <IconPlayerPlay size={16} />,
  WAITING_FOR_CUSTOMER: <IconClockPause size={16} />,
  DONE: <IconCheck size={16} />,
  CANCELLED: <IconX size={16} />,
};

/**
 * useStatusActions are the status changes the workflow allows from where
 * the order stands, each asking for the reason where the change needs one
 * (a refusal of the server shows in its dialog): `moves` along the work,
 * shown as buttons, and `cancel`, which ends it and so sits in the header's
 * overflow menu as destructive actions do.
 */
export function useStatusActions(order: Order): {
  moves: ConfirmRowAction[];
  cancel: ConfirmRowAction[];
} {
  const { t } = useI18n();
  const setStatus = useSetOrderStatus();
  const from = statusName(order.status);
  if (from === "UNSPECIFIED") return { moves: [], cancel: [] };
  const number = order.number.toString();

  const action = (to: StatusName): ConfirmRowAction => {
    const reopen = isClosed(from);
    const label = reopen ? t("orders.action.reopen") : t(`orders.action.${to}`);
    return {
      id: `status-${to}`,
      label,
      icon: reopen ? <IconRotateClockwise size={16} /> : icons[to],
      color: to === "CANCELLED" ? "red" : undefined,
      title: t("orders.moveTitle", { number, status: t(`orders.status.${to}`) }),
      message:
        to === "CANCELLED"
          ? t("orders.cancelHint")
          : reopen
            ? t("orders.reopenHint")
            : t("orders.moveHint"),
      confirmLabel: label,
      danger: to === "CANCELLED",
      reason: needsReason(from, to) ? "required" : "optional",
      run: ({ reason }) => setStatus.mutateAsync({ id: order.id, status: statusValue(to), reason }),
      successMessage: t("orders.moved", { number, status: t(`orders.status.${to}`) }),
    };
  };

  const next = nextStatuses(from);
  return {
    moves: next.filter((to) => to !== "CANCELLED").map(action),
    cancel: next.filter((to) => to === "CANCELLED").map(action),
  };
}

/** StatusButtons shows the moves along the work; the usual next steps are primary. */
export function StatusButtons({ moves }: { moves: ConfirmRowAction[] }) {
  return (
    <Group gap="xs">
      {moves.map((action) => (
        <ActionButton
          key={action.id}
          size="xs"
          variant={
            action.id === "status-IN_PROGRESS" || action.id === "status-DONE" ? "filled" : "default"
          }
          action={action}
        />
      ))}
    </Group>
  );
}
