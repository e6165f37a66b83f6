import { Checkbox, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import type { BillingEntityCapability } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  BillingEntityKind,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useCreateBillingEntity, useUpdateBillingEntity } from "../api/resellers";
import { capabilities, capabilityName } from "../names";

interface Values {
  name: string;
  signupHandle: string;
  acceptSignups: boolean;
  autoApproveSignups: boolean;
  capabilities: string[];
  reason: string;
}

const handlePattern = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** The request's fields of the form's fields, for placing the server's errors. */
const aliases: Record<string, string> = {
  "billing_entity.name": "name",
  "billing_entity.signup_handle": "signupHandle",
  "billing_entity.capabilities": "capabilities",
  signup_handle: "signupHandle",
};

/**
 * BillingEntityFormModal creates a reseller, or changes one when given:
 * its name, sign-up handle, whether and how it takes sign-ups, and its
 * capabilities (not the licensee's, which holds them all).
 */
export function BillingEntityFormModal({
  entity,
  ...dialog
}: DialogProps & { entity?: BillingEntity }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={entity ? t("resellers.editTitle", { name: entity.name }) : t("resellers.new")}
    >
      <EntityForm entity={entity} onDone={dialog.onClose} />
    </FormModal>
  );
}

function EntityForm({ entity, onDone }: { entity?: BillingEntity; onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateBillingEntity();
  const update = useUpdateBillingEntity();
  const reseller = entity === undefined || entity.kind !== BillingEntityKind.LICENSEE;
  const form = useForm<Values>({
    initialValues: {
      name: entity?.name ?? "",
      signupHandle: entity?.signupHandle ?? "",
      acceptSignups: entity?.acceptSignups ?? true,
      autoApproveSignups: entity?.autoApproveSignups ?? false,
      capabilities: (entity?.capabilities ?? []).map(String),
      reason: "",
    },
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      signupHandle: (v) =>
        v.trim() !== "" && !handlePattern.test(v.trim()) ? t("resellers.handleInvalid") : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      name: values.name.trim(),
      signupHandle: values.signupHandle.trim(),
      acceptSignups: values.acceptSignups,
      autoApproveSignups: values.autoApproveSignups,
      capabilities: capabilities.filter((c) => values.capabilities.includes(String(c))),
    };
    try {
      if (entity) {
        const before = {
          name: entity.name,
          signupHandle: entity.signupHandle,
          acceptSignups: entity.acceptSignups,
          autoApproveSignups: entity.autoApproveSignups,
        };
        const paths: string[] = [];
        if (fields.name !== before.name) paths.push("name");
        if (fields.signupHandle !== before.signupHandle) paths.push("signup_handle");
        if (fields.acceptSignups !== before.acceptSignups) paths.push("accept_signups");
        if (fields.autoApproveSignups !== before.autoApproveSignups)
          paths.push("auto_approve_signups");
        if (reseller && !sameCapabilities(fields.capabilities, entity.capabilities))
          paths.push("capabilities");
        if (paths.length > 0) {
          await update.mutateAsync({
            billingEntity: { id: entity.id, ...fields },
            updateMask: { paths },
            reason: values.reason.trim(),
          });
          notifications.show({
            color: "teal",
            message: t("resellers.updated", { name: fields.name }),
          });
        }
        onDone();
      } else {
        const res = await create.mutateAsync({
          billingEntity: fields,
          reason: values.reason.trim(),
        });
        notifications.show({
          color: "teal",
          message: t("resellers.created", { name: res.billingEntity?.name ?? fields.name }),
        });
        onDone();
        if (res.billingEntity) {
          void navigate({
            to: "/billing-entities/$billingEntityId",
            params: { billingEntityId: res.billingEntity.id },
          });
        }
      }
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("resellers.field.name")}
          description={t("resellers.field.nameHint")}
          withAsterisk
          data-autofocus
          maxLength={200}
          {...form.getInputProps("name")}
        />
        <TextInput
          label={t("resellers.field.signupHandle")}
          description={t("resellers.field.signupHandleHint")}
          maxLength={40}
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps("signupHandle")}
        />
        <Switch
          label={t("resellers.field.acceptSignups")}
          description={t("resellers.field.acceptSignupsHint")}
          {...form.getInputProps("acceptSignups", { type: "checkbox" })}
        />
        <Switch
          label={t("resellers.field.autoApprove")}
          description={t("resellers.field.autoApproveHint")}
          disabled={!form.values.acceptSignups}
          {...form.getInputProps("autoApproveSignups", { type: "checkbox" })}
        />
        {reseller && (
          <Checkbox.Group
            label={t("resellers.field.capabilities")}
            description={t("resellers.field.capabilitiesHint")}
            {...form.getInputProps("capabilities")}
          >
            <Stack gap="xs" mt="xs">
              {capabilities.map((c) => (
                <Checkbox
                  key={c}
                  value={String(c)}
                  label={t(`resellers.capability.${capabilityName(c)}`)}
                  description={t(
                    `resellers.capabilityHelp.${capabilityName(c) as Exclude<ReturnType<typeof capabilityName>, "UNSPECIFIED">}`,
                  )}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: entity ? t("common.save") : t("resellers.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}

function sameCapabilities(
  a: readonly BillingEntityCapability[],
  b: readonly BillingEntityCapability[],
) {
  return a.length === b.length && a.every((c) => b.includes(c));
}
