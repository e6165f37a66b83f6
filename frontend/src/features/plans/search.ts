import * as z from "zod/mini";

export const plansSearchDefaults = { retired: false } as const;

/** The list's state in the URL: ?retired=true shows the retired plans too. */
export const plansSearchSchema = z.object({
  retired: z.catch(z._default(z.boolean(), false), false),
});

export type PlansSearch = z.infer<typeof plansSearchSchema>;
