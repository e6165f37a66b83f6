import { describe, expect, it } from "vitest";
import { diffJson } from "./json-diff";

describe("diffJson", () => {
  it("marks changed, unchanged, added and removed fields", () => {
    const rows = diffJson(
      JSON.stringify({
        name: "Acme",
        billing_address: { city: "Berlin", line1: "A 1" },
        vat_id: "DE1",
      }),
      JSON.stringify({
        name: "Acme",
        billing_address: { city: "Hamburg", line1: "A 1" },
        managed: true,
      }),
    );
    expect(rows).toEqual([
      { path: "name", before: "Acme", after: "Acme", kind: "unchanged" },
      { path: "billing_address.city", before: "Berlin", after: "Hamburg", kind: "changed" },
      { path: "billing_address.line1", before: "A 1", after: "A 1", kind: "unchanged" },
      { path: "vat_id", before: "DE1", after: undefined, kind: "removed" },
      { path: "managed", before: undefined, after: "true", kind: "added" },
    ]);
  });

  it("treats a creation as all added", () => {
    expect(diffJson("", '{"name":"New"}')).toEqual([
      { path: "name", before: undefined, after: "New", kind: "added" },
    ]);
  });

  it("keeps text that is not JSON", () => {
    expect(diffJson("old", "new")).toEqual([
      { path: "(value)", before: "old", after: "new", kind: "changed" },
    ]);
  });
});
