import * as z from "zod/mini";
import { parseList } from "@/lib/search";
import { CatalogCategory } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";

/** The list's sort orders in the URL, and the API's order_by for each. */
export const catalogSorts = {
  name: "name",
  name_desc: "name desc",
  price: "monthly_price",
  price_desc: "monthly_price desc",
  created_desc: "create_time desc",
} as const;
export type CatalogSort = keyof typeof catalogSorts;

export const categoryNames = ["S", "M", "L"] as const;
export type CategoryName = (typeof categoryNames)[number];

/** Which items by their state: in the catalog (the default), retired, or all. */
export const catalogStates = ["active", "retired", "all"] as const;
export type CatalogState = (typeof catalogStates)[number];

/** Bookable or not; "" for both. */
export const bookableChoices = ["", "yes", "no"] as const;

export const catalogSearchDefaults = {
  q: "",
  category: "",
  bookable: "",
  state: "active",
  sort: "name",
  entity: "",
} as const;

/**
 * The list's filters live in the URL:
 * ?q=cloud&category=S,M&bookable=yes&state=all&sort=price&entity=be_… (the
 * entity that sells the items, for the licensee's staff).
 */
export const catalogSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  category: z.catch(z._default(z.string(), ""), ""),
  bookable: z.catch(z._default(z.enum(bookableChoices), ""), ""),
  state: z.catch(z._default(z.enum(catalogStates), "active"), "active"),
  sort: z.catch(
    z._default(z.enum(Object.keys(catalogSorts) as [CatalogSort, ...CatalogSort[]]), "name"),
    "name",
  ),
  entity: z.catch(z._default(z.string().check(z.regex(/^(be_[0-9a-z]+)?$/)), ""), ""),
});

export type CatalogSearch = z.infer<typeof catalogSearchSchema>;

/** parseCategories reads "S,M" into the known categories. */
export function parseCategories(value: string): CategoryName[] {
  return parseList(value, categoryNames);
}

export function categoryValue(name: CategoryName): CatalogCategory {
  return CatalogCategory[name];
}

/** categoryName is the letter of a category ("" when unspecified). */
export function categoryName(category: CatalogCategory): CategoryName | "" {
  const name = CatalogCategory[category];
  return (categoryNames as readonly string[]).includes(name) ? (name as CategoryName) : "";
}

/** The list request's filter of the URL's filters. */
export function catalogFilter(search: CatalogSearch) {
  return {
    query: search.q.trim(),
    categories: parseCategories(search.category).map(categoryValue),
    bookable: search.bookable === "" ? undefined : search.bookable === "yes",
    retired: search.state === "all" ? undefined : search.state === "retired",
    billingEntityId: search.entity,
  };
}
