import { Code, ConnectError } from "@connectrpc/connect";
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  FileButton,
  Group,
  PasswordInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm, type UseFormReturnType } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconFileUpload, IconPlugConnected } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useRef, useState } from "react";
import type {
  Connection,
  TestConnectionResponse,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { useFormFailure } from "@/lib/forms";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { useCreateConnection, useTestConnection, useUpdateConnection } from "../api/connections";
import { connectionKinds, providerKey } from "../labels";
import { TestResult } from "./TestResult";

export interface ConnectionFormValues {
  name: string;
  kind: string;
  endpoint: string;
  insecure: boolean;
  monitoringOnly: boolean;
  token: string;
  username: string;
  password: string;
  tlsCaCertificate: string;
  tlsClientCertificate: string;
  tlsClientKey: string;
}

type Secret = "token" | "username" | "password";
type Pem = "tlsCaCertificate" | "tlsClientCertificate" | "tlsClientKey";
type Credential = Secret | Pem;

/** The names the API gives the credentials (credentials_set, field paths). */
const credentialName = {
  token: "token",
  username: "username",
  password: "password",
  tlsCaCertificate: "tls_ca_certificate",
  tlsClientCertificate: "tls_client_certificate",
  tlsClientKey: "tls_client_key",
} as const satisfies Record<Credential, string>;

/** What a kind of connection asks for, with placeholders and help in the interface's words. */
interface KindFields {
  endpoint: "required" | "optional";
  endpointPlaceholder: string;
  endpointHelp: MessageKey;
  insecure: boolean;
  /** What the monitoring-only choice means for the kind; undefined: the kind never controls anything. */
  monitoringOnly?: MessageKey;
  secrets: { field: Secret; label: MessageKey; placeholder: string; help?: MessageKey }[];
  /** An optional TLS client certificate (a Docker daemon run with --tlsverify). */
  tls: boolean;
}

/** The PEM files of a TLS client certificate, named as a Docker daemon's clients name them. */
const pemFields: {
  field: Pem;
  label: MessageKey;
  help: MessageKey;
  file: string;
  placeholder: string;
}[] = [
  {
    field: "tlsCaCertificate",
    file: "ca.pem",
    label: "connections.field.tlsCaCertificate",
    help: "connections.help.tlsCaCertificate",
    placeholder: "-----BEGIN CERTIFICATE-----",
  },
  {
    field: "tlsClientCertificate",
    file: "cert.pem",
    label: "connections.field.tlsClientCertificate",
    help: "connections.help.tlsClientCertificate",
    placeholder: "-----BEGIN CERTIFICATE-----",
  },
  {
    field: "tlsClientKey",
    file: "key.pem",
    label: "connections.field.tlsClientKey",
    help: "connections.help.tlsClientKey",
    placeholder: "-----BEGIN PRIVATE KEY-----",
  },
];

export const kindFields: Partial<Record<ProviderKind, KindFields>> = {
  [ProviderKind.PROXMOX]: {
    endpoint: "required",
    endpointPlaceholder: "https://pve.example.com:8006",
    endpointHelp: "connections.help.proxmoxEndpoint",
    insecure: true,
    monitoringOnly: "connections.help.monitoringOnlyProxmox",
    tls: false,
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
    tls: false,
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
    tls: false,
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
    monitoringOnly: "connections.help.monitoringOnlyDocker",
    secrets: [],
    tls: true,
  },
};

function valuesOf(connection?: Connection): ConnectionFormValues {
  return {
    name: connection?.name ?? "",
    kind: String(connection?.kind ?? ProviderKind.PROXMOX),
    endpoint: connection?.endpoint ?? "",
    insecure: connection?.insecureSkipVerify ?? false,
    monitoringOnly: connection?.monitoringOnly ?? false,
    token: "",
    username: "",
    password: "",
    tlsCaCertificate: "",
    tlsClientCertificate: "",
    tlsClientKey: "",
  };
}

/** typed is whether a credential was entered (PEM text around which only blanks are no entry). */
const typed = (v: ConnectionFormValues, field: Credential) =>
  pemFields.some((p) => p.field === field) ? v[field].trim() !== "" : v[field] !== "";

const typedSecrets = (v: ConnectionFormValues) =>
  (Object.keys(credentialName) as Credential[]).some((field) => typed(v, field));

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
  if (values.monitoringOnly !== initial.monitoringOnly) paths.push("monitoring_only");
  if (typedSecrets(values)) paths.push("credentials");
  return paths;
}

/** The fields a kind shows: the server's field errors are placed only there. */
const shownFields = (fields: KindFields) => [
  "name",
  "kind",
  "endpoint",
  ...(fields.insecure ? ["insecure"] : []),
  ...(fields.monitoringOnly ? ["monitoringOnly"] : []),
  ...fields.secrets.map((s) => s.field),
  ...(fields.tls ? pemFields.map((p) => p.field) : []),
];
const aliases = { insecureSkipVerify: "insecure" };

/** ConnectionFormModal adds a connection, or edits one when given. */
export function ConnectionFormModal({
  connection,
  ...dialog
}: DialogProps & { connection?: Connection }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={
        connection
          ? t("connections.editTitle", { name: connection.name })
          : t("connections.createTitle")
      }
    >
      <ConnectionForm connection={connection} onDone={dialog.onClose} />
    </FormModal>
  );
}

function ConnectionForm({ connection, onDone }: { connection?: Connection; onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateConnection();
  const update = useUpdateConnection();
  const test = useTestConnection();
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
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const kind = Number(form.values.kind) as ProviderKind;
  const fields = kindFields[kind] ?? kindFields[ProviderKind.PROXMOX]!;

  // Only what the kind asks for is sent (a kind chosen first may have left others).
  const settingsOf = (values: ConnectionFormValues) => {
    const asks = (field: Secret) => fields.secrets.some((s) => s.field === field);
    const pem = (field: Pem) => (fields.tls ? values[field].trim() : "");
    return {
      name: values.name.trim(),
      kind: Number(values.kind) as ProviderKind,
      endpoint: values.endpoint.trim(),
      insecureSkipVerify: fields.insecure ? values.insecure : false,
      monitoringOnly: fields.monitoringOnly ? values.monitoringOnly : false,
      credentials: {
        token: asks("token") ? values.token : "",
        username: asks("username") ? values.username.trim() : "",
        password: asks("password") ? values.password : "",
        tlsCaCertificate: pem("tlsCaCertificate"),
        tlsClientCertificate: pem("tlsClientCertificate"),
        tlsClientKey: pem("tlsClientKey"),
      },
    };
  };

  const showErrors = (error: unknown) => {
    if (ConnectError.from(error).code === Code.AlreadyExists) {
      form.setFieldError("name", ConnectError.from(error).rawMessage);
      return;
    }
    showFailure(error, shownFields(fields), aliases);
  };

  const runTest = async () => {
    clearFailure();
    setResult(null);
    setTestHint(null);
    const values = form.getValues();
    // Without new credentials, a test needs the stored ones, which never
    // come back to the browser: only the stored connection can be tested.
    const needsStored =
      editing &&
      !typedSecrets(values) &&
      (fields.secrets.length > 0 || connection.credentialsSet.length > 0);
    const unchanged =
      values.endpoint.trim() === initial.endpoint &&
      values.insecure === initial.insecure &&
      values.monitoringOnly === initial.monitoringOnly;
    const stored = needsStored && unchanged;
    if (needsStored && !unchanged) {
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
    clearFailure();
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

  const setLabel = (field: Credential): string | undefined => {
    const name = credentialName[field];
    if (!connection?.credentialsSet.includes(name)) return undefined;
    return t(`connections.secretSet.${name}`);
  };

  // Credentials are replaced as a whole: stored ones not typed again are removed.
  const kindCredentials: Credential[] = [
    ...fields.secrets.map((s) => s.field),
    ...(fields.tls ? pemFields.map((p) => p.field) : []),
  ];
  const labelOf = (field: Credential) =>
    t(
      fields.secrets.find((s) => s.field === field)?.label ??
        pemFields.find((p) => p.field === field)!.label,
    );
  const dropped =
    editing && typedSecrets(form.values)
      ? kindCredentials.filter(
          (field) =>
            connection.credentialsSet.includes(credentialName[field]) && !typed(form.values, field),
        )
      : [];
  const credentialsHint = editing && (
    <Text fz="xs" c="dimmed" data-testid="credentials-hint">
      {connection.credentialsSet.length > 0
        ? t("connections.credentialsKept")
        : t("connections.credentialsNone")}
    </Text>
  );

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
        {fields.monitoringOnly && (
          <Checkbox
            label={t("connections.field.monitoringOnly")}
            description={t(fields.monitoringOnly)}
            {...form.getInputProps("monitoringOnly", { type: "checkbox" })}
          />
        )}
        {fields.secrets.length > 0 && (
          <>
            <Divider label={t("connections.section.credentials")} labelPosition="left" />
            {credentialsHint}
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
        {fields.tls && (
          <>
            <Divider label={t("connections.section.tls")} labelPosition="left" />
            <Text fz="xs" c="dimmed">
              {t("connections.help.tls")}
            </Text>
            {connection && connection.credentialsSet.length > 0 && credentialsHint}
            {pemFields.map((p) => (
              <PemInput
                key={p.field}
                form={form}
                field={p.field}
                file={p.file}
                label={t(p.label)}
                description={t(p.help)}
                placeholder={setLabel(p.field) ?? p.placeholder}
              />
            ))}
          </>
        )}
        {dropped.length > 0 && (
          <Alert color="yellow" variant="light" data-testid="credentials-dropped">
            {t("connections.credentialsDropped", { names: dropped.map(labelOf).join(", ") })}
          </Alert>
        )}
        {testHint && (
          <Alert color="yellow" variant="light">
            {testHint}
          </Alert>
        )}
        {result && <TestResult result={result} />}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: editing ? t("common.save") : t("common.create"),
            loading: create.isPending || update.isPending,
          }}
        >
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
            onClick={() => void runTest()}
            loading={test.isPending}
            mr="auto"
          >
            {t("connections.test")}
          </Button>
        </FormFooter>
      </Stack>
    </form>
  );
}

/** PemInput takes PEM text, pasted or loaded from its file. */
function PemInput({
  form,
  field,
  file,
  label,
  description,
  placeholder,
}: {
  form: UseFormReturnType<ConnectionFormValues>;
  field: Pem;
  file: string;
  label: string;
  description: string;
  placeholder: string;
}) {
  const { t } = useI18n();
  const reset = useRef<() => void>(null);
  const load = async (picked: File | null) => {
    if (!picked) return;
    form.setFieldValue(field, await picked.text());
    form.clearFieldError(field);
    // The same file can be picked again.
    reset.current?.();
  };
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={description}
        placeholder={placeholder}
        autosize
        minRows={2}
        maxRows={8}
        autoComplete="off"
        spellCheck={false}
        styles={{
          input: {
            fontFamily: "var(--mantine-font-family-monospace)",
            fontSize: "var(--mantine-font-size-xs)",
          },
        }}
        {...form.getInputProps(field)}
      />
      <Group justify="flex-end">
        <FileButton
          onChange={(file) => void load(file)}
          accept=".pem,.crt,.cer,.key,application/x-pem-file,text/plain"
          resetRef={reset}
          name={field}
        >
          {(props) => (
            <Button
              {...props}
              variant="subtle"
              size="compact-xs"
              leftSection={<IconFileUpload size={14} />}
            >
              {t("connections.tls.loadFile", { file })}
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}
