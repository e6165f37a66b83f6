import { timestampDate } from "@bufbuild/protobuf/wkt";
import { SegmentedControl, Text } from "@mantine/core";
import { IconCheck, IconUserCheck, IconX } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, type ReactNode } from "react";
import { SignUpState, type SignUp } from "@leitstand/sdk/leitstand/admin/v1/signup_service_pb.js";
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
import { useApproveSignUp, useRejectSignUp, useSignUps } from "./api/resellers";
import { SignUpStateBadge } from "./components/ResellerBadges";
import { signUpStates, type SignUpsSearch } from "./search";

const route = getRouteApi("/_app/organizations/signups");

/**
 * SignUpsPage is the approval queue: the organizations that signed up in
 * the portal, the waiting ones first. Approving makes one active; rejecting
 * closes it with a reason its applicant reads in the portal.
 */
export function SignUpsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/organizations/signups" });
  const canWrite = usePermission(Permission.ORGANIZATIONS_WRITE);
  const list = useSignUps(search);
  const approve = useApproveSignUp();
  const reject = useRejectSignUp();

  const setSearch = (patch: Partial<SignUpsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.signUps) ?? [], [list.data]);
  const pending = list.data?.pages[0]?.pendingCount;
  const columns = useMemo(
    () =>
      signUpColumns(i18n, search.state !== "PENDING", (s) => (
        <RowActions
          label={s.organizationName}
          actions={[
            {
              id: "approve",
              label: t("signups.approve"),
              icon: <IconCheck size={16} />,
              hidden: !canWrite || s.state !== SignUpState.PENDING,
              title: t("signups.approveTitle", { name: s.organizationName }),
              message: t("signups.approveHint"),
              confirmLabel: t("signups.approveConfirm"),
              confirmIcon: <IconCheck size={16} />,
              reason: "optional",
              run: ({ reason }) =>
                approve.mutateAsync({ organizationId: s.organizationId, reason }),
              successMessage: t("signups.approved", { name: s.organizationName }),
            },
            {
              id: "reject",
              label: t("signups.reject"),
              icon: <IconX size={16} />,
              color: "red",
              hidden: !canWrite || s.state !== SignUpState.PENDING,
              dividerBefore: true,
              title: t("signups.rejectTitle", { name: s.organizationName }),
              message: t("signups.rejectHint"),
              confirmLabel: t("signups.rejectConfirm"),
              danger: true,
              reason: "required",
              run: ({ reason }) => reject.mutateAsync({ organizationId: s.organizationId, reason }),
              successMessage: t("signups.rejected", { name: s.organizationName }),
            },
          ]}
        />
      )),
    [i18n, t, search.state, canWrite, approve, reject],
  );

  return (
    <>
      <PageHeader
        title={t("signups.title")}
        description={
          pending !== undefined
            ? t("signups.pending", { count: pending })
            : t("signups.description")
        }
      />
      <FilterBar align="center">
        <SegmentedControl
          aria-label={t("signups.filter.state")}
          value={search.state}
          onChange={(value) => setSearch({ state: value as SignUpsSearch["state"] })}
          data={signUpStates.map((s) => ({ value: s, label: t(`signups.state.${s}`) }))}
        />
        <SavedViews page="signups" />
      </FilterBar>
      <DataTable
        view="signups"
        label={t("signups.title")}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.organizationId}
        {...pagingProps(list)}
        onRowClick={(s) =>
          void navigate({
            to: "/organizations/$organizationId",
            params: { organizationId: s.organizationId },
          })
        }
        noun={{
          one: "signups.count.one",
          other: "signups.count.other",
          showing: "signups.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconUserCheck size={22} />}
            filtered={false}
            title={
              search.state === "PENDING" ? t("signups.empty.PENDING") : t("signups.empty.other")
            }
            onClearFilters={() => setSearch({ state: "PENDING" })}
          />
        }
      />
    </>
  );
}

function signUpColumns(
  i18n: I18n,
  decided: boolean,
  actions: (s: SignUp) => ReactNode,
): Column<SignUp>[] {
  const { t, formatDateTime } = i18n;
  const columns: Column<SignUp>[] = [
    {
      id: "organization",
      header: t("signups.col.organization"),
      cell: (s) => (
        <div className={classes.name}>
          <Truncated>
            <Text span fz="sm" fw={600}>
              {s.organizationName}
            </Text>
          </Truncated>
          {s.rejectionReason && (
            <Truncated className={classes.secondary}>
              {t("signups.rejectionReason")}: {s.rejectionReason}
            </Truncated>
          )}
        </div>
      ),
    },
    {
      id: "applicant",
      header: t("signups.col.applicant"),
      hideOnMobile: true,
      cell: (s) => (
        <div className={classes.name}>
          <Truncated>{s.applicantName || "—"}</Truncated>
          <Truncated className={classes.secondary}>{s.applicantEmail}</Truncated>
        </div>
      ),
    },
    {
      id: "billingEntity",
      header: t("signups.col.billingEntity"),
      hideOnMobile: true,
      cell: (s) => <Truncated>{s.billingEntityName}</Truncated>,
    },
    {
      id: "signedUp",
      header: t("signups.col.signedUp"),
      width: 170,
      hideOnMobile: true,
      cell: (s) => (
        <span className="tabular-nums">
          {s.signupTime ? formatDateTime(timestampDate(s.signupTime)) : "—"}
        </span>
      ),
    },
  ];
  if (decided) {
    columns.push(
      {
        id: "decided",
        header: t("signups.col.decided"),
        width: 170,
        hideOnMobile: true,
        cell: (s) => (
          <span className="tabular-nums">
            {s.decisionTime ? formatDateTime(timestampDate(s.decisionTime)) : "—"}
          </span>
        ),
      },
      {
        id: "state",
        header: t("signups.col.state"),
        width: 130,
        keepOnMobile: true,
        cell: (s) => <SignUpStateBadge state={s.state} />,
      },
    );
  }
  columns.push(actionsColumn(actions));
  return columns;
}
