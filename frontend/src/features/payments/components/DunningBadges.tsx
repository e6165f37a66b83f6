import { Badge } from "@mantine/core";
import type {
  DunningLevel,
  DunningNoticeStatus,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { levelColor, levelKey, noticeStatusKey, noticeStatusTone } from "../dunning";

/** DunningLevelBadge names a level, each in a stronger colour than the one before. */
export function DunningLevelBadge({ level }: { level: DunningLevel }) {
  const { t } = useI18n();
  return (
    <Badge variant="light" color={levelColor[level] ?? "gray"} data-level={String(level)}>
      {t(levelKey[level] ?? "payments.dunning.level.UNSPECIFIED")}
    </Badge>
  );
}

/** NoticeStatusBadge shows where a notice's e-mail is, in its status's tone. */
export function NoticeStatusBadge({ status }: { status: DunningNoticeStatus }) {
  const { t } = useI18n();
  return (
    <StatusBadge tone={noticeStatusTone[status] ?? "unknown"} data-status={String(status)}>
      {t(noticeStatusKey[status] ?? "payments.dunning.status.UNSPECIFIED")}
    </StatusBadge>
  );
}
