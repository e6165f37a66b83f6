import * as z from "zod/mini";

/**
 * isSafeRedirect tells whether a place to return to after signing in is a
 * path of this app: it starts with one slash, resolves to this origin
 * ("//evil.example", "/\evil.example" and "https://…" do not), has no control
 * characters, and is not the sign-in page itself.
 */
export function isSafeRedirect(value: string, origin = window.location.origin): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value, origin);
    return url.origin === origin && url.pathname !== "/sign-in";
  } catch {
    return false;
  }
}

export const signInSearchSchema = z.object({
  /** Where to go after signing in (a path of this app, see isSafeRedirect). */
  redirect: z.catch(
    z.optional(z.string().check(z.refine((value) => isSafeRedirect(value)))),
    undefined,
  ),
  /** Why the sign-in page is shown. */
  reason: z.catch(z.optional(z.enum(["expired", "signed-out"])), undefined),
});

export type SignInSearch = z.infer<typeof signInSearchSchema>;
