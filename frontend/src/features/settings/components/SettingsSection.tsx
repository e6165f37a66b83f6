import { Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm, type FormValidateInput, type UseFormReturnType } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useId, type FormEvent, type ReactNode } from "react";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { SettingsSchema } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { FormFailure } from "@/components/ui/FormActions";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useUpdateSettings } from "../api/settings";
import { changedPaths } from "../mask";
import { useBillingEntityScope } from "../scope";

/** The props of an input that only shows its value: read-only, and drawn filled so it looks it. */
export function readOnlyProps(canWrite: boolean) {
  return canWrite ? {} : { readOnly: true, variant: "filled" as const };
}

/** The form values every section has besides its fields. */
export interface WithReason {
  reason: string;
}

type SettingsInit = MessageInitShape<typeof SettingsSchema>;
type SectionName = "company" | "tax" | "bank" | "invoice" | "smtp" | "dunning";

/**
 * useSectionForm is the form of one section of the settings. Saving sends
 * the fields that changed (the update mask), the section's new values and
 * the optional reason. A section whose fields the server judges together
 * (mask "section") is sent whole, its name the mask, once any field
 * changed. Field violations of the server are shown at the form's fields,
 * anything else above the buttons. It returns the form and
 * the props of its SettingsSection.
 */
export function useSectionForm<V extends WithReason, S extends SectionName>({
  section,
  title,
  fields,
  initialValues,
  validate,
  messageOf,
  aliases,
  mask = "fields",
}: {
  section: S;
  title: string;
  /** The section's fields, as camelCase paths inside it. */
  fields: readonly string[];
  initialValues: V;
  validate: FormValidateInput<V>;
  /** The section's values as its part of the Settings message. */
  messageOf: (values: V) => NonNullable<SettingsInit[S]>;
  /** Form field names of proto fields named differently, e.g. vatRateBasisPoints -> vatRate. */
  aliases?: Record<string, string>;
  /** "fields": the mask names each changed field; "section": the section as a whole. */
  mask?: "fields" | "section";
}) {
  const { t } = useI18n();
  const billingEntityId = useBillingEntityScope();
  const update = useUpdateSettings();
  const form = useForm<V>({ initialValues, validateInputOnBlur: true, validate });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const changed = changedPaths(section, fields, messageOf(initialValues), messageOf(form.values));
  const paths = mask === "section" && changed.length > 0 ? [section] : changed;

  const onSubmit = form.onSubmit(async (values) => {
    clearFailure();
    if (paths.length === 0) return;
    try {
      await update.mutateAsync({
        // Only this section's part of the message (TypeScript cannot follow a computed key).
        settings: { [section]: messageOf(values) } as SettingsInit,
        updateMask: { paths },
        reason: values.reason.trim(),
        billingEntityId,
      });
      notifications.show({ color: "teal", message: t("settings.saved", { section: title }) });
    } catch (error) {
      showFailure(error, fieldPaths(values), aliases);
    }
  });

  return {
    form,
    section: {
      title,
      form,
      changed: paths.length > 0,
      saving: update.isPending,
      failure,
      onSubmit,
    },
  };
}

/**
 * SettingsSection is one card of the settings page with its own form (see
 * useSectionForm): the fields, and for those who may change them a reason and
 * a save button (enabled once a field changed).
 */
export function SettingsSection<V extends WithReason>({
  title,
  hint,
  form,
  canWrite,
  changed,
  saving,
  failure,
  onSubmit,
  children,
}: {
  title: string;
  hint?: ReactNode;
  form: UseFormReturnType<V>;
  canWrite: boolean;
  changed: boolean;
  saving: boolean;
  failure: string | null;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4} mb="md">
        <Title order={3} id={headingId}>
          {title}
        </Title>
        {hint && (
          <Text fz="sm" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {children}
          <FormFailure failure={failure} />
          {canWrite && (
            <Group align="flex-end" justify="flex-end" gap="sm" wrap="wrap">
              {/* The reason is asked for once something changed. */}
              {changed && (
                <TextInput
                  label={t("common.reasonOptional")}
                  placeholder={t("common.reasonPlaceholder")}
                  style={{ flex: "1 1 280px" }}
                  {...form.getInputProps("reason")}
                />
              )}
              <Button type="submit" loading={saving} disabled={!changed}>
                {t("common.save")}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
