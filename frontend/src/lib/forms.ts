import { errorMessage, mapViolations, violationsOf } from "@/lib/api-errors";
import type { Locale } from "@/lib/i18n/i18n";

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

/** fieldPaths lists the dotted paths of a form's values, e.g. "billingAddress.city". */
export function fieldPaths(values: object, prefix = ""): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? fieldPaths(value as object, path)
      : [path];
  });
}
