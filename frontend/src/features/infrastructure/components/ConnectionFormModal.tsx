import { Code, ConnectError } from "@connectrpc/connect";
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlugConnected } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type {
  Connection,
  TestConnectionResponse,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { FormActions } from "@/components/ui/FormActions";
import { formErrors } from "@/lib/forms";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { useCreateConnection, useTestConnection, useUpdateConnection } from "../api/connections";
import { connectionKinds, providerKey } from "../labels";
import { TestResult } from "./TestResult";

export interface ConnectionFormValues {
  name: string;
  kind: string;
  endpoint: string;
  insecure: boolean;
  token: string;
  username: string;
  password: string;
}

type Secret = "token" | "username" | "password";

/** What a kind of connection asks for, with placeholders and help in the interface's words. */
interface KindFields {
  endpoint: "required" | "optional";
  endpointPlaceholder: string;
  endpointHelp: MessageKey;
  insecure: boolean;
  secrets: { field: Secret; label: MessageKey; placeholder: string; help?: MessageKey }[];
}

export const kindFields: Partial<Record<ProviderKind, KindFields>> = {
  [ProviderKind.PROXMOX]: {
    endpoint: "required",
    endpointPlaceholder: "https://pve.example.com:8006",
    endpointHelp: "connections.help.proxmoxEndpoint",
    insecure: true,
    secrets: [
      {
        field: "token",
        label: "connections.field.apiToken",
        placeholder: "user@realm!tokenid=secret",
        help: "connections.help.proxmoxToken",
      },
    ],
  },
  [ProviderKind.HETZNER]: {
    endpoint: "optional",
    endpointPlaceholder: "https://api.hetzner.cloud/v1",
    endpointHelp: "connections.help.hetznerEndpoint",
    insecure: false,
    secrets: [
      {
        field: "token",
        label: "connections.field.apiToken",
        placeholder: "",
        help: "connections.help.hetznerToken",
      },
    ],
  },
  [ProviderKind.BESZEL]: {
    endpoint: "required",
    endpointPlaceholder: "https://beszel.example.com",
    endpointHelp: "connections.help.beszelEndpoint",
    insecure: true,
    secrets: [
      {
        field: "username",
        label: "connections.field.email",
        placeholder: "monitoring@example.com",
        help: "connections.help.beszelUser",
      },
      { field: "password", label: "connections.field.password", placeholder: "" },
    ],
  },
  [ProviderKind.DOCKER]: {
    endpoint: "required",
    endpointPlaceholder: "tcp://host:2375",
    endpointHelp: "connections.help.dockerEndpoint",
    insecure: true,
    secrets: [],
  },
};

function valuesOf(connection?: Connection): ConnectionFormValues {
  return {
    name: connection?.name ?? "",
    kind: String(connection?.kind ?? ProviderKind.PROXMOX),
    endpoint: connection?.endpoint ?? "",
    insecure: connection?.insecureSkipVerify ?? false,
    token: "",
    username: "",
    password: "",
  };
}

const typedSecrets = (v: ConnectionFormValues) =>
  v.token !== "" || v.username !== "" || v.password !== "";

/**
 * connectionChangedPaths lists the update_mask paths of what changed. The
 * credentials are never shown, so they are replaced only when new ones were
 * typed.
 */
export function connectionChangedPaths(
  initial: ConnectionFormValues,
  values: ConnectionFormValues,
): string[] {
  const paths: string[] = [];
  if (values.name.trim() !== initial.name) paths.push("name");
  if (values.endpoint.trim() !== initial.endpoint) paths.push("endpoint");
  if (values.insecure !== initial.insecure) paths.push("insecure_skip_verify");
  if (typedSecrets(values)) paths.push("credentials");
  return paths;
}

const formFields = ["name", "kind", "endpoint", "insecure", "token", "username", "password"];
const aliases = { insecureSkipVerify: "insecure" };

/** ConnectionFormModal adds a connection, or edits one when given. */
export function ConnectionFormModal({
  opened,
  onClose,
  connection,
}: {
  opened: boolean;
  onClose: () => void;
  connection?: Connection;
}) {
  const { t } = useI18n();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={
        <Text fw={600} fz="lg">
          {connection
            ? t("connections.editTitle", { name: connection.name })
            : t("connections.createTitle")}
        </Text>
      }
    >
      {opened && <ConnectionForm connection={connection} onDone={onClose} />}
    </Modal>
  );
}

function ConnectionForm({ connection, onDone }: { connection?: Connection; onDone: () => void }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const create = useCreateConnection();
  const update = useUpdateConnection();
  const test = useTestConnection();
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<TestConnectionResponse | null>(null);
  const [testHint, setTestHint] = useState<string | null>(null);
  const [initial] = useState(() => valuesOf(connection));
  const editing = connection !== undefined;

  const form = useForm<ConnectionFormValues>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
    },
    onValuesChange: () => {
      setResult(null);
      setTestHint(null);
    },
  });
  const kind = Number(form.values.kind) as ProviderKind;
  const fields = kindFields[kind] ?? kindFields[ProviderKind.PROXMOX]!;

  // Only the secrets the kind asks for are sent (a kind chosen first may have left others).
  const settingsOf = (values: ConnectionFormValues) => {
    const asks = (field: Secret) => fields.secrets.some((s) => s.field === field);
    return {
      name: values.name.trim(),
      kind: Number(values.kind) as ProviderKind,
      endpoint: values.endpoint.trim(),
      insecureSkipVerify: fields.insecure ? values.insecure : false,
      credentials: {
        token: asks("token") ? values.token : "",
        username: asks("username") ? values.username.trim() : "",
        password: asks("password") ? values.password : "",
      },
    };
  };

  const showErrors = (error: unknown) => {
    if (ConnectError.from(error).code === Code.AlreadyExists) {
      form.setFieldError("name", ConnectError.from(error).rawMessage);
      return;
    }
    const mapped = formErrors(error, formFields, locale, aliases);
    form.setErrors(mapped.fields);
    setFailure(
      mapped.message ?? (Object.keys(mapped.fields).length > 0 ? null : t("error.generic")),
    );
  };

  const runTest = async () => {
    setFailure(null);
    setResult(null);
    setTestHint(null);
    const values = form.getValues();
    const stored =
      editing &&
      fields.secrets.length > 0 &&
      !typedSecrets(values) &&
      values.endpoint.trim() === initial.endpoint &&
      values.insecure === initial.insecure;
    if (editing && fields.secrets.length > 0 && !typedSecrets(values) && !stored) {
      // The stored credentials never come back to the browser.
      setTestHint(t("connections.test.needCredentials"));
      return;
    }
    try {
      const response = await test.mutateAsync(
        stored
          ? { target: { case: "connectionId", value: connection!.id } }
          : { target: { case: "settings", value: settingsOf(values) } },
      );
      setResult(response);
    } catch (error) {
      showErrors(error);
    }
  };

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      if (connection) {
        const paths = connectionChangedPaths(initial, values);
        if (paths.length === 0) {
          onDone();
          return;
        }
        await update.mutateAsync({
          id: connection.id,
          settings: settingsOf(values),
          updateMask: { paths },
        });
        notifications.show({ color: "teal", message: t("connections.updated") });
        onDone();
      } else {
        const response = await create.mutateAsync({ settings: settingsOf(values) });
        notifications.show({
          color: "teal",
          message: t("connections.created", { name: response.connection?.name ?? values.name }),
        });
        onDone();
        if (response.connection) {
          void navigate({
            to: "/connections/$connectionId",
            params: { connectionId: response.connection.id },
          });
        }
      }
    } catch (error) {
      showErrors(error);
    }
  });

  const setLabel = (field: Secret): string | undefined => {
    if (!connection?.credentialsSet.includes(field)) return undefined;
    return t(`connections.secretSet.${field}`);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group grow align="flex-start">
          <TextInput
            label={t("connections.field.name")}
            placeholder={t("connections.field.namePlaceholder")}
            withAsterisk
            data-autofocus
            {...form.getInputProps("name")}
          />
          <Select
            label={t("connections.field.kind")}
            description={editing ? t("connections.field.kindFixed") : undefined}
            data={connectionKinds.map((k) => ({ value: String(k), label: t(providerKey(k)) }))}
            allowDeselect={false}
            disabled={editing}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("kind")}
          />
        </Group>
        <TextInput
          label={t("connections.field.endpoint")}
          placeholder={fields.endpointPlaceholder}
          description={t(fields.endpointHelp)}
          withAsterisk={fields.endpoint === "required"}
          {...form.getInputProps("endpoint")}
        />
        {fields.insecure && (
          <Checkbox
            label={t("connections.field.insecure")}
            description={t("connections.help.insecure")}
            {...form.getInputProps("insecure", { type: "checkbox" })}
          />
        )}
        {fields.secrets.length > 0 && (
          <>
            <Divider label={t("connections.section.credentials")} labelPosition="left" />
            {editing && (
              <Text fz="xs" c="dimmed" data-testid="credentials-hint">
                {connection.credentialsSet.length > 0
                  ? t("connections.credentialsKept")
                  : t("connections.credentialsNone")}
              </Text>
            )}
            {fields.secrets.map((s) => {
              const set = setLabel(s.field);
              const Input = s.field === "username" ? TextInput : PasswordInput;
              return (
                <Input
                  key={s.field}
                  label={t(s.label)}
                  placeholder={set ?? s.placeholder}
                  description={s.help ? t(s.help) : undefined}
                  withAsterisk={!editing}
                  autoComplete="off"
                  rightSection={
                    set && s.field === "username" ? (
                      <Text fz="xs" c="dimmed" pr={8}>
                        {t("connections.set")}
                      </Text>
                    ) : undefined
                  }
                  rightSectionWidth={set && s.field === "username" ? 48 : undefined}
                  {...form.getInputProps(s.field)}
                  // PasswordInput leaves marking its input invalid to the caller.
                  aria-invalid={form.errors[s.field] ? true : undefined}
                />
              );
            })}
          </>
        )}
        {testHint && (
          <Alert color="yellow" variant="light">
            {testHint}
          </Alert>
        )}
        {result && <TestResult result={result} />}
        {failure && (
          <Alert color="red" variant="light" role="alert" style={{ whiteSpace: "pre-line" }}>
            {failure}
          </Alert>
        )}
        <FormActions>
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
            onClick={() => void runTest()}
            loading={test.isPending}
            mr="auto"
          >
            {t("connections.test")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {editing ? t("common.save") : t("common.create")}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
