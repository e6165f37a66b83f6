import { describe, expect, it } from "vitest";
import { customTermsOf, parseTerm } from "./terms";

describe("contract terms as typed", () => {
  it("reads euros into exact cents", () => {
    expect(parseTerm("hourlyRateCents", "19.99")).toBe(1999n);
    expect(parseTerm("hourlyRateCents", "19,99")).toBe(1999n);
    expect(parseTerm("monthlyFeeCents", "0.29")).toBe(29n);
    expect(parseTerm("monthlyFeeCents", "1.234,50")).toBe(123450n);
    expect(parseTerm("monthlyFeeCents", "72.5")).toBe(7250n);
    expect(parseTerm("monthlyFeeCents", "-5")).toBeNull();
    expect(parseTerm("monthlyFeeCents", "abc")).toBeNull();
  });

  it("reads hours into minutes and counts as whole numbers", () => {
    expect(parseTerm("includedSupportMinutes", "1.5")).toBe(90n);
    expect(parseTerm("includedSupportMinutes", "0,25")).toBe(15n);
    expect(parseTerm("includedSupportMinutes", "2")).toBe(120n);
    expect(parseTerm("includedSupportMinutes", "1.5.0")).toBeNull();
    expect(parseTerm("maxUsers", "150")).toBe(150n);
    expect(parseTerm("maxUsers", "1.5")).toBeNull();
  });

  it("sends only the terms given, money as int64 and the rest as int32", () => {
    expect(customTermsOf({ hourlyRateCents: 7250n, maxUsers: 150n })).toEqual({
      hourlyRateCents: 7250n,
      maxUsers: 150,
    });
    expect(customTermsOf({})).toEqual({});
  });
});
