import { describe, expect, it } from "vitest";
import { normalizeVatId, vatIdProblem } from "./vat-id";

describe("VAT ID", () => {
  it("checks the basic form", () => {
    expect(vatIdProblem("DE136695976")).toBeNull();
    expect(vatIdProblem("de 136 695 976")).toBeNull();
    expect(vatIdProblem("ATU13585627")).toBeNull();
    expect(vatIdProblem("NL123456789B01")).toBeNull();
    expect(vatIdProblem("123456789")).toBe("format");
    expect(vatIdProblem("D")).toBe("format");
    expect(vatIdProblem("DE1234567890123")).toBe("format");
  });
  it("normalizes", () => {
    expect(normalizeVatId(" de 136.695-976 ")).toBe("DE136695976");
  });
  it("wants nine digits after DE", () => {
    expect(vatIdProblem("DE13669597")).toBe("germanFormat");
    expect(vatIdProblem("DE1366959761")).toBe("germanFormat");
    expect(vatIdProblem("DEA36695976")).toBe("germanFormat");
  });
});
