import { Button, Code, Group, PasswordInput, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconEye, IconKey, IconTrash } from "@tabler/icons-react";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useState } from "react";
import type {
  ServiceCredential,
  ServiceInstance,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { RowActions } from "@/components/row-actions/RowActions";
import { CopyButton } from "@/components/ui/CopyButton";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { Section } from "@/components/ui/Section";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useCredentials,
  useDeleteCredential,
  useRevealCredential,
  useSetCredential,
} from "../api/services";

/**
 * CredentialsSection lists a service's credentials by name. Staff who may
 * change the service set and delete them; those who may reveal credentials
 * see a value once, with a reason.
 */
export function CredentialsSection({
  service,
  canWrite,
  canReveal,
}: {
  service: ServiceInstance;
  canWrite: boolean;
  canReveal: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const credentials = useCredentials(service.id);
  const remove = useDeleteCredential();
  const [setting, setSetting] = useState(false);
  const [revealing, setRevealing] = useState<string | null>(null);
  const rows = credentials.data?.serviceCredentials ?? [];

  return (
    <Section
      title={t("services.credentials")}
      actions={
        canWrite ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconKey size={14} />}
            onClick={() => setSetting(true)}
          >
            {t("services.credentials.set")}
          </Button>
        ) : undefined
      }
    >
      {rows.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t("services.credentials.empty")}
        </Text>
      ) : (
        <Table data-testid="credentials">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("services.credentials.name")}</Table.Th>
              <Table.Th>{t("services.credentials.updated")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c: ServiceCredential) => (
              <Table.Tr key={c.name}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td c="dimmed" fz="sm">
                  {c.updateTime ? formatDateTime(timestampDate(c.updateTime)) : ""}
                  {c.updatedByEmail ? ` · ${c.updatedByEmail}` : ""}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {canReveal && (
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconEye size={14} />}
                        onClick={() => setRevealing(c.name)}
                        aria-label={`${t("services.credentials.reveal")}: ${c.name}`}
                      >
                        {t("services.credentials.reveal")}
                      </Button>
                    )}
                    <RowActions
                      label={c.name}
                      actions={[
                        {
                          id: "delete",
                          label: t("services.credentials.delete"),
                          icon: <IconTrash size={16} />,
                          color: "red",
                          hidden: !canWrite,
                          danger: true,
                          title: t("services.credentials.delete"),
                          message: t("services.credentials.deleteConfirm", { name: c.name }),
                          confirmLabel: t("services.credentials.delete"),
                          reason: "none",
                          run: () =>
                            remove.mutateAsync({ serviceInstanceId: service.id, name: c.name }),
                          successMessage: t("services.credentials.deleted", { name: c.name }),
                        },
                      ]}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal
        opened={setting}
        onClose={() => setSetting(false)}
        title={t("services.credentials.setTitle", { name: service.name })}
      >
        <SetCredentialForm serviceId={service.id} onDone={() => setSetting(false)} />
      </FormModal>
      <RevealCredentialModal
        opened={revealing !== null}
        onClose={() => setRevealing(null)}
        serviceId={service.id}
        name={revealing ?? ""}
      />
    </Section>
  );
}

function SetCredentialForm({ serviceId, onDone }: { serviceId: string; onDone: () => void }) {
  const { t } = useI18n();
  const set = useSetCredential();
  const form = useForm({
    initialValues: { name: "", value: "" },
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      value: (v) => (v === "" ? t("validation.required") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const name = values.name.trim();
      await set.mutateAsync({ serviceInstanceId: serviceId, name, value: values.value });
      notifications.show({ color: "teal", message: t("services.credentials.saved", { name }) });
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("services.credentials.setHint")}</Text>
        <TextInput
          label={t("services.credentials.name")}
          withAsterisk
          data-autofocus
          maxLength={100}
          {...form.getInputProps("name")}
        />
        <PasswordInput
          label={t("services.credentials.value")}
          withAsterisk
          autoComplete="new-password"
          {...form.getInputProps("value")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("services.credentials.set"), loading: set.isPending }}
        />
      </Stack>
    </form>
  );
}

/**
 * RevealCredentialModal asks for the reason, then shows the value once with
 * a copy button. The value lives only in the dialog's state: closing the
 * dialog unmounts its content and so forgets it.
 */
export function RevealCredentialModal({
  serviceId,
  name,
  ...dialog
}: DialogProps & { serviceId: string; name: string }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("services.credentials.revealTitle", { name })}>
      <RevealForm serviceId={serviceId} name={name} onDone={dialog.onClose} />
    </FormModal>
  );
}

function RevealForm({
  serviceId,
  name,
  onDone,
}: {
  serviceId: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const reveal = useRevealCredential();
  const [value, setValue] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const close = () => {
    setValue(null);
    onDone();
  };
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    setPending(true);
    try {
      setValue(await reveal(serviceId, name, values.reason.trim()));
    } catch (error) {
      showFailure(error, fieldPaths(values));
    } finally {
      setPending(false);
    }
  });
  if (value !== null) {
    return (
      <Stack gap="md">
        <Text fz="sm">{t("services.credentials.revealValue")}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid="credential-value" style={{ overflowWrap: "anywhere" }}>
            {value}
          </Code>
          <CopyButton value={value} label={name} />
        </Group>
        <Group justify="flex-end">
          <Button onClick={close}>{t("common.close")}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("services.credentials.revealHint")}</Text>
        <ReasonField required data-autofocus {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={close}
          submit={{ label: t("services.credentials.reveal"), loading: pending }}
        />
      </Stack>
    </form>
  );
}
