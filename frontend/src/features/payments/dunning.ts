import {
  DunningLevel,
  DunningNoticeStatus,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import type { Tone } from "@/components/ui/Badges";
import type { MessageKey } from "@/lib/i18n/i18n";

/** How dunning reads: the levels of a notice and where its e-mail is. */

export const levelKey: Record<DunningLevel, MessageKey> = {
  [DunningLevel.UNSPECIFIED]: "payments.dunning.level.UNSPECIFIED",
  [DunningLevel.REMINDER]: "payments.dunning.level.REMINDER",
  [DunningLevel.FIRST_NOTICE]: "payments.dunning.level.FIRST_NOTICE",
  [DunningLevel.SECOND_NOTICE]: "payments.dunning.level.SECOND_NOTICE",
};

/** Each level in a stronger colour than the one before. */
export const levelColor: Record<DunningLevel, string> = {
  [DunningLevel.UNSPECIFIED]: "gray",
  [DunningLevel.REMINDER]: "blue",
  [DunningLevel.FIRST_NOTICE]: "orange",
  [DunningLevel.SECOND_NOTICE]: "red",
};

export const noticeStatusKey: Record<DunningNoticeStatus, MessageKey> = {
  [DunningNoticeStatus.UNSPECIFIED]: "payments.dunning.status.UNSPECIFIED",
  [DunningNoticeStatus.QUEUED]: "payments.dunning.status.QUEUED",
  [DunningNoticeStatus.SENT]: "payments.dunning.status.SENT",
  [DunningNoticeStatus.FAILED]: "payments.dunning.status.FAILED",
  [DunningNoticeStatus.WITHDRAWN]: "payments.dunning.status.WITHDRAWN",
};

/** A notice that could not be sent needs a look; one withdrawn is merely a fact. */
export const noticeStatusTone: Record<DunningNoticeStatus, Tone> = {
  [DunningNoticeStatus.UNSPECIFIED]: "unknown",
  [DunningNoticeStatus.QUEUED]: "active",
  [DunningNoticeStatus.SENT]: "ok",
  [DunningNoticeStatus.FAILED]: "critical",
  [DunningNoticeStatus.WITHDRAWN]: "neutral",
};
