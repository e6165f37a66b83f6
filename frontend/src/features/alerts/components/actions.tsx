import { Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconClipboardPlus, IconEye } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import type { Alert } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import type { RowAction } from "@/components/row-actions/RowActions";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { Permission, usePermission } from "@/lib/auth";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useAcknowledgeAlert, useCreateOrderFromAlert, useResolveAlert } from "../api/alerts";
import { alertMoves, statusName } from "../status";

/**
 * useAlertActions are what staff may do with alerts where they stand:
 * acknowledge, resolve (opens `onResolve`'s dialog for the resolution) and
 * turn one into a support order, which the page then opens.
 */
export function useAlertActions(onResolve: (alert: Alert) => void) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const canWrite = usePermission(Permission.ALERTS_WRITE);
  const canOrder = usePermission(Permission.ORDERS_WRITE);
  const acknowledge = useAcknowledgeAlert();
  const createOrder = useCreateOrderFromAlert();
  return (alert: Alert): RowAction[] => {
    if (!canWrite) return [];
    const moves = alertMoves(statusName(alert.status), alert.orderId !== "");
    const names = { label: alert.labelName, organization: alert.organizationName };
    return [
      {
        id: "create-order",
        label: t("alerts.action.createOrder"),
        icon: <IconClipboardPlus size={16} />,
        hidden: !moves.createOrder || !canOrder,
        title: t("alerts.action.createOrderTitle", names),
        message: t("alerts.action.createOrderHint", names),
        confirmLabel: t("alerts.action.createOrder"),
        reason: "none",
        run: async () => {
          const res = await createOrder.mutateAsync({ id: alert.id, assigneeId: "" });
          const order = res.order!;
          notifications.show({
            color: "teal",
            message: t("alerts.action.orderCreated", { number: order.number.toString() }),
          });
          void navigate({ to: "/orders/$orderId", params: { orderId: order.id } });
        },
      },
      {
        id: "acknowledge",
        label: t("alerts.action.acknowledge"),
        icon: <IconEye size={16} />,
        hidden: !moves.acknowledge,
        title: t("alerts.action.acknowledgeTitle", names),
        message: t("alerts.action.acknowledgeHint"),
        confirmLabel: t("alerts.action.acknowledge"),
        reason: "none",
        run: () => acknowledge.mutateAsync({ id: alert.id }),
        successMessage: t("alerts.action.acknowledged"),
      },
      {
        id: "resolve",
        label: t("alerts.action.resolve"),
        icon: <IconCheck size={16} />,
        hidden: !moves.resolve,
        onSelect: () => onResolve(alert),
      },
    ];
  };
}

/** ResolveAlertModal closes an alert with what was done. */
export function ResolveAlertModal({
  alert,
  onClose,
}: {
  alert: Alert | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      opened={alert !== null}
      onClose={onClose}
      title={
        alert
          ? t("alerts.action.resolveTitle", {
              label: alert.labelName,
              organization: alert.organizationName,
            })
          : ""
      }
    >
      {alert && <ResolveForm alert={alert} onDone={onClose} />}
    </FormModal>
  );
}

function ResolveForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const { t } = useI18n();
  const resolve = useResolveAlert();
  const form = useForm({
    initialValues: { resolution: "" },
    validate: { resolution: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await resolve.mutateAsync({ id: alert.id, resolution: values.resolution.trim() });
      notifications.show({ color: "teal", message: t("alerts.action.resolved") });
      onDone();
    } catch (error) {
      showFailure(error, ["resolution"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Textarea
          label={t("alerts.action.resolution")}
          description={t("alerts.action.resolutionHint")}
          withAsterisk
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps("resolution")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("alerts.action.resolve"), loading: resolve.isPending }}
        />
      </Stack>
    </form>
  );
}
