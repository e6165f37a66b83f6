import { describe, expect, it } from "vitest";
import { setupMinutes, setupParts } from "./format";
import { catalogFilter, catalogSearchSchema, categoryName, parseCategories } from "./search";
import { CatalogCategory } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";

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
    expect(search).toEqual({
      q: "",
      category: "",
      bookable: "",
      state: "active",
      sort: "name",
      entity: "",
    });
    expect(catalogFilter(search)).toEqual({
      query: "",
      categories: [],
      bookable: undefined,
      retired: false,
      billingEntityId: "",
    });
  });

  it("reads categories, bookable, state and seller, and drops what it does not know", () => {
    const search = catalogSearchSchema.parse({
      q: " cloud ",
      category: "S,XL,L",
      bookable: "no",
      state: "all",
      sort: "bogus",
      entity: "be_01nordhost000000000000001",
    });
    expect(search.sort).toBe("name");
    expect(parseCategories(search.category)).toEqual(["S", "L"]);
    expect(catalogFilter(search)).toEqual({
      query: "cloud",
      categories: [CatalogCategory.S, CatalogCategory.L],
      bookable: false,
      retired: undefined,
      billingEntityId: "be_01nordhost000000000000001",
    });
    expect(catalogSearchSchema.parse({ entity: "../x" }).entity).toBe("");
    expect(catalogFilter(catalogSearchSchema.parse({ state: "retired" })).retired).toBe(true);
  });

  it("names categories by their letter", () => {
    expect(categoryName(CatalogCategory.M)).toBe("M");
    expect(categoryName(CatalogCategory.UNSPECIFIED)).toBe("");
  });
});
