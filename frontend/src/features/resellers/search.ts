import * as z from "zod/mini";

export const signUpStates = ["PENDING", "APPROVED", "REJECTED", "ALL"] as const;

export const signUpsSearchDefaults = { state: "PENDING" } as const;

/** The queue's filter lives in the URL: ?state=REJECTED; the pending ones without it. */
export const signUpsSearchSchema = z.object({
  state: z.catch(z._default(z.enum(signUpStates), "PENDING"), "PENDING"),
});

export type SignUpsSearch = z.infer<typeof signUpsSearchSchema>;

export const billingEntityTabs = ["overview", "staff", "settings"] as const;

/** A billing entity's page keeps its tab in the URL: ?tab=staff. */
export const billingEntitySearchSchema = z.object({
  tab: z.catch(z._default(z.enum(billingEntityTabs), "overview"), "overview"),
});

export type BillingEntityTab = (typeof billingEntityTabs)[number];
