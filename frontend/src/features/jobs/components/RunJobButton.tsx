import { IconPlayerPlay } from "@tabler/icons-react";
import type { Job } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ActionButton } from "@/components/row-actions/RowActions";
import { useI18n } from "@/lib/i18n/i18n";
import { useTriggerJob } from "../api/jobs";
import { jobTitle } from "@/components/jobs/texts";

/**
 * RunJobButton starts a run of a job now, after asking for an optional
 * reason. While the job runs the button is disabled; when the server refuses
 * (another replica started it meanwhile), the dialog says why.
 */
export function RunJobButton({ job, size = "xs" }: { job: Job; size?: "xs" | "sm" }) {
  const { t } = useI18n();
  const trigger = useTriggerJob();
  const label = t("jobs.runNow");
  const title = jobTitle(t, job);
  return (
    <ActionButton
      size={size}
      variant={size === "xs" ? "default" : "filled"}
      aria-label={`${label}: ${title}`}
      action={{
        id: "run",
        label,
        icon: <IconPlayerPlay size={size === "xs" ? 14 : 16} />,
        disabled: job.running,
        disabledReason: t("jobs.runNowRunning"),
        title: t("jobs.runNowTitle", { title }),
        message: t("jobs.runNowBody"),
        confirmLabel: label,
        confirmIcon: <IconPlayerPlay size={16} />,
        reason: "optional",
        successMessage: t("jobs.runStarted", { title }),
        run: ({ reason }) => trigger.mutateAsync({ jobName: job.name, reason }),
      }}
    />
  );
}
