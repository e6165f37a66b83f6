import { describe, expect, it } from "vitest";
import { parsePrice, priceInput, setupMinutes, setupParts } from "./format";
import { catalogFilter, catalogSearchSchema, categoryName, parseCategories } from "./search";
import { CatalogCategory } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";

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

describe("setup time", () => {
  it.each([
    [0, 0, "minutes"],
    [45, 45, "minutes"],
    [90, 90, "minutes"],
    [120, 2, "hours"],
    [2880, 2, "days"],
  ] as const)("%d minutes are %d %s", (minutes, value, unit) => {
    expect(setupParts(minutes)).toEqual({ value, unit });
    expect(setupMinutes(value, unit)).toBe(minutes);
  });
});

describe("the catalog's filters in the URL", () => {
  it("defaults to the items in the catalog, by name", () => {
    const search = catalogSearchSchema.parse({});
    expect(search).toEqual({ q: "", category: "", bookable: "", state: "active", sort: "name" });
    expect(catalogFilter(search)).toEqual({
      query: "",
      categories: [],
      bookable: undefined,
      retired: false,
    });
  });

  it("reads categories, bookable and state, and drops what it does not know", () => {
    const search = catalogSearchSchema.parse({
      q: " cloud ",
      category: "S,XL,L",
      bookable: "no",
      state: "all",
      sort: "bogus",
    });
    expect(search.sort).toBe("name");
    expect(parseCategories(search.category)).toEqual(["S", "L"]);
    expect(catalogFilter(search)).toEqual({
      query: "cloud",
      categories: [CatalogCategory.S, CatalogCategory.L],
      bookable: false,
      retired: undefined,
    });
    expect(catalogFilter(catalogSearchSchema.parse({ state: "retired" })).retired).toBe(true);
  });

  it("names categories by their letter", () => {
    expect(categoryName(CatalogCategory.M)).toBe("M");
    expect(categoryName(CatalogCategory.UNSPECIFIED)).toBe("");
  });
});
