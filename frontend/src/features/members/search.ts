import * as z from "zod/mini";
import { parseList } from "@/lib/search";

export const memberSorts = {
  email: "email",
  name: "display_name",
  created: "create_time",
  created_desc: "create_time desc",
} as const;
export type MemberSort = keyof typeof memberSorts;

export const roleNames = ["OWNER", "OPERATOR", "DEVELOPER", "USER"] as const;
export type RoleName = (typeof roleNames)[number];

export const membersSearchDefaults = { q: "", role: "", state: "all", sort: "email" } as const;

/** ?q=anna&role=OWNER,OPERATOR&state=disabled&sort=created_desc */
export const membersSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  role: z.catch(z._default(z.string(), ""), ""),
  state: z.catch(z._default(z.enum(["all", "enabled", "disabled"]), "all"), "all"),
  sort: z.catch(
    z._default(z.enum(Object.keys(memberSorts) as [MemberSort, ...MemberSort[]]), "email"),
    "email",
  ),
});

export type MembersSearch = z.infer<typeof membersSearchSchema>;

/** parseRoles reads "OWNER,OPERATOR" into the known role names. */
export function parseRoles(value: string): RoleName[] {
  return parseList(value, roleNames);
}
