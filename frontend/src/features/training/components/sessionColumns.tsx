import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { TrainingSession } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { CapacityBar } from "./CapacityBar";
import { Place } from "./Place";
import { SessionStatusBadge } from "./TrainingBadges";

/** The sessions' columns: course, start, place, trainer, seats, status. */
export function sessionColumns(i18n: I18n): Column<TrainingSession>[] {
  const { t, formatDateTime, formatTime } = i18n;
  return [
    {
      id: "course",
      header: t("training.session.col.course"),
      cell: (s) => (
        <div className={classes.name}>
          <RowLink to="/training/sessions/$sessionId" params={{ sessionId: s.id }}>
            {s.courseTitle}
          </RowLink>
          {(s.language === "de" || s.language === "en") && (
            <Truncated className={classes.secondary}>
              {t(`training.language.${s.language}`)}
            </Truncated>
          )}
        </div>
      ),
    },
    {
      id: "start",
      header: t("training.session.col.start"),
      width: 215,
      cell: (s) =>
        s.startTime ? (
          <span className="tabular-nums" style={{ whiteSpace: "nowrap" }}>
            {formatDateTime(timestampDate(s.startTime))}
            {s.endTime && `–${formatTime(timestampDate(s.endTime))}`}
          </span>
        ) : (
          "—"
        ),
    },
    {
      id: "place",
      header: t("training.session.col.place"),
      hideOnMobile: true,
      cell: (s) => <Place onlineUrl={s.onlineUrl} location={s.location} />,
    },
    {
      id: "trainer",
      header: t("training.session.col.trainer"),
      width: 160,
      hideOnMobile: true,
      cell: (s) => <Truncated>{s.trainerName || "—"}</Truncated>,
    },
    {
      id: "capacity",
      header: t("training.session.col.capacity"),
      width: 170,
      keepOnMobile: true,
      cell: (s) => (
        <CapacityBar confirmed={s.confirmed} capacity={s.capacity} waitlisted={s.waitlisted} />
      ),
    },
    {
      id: "status",
      header: t("training.session.col.status"),
      width: 130,
      hideOnMobile: true,
      cell: (s) => <SessionStatusBadge status={s.status} />,
    },
  ];
}
