import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Group } from "@mantine/core";
import { IconArchive, IconPencil } from "@tabler/icons-react";
import type { Plan, PlanTerms } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions, type RowAction } from "@/components/row-actions/RowActions";
import { StatusBadge } from "@/components/ui/Badges";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { termText, type TermField } from "../terms";

export interface PlanActions {
  canWrite: boolean;
  onEdit: (plan: Plan) => void;
  onRetire: (plan: Plan, reason: string) => Promise<unknown>;
}

/** planActions are a plan's Edit and Retire, for those who may change plans and while it is not retired. */
export function planActions(i18n: I18n, plan: Plan, actions: PlanActions): RowAction[] {
  const { t } = i18n;
  const hidden = !actions.canWrite || plan.retired;
  return [
    {
      id: "edit",
      label: t("plans.edit"),
      icon: <IconPencil size={16} />,
      hidden,
      onSelect: () => actions.onEdit(plan),
    },
    {
      id: "retire",
      label: t("plans.retire"),
      icon: <IconArchive size={16} />,
      color: "red",
      dividerBefore: true,
      hidden,
      title: t("plans.retireTitle", { name: plan.name }),
      message: t("plans.retireMessage"),
      confirmLabel: t("plans.retire"),
      danger: true,
      reason: "required",
      run: ({ reason }) => actions.onRetire(plan, reason),
      successMessage: t("plans.retiredDone", { name: plan.name }),
    },
  ];
}

/** The plans list's columns: the current terms of each plan. */
export function planColumns(i18n: I18n, actions: PlanActions): Column<Plan>[] {
  const { t, formatNumber, formatDate } = i18n;
  const term = (field: TermField, header: string, width: number, mobile = false) => ({
    id: field,
    header,
    width,
    align: "right" as const,
    hideOnMobile: !mobile,
    keepOnMobile: mobile,
    cell: (plan: Plan) =>
      plan.terms ? (
        <span className="tabular-nums" data-term={field}>
          {termText(i18n, plan.terms, field)}
        </span>
      ) : (
        "—"
      ),
  });
  const caps = (terms: PlanTerms) => {
    if (terms.maxUsers === 0 && terms.maxStorageGb === 0 && terms.maxTrafficGb === 0)
      return t("plans.noCap");
    const users =
      terms.maxUsers === 0
        ? t("plans.capUsersNone")
        : t("plans.capUsers", { count: terms.maxUsers });
    const storage =
      terms.maxStorageGb === 0 ? t("plans.capStorageNone") : termText(i18n, terms, "maxStorageGb");
    const traffic =
      terms.maxTrafficGb === 0
        ? t("plans.capTrafficNone")
        : t("plans.capTraffic", { gb: formatNumber(terms.maxTrafficGb) });
    return `${users} · ${storage} · ${traffic}`;
  };
  const columns: Column<Plan>[] = [
    {
      id: "name",
      header: t("plans.col.name"),
      cell: (plan) => (
        <div className={classes.name}>
          <Group gap="xs" wrap="nowrap">
            <RowLink to="/plans/$planId" params={{ planId: plan.id }}>
              {plan.name}
            </RowLink>
            {plan.retired && (
              <StatusBadge tone="neutral">
                {plan.retireTime
                  ? t("plans.retiredOn", { date: formatDate(timestampDate(plan.retireTime)) })
                  : t("plans.retired")}
              </StatusBadge>
            )}
          </Group>
          {plan.description && (
            <Truncated className={classes.secondary}>{plan.description}</Truncated>
          )}
        </div>
      ),
    },
    {
      id: "rank",
      header: t("plans.col.rank"),
      width: 70,
      align: "right",
      hideOnMobile: true,
      cell: (plan) => (
        <span className={`${classes.dimmed} tabular-nums`}>{formatNumber(plan.rank)}</span>
      ),
    },
    term("monthlyFeeCents", t("plans.col.monthlyFee"), 120, true),
    term("includedUsers", t("plans.col.users"), 80),
    term("includedStorageGb", t("plans.col.storage"), 100),
    term("includedSupportMinutes", t("plans.col.support"), 90),
    term("hourlyRateCents", t("plans.col.hourlyRate"), 125),
    term("storageOverageCentsPerGb", t("plans.col.overage"), 90),
    {
      id: "caps",
      header: t("plans.col.caps"),
      width: 170,
      hideOnMobile: true,
      cell: (plan) =>
        plan.terms ? <span className={classes.dimmed}>{caps(plan.terms)}</span> : "—",
    },
    {
      id: "version",
      header: t("plans.col.version"),
      width: 80,
      align: "right",
      hideOnMobile: true,
      cell: (plan) => (
        <span className="tabular-nums">
          {t("plans.versionNumber", { version: String(plan.version) })}
        </span>
      ),
    },
  ];
  if (actions.canWrite) {
    columns.push({
      id: "actions",
      header: "",
      width: 56,
      align: "right",
      cell: (plan) => <RowActions label={plan.name} actions={planActions(i18n, plan, actions)} />,
    });
  }
  return columns;
}
