import { Textarea } from "@mantine/core";
import type { ComponentPropsWithoutRef } from "react";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * ReasonField asks why a change is made; the reason goes to the audit log.
 * Where the API requires one it is marked so; otherwise it is optional.
 */
export function ReasonField({
  required = false,
  ...textarea
}: { required?: boolean } & ComponentPropsWithoutRef<typeof Textarea>) {
  const { t } = useI18n();
  return (
    <Textarea
      label={required ? t("common.reason") : t("common.reasonOptional")}
      placeholder={t("common.reasonPlaceholder")}
      withAsterisk={required}
      autosize
      minRows={2}
      {...textarea}
    />
  );
}
