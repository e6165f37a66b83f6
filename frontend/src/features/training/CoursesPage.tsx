import { Badge, Button, Switch, Text } from "@mantine/core";
import { IconBook, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState, type ReactNode } from "react";
import type { Course } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { FilterBar, ListEmptyState } from "@/components/data-table/ListFilters";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions } from "@/components/row-actions/RowActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useCourseList, useDeleteCourse } from "./api/training";
import { CourseFormModal } from "./components/CourseFormModal";
import { coursesSearchDefaults, type CoursesSearch } from "./search";

const route = getRouteApi("/_app/training/courses");

/** CoursesPage is the catalogue of courses, with their terms and prices. */
export function CoursesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/training/courses" });
  const canWrite = usePermission(Permission.TRAINING_WRITE);
  const [editing, setEditing] = useState<Course | "new" | null>(null);
  const list = useCourseList(search);
  const remove = useDeleteCourse();

  const setSearch = (patch: Partial<CoursesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.courses) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(
    () =>
      courseColumns(i18n, (course) => (
        <RowActions
          label={course.title}
          actions={[
            {
              id: "edit",
              label: t("training.course.edit"),
              icon: <IconPencil size={16} />,
              hidden: !canWrite,
              onSelect: () => setEditing(course),
            },
            {
              id: "delete",
              label: t("training.course.delete"),
              icon: <IconTrash size={16} />,
              color: "red",
              hidden: !canWrite,
              dividerBefore: true,
              title: t("training.course.deleteTitle", { title: course.title }),
              message:
                course.sessionCount > 0
                  ? t("training.course.deleteHasSessions", {
                      count: course.sessionCount,
                    })
                  : t("training.course.deleteHint"),
              confirmLabel: t("training.course.delete"),
              danger: true,
              reason: "none",
              run: () => remove.mutateAsync({ id: course.id }),
              successMessage: t("training.course.deleted", { title: course.title }),
            },
          ]}
        />
      )),
    [i18n, t, canWrite, remove],
  );

  return (
    <>
      <PageHeader
        title={t("training.courses.title")}
        description={
          total !== undefined
            ? t("training.courses.total", { total })
            : t("training.courses.description")
        }
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              {t("training.course.new")}
            </Button>
          )
        }
      />
      <FilterBar align="center">
        <Switch
          label={t("training.courses.includeRetired")}
          checked={search.retired}
          onChange={(e) => setSearch({ retired: e.currentTarget.checked })}
        />
        <SavedViews page="courses" />
      </FilterBar>
      <DataTable
        view="courses"
        label={t("training.courses.title")}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        {...pagingProps(list)}
        onRowClick={canWrite ? (c) => setEditing(c) : undefined}
        total={total}
        noun={{
          one: "training.courses.count.one",
          other: "training.courses.count.other",
          showing: "training.courses.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconBook size={22} />}
            filtered={false}
            title={t("training.courses.empty")}
            onClearFilters={() => setSearch({ ...coursesSearchDefaults })}
          />
        }
      />
      <CourseFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        course={editing === "new" || editing === null ? undefined : editing}
      />
    </>
  );
}

function courseColumns(i18n: I18n, actions: (course: Course) => ReactNode): Column<Course>[] {
  const { t, formatMoney, formatDuration, formatNumber } = i18n;
  return [
    {
      id: "title",
      header: t("training.course.col.title"),
      cell: (c) => (
        <div className={classes.name}>
          <Truncated>
            <Text span fz="sm" fw={600}>
              {c.title}
            </Text>
          </Truncated>
          {c.description && <Truncated className={classes.secondary}>{c.description}</Truncated>}
        </div>
      ),
    },
    {
      id: "language",
      header: t("training.course.col.language"),
      width: 100,
      hideOnMobile: true,
      cell: (c) =>
        c.language === "de" || c.language === "en"
          ? t(`training.language.${c.language}`)
          : c.language,
    },
    {
      id: "duration",
      header: t("training.course.col.duration"),
      width: 110,
      hideOnMobile: true,
      cell: (c) => formatDuration(c.durationMinutes * 60_000),
    },
    {
      id: "validity",
      header: t("training.course.col.validity"),
      width: 120,
      hideOnMobile: true,
      cell: (c) => t("training.course.months", { count: formatNumber(c.validityMonths) }),
    },
    {
      id: "price",
      header: t("training.course.col.seatPrice"),
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (c) => (
        <span className="tabular-nums" data-amount="seat">
          {c.seatPriceCents === 0n
            ? t("training.course.free")
            : formatMoney(c.seatPriceCents, c.currency || "EUR")}
        </span>
      ),
    },
    {
      id: "sessions",
      header: t("training.course.col.sessions"),
      width: 90,
      align: "right",
      hideOnMobile: true,
      cell: (c) => <span className="tabular-nums">{formatNumber(c.sessionCount)}</span>,
    },
    {
      id: "state",
      header: t("training.course.col.state"),
      width: 110,
      keepOnMobile: true,
      cell: (c) =>
        c.retired ? (
          <Badge color="gray" variant="light" data-retired>
            {t("training.course.retired")}
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            {t("training.course.active")}
          </Badge>
        ),
    },
    actionsColumn(actions),
  ];
}
