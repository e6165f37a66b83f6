import { Chip, Group } from "@mantine/core";
import { IconCertificate } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { TrainingService } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterSelect,
  ListEmptyState,
  SearchInput,
} from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import {
  licencesInput,
  useAllOrganizations,
  useCourseChoices,
  useLicenceList,
} from "./api/training";
import { useLicenceColumns } from "./components/licences";
import { licenceStateNames, type LicenceStateName } from "./names";
import { licencesSearchDefaults, type LicencesSearch } from "./search";

const route = getRouteApi("/_app/training/licences");

/**
 * LicencesPage lists the licences the trainings granted, those expiring
 * first, by organization, course, state and person, with their
 * certificates.
 */
export function LicencesPage() {
  const { t } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/training/licences" });
  const list = useLicenceList(search);
  const courses = useCourseChoices(true);
  const orgs = useAllOrganizations();

  const setSearch = (patch: Partial<LicencesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.licences) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useLicenceColumns();
  const withUnknown = (options: { value: string; label: string }[], value: string) =>
    value && !options.some((o) => o.value === value)
      ? [...options, { value, label: value }]
      : options;
  const courseOptions = withUnknown(
    (courses.data?.courses ?? []).map((c) => ({ value: c.id, label: c.title })),
    search.course,
  );
  const orgOptions = withUnknown(
    (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name })),
    search.org,
  );
  const filtered =
    search.org !== "" || search.course !== "" || search.state !== "" || search.q !== "";

  return (
    <>
      <PageHeader
        title={t("training.licences.title")}
        description={
          total !== undefined
            ? t("training.licences.total", { total })
            : t("training.licences.description")
        }
        actions={
          <ExportButton
            method={TrainingService.method.listLicences}
            request={licencesInput(search)}
          />
        }
      />
      <FilterBar align="center">
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("training.licences.searchPlaceholder")}
          style={{ flex: "1 1 220px", maxWidth: 280 }}
        />
        <FilterSelect
          label={t("training.licences.filter.organization")}
          data={orgOptions}
          value={search.org}
          onChange={(org) => setSearch({ org })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={220}
        />
        <FilterSelect
          label={t("training.licences.filter.course")}
          data={courseOptions}
          value={search.course}
          onChange={(course) => setSearch({ course })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={240}
        />
        <Chip.Group
          multiple={false}
          value={search.state}
          onChange={(state) => setSearch({ state: state as LicenceStateName })}
        >
          <Group gap={6} role="group" aria-label={t("training.licences.filter.state")}>
            {licenceStateNames.map((state) => (
              <Chip
                key={state}
                value={state}
                size="sm"
                variant="outline"
                onClick={() => {
                  // A click on the chosen state shows every state again.
                  if (search.state === state) setSearch({ state: "" });
                }}
              >
                {t(`training.licenceState.${state}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <SavedViews page="licences" />
      </FilterBar>
      <DataTable
        view="licences"
        label={t("training.licences.title")}
        columns={columns}
        rows={rows}
        rowKey={(l) => l.id}
        {...pagingProps(list)}
        dense
        total={total}
        noun={{
          one: "training.licences.count.one",
          other: "training.licences.count.other",
          showing: "training.licences.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconCertificate size={22} />}
            filtered={filtered}
            title={t("training.licences.empty")}
            onClearFilters={() => setSearch({ ...licencesSearchDefaults })}
          />
        }
      />
    </>
  );
}
