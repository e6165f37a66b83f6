import { describe, expect, it } from "vitest";
import { parsePercent, percentInput, percentText } from "./percent";

describe("percentages in basis points", () => {
  it.each([
    ["10", 1000],
    ["10 %", 1000],
    ["12.5", 1250],
    ["12,5", 1250],
    ["12.75", 1275],
    [" 0,01 ", 1],
    ["0.1", 10],
    ["100", 10000],
    ["100.00", 10000],
    ["007", 700],
  ])("reads %j as %d basis points, exactly", (text, basisPoints) => {
    expect(parsePercent(text)).toBe(basisPoints);
  });

  it.each(["", "0", "0.00", "100.01", "101", "12.345", "1,234", "-5", "abc", "10.", ".5", "1e2"])(
    "refuses %j",
    (text) => {
      expect(parsePercent(text)).toBeNull();
    },
  );

  it("shows basis points as a percentage in the reader's language", () => {
    expect(percentText(1000, "en")).toBe("10%");
    expect(percentText(1250, "en")).toBe("12.5%");
    expect(percentText(1275, "de")).toBe("12,75\u00a0%");
    expect(percentText(1, "de")).toBe("0,01\u00a0%");
    expect(percentText(10000, "en")).toBe("100%");
  });

  it("reads 0 % where it is allowed (a commission), never below", () => {
    expect(parsePercent("0", { zero: true })).toBe(0);
    expect(parsePercent("0,00", { zero: true })).toBe(0);
    expect(parsePercent("-1", { zero: true })).toBeNull();
    expect(parsePercent("100.01", { zero: true })).toBeNull();
  });

  it.each([
    [1000, "en", "10"],
    [1250, "en", "12.5"],
    [1275, "de", "12,75"],
    [5, "de", "0,05"],
    [0, "en", "0"],
  ] as const)("writes %d basis points for the form (%s) as %j", (basisPoints, locale, text) => {
    expect(percentInput(basisPoints, locale)).toBe(text);
    expect(parsePercent(text, { zero: true })).toBe(basisPoints);
  });
});
