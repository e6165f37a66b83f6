import * as z from "zod/mini";

export const imageKinds = ["OS", "APPLICATION"] as const;
export type ImageKindName = (typeof imageKinds)[number];

const entityId = z.catch(z._default(z.string().check(z.regex(/^(be_[0-9a-z]{1,26})?$/)), ""), "");

export const imagesSearchDefaults = { q: "", kind: "", owner: "", shared: "" } as const;

/**
 * The images list keeps its filters in the URL: ?q=debian&kind=OS&owner=be_…
 * and, for the licensee's staff, &shared=be_… (shared with that entity).
 */
export const imagesSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  kind: z.catch(z._default(z.enum(["", ...imageKinds]), ""), ""),
  owner: entityId,
  shared: entityId,
});

export type ImagesSearch = z.infer<typeof imagesSearchSchema>;
