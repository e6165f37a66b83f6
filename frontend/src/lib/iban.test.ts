import { describe, expect, it } from "vitest";
import { formatIban, ibanProblem, isValidBic, isValidIban, normalizeIban } from "./iban";

describe("IBAN", () => {
  it("accepts valid IBANs of several countries, with or without spaces", () => {
    for (const iban of [
      "DE89370400440532013000",
      "DE89 3704 0044 0532 0130 00",
      "de89 3704 0044 0532 0130 00",
      "AT611904300234573201",
      "CH9300762011623852957",
      "NL91ABNA0417164300",
      "FR1420041010050500013M02606",
      "GB82WEST12345698765432",
      "LU280019400644750000",
      "BE68539007547034",
    ]) {
      expect(ibanProblem(iban), iban).toBeNull();
      expect(isValidIban(iban)).toBe(true);
    }
  });

  it("rejects wrong check digits", () => {
    expect(ibanProblem("DE88370400440532013000")).toEqual({ kind: "checksum" });
    // Two digits swapped.
    expect(ibanProblem("DE89370400440532031000")).toEqual({ kind: "checksum" });
    expect(ibanProblem("GB82WEST12345698765433")).toEqual({ kind: "checksum" });
  });

  it("rejects the wrong length for the country", () => {
    expect(ibanProblem("DE8937040044053201300")).toEqual({
      kind: "length",
      country: "DE",
      length: 22,
    });
    expect(ibanProblem("AT6119043002345732011")).toEqual({
      kind: "length",
      country: "AT",
      length: 20,
    });
    expect(ibanProblem("BE6853900754703")).toEqual({ kind: "length", country: "BE", length: 16 });
    expect(ibanProblem("DE89")).toEqual({ kind: "length", country: "DE", length: 22 });
  });

  it("rejects what is not an IBAN at all", () => {
    for (const value of ["", "hello", "1234567890123456", "DEXX370400440532013000", "DE89-€"]) {
      expect(ibanProblem(value), value).toEqual({ kind: "format" });
    }
  });

  it("normalizes and writes in groups of four", () => {
    expect(normalizeIban(" de89 3704-0044 ")).toBe("DE8937040044");
    expect(formatIban("DE89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
    expect(formatIban("be68 5390 0754 7034")).toBe("BE68 5390 0754 7034");
    expect(formatIban("")).toBe("");
  });
});

describe("BIC", () => {
  it("accepts 8 and 11 characters", () => {
    expect(isValidBic("COBADEFFXXX")).toBe(true);
    expect(isValidBic("COBADEFF")).toBe(true);
    expect(isValidBic("DEUTDEDB110")).toBe(true);
    expect(isValidBic("cobadeffxxx")).toBe(true);
  });
  it("rejects other forms", () => {
    for (const value of ["", "COBADEF", "COBADEFFXX", "COBADEFFXXXX", "C0BADEFF", "COBA1EFF"]) {
      expect(isValidBic(value), value).toBe(false);
    }
  });
});
