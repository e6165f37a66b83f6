import { Loader } from "@mantine/core";
import { JobRunOutcome } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { StatusBadge, toneColor, type Tone } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { jobRunOutcomeKey } from "../labels";

const outcomeTone: Record<JobRunOutcome, Tone> = {
  [JobRunOutcome.UNSPECIFIED]: "unknown",
  [JobRunOutcome.RUNNING]: "active",
  [JobRunOutcome.SUCCEEDED]: "ok",
  [JobRunOutcome.FAILED]: "critical",
  [JobRunOutcome.INTERRUPTED]: "warning",
};

/** OutcomeBadge shows how a run ended, or that it is still running. */
export function OutcomeBadge({ outcome }: { outcome: JobRunOutcome }) {
  const { t } = useI18n();
  const tone = outcomeTone[outcome] ?? "unknown";
  return (
    <StatusBadge
      tone={tone}
      icon={
        outcome === JobRunOutcome.RUNNING ? <Loader size={10} color={toneColor[tone]} /> : undefined
      }
      data-outcome={JobRunOutcome[outcome]}
    >
      {t(jobRunOutcomeKey(outcome))}
    </StatusBadge>
  );
}

/** RunningBadge marks a job with a run in progress. */
export function RunningBadge() {
  return <OutcomeBadge outcome={JobRunOutcome.RUNNING} />;
}
