import { create } from "@bufbuild/protobuf";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import {
  invalid as invalidRequest,
  notFound,
  secondFactorRequired,
  wrongCode,
} from "@/test/canned";
import {
  isMissingRecord,
  isUnreachable,
  codeErrorMessage,
  errorMessage,
  fieldCandidates,
  mapViolations,
  secondFactorRequirement,
  violationMessage,
  violationsOf,
} from "./api-errors";
import { fieldPaths, formErrors } from "./forms";

function invalid(...violations: { path: string[]; ruleId: string; message: string }[]) {
  return new ConnectError("invalid request", Code.InvalidArgument, undefined, [
    {
      desc: ViolationsSchema,
      value: create(ViolationsSchema, {
        violations: violations.map((v) => ({
          field: { elements: v.path.map((fieldName) => ({ fieldName })) },
          ruleId: v.ruleId,
          message: v.message,
        })),
      }),
    },
  ]);
}

describe("field error mapping", () => {
  const formFields = fieldPaths({
    name: "",
    billingEmail: "",
    vatId: "",
    billingAddress: { line1: "", city: "", countryCode: "" },
    reason: "",
  });

  it("lists candidate form fields from a proto path", () => {
    expect(fieldCandidates(["organization", "billing_address", "city"])).toEqual([
      "organization.billingAddress.city",
      "billingAddress.city",
      "city",
    ]);
  });

  it("reads violations from the error details", () => {
    const error = invalid({
      path: ["name"],
      ruleId: "string.min_len",
      message: "value length must be at least 1 characters",
    });
    expect(violationsOf(error)).toEqual([
      {
        path: ["name"],
        ruleId: "string.min_len",
        message: "value length must be at least 1 characters",
      },
    ]);
  });

  it("marks nested fields of an update request and translates known rules", () => {
    const error = invalid(
      {
        path: ["organization", "billing_email"],
        ruleId: "string.email",
        message: "value must be a valid email address",
      },
      {
        path: ["organization", "billing_address", "country_code"],
        ruleId: "string.pattern",
        message: "value does not match regex pattern `^[A-Z]{2}$`",
      },
      {
        path: ["organization", "name"],
        ruleId: "string.max_len",
        message: "value length must be at most 200 characters",
      },
    );
    expect(mapViolations(violationsOf(error), formFields, {}, "de")).toEqual({
      fields: {
        billingEmail: "Geben Sie eine gültige E-Mail-Adresse ein.",
        "billingAddress.countryCode":
          "Geben Sie einen Ländercode aus zwei Großbuchstaben ein, z. B. DE.",
        name: "Darf höchstens 200 Zeichen lang sein.",
      },
      unmatched: [],
    });
    expect(mapViolations(violationsOf(error), formFields, {}, "en").fields.billingEmail).toBe(
      "Enter a valid e-mail address.",
    );
  });

  it("asks for a reason where the reason is missing", () => {
    const error = invalid({
      path: ["reason"],
      ruleId: "string.min_len",
      message: "value length must be at least 1 characters",
    });
    expect(formErrors(error, formFields, "en")).toEqual({
      fields: { reason: "Please give a reason." },
      message: null,
    });
  });

  it("says an unknown rule in its own words, in English with the server's message", () => {
    const error = invalid({
      path: ["update_mask"],
      ruleId: "custom.rule",
      message: "update_mask names an unknown field",
    });
    expect(formErrors(error, formFields, "de")).toEqual({
      fields: {},
      message: "Dieser Wert ist ungültig.",
    });
    expect(formErrors(error, formFields, "en")).toEqual({
      fields: {},
      message: "update_mask names an unknown field",
    });
  });

  it("never shows a German reader the server's English, whatever the rule", () => {
    // The rules the server's own checks and protovalidate send, with the
    // English they come with.
    const sent = [
      ["id.format", '"x" is not a valid id (expected srv_…)'],
      ["id.prefix", '"org_1" is not a srv id (expected srv_…)'],
      ["int32.gte_lte", "value must be greater than or equal to 0 and less than or equal to 500"],
      ["int32.gte", "value must be greater than or equal to 1"],
      ["int64.lte", "value must be less than or equal to 100"],
      ["repeated.max_items", "value must contain no more than 100 item(s)"],
      ["repeated.unique", "repeated value must contain unique items"],
      ["string.max_len", "value length must be at most 200 characters"],
      ["string.no_nul", "must not contain a NUL character"],
      ["order_by.in", "must be one of name, name desc"],
      ["parent_id.exists", "the parent server srv_1 does not exist"],
      ["workspace_id.organization", "the workspace ws_1 is not one of Acme's"],
      ["admin.member", "the workspace admin must be a member of the organization"],
      ["external_ids.unknown", "connection pve does not report 101"],
      ["endpoint.scheme", "a proxmox endpoint starts with https://"],
      ["endpoint.destination", "a loopback address is not a provider"],
      ["credentials.reenter", "enter the credentials again to change the endpoint"],
      ["connection.token", "token is required for Proxmox"],
      ["update_mask.paths", "update_mask names an unknown field"],
      ["page_token.invalid", "the page token is invalid"],
      ["start_date.before_today", "a discount starts today (2026-03-14) or later"],
      ["end_date.before_today", "a discount ends today (2026-03-14) or later"],
      [
        "end_date.before_start",
        "the discount starts on 2026-04-01: it ends on that day at the earliest",
      ],
      [
        "end_date.after_end",
        "the discount ends on 2026-06-30 already: a later end would extend it",
      ],
    ] as const;
    for (const [ruleId, message] of sent) {
      const got = violationMessage({ path: ["settings", "name"], ruleId, message }, "de");
      expect(got, ruleId).not.toBe(message);
      expect(got, ruleId).not.toMatch(/\b(the|must|value|is|not|a)\b/);
    }
    expect(
      violationMessage({ path: ["page_size"], ruleId: "int32.gte_lte", message: sent[2][1] }, "de"),
    ).toBe("Geben Sie eine Zahl von 0 bis 500 ein.");
    const noBody = new ConnectError("name must not be empty", Code.InvalidArgument);
    expect(errorMessage(noBody, "de")).toBe("Dieser Wert ist ungültig.");
    expect(errorMessage(noBody, "en")).toBe("name must not be empty");
  });

  it("shows the server's message for other codes", () => {
    const error = new ConnectError(
      "a closed organization cannot be changed",
      Code.FailedPrecondition,
    );
    expect(errorMessage(error, "en")).toBe("a closed organization cannot be changed");
    expect(formErrors(error, formFields, "en").message).toBe(
      "a closed organization cannot be changed",
    );
    expect(errorMessage(new ConnectError("denied", Code.PermissionDenied), "de")).toBe(
      "Dazu fehlt Ihnen die Berechtigung.",
    );
  });
});

describe("the server's checks of settings fields", () => {
  const error = invalid(
    {
      path: ["settings", "tax", "vat_id"],
      ruleId: "vat_id.valid",
      message: "DE136695975 has a wrong check digit",
    },
    {
      path: ["settings", "bank", "bic"],
      ruleId: "bic.format",
      message: "a BIC has 8 or 11 characters",
    },
  );
  const fields = ["vatId", "bic", "reason"];

  it("keeps the server's exact words in English", () => {
    expect(formErrors(error, fields, "en").fields).toEqual({
      vatId: "DE136695975 has a wrong check digit",
      bic: "Enter a BIC of 8 or 11 letters and digits, e.g. COBADEFFXXX.",
    });
  });

  it("translates them in German", () => {
    expect(formErrors(error, fields, "de").fields).toEqual({
      vatId: "Das ist keine gültige USt-IdNr. für dieses Land.",
      bic: "Geben Sie eine BIC aus 8 oder 11 Buchstaben und Ziffern ein, z. B. COBADEFFXXX.",
    });
  });
});

describe("the server's check of a Leitweg-ID", () => {
  const v = (ruleId: string, message: string) => ({
    path: ["organization", "e_invoice", "buyer_reference"],
    ruleId,
    message,
  });
  const missing = v("leitweg_id.required", "a public authority's invoices need its Leitweg-ID");
  const wrong = v("leitweg_id.valid", "991-33333TEST-34: the check digits do not match");

  it("keeps the server's exact words in English", () => {
    expect(violationMessage(missing, "en")).toBe(missing.message);
    expect(violationMessage(wrong, "en")).toBe(wrong.message);
  });

  it("says it in German, never in the server's English", () => {
    expect(violationMessage(missing, "de")).toBe(
      "Ein öffentlicher Auftraggeber braucht hier seine Leitweg-ID.",
    );
    expect(violationMessage(wrong, "de")).toBe(
      "Das ist keine gültige Leitweg-ID. Bitte prüfen Sie sie, vor allem die Prüfziffern.",
    );
  });
});

describe("violationMessage of the infrastructure rules", () => {
  it("translates the server's own checks", () => {
    const v = (ruleId: string, message = "") => ({
      path: ["server", "ip_address"],
      ruleId,
      message,
    });
    expect(violationMessage(v("ip_address.ip", "must be an IPv4 or IPv6 address"), "en")).toBe(
      "Enter an IPv4 or IPv6 address, e.g. 203.0.113.10.",
    );
    expect(violationMessage(v("string.ip"), "de")).toBe(
      "Geben Sie eine IPv4- oder IPv6-Adresse ein, z. B. 203.0.113.10.",
    );
    expect(violationMessage(v("name.required", "give the server a name"), "en")).toBe(
      "This field is required.",
    );
    // A rule the panel does not know keeps the server's words.
    expect(violationMessage(v("connection.token", "token is required for Proxmox"), "en")).toBe(
      "token is required for Proxmox",
    );
  });
});

describe("violationMessage of an uploaded image", () => {
  const v = (ruleId: string, message: string) => ({ path: ["content"], ruleId, message });

  it("keeps the server's exact words in English and translates them in German", () => {
    const size = v("content.size", "the file has 600000 bytes; a logo has at most 512 KiB");
    expect(violationMessage(size, "en")).toBe(size.message);
    expect(violationMessage(size, "de")).toBe("Die Datei ist zu groß.");
    expect(violationMessage(v("bytes.max_len", "value must be at most 524288 bytes"), "de")).toBe(
      "Die Datei ist zu groß.",
    );
    expect(violationMessage(v("content.image", "the file is a GIF image, not a PNG"), "de")).toBe(
      "Die Datei ist kein Bild eines erlaubten Typs.",
    );
    expect(violationMessage(v("content.dimensions", "the image has 5000 × 10 pixels"), "de")).toBe(
      "Das Bild hat zu viele Pixel.",
    );
    expect(violationMessage(v("content.printable", "invoices cannot print this image"), "de")).toBe(
      "Dieses Bild kann nicht auf Rechnungen gedruckt werden. Speichern Sie es als PNG ohne Interlacing oder als JPEG.",
    );
  });
});

describe("second factor errors", () => {
  it("reads the SecondFactorRequired detail of a refusal", () => {
    expect(secondFactorRequirement(secondFactorRequired())).toEqual({ enrollmentRequired: false });
    expect(secondFactorRequirement(secondFactorRequired(true))).toEqual({
      enrollmentRequired: true,
    });
    expect(
      secondFactorRequirement(new ConnectError("no", Code.FailedPrecondition)),
    ).toBeUndefined();
  });

  it("says what to do in the interface's language", () => {
    expect(errorMessage(secondFactorRequired(), "en")).toBe(
      "This change needs a fresh code from your authenticator app.",
    );
    expect(errorMessage(secondFactorRequired(true), "de")).toBe(
      "Richten Sie zuerst einen zweiten Faktor (eine Authenticator-App) ein.",
    );
    expect(codeErrorMessage(wrongCode(), "de")).toBe(
      "Der Code ist falsch oder wurde schon verwendet. Bitte versuchen Sie es erneut.",
    );
    expect(codeErrorMessage(new ConnectError("slow down", Code.ResourceExhausted), "en")).toBe(
      "Too many attempts. Please wait a moment and try again.",
    );
  });
});

describe("isMissingRecord", () => {
  const pattern = (path: string[]) =>
    invalidRequest([
      { path, ruleId: "string.pattern", message: "value does not match regex pattern" },
    ]);
  it("takes NotFound and a malformed id alike as a record that is not there", () => {
    expect(isMissingRecord(notFound("organization"))).toBe(true);
    expect(isMissingRecord(pattern(["id"]))).toBe(true);
    expect(isMissingRecord(pattern(["server_id"]))).toBe(true);
  });
  it("leaves other failures to be said as they are", () => {
    expect(isMissingRecord(pattern(["billing_email"]))).toBe(false);
    expect(isMissingRecord(new ConnectError("invalid", Code.InvalidArgument))).toBe(false);
    expect(isMissingRecord(new ConnectError("down", Code.Unavailable))).toBe(false);
    expect(isUnreachable(new ConnectError("down", Code.Unavailable))).toBe(true);
    expect(isUnreachable(new ConnectError("boom", Code.Internal))).toBe(true);
    expect(isUnreachable(notFound("organization"))).toBe(false);
  });
});

describe("violationMessage of a payment's rules", () => {
  it("keeps the server's exact words in English and translates them in German", () => {
    const future = {
      path: ["value_date"],
      ruleId: "value_date.not_future",
      message: "the value date 2027-02-01 is after today (2027-01-31)",
    };
    expect(violationMessage(future, "en")).toBe(future.message);
    expect(violationMessage(future, "de")).toBe("Wählen Sie heute oder einen früheren Tag.");
    const left = {
      path: ["amount_cents"],
      ruleId: "amount_cents.left",
      message: "€24.51 of the payment are left to refund",
    };
    expect(violationMessage(left, "en")).toBe(left.message);
    expect(violationMessage(left, "de")).toBe("Mehr, als von der Zahlung noch zu erstatten ist.");
  });
});
