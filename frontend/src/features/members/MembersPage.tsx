import { Badge, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { MemberService, type Member } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { Truncated } from "@/components/data-table/Truncated";
import {
  FilterBar,
  FilterMultiSelect,
  SearchInput,
  SortSelect,
} from "@/components/data-table/ListFilters";
import { RowActions } from "@/components/row-actions/RowActions";
import { PlatformRoleBadge } from "@/components/ui/Badges";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { RelativeTime } from "@/components/ui/RelativeTime";
import classes from "@/components/data-table/columns.module.css";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { memberListInput, useMemberList } from "./api/members";
import { useMemberActions } from "./components/useMemberActions";
import { memberSorts, parseRoles, roleNames, type MemberSort, type MembersSearch } from "./search";

const route = getRouteApi("/_app/members/");

const sortLabels = {
  email: "members.sort.email",
  name: "members.sort.displayName",
  created: "members.sort.created",
  created_desc: "members.sort.createdDesc",
} as const;

export function MembersPage() {
  const { t, formatNumber } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/members/" });
  const caller = useCaller();
  const actionsFor = useMemberActions();
  const list = useMemberList(search);

  const setSearch = (patch: Partial<MembersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.members) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;

  const columns: Column<Member>[] = [
    {
      id: "name",
      header: t("members.col.name"),
      sort: { asc: "name" },
      cell: (m) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <RowLink to="/members/$memberId" params={{ memberId: m.id }}>
              {m.displayName || m.email}
            </RowLink>
            {m.id === caller.userId && (
              <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                {t("members.you")}
              </Badge>
            )}
          </Group>
          <Truncated className={classes.secondary}>{m.email}</Truncated>
        </Stack>
      ),
    },
    {
      id: "role",
      header: t("members.col.role"),
      width: 160,
      cell: (m) => <PlatformRoleBadge role={m.platformRole} />,
    },
    {
      id: "status",
      keepOnMobile: true,
      header: t("members.col.status"),
      width: 120,
      cell: (m) =>
        m.disabled ? (
          <Badge color="red" variant="dot">
            {t("members.disabled")}
          </Badge>
        ) : (
          <Badge color="teal" variant="dot">
            {t("members.enabled")}
          </Badge>
        ),
    },
    {
      id: "organizations",
      header: t("members.col.organizations"),
      width: 140,
      align: "right",
      hideOnMobile: true,
      cell: (m) => <span className="tabular-nums">{formatNumber(m.organizationCount)}</span>,
    },
    {
      id: "lastLogin",
      header: t("members.col.lastLogin"),
      width: 170,
      align: "right",
      hideOnMobile: true,
      cell: (m) => (
        <Text fz="sm" c="dimmed">
          {m.lastLoginTime ? <RelativeTime time={m.lastLoginTime} /> : t("common.never")}
        </Text>
      ),
    },
    actionsColumn((m) => <RowActions label={m.displayName || m.email} actions={actionsFor(m)} />),
  ];

  return (
    <>
      <PageHeader
        title={t("members.title")}
        description={
          total !== undefined
            ? t("members.total", { total: formatNumber(total) })
            : t("members.description")
        }
        actions={
          <ExportButton
            method={MemberService.method.listMembers}
            request={memberListInput(search)}
          />
        }
      />
      <FilterBar>
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("members.searchPlaceholder")}
          style={{ flex: "1 1 260px", maxWidth: 380 }}
        />
        <FilterMultiSelect
          label={t("members.roleFilter")}
          data={roleNames.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={parseRoles(search.role)}
          onChange={(values) => setSearch({ role: values.join(",") })}
          style={{ flex: "0 1 300px", minWidth: 200 }}
        />
        <SegmentedControl
          aria-label={t("members.disabledFilter")}
          value={search.state}
          onChange={(value) => setSearch({ state: value as MembersSearch["state"] })}
          data={[
            { value: "all", label: t("members.disabledFilter.all") },
            { value: "enabled", label: t("members.disabledFilter.enabled") },
            { value: "disabled", label: t("members.disabledFilter.disabled") },
          ]}
        />
        <SortSelect
          data={(Object.keys(memberSorts) as MemberSort[]).map((s) => ({
            value: s,
            label: t(sortLabels[s]),
          }))}
          value={search.sort}
          onChange={(sort) => setSearch({ sort })}
          w={170}
        />
        <SavedViews page="members" />
      </FilterBar>
      <DataTable
        view="members"
        label={t("members.title")}
        columns={columns}
        rows={rows}
        rowKey={(m) => m.id}
        {...pagingProps(list)}
        onRowClick={(m) => void navigate({ to: "/members/$memberId", params: { memberId: m.id } })}
        total={total}
        noun={{
          one: "members.count.one",
          other: "members.count.other",
          showing: "members.count.showing",
        }}
        sort={search.sort}
        onSortChange={(sort) => setSearch({ sort: sort as MemberSort })}
        empty={<EmptyState icon={<IconUsers size={22} />} title={t("common.noResults")} />}
      />
    </>
  );
}
