import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Badge, Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconPlus } from "@tabler/icons-react";
import { ActionButton } from "@/components/row-actions/RowActions";
import { FormFailure } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateLabel, useLabels, useRetireLabel } from "../api/alerts";

/** LabelsModal lists the alert labels, adds one at the end and retires one. */
export function LabelsModal({ opened, onClose }: DialogProps) {
  const { t } = useI18n();
  return (
    <FormModal opened={opened} onClose={onClose} title={t("alerts.labels.title")} size="lg">
      <Labels />
    </FormModal>
  );
}

function Labels() {
  const { t, formatDate } = useI18n();
  const labels = useLabels();
  const retire = useRetireLabel();
  return (
    <Stack gap="md">
      <Text fz="sm" c="dimmed">
        {t("alerts.labels.hint")}
      </Text>
      <Table verticalSpacing={6} data-testid="labels">
        <Table.Tbody>
          {(labels.data?.labels ?? []).map((label) => (
            <Table.Tr key={label.id} data-label={label.name}>
              <Table.Td>
                <Text fz="sm" c={label.retireTime ? "dimmed" : undefined}>
                  {label.name}
                </Text>
              </Table.Td>
              <Table.Td w={200} ta="right">
                {label.retireTime ? (
                  <Badge variant="light" color="gray">
                    {t("alerts.labels.retired")} {formatDate(timestampDate(label.retireTime))}
                  </Badge>
                ) : (
                  <ActionButton
                    size="xs"
                    variant="subtle"
                    color="red"
                    action={{
                      id: `retire-${label.id}`,
                      label: t("alerts.labels.retire"),
                      icon: <IconArchive size={14} />,
                      color: "red",
                      title: t("alerts.labels.retireTitle", { name: label.name }),
                      message: t("alerts.labels.retireHint"),
                      confirmLabel: t("alerts.labels.retire"),
                      danger: true,
                      reason: "none",
                      run: () => retire.mutateAsync({ id: label.id }),
                      successMessage: t("alerts.labels.retiredDone", { name: label.name }),
                    }}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AddLabelForm />
    </Stack>
  );
}

function AddLabelForm() {
  const { t } = useI18n();
  const create = useCreateLabel();
  const form = useForm({
    initialValues: { name: "" },
    validate: { name: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const name = values.name.trim();
      await create.mutateAsync({ name });
      notifications.show({ color: "teal", message: t("alerts.labels.added", { name }) });
      form.reset();
    } catch (error) {
      showFailure(error, ["name"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t("alerts.labels.name")}
            maxLength={100}
            style={{ flex: 1 }}
            {...form.getInputProps("name")}
          />
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={create.isPending}>
            {t("alerts.labels.add")}
          </Button>
        </Group>
        <FormFailure failure={failure} />
      </Stack>
    </form>
  );
}
