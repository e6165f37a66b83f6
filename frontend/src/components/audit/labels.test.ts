import type { DescService } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { AuditOutcome } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { translate } from "@/lib/i18n/i18n";
import { allTexts } from "@/test/texts";
import { actionKey, actionLabel, fieldLabel } from "./labels";
import namedActions from "./named-actions.gen.json";

// Each page loads its areas' texts; these tests check the texts of all areas.
const { en, de } = await allTexts();

// Every service of the generated SDK, as its files export them.
const modules = import.meta.glob<Record<string, unknown>>(
  "../../../../gen/ts/src/leitstand/*/v1/*_pb.ts",
  { eager: true },
);
const services = Object.values(modules)
  .flatMap((m) => Object.values(m))
  .filter((v): v is DescService => (v as DescService | undefined)?.kind === "service");

/** The procedures that change something, and so are written to the audit trail. */
const audited = services.flatMap((s) =>
  s.methods
    .filter((m) => m.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS)
    .map((m) => `/${s.typeName}/${m.name}`),
);

const t =
  (locale: "en" | "de") =>
  (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);

describe("the labels of audited actions", () => {
  it("finds the services of the SDK", () => {
    expect(services.map((s) => s.name)).toContain("MemberService");
    expect(audited).toContain("/leitstand.admin.v1.MemberService/SetPlatformRole");
  });

  it.each(audited)("labels the procedure %s in English and German", (procedure) => {
    const key = actionKey(procedure);
    expect(key, `no label for ${procedure}`).toBeDefined();
    expect(en[key!]).toBeTruthy();
    expect(de[key!]).toBeTruthy();
  });

  it.each(namedActions)("labels the system's action %s in English and German", (action) => {
    const key = actionKey(action);
    expect(key, `no label for ${action}`).toBeDefined();
    expect(en[key!]).toBeTruthy();
    expect(de[key!]).toBeTruthy();
  });

  it("says what was done, in the interface's language", () => {
    const changed = {
      action: "/leitstand.admin.v1.MemberService/SetPlatformRole",
      outcome: AuditOutcome.SUCCEEDED,
      targetType: "user",
    };
    expect(actionLabel(t("en"), changed)).toBe("Changed platform role");
    expect(actionLabel(t("de"), changed)).toBe("Plattformrolle geändert");
    const job = {
      action: "job.server_sync",
      outcome: AuditOutcome.SUCCEEDED,
      targetType: "server",
    };
    expect(actionLabel(t("de"), job)).toBe("Job: Serverabgleich");
  });

  it("says a refused sign-in failed rather than that someone signed in", () => {
    const login = "/leitstand.admin.v1.AuthService/Login";
    const succeeded = { action: login, outcome: AuditOutcome.SUCCEEDED, targetType: "user" };
    const denied = { action: login, outcome: AuditOutcome.DENIED, targetType: "procedure" };
    expect(actionLabel(t("en"), succeeded)).toBe("Signed in");
    expect(actionLabel(t("en"), denied)).toBe("Sign-in failed");
    expect(actionLabel(t("de"), denied)).toBe("Anmeldung fehlgeschlagen");
  });

  it("names an action without a label of its own from what the event holds", () => {
    const refusedRead = {
      action: "/leitstand.admin.v1.ServerService/ListServers",
      outcome: AuditOutcome.DENIED,
      targetType: "procedure",
    };
    expect(actionLabel(t("en"), refusedRead)).toBe("Called ListServers");
    const unnamed = {
      action: "system.server.update",
      outcome: AuditOutcome.SUCCEEDED,
      targetType: "server",
    };
    expect(actionLabel(t("de"), unnamed)).toBe("Server vom System geändert");
  });
});

describe("the labels of recorded fields", () => {
  it("names nested fields by their form labels, segment by segment", () => {
    expect(fieldLabel(t("en"), "organization", "billing_address.line1")).toBe(
      "Billing address › Street and number",
    );
    expect(fieldLabel(t("de"), "organization", "billing_address.line1")).toBe(
      "Rechnungsadresse › Straße und Hausnummer",
    );
    expect(fieldLabel(t("en"), "server", "ip_address")).toBe("IP address");
    expect(fieldLabel(t("de"), "user", "remote_addr")).toBe("Client-Adresse");
  });

  it("names a payment's fields and what it changes of its invoice", () => {
    expect(fieldLabel(t("en"), "payment", "amount_cents")).toBe("Amount");
    expect(fieldLabel(t("de"), "payment", "value_date")).toBe("Wertstellung");
    expect(fieldLabel(t("de"), "payment", "refunded_cents")).toBe("Erstattet");
    expect(fieldLabel(t("de"), "payment", "provider_payment_id")).toBe("Zahlungs-ID beim Anbieter");
    expect(fieldLabel(t("de"), "invoice", "paid_cents")).toBe("Bisher bezahlt");
    expect(fieldLabel(t("en"), "invoice", "status")).toBe("Status");
    expect(fieldLabel(t("en"), "invoice", "e_invoice")).toBe("E-invoice format");
    expect(fieldLabel(t("de"), "invoice", "e_invoice")).toBe("E-Rechnungsformat");
  });

  it("names a billing entity's and a sign-up's fields", () => {
    expect(fieldLabel(t("en"), "billing_entity", "signup_handle")).toBe("Sign-up handle");
    expect(fieldLabel(t("de"), "billing_entity", "capabilities")).toBe("Befugnisse");
    expect(fieldLabel(t("en"), "billing_entity", "suspend_reason")).toBe("Why suspended");
    expect(fieldLabel(t("de"), "organization", "rejection_reason")).toBe("Grund der Ablehnung");
    expect(fieldLabel(t("en"), "organization", "signup")).toBe("Signed up in the portal");
  });

  it("names a dunning hold's and a dunning notice's fields", () => {
    expect(fieldLabel(t("en"), "dunning_hold", "until")).toBe("Last day");
    expect(fieldLabel(t("de"), "dunning_hold", "reason")).toBe("Grund");
    expect(fieldLabel(t("de"), "dunning_notice", "level")).toBe("Stufe");
    expect(fieldLabel(t("de"), "dunning_notice", "fee_invoice")).toBe("Gebührenrechnung");
    expect(fieldLabel(t("en"), "dunning_notice", "answer")).toBe("Mail server's answer");
    expect(fieldLabel(t("en"), "dunning_notice", "fee_cents")).toBe("Fee");
  });

  // The fields the server records of these kinds of object (catalog/offer.go,
  // savedview, image, usagereport/stored.go).
  const recorded: Record<string, string[]> = {
    product_offer: [
      "billing_entity_id",
      "catalog_item_id",
      "monthly_price_cents",
      "currency",
      "minimum_term_months",
      "notice_period_days",
      "description",
      "bookable",
      "retire_time",
    ],
    saved_view: ["page", "name", "parameters", "columns", "shared"],
    dashboard_layout: ["widgets", "hidden"],
    image: [
      "name",
      "kind",
      "os",
      "version",
      "size_bytes",
      "source",
      "description",
      "billing_entity_id",
      "shared_with",
    ],
    usage_report: ["billing_entity_id", "month", "organizations", "net_revenue_cents"],
  };
  it.each(Object.entries(recorded))(
    "names every recorded field of a %s in English and German",
    (type, fields) => {
      for (const field of fields) {
        expect(fieldLabel(t("en"), type, field), `${type}.${field}`).toBeDefined();
        expect(fieldLabel(t("de"), type, field), `${type}.${field}`).toBeDefined();
      }
    },
  );

  it("names an offer's terms by its form's labels", () => {
    expect(fieldLabel(t("en"), "product_offer", "billing_entity_id")).toBe("Reseller");
    expect(fieldLabel(t("de"), "product_offer", "notice_period_days")).toBe(
      "Kündigungsfrist (Tage)",
    );
    expect(fieldLabel(t("de"), "product_offer", "currency")).toBe("Währung");
    expect(fieldLabel(t("en"), "usage_report", "net_revenue_cents")).toBe("Net revenue");
    expect(fieldLabel(t("de"), "dashboard_layout", "hidden")).toBe("Verborgene Kacheln");
  });

  it("names a saved view's search parameters by their key", () => {
    expect(fieldLabel(t("en"), "saved_view", "parameters.state")).toBe("Filters and sort › state");
    expect(fieldLabel(t("de"), "saved_view", "parameters")).toBe("Filter und Sortierung");
    expect(fieldLabel(t("de"), "saved_view", "shared")).toBe("Mit dem Team geteilt");
    // Elsewhere a field's fields are named by labels, or not at all.
    expect(fieldLabel(t("en"), "organization", "parameters.state")).toBeUndefined();
  });

  it("leaves a field it cannot name to its path", () => {
    expect(fieldLabel(t("en"), "organization", "billing_address.floor")).toBeUndefined();
    expect(fieldLabel(t("en"), "settings", "invoice.number_format")).toBeUndefined();
  });
});
