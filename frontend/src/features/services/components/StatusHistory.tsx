import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Button, Stack, Text, Timeline } from "@mantine/core";
import {
  ServiceStatus,
  StatusSource,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { useStatusHistory } from "../api/services";
import { statusName } from "../status";
import { ServiceStatusBadge } from "./ServiceStatusBadge";

/** StatusHistory lists a service's status changes, newest first: from, to, when, by whom, why. */
export function StatusHistory({ serviceId }: { serviceId: string }) {
  const { t, formatDateTime } = useI18n();
  const history = useStatusHistory(serviceId);
  const changes = history.data?.pages.flatMap((p) => p.statusChanges) ?? [];
  return (
    <Section title={t("services.history")}>
      {changes.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {history.isPending ? "…" : t("services.historyEmpty")}
        </Text>
      ) : (
        <Stack gap="sm">
          <Timeline bulletSize={14} lineWidth={2} data-testid="status-history">
            {changes.map((c) => {
              const who =
                c.source === StatusSource.SYNC
                  ? t("services.history.bySync")
                  : c.actorEmail
                    ? t("services.history.by", { who: c.actorEmail })
                    : t("services.history.bySystem");
              return (
                <Timeline.Item
                  key={c.id}
                  title={
                    <Text fz="sm" fw={500} component="span">
                      {c.fromStatus === ServiceStatus.UNSPECIFIED
                        ? t("services.history.first", {
                            to: t(`services.status.${statusName(c.toStatus)}`),
                          })
                        : t("services.history.change", {
                            from: t(`services.status.${statusName(c.fromStatus)}`),
                            to: t(`services.status.${statusName(c.toStatus)}`),
                          })}{" "}
                      <ServiceStatusBadge status={c.toStatus} />
                    </Text>
                  }
                >
                  <Text fz="xs" c="dimmed">
                    {c.changeTime ? formatDateTime(timestampDate(c.changeTime)) : ""} · {who}
                  </Text>
                  {c.reason && <Text fz="sm">{c.reason}</Text>}
                </Timeline.Item>
              );
            })}
          </Timeline>
          {history.hasNextPage && (
            <Button
              variant="subtle"
              size="xs"
              loading={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              {t("common.loadMore")}
            </Button>
          )}
        </Stack>
      )}
    </Section>
  );
}
