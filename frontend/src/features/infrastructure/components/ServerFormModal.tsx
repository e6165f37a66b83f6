import { Code, ConnectError } from "@connectrpc/connect";
import {
  Divider,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { ProviderKind } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { ServerKind, type Server } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { enumOptions, enumValues } from "@/lib/labels";
import { useCreateServer, useServerChoices, useUpdateServer } from "../api/servers";
import { providerKey, serverKindKey } from "../labels";

const GiB = 1024 ** 3;

export interface ServerFormValues {
  name: string;
  provider: string;
  kind: string;
  location: string;
  ipAddress: string;
  cores: number | string;
  memoryGib: number | string;
  diskGib: number | string;
  parentId: string;
  notes: string;
}

const toGib = (bytes?: bigint) =>
  bytes && bytes > 0n ? Math.round((Number(bytes) / GiB) * 100) / 100 : "";
const toBytes = (gib: number | string) => (gib === "" ? 0n : BigInt(Math.round(Number(gib) * GiB)));
const toCount = (n: number | string) => (n === "" ? 0 : Math.round(Number(n)));

function valuesOf(server?: Server): ServerFormValues {
  return {
    name: server?.name ?? "",
    provider: String(server?.provider ?? ProviderKind.OTHER),
    kind: String(server?.kind ?? ServerKind.HOST),
    location: server?.location ?? "",
    ipAddress: server?.ipAddress ?? "",
    cores: server?.specs?.cores || "",
    memoryGib: toGib(server?.specs?.memoryBytes),
    diskGib: toGib(server?.specs?.diskBytes),
    parentId: server?.parentId ?? "",
    notes: server?.notes ?? "",
  };
}

// The update_mask path of each field that can change (provider and kind cannot).
const maskPaths: Partial<Record<keyof ServerFormValues, string>> = {
  name: "name",
  location: "location",
  ipAddress: "ip_address",
  cores: "specs.cores",
  memoryGib: "specs.memory_bytes",
  diskGib: "specs.disk_bytes",
  parentId: "parent_id",
  notes: "notes",
};

/** serverChangedPaths lists the update_mask paths of the fields that differ from the server. */
export function serverChangedPaths(initial: ServerFormValues, values: ServerFormValues): string[] {
  const norm = (key: keyof ServerFormValues, v: ServerFormValues) =>
    key === "memoryGib" || key === "diskGib"
      ? String(toBytes(v[key]))
      : key === "cores"
        ? String(toCount(v[key]))
        : String(v[key]).trim();
  return (Object.keys(maskPaths) as (keyof ServerFormValues)[])
    .filter((key) => norm(key, initial) !== norm(key, values))
    .map((key) => maskPaths[key]!);
}

const formFields = Object.keys(valuesOf()) as (keyof ServerFormValues)[];
// Where the server's field paths land in this form.
const aliases = {
  "specs.cores": "cores",
  "specs.memoryBytes": "memoryGib",
  "specs.diskBytes": "diskGib",
};

// Memory and disk are entered in GiB.
const gibInput = {
  min: 0,
  decimalScale: 2,
  rightSection: (
    <Text fz="xs" c="dimmed">
      GiB
    </Text>
  ),
};

/** ServerFormModal enters a server by hand, or edits one when given. */
export function ServerFormModal({ server, ...dialog }: DialogProps & { server?: Server }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={server ? t("servers.editTitle", { name: server.name }) : t("servers.createTitle")}
    >
      <ServerForm server={server} onDone={dialog.onClose} />
    </FormModal>
  );
}

function ServerForm({ server, onDone }: { server?: Server; onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateServer();
  const update = useUpdateServer();
  const choices = useServerChoices();
  const [initial] = useState(() => valuesOf(server));
  const editing = server !== undefined;

  const form = useForm<ServerFormValues>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  // A server cannot run on itself or on one that runs on it.
  const parents = useMemo(() => {
    const all = choices.data?.servers ?? [];
    const excluded = new Set(server ? [server.id] : []);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of all) {
        if (s.parentId && excluded.has(s.parentId) && !excluded.has(s.id)) {
          excluded.add(s.id);
          grew = true;
        }
      }
    }
    return all
      .filter((s) => !excluded.has(s.id))
      .map((s) => ({
        value: s.id,
        label: s.location ? `${s.name} (${s.location})` : s.name,
      }));
  }, [choices.data, server]);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const specs = {
      cores: toCount(values.cores),
      memoryBytes: toBytes(values.memoryGib),
      diskBytes: toBytes(values.diskGib),
    };
    try {
      if (server) {
        const paths = serverChangedPaths(initial, values);
        if (paths.length === 0) {
          onDone();
          return;
        }
        await update.mutateAsync({
          server: {
            id: server.id,
            name: values.name.trim(),
            location: values.location.trim(),
            ipAddress: values.ipAddress.trim(),
            specs,
            parentId: values.parentId,
            notes: values.notes,
          },
          updateMask: { paths },
        });
        notifications.show({ color: "teal", message: t("servers.updated") });
        onDone();
      } else {
        const response = await create.mutateAsync({
          name: values.name.trim(),
          provider: Number(values.provider) as ProviderKind,
          kind: Number(values.kind) as ServerKind,
          location: values.location.trim(),
          ipAddress: values.ipAddress.trim(),
          specs,
          parentId: values.parentId,
          notes: values.notes,
        });
        notifications.show({
          color: "teal",
          message: t("servers.created", { name: response.server?.name ?? values.name }),
        });
        onDone();
        if (response.server) {
          void navigate({ to: "/servers/$serverId", params: { serverId: response.server.id } });
        }
      }
    } catch (error) {
      if (ConnectError.from(error).code === Code.AlreadyExists) {
        form.setFieldError("name", ConnectError.from(error).rawMessage);
        return;
      }
      showFailure(error, formFields, aliases);
    }
  });

  // Provider and kind are chosen when a server is entered and cannot change.
  const fixedOnceCreated = {
    description: editing ? t("servers.field.fixed") : undefined,
    allowDeselect: false,
    disabled: editing,
    comboboxProps: { withinPortal: true },
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {!editing && (
          <Text fz="sm" c="dimmed">
            {t("servers.createHint")}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("servers.field.name")}
            placeholder="web-fsn1-03"
            withAsterisk
            data-autofocus
            {...form.getInputProps("name")}
          />
          <TextInput
            label={t("servers.field.ipAddress")}
            placeholder="203.0.113.10"
            {...form.getInputProps("ipAddress")}
          />
          <Select
            label={t("servers.field.provider")}
            data={enumOptions(enumValues(ProviderKind), providerKey, t)}
            {...fixedOnceCreated}
            {...form.getInputProps("provider")}
          />
          <Select
            label={t("servers.field.kind")}
            data={enumOptions(enumValues(ServerKind), serverKindKey, t)}
            {...fixedOnceCreated}
            {...form.getInputProps("kind")}
          />
          <TextInput
            label={t("servers.field.location")}
            placeholder="fsn1"
            {...form.getInputProps("location")}
          />
          <Select
            label={t("servers.field.parent")}
            placeholder={t("servers.field.parentNone")}
            description={t("servers.field.parentHint")}
            data={parents}
            searchable
            clearable
            nothingFoundMessage={t("search.nothingFound")}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("parentId")}
            value={form.values.parentId || null}
            onChange={(value) => form.setFieldValue("parentId", value ?? "")}
          />
        </SimpleGrid>
        <Divider label={t("servers.section.specs")} labelPosition="left" />
        <SimpleGrid cols={3} spacing="md">
          <NumberInput
            label={t("servers.field.cores")}
            min={0}
            max={4096}
            allowDecimal={false}
            {...form.getInputProps("cores")}
          />
          <NumberInput
            label={t("servers.field.memory")}
            {...gibInput}
            {...form.getInputProps("memoryGib")}
          />
          <NumberInput
            label={t("servers.field.disk")}
            {...gibInput}
            {...form.getInputProps("diskGib")}
          />
        </SimpleGrid>
        <Textarea
          label={t("servers.field.notes")}
          placeholder={t("servers.field.notesPlaceholder")}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps("notes")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: editing ? t("common.save") : t("common.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
