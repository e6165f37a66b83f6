import * as z from "zod/mini";
import type { ProductOffer } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";

/** Which offers by their state: in force (the default), retired, or all. */
export const offerStates = ["active", "retired", "all"] as const;
export type OfferState = (typeof offerStates)[number];

export const offersSearchDefaults = {
  entity: "",
  item: "",
  state: "active",
  offer: "",
} as const;

const entityId = z.string().check(z.regex(/^(be_[0-9a-z]+)?$/));
const itemId = z.string().check(z.regex(/^(cat_[0-9a-z]+)?$/));
const offerId = z.string().check(z.regex(/^(ofr_[0-9a-z]+)?$/));

/**
 * The offers' filters live in the URL: ?entity=be_…&item=cat_…&state=all,
 * and the offer open beside the list: &offer=ofr_….
 */
export const offersSearchSchema = z.object({
  entity: z.catch(z._default(entityId, ""), ""),
  item: z.catch(z._default(itemId, ""), ""),
  state: z.catch(z._default(z.enum(offerStates), "active"), "active"),
  offer: z.catch(z._default(offerId, ""), ""),
});

export type OffersSearch = z.infer<typeof offersSearchSchema>;

/** The list request of the URL's filters. */
export function offersFilter(search: OffersSearch) {
  return {
    billingEntityId: search.entity,
    catalogItemId: search.item,
    retired: search.state === "all" ? undefined : search.state === "retired",
  };
}

/** margin is what a reseller keeps of a booking a month: its price less the licensee's. */
export function margin(offer: Pick<ProductOffer, "monthlyPriceCents" | "listPriceCents">): bigint {
  return offer.monthlyPriceCents - offer.listPriceCents;
}
