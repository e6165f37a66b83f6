import { IconRotateClockwise } from "@tabler/icons-react";
import { JobRunOutcome, type JobRun } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ActionButton } from "@/components/row-actions/RowActions";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useRetryJobRun } from "../api/jobs";

/** canRetry says whether a run ended in a way a retry can make good. */
export function canRetry(run: JobRun): boolean {
  return run.outcome === JobRunOutcome.FAILED || run.outcome === JobRunOutcome.INTERRUPTED;
}

/**
 * RetryRunButton starts the job of a failed or interrupted run again, after
 * asking for an optional reason; the new run names the run it retries. It is
 * shown to those who may run jobs, and only for runs that failed; while an
 * automatic retry is due it is disabled. A refusal (the job is running) shows
 * in the dialog.
 */
export function RetryRunButton({ run, title }: { run: JobRun; title: string }) {
  const { t } = useI18n();
  const canTrigger = usePermission(Permission.JOBS_TRIGGER);
  const retry = useRetryJobRun();
  if (!canTrigger || !canRetry(run)) return null;
  const label = t("jobs.retry");
  return (
    <ActionButton
      size="xs"
      variant="default"
      aria-label={`${label}: ${run.id}`}
      action={{
        id: "retry",
        label,
        icon: <IconRotateClockwise size={14} />,
        disabled: run.retryTime !== undefined,
        disabledReason: t("jobs.retryPending"),
        title: t("jobs.retryTitle", { title }),
        message: t("jobs.retryBody", { id: run.id }),
        confirmLabel: label,
        confirmIcon: <IconRotateClockwise size={16} />,
        reason: "optional",
        successMessage: t("jobs.retryStarted", { title }),
        run: ({ reason }) => retry.mutateAsync({ id: run.id, reason }),
      }}
    />
  );
}
