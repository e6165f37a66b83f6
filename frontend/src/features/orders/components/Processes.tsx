import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconListCheck, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type {
  OrderProcess,
  ProcessStep,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { ActionButton } from "@/components/row-actions/RowActions";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { Section } from "@/components/ui/Section";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useAddProcess,
  useProcesses,
  useProcessTemplates,
  useRemoveProcess,
  useSetProcessStep,
} from "../api/orders";
import { progress } from "../time";

/**
 * Processes are an order's checklists, each with its steps and how far it
 * got; those who may tick steps (with who and when), add a process from a
 * template and remove one. A closed order's steps are shown, not changed.
 */
export function Processes({
  orderId,
  canWrite,
  closed,
}: {
  orderId: string;
  canWrite: boolean;
  closed: boolean;
}) {
  const { t } = useI18n();
  const list = useProcesses(orderId);
  const [adding, setAdding] = useState(false);
  const processes = list.data?.processes ?? [];
  return (
    <Section
      title={t("orders.processes")}
      actions={
        canWrite &&
        !closed && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setAdding(true)}
          >
            {t("orders.process.add")}
          </Button>
        )
      }
    >
      {processes.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {list.isPending ? "…" : t("orders.processesEmpty")}
        </Text>
      ) : (
        <Stack gap="md" data-testid="processes">
          {closed && canWrite && (
            <Text fz="xs" c="dimmed">
              {t("orders.process.closedHint")}
            </Text>
          )}
          {processes.map((p) => (
            <ProcessCard key={p.id} orderId={orderId} process={p} canWrite={canWrite && !closed} />
          ))}
        </Stack>
      )}
      <AddProcessModal opened={adding} onClose={() => setAdding(false)} orderId={orderId} />
    </Section>
  );
}

function ProcessCard({
  orderId,
  process,
  canWrite,
}: {
  orderId: string;
  process: OrderProcess;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const remove = useRemoveProcess();
  const { done, total } = progress(process.steps);
  return (
    <Paper withBorder p="md" data-process={process.name} aria-label={process.name} role="group">
      <Group justify="space-between" gap="sm" mb="xs" wrap="nowrap">
        <Group gap="sm">
          <IconListCheck size={18} />
          <Title order={4} fz="md">
            {process.name}
          </Title>
          <Badge
            variant="light"
            color={total > 0 && done === total ? "teal" : "gray"}
            data-testid="progress"
          >
            {done}/{total}
          </Badge>
        </Group>
        {canWrite && (
          <ActionButton
            size="xs"
            variant="subtle"
            action={{
              id: "remove-process",
              label: t("orders.process.remove"),
              icon: <IconTrash size={14} />,
              color: "red",
              title: t("orders.process.removeTitle", { name: process.name }),
              message: t("orders.process.removeHint"),
              confirmLabel: t("orders.process.remove"),
              danger: true,
              reason: "none",
              run: () => remove.mutateAsync({ orderId, processId: process.id }),
              successMessage: t("orders.process.removed", { name: process.name }),
            }}
          />
        )}
      </Group>
      <Progress
        value={total === 0 ? 0 : (done / total) * 100}
        size="sm"
        color="teal"
        mb={4}
        aria-label={t("orders.process.progress", { done, total })}
      />
      <Text fz="xs" c="dimmed" mb="sm">
        {t("orders.process.progress", { done, total })}
      </Text>
      <Stack gap={6}>
        {process.steps.map((step) => (
          <Step key={step.id} orderId={orderId} step={step} canWrite={canWrite} />
        ))}
      </Stack>
    </Paper>
  );
}

function Step({
  orderId,
  step,
  canWrite,
}: {
  orderId: string;
  step: ProcessStep;
  canWrite: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const set = useSetProcessStep();
  const done = step.doneTime !== undefined;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-step={step.title} data-done={done}>
      <Checkbox
        checked={done}
        disabled={!canWrite || set.isPending}
        onChange={(e) => set.mutate({ orderId, stepId: step.id, done: e.currentTarget.checked })}
        label={step.title}
        description={
          done
            ? t("orders.process.doneBy", {
                who: step.doneByEmail || "—",
                when: formatDateTime(timestampDate(step.doneTime!)),
              })
            : undefined
        }
        styles={{
          // Read-only steps stay readable: only the box shows they cannot be ticked.
          label: {
            textDecoration: done ? "line-through" : undefined,
            color: canWrite ? undefined : "var(--mantine-color-text)",
            cursor: canWrite ? undefined : "default",
          },
          description: canWrite ? undefined : { color: "var(--mantine-color-dimmed)" },
        }}
      />
    </Group>
  );
}

function AddProcessModal({ opened, onClose, orderId }: DialogProps & { orderId: string }) {
  const { t } = useI18n();
  return (
    <FormModal opened={opened} onClose={onClose} title={t("orders.process.addTitle")}>
      <AddProcessForm orderId={orderId} onDone={onClose} />
    </FormModal>
  );
}

function AddProcessForm({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const { t } = useI18n();
  const templates = useProcessTemplates();
  const add = useAddProcess();
  const form = useForm({
    initialValues: { templateId: "" },
    validate: { templateId: (v) => (v === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const options = (templates.data?.processTemplates ?? []).map((tpl) => ({
    value: tpl.id,
    label: `${tpl.name} (${t("orders.templates.stepCount", { count: tpl.steps.length })})`,
  }));
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const res = await add.mutateAsync({ orderId, templateId: values.templateId });
      notifications.show({
        color: "teal",
        message: t("orders.process.added", { name: res.process?.name ?? "" }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["templateId"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Select
          label={t("orders.process.template")}
          description={t("orders.process.templateHint")}
          withAsterisk
          searchable
          data-autofocus
          data={options}
          nothingFoundMessage={t("orders.process.noTemplates")}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("templateId")}
          value={form.values.templateId || null}
          onChange={(value) => form.setFieldValue("templateId", value ?? "")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("orders.process.add"), loading: add.isPending }}
        />
      </Stack>
    </form>
  );
}
