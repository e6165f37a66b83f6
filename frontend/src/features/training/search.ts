import * as z from "zod/mini";
import { licenceStateNames, sessionStatusNames } from "./names";

const courseId = z.catch(z._default(z.string().check(z.regex(/^(crs_[0-9a-z]{26})?$/)), ""), "");
const organizationId = z.catch(
  z._default(z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/)), ""),
  "",
);

export const sessionsSearchDefaults = { past: false, course: "", status: "" } as const;

/** The sessions' view lives in the URL: ?past=true&course=crs_…&status=COMPLETED. */
export const sessionsSearchSchema = z.object({
  past: z.catch(z._default(z.boolean(), false), false),
  course: courseId,
  status: z.catch(z._default(z.enum(["", ...sessionStatusNames]), ""), ""),
});

export type SessionsSearch = z.infer<typeof sessionsSearchSchema>;

export const coursesSearchDefaults = { retired: false } as const;

/** The catalogue's view lives in the URL: ?retired=true (the retired courses too). */
export const coursesSearchSchema = z.object({
  retired: z.catch(z._default(z.boolean(), false), false),
});

export type CoursesSearch = z.infer<typeof coursesSearchSchema>;

export const licencesSearchDefaults = { org: "", course: "", state: "", q: "" } as const;

/** The licences' filters live in the URL: ?org=org_…&course=crs_…&state=EXPIRING&q=erika. */
export const licencesSearchSchema = z.object({
  org: organizationId,
  course: courseId,
  state: z.catch(z._default(z.enum(["", ...licenceStateNames]), ""), ""),
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
});

export type LicencesSearch = z.infer<typeof licencesSearchSchema>;
