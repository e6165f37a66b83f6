import * as z from "zod/mini";

const localDateTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/;

/** The actor filter's value for the events the system itself wrote (no actor). */
export const SYSTEM_ACTOR = "system";

export const auditSearchDefaults = {
  actorId: "",
  targetType: "",
  targetId: "",
  action: "",
  from: "",
  to: "",
  outcome: "",
  event: "",
} as const;

const text = (max: number) => z.catch(z._default(z.string().check(z.maxLength(max)), ""), "");
const time = z.catch(
  z._default(z.union([z.string().check(z.regex(localDateTime)), z.literal("")]), ""),
  "",
);

/** The audit log's filters and the open event live in the URL; from/to are local times "YYYY-MM-DD HH:mm:ss". */
export const auditSearchSchema = z.object({
  actorId: text(64),
  targetType: text(64),
  targetId: text(64),
  action: text(200),
  from: time,
  to: time,
  outcome: z.catch(z._default(z.enum(["", "SUCCEEDED", "DENIED"]), ""), ""),
  /** The event open in the drawer (aud_…), so that it can be linked to. */
  event: text(64),
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;

/** localTime reads "YYYY-MM-DD HH:mm[:ss]" as a time in the browser's zone. */
export function localTime(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value.replace(" ", "T"));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
