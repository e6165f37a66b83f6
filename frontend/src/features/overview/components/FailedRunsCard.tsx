import { Text } from "@mantine/core";
import { AnchorLink } from "@/components/ui/links";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { useI18n } from "@/lib/i18n/i18n";
import { jobTitle } from "@/components/jobs/texts";
import { useFailedRuns } from "../api/overview";
import classes from "./Overview.module.css";
import { EmptyLine, OverviewCard } from "./OverviewCard";

/** FailedRunsCard lists the latest failed job runs, each opening the run on the jobs page. */
export function FailedRunsCard() {
  const { t } = useI18n();
  const runs = useFailedRuns();
  return (
    <OverviewCard
      id="runs"
      title={t("overview.runs.title")}
      query={runs}
      action={
        <AnchorLink to="/jobs" search={{ outcome: "FAILED" }} fz="sm">
          {t("overview.runs.allFailed")}
        </AnchorLink>
      }
    >
      {() => {
        const list = runs.data?.jobRuns ?? [];
        if (list.length === 0) return <EmptyLine>{t("overview.runs.none")}</EmptyLine>;
        return (
          <ul className={classes.rows} aria-label={t("overview.runs.title")}>
            {list.map((r) => (
              <li key={r.id}>
                <div className={classes.rowMain}>
                  <AnchorLink
                    to="/jobs"
                    search={{ job: r.jobName, outcome: "FAILED", run: r.id }}
                    fz="sm"
                    fw={600}
                  >
                    {jobTitle(t, { name: r.jobName, title: r.jobName })}
                  </AnchorLink>
                  <Text fz="xs" c="dimmed" className={classes.rowDetail} title={r.error}>
                    {r.error}
                  </Text>
                </div>
                <div className={classes.rowSide}>
                  {r.startTime && (
                    <Text fz="xs" c="dimmed">
                      <RelativeTime time={r.startTime} />
                    </Text>
                  )}
                  {r.retryTime && (
                    <Text fz="xs" c="dimmed">
                      {t("overview.runs.nextAttempt")} <RelativeTime time={r.retryTime} />
                    </Text>
                  )}
                </div>
              </li>
            ))}
          </ul>
        );
      }}
    </OverviewCard>
  );
}
