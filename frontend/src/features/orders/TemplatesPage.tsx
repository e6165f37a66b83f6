import { timestampDate } from "@bufbuild/protobuf/wkt";
import { ActionIcon, Alert, Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { randomId } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconArrowDown,
  IconArrowUp,
  IconInfoCircle,
  IconListCheck,
  IconPencil,
  IconPlus,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import type { ProcessTemplate } from "@leitstand/sdk/leitstand/admin/v1/process_template_service_pb.js";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { RowActions } from "@/components/row-actions/RowActions";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { useFormFailure } from "@/lib/forms";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import {
  useCreateTemplate,
  useDeleteTemplate,
  useProcessTemplates,
  useUpdateTemplate,
} from "./api/orders";
import { moveItem } from "./time";

/**
 * TemplatesPage lists the process templates (the checklists put on orders)
 * and, for those who may, creates, edits and deletes them. A process on an
 * order is a copy: the page says that editing a template leaves them be.
 */
export function TemplatesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const canWrite = usePermission(Permission.ORDERS_WRITE);
  const list = useProcessTemplates();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<ProcessTemplate | "new" | null>(null);
  const rows = list.data?.processTemplates ?? [];

  const columns = useMemo(() => {
    const cols = templateColumns(i18n);
    if (!canWrite) return cols;
    return [
      ...cols,
      actionsColumn<ProcessTemplate>((tpl) => (
        <RowActions
          label={tpl.name}
          actions={[
            {
              id: "edit",
              label: t("orders.templates.edit"),
              icon: <IconPencil size={16} />,
              onSelect: () => setEditing(tpl),
            },
            {
              id: "delete",
              label: t("orders.templates.delete"),
              icon: <IconTrash size={16} />,
              color: "red",
              dividerBefore: true,
              title: t("orders.templates.deleteTitle", { name: tpl.name }),
              message: t("orders.templates.deleteHint"),
              confirmLabel: t("orders.templates.delete"),
              danger: true,
              reason: "none",
              run: () => remove.mutateAsync({ id: tpl.id }),
              successMessage: t("orders.templates.deleted", { name: tpl.name }),
            },
          ]}
        />
      )),
    ];
  }, [i18n, t, canWrite, remove]);

  return (
    <>
      <PageHeader
        title={t("orders.templates.title")}
        description={t("orders.templates.description")}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              {t("orders.templates.new")}
            </Button>
          )
        }
      />
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} mb="md">
        {t("orders.templates.copyNotice")}
      </Alert>
      <Group justify="flex-end" mb="sm">
        <SavedViews page="templates" />
      </Group>
      <DataTable
        view="templates"
        label={t("orders.templates.title")}
        columns={columns}
        rows={rows}
        rowKey={(tpl) => tpl.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        onRowClick={canWrite ? (tpl) => setEditing(tpl) : undefined}
        empty={
          <ListEmptyState
            icon={<IconListCheck size={22} />}
            filtered={false}
            title={t("orders.templates.empty")}
            onClearFilters={() => undefined}
          />
        }
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={
          editing === "new" || editing === null
            ? t("orders.templates.createTitle")
            : t("orders.templates.editTitle", { name: editing.name })
        }
      >
        {editing !== null && (
          <TemplateForm
            template={editing === "new" ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </FormModal>
    </>
  );
}

function templateColumns(i18n: I18n): Column<ProcessTemplate>[] {
  const { t, formatDate } = i18n;
  return [
    {
      id: "name",
      header: t("orders.templates.col.name"),
      cell: (tpl) => (
        <Stack gap={0}>
          <Text fz="sm" fw={500}>
            {tpl.name}
          </Text>
          {tpl.description && (
            <Text fz="xs" c="dimmed" lineClamp={1}>
              {tpl.description}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: "steps",
      header: t("orders.templates.col.steps"),
      width: 110,
      keepOnMobile: true,
      cell: (tpl) => t("orders.templates.stepCount", { count: tpl.steps.length }),
    },
    {
      id: "updated",
      header: t("orders.templates.col.updated"),
      width: 130,
      hideOnMobile: true,
      cell: (tpl) => (tpl.updateTime ? formatDate(timestampDate(tpl.updateTime)) : "—"),
    },
  ];
}

interface StepValue {
  /** Keeps a step's input while steps move. */
  key: string;
  title: string;
}

const step = (title: string): StepValue => ({ key: randomId(), title });

/** TemplateForm creates a template, or changes the fields of one that were changed. */
function TemplateForm({ template, onDone }: { template?: ProcessTemplate; onDone: () => void }) {
  const { t } = useI18n();
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const form = useForm({
    initialValues: {
      name: template?.name ?? "",
      description: template?.description ?? "",
      steps: template ? template.steps.map((title) => step(title)) : [step("")],
    },
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      steps: (v) =>
        v.filter((s) => s.title.trim() !== "").length === 0
          ? t("orders.templates.stepsRequired")
          : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const steps = form.values.steps;

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      name: values.name.trim(),
      description: values.description.trim(),
      steps: values.steps.map((s) => s.title.trim()).filter((s) => s !== ""),
    };
    try {
      if (!template) {
        await create.mutateAsync({ processTemplate: fields });
        notifications.show({
          color: "teal",
          message: t("orders.templates.created", { name: fields.name }),
        });
      } else {
        const paths = [
          fields.name !== template.name && "name",
          fields.description !== template.description && "description",
          fields.steps.join("\n") !== template.steps.join("\n") && "steps",
        ].filter((p): p is string => p !== false);
        if (paths.length > 0) {
          await update.mutateAsync({
            processTemplate: { id: template.id, ...fields },
            updateMask: { paths },
          });
          notifications.show({
            color: "teal",
            message: t("orders.templates.saved", { name: fields.name }),
          });
        }
      }
      onDone();
    } catch (error) {
      showFailure(error, ["name", "description", "steps"], {
        "processTemplate.name": "name",
        "processTemplate.description": "description",
        "processTemplate.steps": "steps",
      });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("orders.templates.field.name")}
          withAsterisk
          maxLength={100}
          data-autofocus
          {...form.getInputProps("name")}
        />
        <Textarea
          label={t("orders.templates.field.description")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          {...form.getInputProps("description")}
        />
        <Stack gap={6} role="group" aria-label={t("orders.templates.field.steps")}>
          <Text fz="sm" fw={500}>
            {t("orders.templates.field.steps")}
          </Text>
          {steps.map((s, index) => {
            const number = index + 1;
            return (
              <Group key={s.key} gap={4} wrap="nowrap">
                <Text fz="sm" c="dimmed" w={24} ta="right" className="tabular-nums">
                  {number}.
                </Text>
                <TextInput
                  aria-label={t("orders.templates.field.step", { number })}
                  maxLength={200}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`steps.${index}.title`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === 0}
                  aria-label={t("orders.templates.moveUp", { number })}
                  onClick={() => form.setFieldValue("steps", moveItem(steps, index, -1))}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={index === steps.length - 1}
                  aria-label={t("orders.templates.moveDown", { number })}
                  onClick={() => form.setFieldValue("steps", moveItem(steps, index, 1))}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={steps.length === 1}
                  aria-label={t("orders.templates.removeStep", { number })}
                  onClick={() => form.removeListItem("steps", index)}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          {typeof form.errors.steps === "string" && (
            <Text fz="xs" c="red">
              {form.errors.steps}
            </Text>
          )}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={steps.length >= 50}
              onClick={() => form.insertListItem("steps", step(""))}
            >
              {t("orders.templates.addStep")}
            </Button>
          </Group>
        </Stack>
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: template ? t("common.save") : t("orders.templates.new"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
