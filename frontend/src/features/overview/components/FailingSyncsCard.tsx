import { Stack, Text } from "@mantine/core";
import { AnchorLink } from "@/components/ui/links";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { useI18n } from "@/lib/i18n/i18n";
import { useFailingConnections, useServerHealth } from "../api/overview";
import classes from "./Overview.module.css";
import { EmptyLine, OverviewCard } from "./OverviewCard";

/**
 * FailingSyncsCard lists the connections whose last sync failed, each
 * opening its page, and counts the servers whose sync fails (opening the
 * servers list filtered by that).
 */
export function FailingSyncsCard() {
  const { t, formatNumber } = useI18n();
  const connections = useFailingConnections();
  // The same summary the servers section shows: asked for once.
  const summary = useServerHealth();
  const failingServers = summary.data?.syncFailing ?? 0;
  return (
    <OverviewCard
      id="syncs"
      title={t("overview.syncs.title")}
      query={connections}
      action={
        <AnchorLink to="/connections" fz="sm">
          {t("overview.syncs.allConnections")}
        </AnchorLink>
      }
    >
      {() => {
        const list = connections.data?.connections ?? [];
        return (
          <Stack gap="sm">
            {list.length === 0 ? (
              <EmptyLine>{t("overview.syncs.none")}</EmptyLine>
            ) : (
              <ul className={classes.rows} aria-label={t("overview.syncs.title")}>
                {list.map((c) => (
                  <li key={c.id}>
                    <div className={classes.rowMain}>
                      <AnchorLink
                        to="/connections/$connectionId"
                        params={{ connectionId: c.id }}
                        fz="sm"
                        fw={600}
                      >
                        {c.name}
                      </AnchorLink>
                      <Text
                        fz="xs"
                        c="dimmed"
                        className={classes.rowDetail}
                        title={c.healthMessage}
                      >
                        {c.healthMessage}
                      </Text>
                    </div>
                    <div className={classes.rowSide}>
                      <Text fz="xs" c="red" className="tabular-nums">
                        {t("overview.syncs.failures", {
                          count: formatNumber(c.consecutiveFailures),
                        })}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {c.lastSyncTime ? (
                          <>
                            {t("overview.syncs.lastSuccess")} <RelativeTime time={c.lastSyncTime} />
                          </>
                        ) : (
                          t("overview.syncs.neverSynced")
                        )}
                      </Text>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {failingServers > 0 && (
              <AnchorLink to="/servers" search={{ sync: "FAILING" }} fz="sm" c="red">
                {t("overview.syncs.servers", { count: formatNumber(failingServers) })}
              </AnchorLink>
            )}
          </Stack>
        );
      }}
    </OverviewCard>
  );
}
