import { describe, expect, it } from "vitest";
import { parsePrice, priceInput } from "./price";

describe("parsePrice", () => {
  it.each([
    ["89", 8900n],
    ["89.9", 8990n],
    ["89,90", 8990n],
    ["0,05", 5n],
    ["1.234,50", 123450n],
    ["1,234.50", 123450n],
    ["1.234", 123400n],
    ["24 900 €", 2490000n],
  ])("reads %s as %d cents", (text, cents) => {
    expect(parsePrice(text)).toBe(cents);
  });

  it.each(["", "abc", "-5", "1,2,3x", "12a"])("refuses %j", (text) => {
    expect(parsePrice(text)).toBeNull();
  });

  it("writes cents back in the locale's way", () => {
    expect(priceInput(8990n, "en")).toBe("89.90");
    expect(priceInput(5n, "de")).toBe("0,05");
    expect(parsePrice(priceInput(123456n, "de"))).toBe(123456n);
  });
});
