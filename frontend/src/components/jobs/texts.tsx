import { Text } from "@mantine/core";
import type { Job, JobRun } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ServerText } from "@/components/ui/ServerText";
import { codedParams } from "@/lib/i18n/coded";
import { isMessageKey, useI18n, type I18n } from "@/lib/i18n/i18n";

// Jobs and their runs' summaries in the interface's language. The server
// words them in English only; it names each job by a stable name and each
// summary by a code with its values, and the texts here are keyed by those
// (features/jobs/codes.test.ts checks that every job and code the server declares has
// them). A job or code this interface does not know yet (a newer server)
// shows the server's English, labelled as such.

/** jobTitle is a job's title by its name, else the server's. */
export function jobTitle(t: I18n["t"], job: Pick<Job, "name" | "title">): string {
  const key = `jobs.job.${job.name}.title`;
  return isMessageKey(key) ? t(key) : job.title || job.name;
}

/** jobDescription is what a job does, by its name, else the server's words. */
export function jobDescription(t: I18n["t"], job: Pick<Job, "name" | "description">): string {
  const key = `jobs.job.${job.name}.description`;
  return isMessageKey(key) ? t(key) : job.description;
}

/** runSummary is what a run did in the interface's language; undefined when only the server's English says it. */
export function runSummary(
  i18n: Pick<I18n, "t" | "formatDuration">,
  run: Pick<JobRun, "summaryCode" | "summaryParams">,
): string | undefined {
  const key = `jobs.summary.${run.summaryCode}`;
  if (!run.summaryCode || !isMessageKey(key)) return undefined;
  return i18n.t(key, codedParams(run.summaryParams, i18n.formatDuration));
}

/** RunSummary shows what a run did, translated, or the server's English labelled as such. */
export function RunSummary({
  run,
  lineClamp,
  testId,
}: {
  run: JobRun;
  lineClamp?: number;
  testId?: string;
}) {
  const i18n = useI18n();
  const text = runSummary(i18n, run);
  if (text) {
    return (
      <Text fz="sm" lineClamp={lineClamp} data-testid={testId}>
        {text}
      </Text>
    );
  }
  if (run.summary) return <ServerText text={run.summary} lineClamp={lineClamp} testId={testId} />;
  return (
    <Text fz="sm" c="dimmed" data-testid={testId}>
      —
    </Text>
  );
}
