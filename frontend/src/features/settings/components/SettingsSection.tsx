import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { SettingsSchema } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { fieldPaths, formErrors } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useUpdateSettings } from "../api/settings";

/** The props of an input that only shows its value: read-only, and drawn filled so it looks it. */
export function readOnlyProps(canWrite: boolean) {
  return canWrite ? {} : { readOnly: true, variant: "filled" as const };
}

/** The form values every section has besides its fields. */
export interface WithReason {
  reason: string;
}

/**
 * useSectionSave saves one section of the settings: the fields named in
 * `paths` (the update mask), the section's new values, and the optional
 * reason. Field violations of the server are shown at the form's fields,
 * anything else above the buttons.
 */
export function useSectionSave<V extends WithReason>({
  form,
  title,
  paths,
  settings,
  aliases,
}: {
  form: UseFormReturnType<V>;
  title: string;
  /** The update_mask paths of the changed fields. */
  paths: string[];
  /** The section's new values as a Settings message. */
  settings: (values: V) => MessageInitShape<typeof SettingsSchema>;
  /** Form field names of proto fields named differently, e.g. vatRateBasisPoints -> vatRate. */
  aliases?: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const update = useUpdateSettings();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    if (paths.length === 0) return;
    try {
      await update.mutateAsync({
        settings: settings(values),
        updateMask: { paths },
        reason: values.reason.trim(),
      });
      notifications.show({ color: "teal", message: t("settings.saved", { section: title }) });
    } catch (error) {
      const result = formErrors(error, fieldPaths(values), locale, aliases);
      form.setErrors(result.fields);
      setFailure(
        result.message ?? (Object.keys(result.fields).length > 0 ? null : t("error.generic")),
      );
    }
  });

  return { submit, failure, saving: update.isPending };
}

/**
 * SettingsSection is one card of the settings page with its own form: the
 * fields, and for those who may change them a reason and a save button
 * (enabled once a field changed).
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
          {failure && (
            <Alert color="red" variant="light" role="alert" style={{ whiteSpace: "pre-line" }}>
              {failure}
            </Alert>
          )}
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
