import { JobRunOutcome, JobTrigger } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import type { MessageKey } from "@/lib/i18n/i18n";

// The message keys of the job enums, e.g. JobRunOutcome.FAILED -> "jobs.outcome.FAILED".
// Unknown values (a newer server) fall back to a generic text.

export function jobRunOutcomeKey(outcome: JobRunOutcome): MessageKey {
  const name = JobRunOutcome[outcome] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `jobs.outcome.${name}` : "jobs.outcome.UNSPECIFIED"
  ) as MessageKey;
}

export function jobTriggerKey(trigger: JobTrigger): MessageKey {
  const name = JobTrigger[trigger] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `jobs.trigger.${name}` : "jobs.trigger.UNSPECIFIED"
  ) as MessageKey;
}
