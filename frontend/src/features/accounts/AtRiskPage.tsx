import { NumberInput, Text } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconShieldCheck } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import {
  AccountService,
  type Account,
  type AtRiskAccount,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { DataTable } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterBar, ListEmptyState } from "@/components/data-table/ListFilters";
import { Pager, usePages } from "@/components/data-table/Pager";
import { RecordActions, type RecordAction } from "@/components/row-actions/RecordActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import { atRiskInput, useAtRiskList } from "./api/accounts";
import { atRiskColumns } from "./components/atRiskColumns";
import { RiskCounts } from "./components/Risks";
import { atRiskSearchDefaults, type AtRiskSearch } from "./search";

const route = getRouteApi("/_app/accounts/at-risk");

/**
 * AtRiskPage is this month's rollup pre-triaged for outreach: the accounts
 * hard-blocked at their users cap, at their storage cap, overdue,
 * approaching a cap (from the threshold in the URL) or moved down a tier,
 * the most urgent first, each with its reasons in words and its admins to
 * write to; above them how many have each risk. `actions` are each row's
 * menu (composed by the route).
 */
export function AtRiskPage({ actions = [] }: { actions?: readonly RecordAction<Account>[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/accounts/at-risk" });
  const list = useAtRiskList(search);
  const pages = usePages(list, String(search.approaching), (p) => p.accounts.length);
  const rows = useMemo(() => pages.page?.accounts ?? [], [pages.page]);
  const first = list.data?.pages[0];

  const setSearch = (patch: Partial<AtRiskSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const columns = atRiskColumns(i18n, {
    rowActions:
      actions.length > 0
        ? (r: AtRiskAccount) =>
            r.account ? (
              <RecordActions
                record={r.account}
                label={r.account.organizationName || r.account.organizationId}
                actions={actions}
              />
            ) : null
        : undefined,
  });

  return (
    <>
      <PageHeader
        title={t("accounts.atRisk.title")}
        description={
          first
            ? t("accounts.atRisk.total", { count: first.totalSize })
            : t("accounts.atRisk.description")
        }
        actions={
          <ExportButton
            method={AccountService.method.listAtRiskAccounts}
            request={atRiskInput(search)}
          />
        }
      />
      <FilterBar>
        <Threshold
          value={search.approaching}
          onChange={(approaching) => setSearch({ approaching })}
        />
        <SavedViews page="at_risk" />
      </FilterBar>
      {(first || !list.error) && <RiskCounts counts={first} />}
      <DataTable<AtRiskAccount>
        label={t("accounts.atRisk.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.account?.organizationId ?? ""}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        loadingMore={pages.loading}
        pager={<Pager pages={pages} shown={rows.length} total={pages.page?.totalSize} />}
        dense
        empty={
          <ListEmptyState
            icon={<IconShieldCheck size={22} />}
            filtered={search.approaching !== atRiskSearchDefaults.approaching}
            title={t("accounts.atRisk.empty")}
            onClearFilters={() => setSearch({ approaching: atRiskSearchDefaults.approaching })}
          />
        }
      />
    </>
  );
}

/**
 * Threshold is the share of a cap, 1–99 %, from which an account
 * approaches it. What is typed goes to the URL a moment after typing
 * stops, once it is a whole number in range.
 */
function Threshold({ value, onChange }: { value: number; onChange: (percent: number) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState<string | number>(value);
  const [seen, setSeen] = useState(value);
  const push = useDebouncedCallback(onChange, 300);
  // Follow the URL when it changes elsewhere (a link, filters cleared).
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  return (
    <NumberInput
      label={t("accounts.atRisk.threshold")}
      value={text}
      onChange={(next) => {
        setText(next);
        const percent = typeof next === "number" ? next : Number.parseInt(next, 10);
        if (Number.isInteger(percent) && percent >= 1 && percent <= 99) push(percent);
      }}
      min={1}
      max={99}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="blur"
      rightSection={
        <Text fz="sm" c="dimmed">
          %
        </Text>
      }
      rightSectionPointerEvents="none"
      hideControls
      w={230}
      description={t("accounts.atRisk.thresholdHint")}
      inputWrapperOrder={["label", "input", "description", "error"]}
    />
  );
}
