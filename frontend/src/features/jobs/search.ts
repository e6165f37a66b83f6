import * as z from "zod/mini";
import { JobRunOutcome } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";

/** The outcome filter of a run list in the URL ("" is any outcome). */
export const outcomeNames = ["RUNNING", "SUCCEEDED", "FAILED", "INTERRUPTED"] as const;
export type OutcomeName = (typeof outcomeNames)[number];

export function outcomeValue(name: OutcomeName | ""): JobRunOutcome {
  return name ? JobRunOutcome[name] : JobRunOutcome.UNSPECIFIED;
}

const outcome = z.catch(z._default(z.enum(["", ...outcomeNames]), ""), "");
const run = z.catch(z._default(z.string().check(z.maxLength(64)), ""), "");
const job = z.catch(z._default(z.string().check(z.maxLength(64)), ""), "");

export const jobsSearchDefaults = { job: "", outcome: "", run: "" } as const;

/**
 * /jobs?job=server-sync&outcome=FAILED&run=run_… : the runs filters (the job,
 * "" for every job; the outcome) and the run shown in detail.
 */
export const jobsSearchSchema = z.object({ job, outcome, run });
export type JobsSearch = z.infer<typeof jobsSearchSchema>;
/** The filters a run list shares on both pages (the job page has no job filter). */
export type RunsSearch = Pick<JobsSearch, "outcome" | "run"> & Partial<Pick<JobsSearch, "job">>;

/** The ranges of the history chart. */
export const historyRanges = ["24h", "7d", "30d"] as const;
export type HistoryRange = (typeof historyRanges)[number];

export const jobDetailSearchDefaults = { outcome: "", run: "", range: "24h" } as const;

/** /jobs/session-cleanup?range=7d&outcome=FAILED&run=run_… */
export const jobDetailSearchSchema = z.object({
  outcome,
  run,
  range: z.catch(z._default(z.enum(historyRanges), "24h"), "24h"),
});
export type JobDetailSearch = z.infer<typeof jobDetailSearchSchema>;
