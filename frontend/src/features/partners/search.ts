import * as z from "zod/mini";

export const partnersSearchDefaults = { former: false } as const;

/** The partners' view lives in the URL: ?former=true (also the former partners). */
export const partnersSearchSchema = z.object({
  former: z.catch(z._default(z.boolean(), false), false),
});

export type PartnersSearch = z.infer<typeof partnersSearchSchema>;

/** The tabs of a partner's page, the first by default. */
export const partnerTabs = ["referrals", "ledger", "external"] as const;
export type PartnerTab = (typeof partnerTabs)[number];

export const partnerSearchDefaults = { tab: "referrals" } as const;

/** A partner's page keeps its tab in the URL: ?tab=ledger. */
export const partnerSearchSchema = z.object({
  tab: z.catch(z._default(z.enum(partnerTabs), "referrals"), "referrals"),
});

export type PartnerSearch = z.infer<typeof partnerSearchSchema>;
