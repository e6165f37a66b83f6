import { Checkbox, Select, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import {
  BillingEntityKind,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import type { WebhookEndpoint } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateEndpoint, useUpdateEndpoint } from "../api/webhooks";
import { eventTypes, type EventType } from "../names";
import { SecretBox } from "./SecretBox";

interface Values {
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  billingEntityId: string;
}

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  "endpoint.url": "url",
  "endpoint.description": "description",
  "endpoint.event_types": "eventTypes",
  event_types: "eventTypes",
  billing_entity_id: "billingEntityId",
};

/**
 * EndpointFormModal adds an endpoint, then shows its signing secret once;
 * given an endpoint, it changes it, sending only the fields that changed.
 * The licensee's staff choose whose endpoint it is among the billing
 * entities (`entities`, empty when they are not to choose).
 */
export function EndpointFormModal({
  endpoint,
  entities = [],
  ...dialog
}: DialogProps & { endpoint?: WebhookEndpoint; entities?: BillingEntity[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const close = () => {
    setCreated(null);
    dialog.onClose();
  };
  const done = () => {
    const id = created?.id;
    close();
    if (id) void navigate({ to: "/webhooks/$endpointId", params: { endpointId: id } });
  };
  return (
    <FormModal
      {...dialog}
      onClose={created ? done : close}
      size="lg"
      title={
        created
          ? t("webhooks.secret.title")
          : endpoint
            ? t("webhooks.editTitle")
            : t("webhooks.newTitle")
      }
    >
      {created ? (
        <SecretBox secret={created.secret} onDone={done} />
      ) : (
        <EndpointForm
          endpoint={endpoint}
          entities={entities}
          onCreated={setCreated}
          onDone={close}
        />
      )}
    </FormModal>
  );
}

function EndpointForm({
  endpoint,
  entities,
  onCreated,
  onDone,
}: {
  endpoint?: WebhookEndpoint;
  entities: BillingEntity[];
  onCreated: (created: { id: string; secret: string }) => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const create = useCreateEndpoint();
  const update = useUpdateEndpoint();
  const licensee = entities.find((e) => e.kind === BillingEntityKind.LICENSEE);
  const choosesEntity = !endpoint && licensee !== undefined && entities.length > 1;
  const form = useForm<Values>({
    initialValues: {
      url: endpoint?.url ?? "",
      description: endpoint?.description ?? "",
      eventTypes: endpoint?.eventTypes ?? [],
      enabled: endpoint?.enabled ?? true,
      billingEntityId: licensee?.id ?? "",
    },
    validate: {
      url: (v) =>
        v.trim() === ""
          ? t("validation.required")
          : !/^https?:\/\/\S+$/i.test(v.trim())
            ? t("webhooks.urlInvalid")
            : null,
      eventTypes: (v) => (v.length === 0 ? t("webhooks.eventsRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      url: values.url.trim(),
      description: values.description.trim(),
      // In the order of the list, whatever order they were ticked in.
      eventTypes: [
        ...eventTypes.filter((e) => values.eventTypes.includes(e)),
        ...values.eventTypes.filter((e) => !(eventTypes as readonly string[]).includes(e)),
      ],
      enabled: values.enabled,
    };
    try {
      if (endpoint) {
        const paths: string[] = [];
        if (fields.url !== endpoint.url) paths.push("url");
        if (fields.description !== endpoint.description) paths.push("description");
        if (!sameTypes(fields.eventTypes, endpoint.eventTypes)) paths.push("event_types");
        if (fields.enabled !== endpoint.enabled) paths.push("enabled");
        if (paths.length > 0) {
          await update.mutateAsync({
            id: endpoint.id,
            // Fields outside the mask are not read; an unchanged URL is sent empty.
            endpoint: { ...fields, url: paths.includes("url") ? fields.url : "" },
            updateMask: { paths },
          });
          notifications.show({ color: "teal", message: t("webhooks.updated") });
        }
        onDone();
      } else {
        const res = await create.mutateAsync({
          billingEntityId: choosesEntity ? values.billingEntityId : "",
          endpoint: fields,
        });
        notifications.show({ color: "teal", message: t("webhooks.created") });
        onCreated({ id: res.endpoint?.id ?? "", secret: res.secret });
      }
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("webhooks.field.url")}
          description={t("webhooks.field.urlHint")}
          placeholder="https://erp.example.com/hooks/leitstand"
          withAsterisk
          data-autofocus
          type="url"
          maxLength={2000}
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps("url")}
        />
        <TextInput
          label={t("webhooks.field.description")}
          description={t("webhooks.field.descriptionHint")}
          maxLength={500}
          {...form.getInputProps("description")}
        />
        {choosesEntity && (
          <Select
            label={t("webhooks.field.billingEntity")}
            description={t("webhooks.field.billingEntityHint")}
            data={entities.map((e) => ({ value: e.id, label: e.name }))}
            allowDeselect={false}
            searchable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("billingEntityId")}
          />
        )}
        <Checkbox.Group
          label={t("webhooks.field.events")}
          description={t("webhooks.field.eventsHint")}
          withAsterisk
          {...form.getInputProps("eventTypes")}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" mt="xs">
            {eventTypes.map((type: EventType) => (
              <Checkbox
                key={type}
                value={type}
                label={t(`webhooks.event.${type}`)}
                description={t(`webhooks.eventHelp.${type}`)}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Switch
          label={t("webhooks.field.enabled")}
          description={t("webhooks.field.enabledHint")}
          {...form.getInputProps("enabled", { type: "checkbox" })}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: endpoint ? t("common.save") : t("webhooks.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}

function sameTypes(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((x) => b.includes(x));
}
