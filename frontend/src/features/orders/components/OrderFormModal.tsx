import { Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { DateInput, DatesProvider } from "@mantine/dates";
import "@mantine/dates/styles.layer.css";
import "dayjs/locale/de";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import type { Order } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useCreateOrder,
  useOrderSubjects,
  useOrganizationChoices,
  useStaff,
  useUpdateOrder,
} from "../api/orders";
import { kindNames, priorityNames, type KindName, type PriorityName } from "../names";
import { kindName, kindValue, priorityName, priorityValue } from "../status";

interface Values {
  organizationId: string;
  workspaceId: string;
  serviceInstanceId: string;
  title: string;
  description: string;
  kind: KindName | "";
  priority: PriorityName;
  assigneeId: string;
  dueDate: string | null;
}

/** The form's fields that UpdateOrder's update_mask names, with their paths. */
const maskPaths = {
  title: "title",
  description: "description",
  kind: "kind",
  priority: "priority",
  assigneeId: "assignee_id",
  dueDate: "due_date",
  workspaceId: "workspace_id",
  serviceInstanceId: "service_instance_id",
} as const satisfies Partial<Record<keyof Values, string>>;

/**
 * CreateOrderModal opens an order: for an organization (organizationId
 * fixes it, on the organization's page), optionally about one of its
 * workspaces and services.
 */
export function CreateOrderModal({
  organizationId,
  ...dialog
}: DialogProps & { organizationId?: string }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("orders.createTitle")} size="lg">
      <OrderForm organizationId={organizationId} onDone={dialog.onClose} />
    </FormModal>
  );
}

/** EditOrderModal changes an order's fields; only the changed ones are sent. */
export function EditOrderModal({ order, ...dialog }: DialogProps & { order: Order }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={t("orders.editTitle", { number: order.number.toString() })}
      size="lg"
    >
      <OrderForm order={order} onDone={dialog.onClose} />
    </FormModal>
  );
}

function OrderForm({
  order,
  organizationId,
  onDone,
}: {
  order?: Order;
  organizationId?: string;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const create = useCreateOrder();
  const update = useUpdateOrder();
  const initial: Values = order
    ? {
        organizationId: order.organizationId,
        workspaceId: order.workspaceId,
        serviceInstanceId: order.serviceInstanceId,
        title: order.title,
        description: order.description,
        kind: kindName(order.kind) === "UNSPECIFIED" ? "" : (kindName(order.kind) as KindName),
        priority:
          priorityName(order.priority) === "UNSPECIFIED"
            ? "NORMAL"
            : (priorityName(order.priority) as PriorityName),
        assigneeId: order.assigneeId,
        dueDate: order.dueDate || null,
      }
    : {
        organizationId: organizationId ?? "",
        workspaceId: "",
        serviceInstanceId: "",
        title: "",
        description: "",
        kind: "",
        priority: "NORMAL",
        assigneeId: "",
        dueDate: null,
      };
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      organizationId: (v) => (v === "" ? t("validation.required") : null),
      title: (v) => (v.trim() === "" ? t("validation.required") : null),
      kind: (v) => (v === "" ? t("validation.required") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const orgs = useOrganizationChoices(true, !order && !organizationId);
  const staff = useStaff();
  const { workspaces, services } = useOrderSubjects(form.values.organizationId);
  const serviceOptions = (services.data?.serviceInstances ?? [])
    .filter((s) => form.values.workspaceId === "" || s.workspaceId === form.values.workspaceId)
    .map((s) => ({ value: s.id, label: s.name }));
  // The order's own service and assignee stay choosable when the lists
  // cannot be read or no longer hold them.
  if (
    order?.serviceInstanceId &&
    !serviceOptions.some((o) => o.value === order.serviceInstanceId)
  ) {
    serviceOptions.push({ value: order.serviceInstanceId, label: order.serviceInstanceName });
  }
  const staffOptions = (staff.data?.members ?? []).map((m) => ({
    value: m.id,
    label: m.displayName || m.email,
  }));
  if (order?.assigneeId && !staffOptions.some((o) => o.value === order.assigneeId)) {
    staffOptions.push({ value: order.assigneeId, label: order.assigneeName });
  }

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      title: values.title.trim(),
      description: values.description.trim(),
      kind: kindValue(values.kind as KindName),
      priority: priorityValue(values.priority),
      assigneeId: values.assigneeId,
      dueDate: values.dueDate ?? "",
      workspaceId: values.workspaceId,
      serviceInstanceId: values.serviceInstanceId,
    };
    try {
      if (!order) {
        const res = await create.mutateAsync({ organizationId: values.organizationId, ...fields });
        const created = res.order!;
        notifications.show({
          color: "teal",
          message: t("orders.created", { number: created.number.toString() }),
        });
        onDone();
        void navigate({ to: "/orders/$orderId", params: { orderId: created.id } });
        return;
      }
      const before = { ...initial, dueDate: initial.dueDate ?? "" };
      const after = {
        ...values,
        title: fields.title,
        description: fields.description,
        dueDate: fields.dueDate,
      };
      const paths = (Object.keys(maskPaths) as (keyof typeof maskPaths)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => maskPaths[k]);
      if (paths.length > 0) {
        await update.mutateAsync({
          order: { id: order.id, ...fields },
          updateMask: { paths },
        });
        notifications.show({ color: "teal", message: t("orders.updated") });
      }
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });

  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!order && !organizationId && (
            <Select
              label={t("orders.field.organization")}
              withAsterisk
              searchable
              data-autofocus
              data={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("organizationId")}
              onChange={(value) => {
                form.setFieldValue("organizationId", value ?? "");
                form.setFieldValue("workspaceId", "");
                form.setFieldValue("serviceInstanceId", "");
              }}
            />
          )}
          <TextInput
            label={t("orders.field.title")}
            withAsterisk
            maxLength={200}
            data-autofocus={order || organizationId ? true : undefined}
            {...form.getInputProps("title")}
          />
          <Textarea
            label={t("orders.field.description")}
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps("description")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t("orders.field.kind")}
              withAsterisk
              data={kindNames.map((k) => ({ value: k, label: t(`orders.kind.${k}`) }))}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("kind")}
              onChange={(value) => form.setFieldValue("kind", (value ?? "") as KindName | "")}
            />
            <Select
              label={t("orders.field.priority")}
              allowDeselect={false}
              data={priorityNames.map((p) => ({ value: p, label: t(`orders.priority.${p}`) }))}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("priority")}
              onChange={(value) => value && form.setFieldValue("priority", value as PriorityName)}
            />
            <Select
              label={t("orders.field.workspace")}
              description={t("orders.workspaceHint")}
              clearable
              disabled={form.values.organizationId === ""}
              data={(workspaces.data?.workspaces ?? []).map((w) => ({
                value: w.id,
                label: w.name,
              }))}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("workspaceId")}
              // Empty is none: no clear button, the placeholder shows.
              value={form.values.workspaceId || null}
              onChange={(value) => {
                form.setFieldValue("workspaceId", value ?? "");
                form.setFieldValue("serviceInstanceId", "");
              }}
            />
            <Select
              label={t("orders.field.service")}
              description={t("orders.serviceHint")}
              clearable
              searchable
              disabled={form.values.organizationId === ""}
              data={serviceOptions}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("serviceInstanceId")}
              value={form.values.serviceInstanceId || null}
              onChange={(value) => {
                form.setFieldValue("serviceInstanceId", value ?? "");
                // A service runs in one workspace: the order is about that one too.
                const svc = services.data?.serviceInstances.find((s) => s.id === value);
                if (svc) form.setFieldValue("workspaceId", svc.workspaceId);
              }}
            />
            <Select
              label={t("orders.field.assignee")}
              clearable
              searchable
              placeholder={t("orders.nobody")}
              data={staffOptions}
              nothingFoundMessage={t("search.nothingFound")}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("assigneeId")}
              value={form.values.assigneeId || null}
              onChange={(value) => form.setFieldValue("assigneeId", value ?? "")}
            />
            <DateInput
              label={t("orders.field.dueDate")}
              placeholder={t("orders.dueDatePlaceholder")}
              clearable
              valueFormat={locale === "de" ? "DD.MM.YYYY" : "D MMM YYYY"}
              popoverProps={{ withinPortal: true }}
              {...form.getInputProps("dueDate")}
            />
          </SimpleGrid>
          <FormFooter
            failure={failure}
            onCancel={onDone}
            submit={{
              label: order ? t("common.save") : t("orders.new"),
              loading: create.isPending || update.isPending,
            }}
          />
        </Stack>
      </form>
    </DatesProvider>
  );
}
