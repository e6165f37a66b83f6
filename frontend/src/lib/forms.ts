import { useState } from "react";
import { errorMessage, mapViolations, violationsOf } from "@/lib/api-errors";
import { useI18n, type Locale, type MessageKey } from "@/lib/i18n/i18n";

export interface FormErrorResult {
  /** Errors to set on the form's fields, by field path. */
  fields: Record<string, string>;
  /** What to show above the form, if anything could not be placed at a field. */
  message: string | null;
}

/**
 * formErrors places an API error at the form's fields where the server named
 * them (InvalidArgument with violations), and otherwise returns the message to
 * show above the form.
 */
export function formErrors(
  error: unknown,
  formFields: readonly string[],
  locale: Locale,
  aliases: Record<string, string> = {},
): FormErrorResult {
  const violations = violationsOf(error);
  if (violations.length === 0) return { fields: {}, message: errorMessage(error, locale) };
  const mapped = mapViolations(violations, formFields, aliases, locale);
  return {
    fields: mapped.fields,
    message: mapped.unmatched.length > 0 ? mapped.unmatched.join("\n") : null,
  };
}

/** requiredEmail checks a field that needs an e-mail address: the message to show, or null. */
export function requiredEmail(value: string, t: (key: MessageKey) => string): string | null {
  if (value.trim() === "") return t("validation.required");
  return /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t("validation.email");
}

/** fieldPaths lists the dotted paths of a form's values, e.g. "billingAddress.city". */
export function fieldPaths(values: object, prefix = ""): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? fieldPaths(value as object, path)
      : [path];
  });
}

/**
 * useFormFailure keeps what a form shows when the server refused it: the
 * violations it named go to the form's fields, anything else is `failure`,
 * shown above the form's buttons.
 */
export function useFormFailure(form: { setErrors: (errors: Record<string, string>) => void }) {
  const { t, locale } = useI18n();
  const [failure, setFailure] = useState<string | null>(null);
  /** showFailure places an error of the server; `formFields` are the paths the form has a field for. */
  const showFailure = (
    error: unknown,
    formFields: readonly string[],
    aliases?: Record<string, string>,
  ) => {
    const result = formErrors(error, formFields, locale, aliases);
    form.setErrors(result.fields);
    setFailure(
      result.message ?? (Object.keys(result.fields).length > 0 ? null : t("error.generic")),
    );
  };
  return { failure, showFailure, clearFailure: () => setFailure(null) };
}
