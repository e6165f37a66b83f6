import { Badge, Loader } from "@mantine/core";
import { JobRunOutcome } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { jobRunOutcomeKey } from "../labels";

const outcomeColor: Record<JobRunOutcome, string> = {
  [JobRunOutcome.UNSPECIFIED]: "gray",
  [JobRunOutcome.RUNNING]: "blue",
  [JobRunOutcome.SUCCEEDED]: "teal",
  [JobRunOutcome.FAILED]: "red",
  [JobRunOutcome.INTERRUPTED]: "orange",
};

/** OutcomeBadge shows how a run ended, or that it is still running. */
export function OutcomeBadge({ outcome }: { outcome: JobRunOutcome }) {
  const { t } = useI18n();
  const color = outcomeColor[outcome] ?? "gray";
  return (
    <Badge
      color={color}
      variant="light"
      leftSection={
        outcome === JobRunOutcome.RUNNING ? <Loader size={10} color={color} /> : undefined
      }
    >
      {t(jobRunOutcomeKey(outcome))}
    </Badge>
  );
}

/** RunningBadge marks a job with a run in progress. */
export function RunningBadge() {
  return <OutcomeBadge outcome={JobRunOutcome.RUNNING} />;
}
