import * as z from "zod/mini";

export const signInSearchSchema = z.object({
  /** Where to go after signing in (a path of this app). */
  redirect: z.catch(
    z.optional(
      z.string().check(z.refine((value) => value.startsWith("/") && !value.startsWith("//"))),
    ),
    undefined,
  ),
  /** Why the sign-in page is shown. */
  reason: z.catch(z.optional(z.enum(["expired", "signed-out"])), undefined),
});

export type SignInSearch = z.infer<typeof signInSearchSchema>;
