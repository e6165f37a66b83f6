import { Button, SegmentedControl } from "@mantine/core";
import { IconCalendarEvent, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { FilterBar, FilterSelect, ListEmptyState } from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useCourseChoices, useSessionList } from "./api/training";
import { ScheduleSessionModal } from "./components/SessionFormModal";
import { sessionColumns } from "./components/sessionColumns";
import { sessionStatusNames, type SessionStatusName } from "./names";
import { sessionsSearchDefaults, type SessionsSearch } from "./search";

const route = getRouteApi("/_app/training/");

/**
 * SessionsPage lists the training sessions by start: the upcoming ones
 * (the earliest first), or the past ones (the latest first), each with its
 * seats taken and waiting.
 */
export function SessionsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/training/" });
  const canWrite = usePermission(Permission.TRAINING_WRITE);
  const [scheduling, setScheduling] = useState(false);
  const list = useSessionList(search);
  const courses = useCourseChoices(true);

  const setSearch = (patch: Partial<SessionsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.sessions) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => sessionColumns(i18n), [i18n]);
  const courseOptions = useMemo(() => {
    const options = (courses.data?.courses ?? []).map((c) => ({ value: c.id, label: c.title }));
    if (search.course && !options.some((o) => o.value === search.course)) {
      options.push({ value: search.course, label: search.course });
    }
    return options;
  }, [courses.data, search.course]);
  const filtered = search.course !== "" || search.status !== "";

  return (
    <>
      <PageHeader
        title={t("training.sessions.title")}
        description={
          total !== undefined
            ? t(search.past ? "training.sessions.totalPast" : "training.sessions.total", {
                total,
              })
            : t("training.sessions.description")
        }
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setScheduling(true)}>
              {t("training.session.scheduleButton")}
            </Button>
          )
        }
      />
      <FilterBar align="center">
        <SegmentedControl
          aria-label={t("training.sessions.when")}
          data={[
            { value: "upcoming", label: t("training.sessions.upcoming") },
            { value: "past", label: t("training.sessions.past") },
          ]}
          value={search.past ? "past" : "upcoming"}
          onChange={(value) => setSearch({ past: value === "past" })}
        />
        <FilterSelect
          label={t("training.sessions.filter.course")}
          data={courseOptions}
          value={search.course}
          onChange={(course) => setSearch({ course })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={260}
        />
        <FilterSelect
          label={t("training.sessions.filter.status")}
          data={sessionStatusNames.map((s) => ({
            value: s,
            label: t(`training.sessionStatus.${s}`),
          }))}
          value={search.status}
          onChange={(status) => setSearch({ status: status as SessionStatusName | "" })}
          w={170}
        />
        <SavedViews page="sessions" />
      </FilterBar>
      <DataTable
        view="sessions"
        label={t("training.sessions.title")}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        {...pagingProps(list)}
        onRowClick={(s) =>
          void navigate({ to: "/training/sessions/$sessionId", params: { sessionId: s.id } })
        }
        total={total}
        noun={{
          one: "training.sessions.count.one",
          other: "training.sessions.count.other",
          showing: "training.sessions.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconCalendarEvent size={22} />}
            filtered={filtered}
            title={t(search.past ? "training.sessions.emptyPast" : "training.sessions.empty")}
            onClearFilters={() => setSearch({ ...sessionsSearchDefaults, past: search.past })}
          />
        }
      />
      <ScheduleSessionModal opened={scheduling} onClose={() => setScheduling(false)} />
    </>
  );
}
