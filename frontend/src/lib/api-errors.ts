import { Code, ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { SecondFactorRequiredSchema } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { translate, currentLocale, type Locale, type MessageKey } from "@/lib/i18n/i18n";

/** A field violation as the server reported it. */
export interface FieldViolation {
  /** The path of proto field names, e.g. ["organization", "billing_address", "city"]. */
  path: string[];
  /** The protovalidate rule, e.g. "string.email". */
  ruleId: string;
  /** The server's English message. */
  message: string;
}

export function asConnectError(error: unknown): ConnectError {
  return ConnectError.from(error);
}

/** violationsOf reads the buf.validate.Violations details of an InvalidArgument error. */
export function violationsOf(error: unknown): FieldViolation[] {
  const err = asConnectError(error);
  if (err.code !== Code.InvalidArgument) return [];
  return err.findDetails(ViolationsSchema).flatMap((details) =>
    details.violations.map((v) => ({
      path: (v.field?.elements ?? []).map((e) => e.fieldName ?? "").filter((n) => n !== ""),
      ruleId: v.ruleId ?? "",
      message: v.message ?? "",
    })),
  );
}

/**
 * secondFactorRequirement reads the SecondFactorRequired detail of a
 * refused call: the call needs the caller's second factor first, confirmed
 * with a code (enrollmentRequired false) or set up (true). Undefined for
 * any other error.
 */
export function secondFactorRequirement(
  error: unknown,
): { enrollmentRequired: boolean } | undefined {
  const err = asConnectError(error);
  if (err.code !== Code.FailedPrecondition) return undefined;
  const [detail] = err.findDetails(SecondFactorRequiredSchema);
  return detail ? { enrollmentRequired: detail.enrollmentRequired } : undefined;
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * fieldCandidates lists the form field names a violation may belong to, most
 * specific first: ["organization","billing_address","city"] gives
 * "organization.billingAddress.city", "billingAddress.city", "city".
 */
export function fieldCandidates(path: string[]): string[] {
  const names = path.map(camel);
  const candidates: string[] = [];
  for (let i = 0; i < names.length; i++) candidates.push(names.slice(i).join("."));
  return candidates;
}

const numberIn = (message: string): string | undefined => message.match(/\d+/)?.[0];

/**
 * violationMessage says what is wrong in the interface's language where the
 * rule is known, and falls back to the server's message.
 */
export function violationMessage(
  violation: FieldViolation,
  locale: Locale = currentLocale(),
): string {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params);
  // The server's English names the exact problem: kept for English, while
  // other languages get the rule's text — never the server's English.
  const english = (key: MessageKey) =>
    locale === "en" && violation.message ? violation.message : t(key);
  const field = camel(violation.path[violation.path.length - 1] ?? "");
  const ruleId = violation.ruleId;
  // Bounds of numbers (int32.gte, int64.lte, int32.gte_lte).
  if (/^(u?int(32|64)|s?fixed(32|64)|double|float)\.gte?_lte?$/.test(ruleId)) {
    const [min, max] = violation.message.match(/-?\d+/g) ?? [];
    return min && max ? t("validation.range", { min, max }) : english("validation.invalid");
  }
  if (/^(u?int(32|64)|s?fixed(32|64)|double|float)\.(gte?)$/.test(ruleId)) {
    const min = numberIn(violation.message);
    return min ? t("validation.min", { min }) : english("validation.invalid");
  }
  if (/^(u?int(32|64)|s?fixed(32|64)|double|float)\.(lte?)$/.test(ruleId)) {
    const max = numberIn(violation.message);
    return max ? t("validation.max", { max }) : english("validation.invalid");
  }
  // A provider's own settings (connection.<field>): their English says which.
  if (ruleId.startsWith("connection.")) return english("validation.invalid");
  switch (ruleId) {
    case "required":
    case "oneof.required":
      return t("validation.required");
    case "string.min_len":
    case "string.min_len_empty":
    case "string.pattern": {
      if (field === "reason") return t("validation.reasonRequired");
      if (violation.ruleId === "string.pattern") {
        if (field === "vatId") return t("validation.pattern.vatId");
        if (field === "countryCode") return t("validation.pattern.countryCode");
        return t("validation.pattern");
      }
      const min = numberIn(violation.message);
      return !min || min === "1" ? t("validation.required") : t("validation.minLen", { min });
    }
    case "string.max_len": {
      const max = numberIn(violation.message);
      return max ? t("validation.maxLen", { max }) : english("validation.invalid");
    }
    case "repeated.max_items": {
      const max = numberIn(violation.message);
      return max ? t("validation.maxItems", { max }) : english("validation.invalid");
    }
    case "repeated.min_items":
    case "reason.required":
      return field === "reason" ? t("validation.reasonRequired") : t("validation.required");
    case "repeated.unique":
      return t("validation.unique");
    case "id.format":
    case "id.prefix":
      return t("validation.id");
    case "string.no_nul":
      return t("validation.pattern");
    case "order_by.in":
    case "job.unknown":
      return t("validation.in");
    case "parent_id.exists":
      return t("validation.parentMissing");
    case "workspace_id.organization":
      return t("validation.workspaceOrganization");
    case "admin.member":
      return t("validation.adminMember");
    case "external_ids.unknown":
      return english("validation.externalUnknown");
    case "endpoint.scheme":
      return english("validation.endpointScheme");
    case "endpoint.destination":
      return english("validation.endpointDestination");
    case "credentials.reenter":
      return t("validation.credentialsReenter");
    case "string.email":
    case "string.email_empty":
      return t("validation.email");
    case "string.uri":
    case "endpoint.url":
      return t("validation.url");
    case "string.ip":
    case "string.ip_empty":
    case "ip_address.ip":
      return t("validation.ip");
    case "name.required":
      return t("validation.required");
    case "parent_id.cycle":
      return t("validation.parentCycle");
    case "string.in":
      return t("validation.in");
    case "enum.defined_only":
    case "enum.not_in":
      return t("validation.enum");
    case "timestamp.gt_now":
      return t("validation.future");
    case "time_range":
      return t("validation.timeRange");
    // The dates of a discount: never before today, the last day not before the first.
    case "start_date.before_today":
    case "end_date.before_today":
      return english("validation.notBeforeToday");
    case "end_date.before_start":
      return english("validation.endBeforeStart");
    case "end_date.after_end":
      return english("validation.endAfterEnd");
    // A payment: the day it arrived, what is left of it to refund.
    case "value_date.not_future":
      return english("validation.notAfterToday");
    case "amount_cents.left":
      return english("validation.amountLeft");
    // The levels of dunning: each one's day after the one before.
    case "dunning.increasing":
      return english("validation.dunningIncreasing");
    // The server's own checks of settings fields. Its English messages name
    // the exact problem; other languages get a translated summary.
    case "iban.valid":
      return locale === "en" && violation.message
        ? violation.message
        : t("validation.iban.invalid");
    case "vat_id.valid":
      return locale === "en" && violation.message
        ? violation.message
        : t("validation.vatId.invalid");
    // A public authority's buyer reference, its Leitweg-ID: missing, or
    // not one (its format or its check digits).
    case "leitweg_id.required":
      return english("validation.leitwegId.required");
    case "leitweg_id.valid":
      return english("validation.leitwegId.invalid");
    case "bic.format":
      return t("validation.bic");
    case "second_factor.code":
      return t("secondFactor.codeWrong");
    case "tax_number.format":
      return t("validation.taxNumber");
    // An uploaded image (the issuer's logo): the server's English names
    // what it found (the type, the size, the pixels); other languages get
    // a translated summary.
    case "content.image":
    case "content_type.logo":
      return english("validation.image.type");
    case "content.size":
    case "bytes.max_len":
      return english("validation.image.size");
    case "content.dimensions":
      return english("validation.image.dimensions");
    case "content.printable":
      return english("validation.image.printable");
    default:
      return english("validation.invalid");
  }
}

export interface MappedViolations {
  /** Messages by form field name. */
  fields: Record<string, string>;
  /** Messages of violations no form field matched. */
  unmatched: string[];
}

/**
 * mapViolations assigns each violation to one of the form's fields (by the
 * camelCase form of its proto path; aliases map other names) and translates it.
 */
export function mapViolations(
  violations: FieldViolation[],
  formFields: readonly string[],
  aliases: Record<string, string> = {},
  locale: Locale = currentLocale(),
): MappedViolations {
  const known = new Set(formFields);
  const result: MappedViolations = { fields: {}, unmatched: [] };
  for (const violation of violations) {
    const message = violationMessage(violation, locale);
    const candidates = fieldCandidates(violation.path);
    let target: string | undefined;
    for (const candidate of candidates) {
      const name = aliases[candidate] ?? candidate;
      if (known.has(name)) {
        target = name;
        break;
      }
    }
    if (target) {
      result.fields[target] ??= message;
    } else {
      result.unmatched.push(message);
    }
  }
  return result;
}

/**
 * isMissingRecord tells whether a failed read means the record is not there:
 * NotFound, or an id the server refused as malformed (InvalidArgument whose
 * violations all concern an id field, e.g. /organizations/xyz). A malformed
 * id names nothing, so it does not exist either.
 */
export function isMissingRecord(error: unknown): boolean {
  const err = asConnectError(error);
  if (err.code === Code.NotFound) return true;
  if (err.code !== Code.InvalidArgument) return false;
  const violations = violationsOf(err);
  return (
    violations.length > 0 &&
    violations.every((v) => {
      const field = v.path[v.path.length - 1] ?? "";
      return field === "id" || field.endsWith("_id");
    })
  );
}

/** isUnreachable tells whether a call failed because the server could not be reached or failed itself (offline, 5xx). */
export function isUnreachable(error: unknown): boolean {
  const code = asConnectError(error).code;
  return (
    code === Code.Unavailable ||
    code === Code.Unknown ||
    code === Code.Internal ||
    code === Code.DeadlineExceeded ||
    code === Code.Aborted
  );
}

/** errorMessage is what to tell a person about a failed call, in their language. */
export function errorMessage(error: unknown, locale: Locale = currentLocale()): string {
  const err = asConnectError(error);
  switch (err.code) {
    case Code.PermissionDenied:
      return translate(locale, "error.permissionDenied");
    case Code.Unavailable:
    case Code.Unknown:
      return err.rawMessage && err.code === Code.Unknown
        ? err.rawMessage
        : translate(locale, "error.network");
    case Code.InvalidArgument: {
      const violations = violationsOf(err);
      if (violations.length > 0) {
        return violations
          .map((v) => {
            const field = v.path.join(".");
            return field ? `${field}: ${violationMessage(v, locale)}` : violationMessage(v, locale);
          })
          .join("\n");
      }
      return locale === "en" && err.rawMessage
        ? err.rawMessage
        : translate(locale, "validation.invalid");
    }
    case Code.FailedPrecondition: {
      const requirement = secondFactorRequirement(err);
      if (requirement) {
        return translate(
          locale,
          requirement.enrollmentRequired
            ? "error.secondFactor.enroll"
            : "error.secondFactor.confirm",
        );
      }
      return err.rawMessage || translate(locale, "error.generic");
    }
    case Code.NotFound:
    case Code.AlreadyExists:
    case Code.ResourceExhausted:
      return err.rawMessage || translate(locale, "error.generic");
    case Code.Internal:
    default:
      return err.rawMessage || translate(locale, "error.generic");
  }
}

/**
 * codeErrorMessage is what to say when a code of the second factor was not
 * accepted: a wrong (or used) code, too many attempts, or another failure.
 */
export function codeErrorMessage(error: unknown, locale: Locale = currentLocale()): string {
  const err = asConnectError(error);
  switch (err.code) {
    case Code.InvalidArgument:
      return translate(locale, "secondFactor.codeWrong");
    case Code.ResourceExhausted:
      return translate(locale, "auth.signIn.throttled");
    default:
      return errorMessage(err, locale);
  }
}
