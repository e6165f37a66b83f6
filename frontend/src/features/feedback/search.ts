import * as z from "zod/mini";

export const reviewedChoices = ["all", "no", "yes"] as const;
export type ReviewedChoice = (typeof reviewedChoices)[number];

export const feedbackSearchDefaults = { reviewed: "all", maxRating: 0 } as const;

/** The list's filters live in the URL: ?reviewed=no&maxRating=2 */
export const feedbackSearchSchema = z.object({
  reviewed: z.catch(z._default(z.enum(reviewedChoices), "all"), "all"),
  maxRating: z.catch(z._default(z.number().check(z.int(), z.gte(0), z.lte(5)), 0), 0),
});

export type FeedbackSearch = z.infer<typeof feedbackSearchSchema>;
