import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconLayersSubtract, IconPencil } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import type { Plan, PlanVersion } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { StatusBadge } from "@/components/ui/Badges";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { usePlan, usePlanVersions, useRetirePlan } from "./api/plans";
import { planActions } from "./components/columns";
import { PlanFormModal } from "./components/PlanFormModal";
import { changedTerms, termFields, termLabels, termText } from "./terms";

const route = getRouteApi("/_app/plans/$planId");

export function PlanDetailPage() {
  const { t } = useI18n();
  const { planId } = route.useParams();
  const query = usePlan(planId);
  const crumbs = [{ label: t("plans.title"), to: "/plans" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={240} />
        <Skeleton height={240} />
      </DetailPageLoading>
    );
  }
  if (query.error || !query.data.plan) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("plans.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconLayersSubtract size={22} />}
        notFound={t("plans.notFound")}
      />
    );
  }
  return <PlanDetail plan={query.data.plan} />;
}

/** PlanDetail is the page of a plan once it is loaded: its terms, its versions, what may be done with it. */
function PlanDetail({ plan }: { plan: Plan }) {
  const i18n = useI18n();
  const { t, formatNumber, formatDate, formatDateTime } = i18n;
  const canWrite = usePermission(Permission.PLANS_WRITE);
  const [editing, setEditing] = useState(false);
  const retire = useRetirePlan();
  const versions = usePlanVersions(plan.id);
  const crumbs = [{ label: t("plans.title"), to: "/plans" as const }];
  const list = versions.data?.versions ?? [];
  // What the current version changed, marked in the current terms.
  const current = list.find((v) => v.version === plan.version);
  const previous = list.find((v) => v.version === plan.version - 1);
  const changedNow = new Set(changedTerms(previous?.terms, current?.terms));
  const dash = (
    <Text span c="dimmed" fz="sm">
      —
    </Text>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={crumbs}
        title={plan.name}
        meta={<CopyableId id={plan.id} />}
        badge={
          <Group gap="xs" wrap="nowrap">
            <Badge variant="light" color="gray">
              {t("plans.version", { version: String(plan.version) })}
            </Badge>
            {plan.retired && (
              <StatusBadge tone="neutral">
                {plan.retireTime
                  ? t("plans.retiredOn", { date: formatDate(timestampDate(plan.retireTime)) })
                  : t("plans.retired")}
              </StatusBadge>
            )}
          </Group>
        }
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={plan.id} />
            {canWrite && !plan.retired && (
              <>
                <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  {t("plans.edit")}
                </Button>
                <RowActions
                  variant="header"
                  label={plan.name}
                  actions={planActions(i18n, plan, {
                    canWrite,
                    onEdit: () => setEditing(true),
                    onRetire: (p, reason) => retire.mutateAsync({ id: p.id, reason }),
                  }).filter((a) => a.id !== "edit")}
                />
              </>
            )}
          </Group>
        }
      />
      {plan.retired && (
        <Alert color="gray" variant="light">
          {t("plans.retiredNote")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <Section title={t("plans.section.terms", { version: String(plan.version) })}>
            {plan.terms ? (
              <DetailList
                items={termFields.map((field) => ({
                  label: t(termLabels[field]),
                  value: (
                    <Group gap={6} component="span" wrap="nowrap" data-term={field}>
                      <span className="tabular-nums">{termText(i18n, plan.terms!, field)}</span>
                      {changedNow.has(field) && (
                        <Badge size="xs" variant="light" color="yellow" data-changed="">
                          {t("plans.changedIn", { version: String(plan.version) })}
                        </Badge>
                      )}
                    </Group>
                  ),
                }))}
              />
            ) : (
              dash
            )}
          </Section>
          <Section title={t("plans.section.plan")}>
            <Stack gap="lg">
              <DetailList
                items={[
                  { label: t("plans.rank"), value: formatNumber(plan.rank) },
                  {
                    label: t("plans.createdAt"),
                    value: plan.createTime ? formatDateTime(timestampDate(plan.createTime)) : dash,
                  },
                  {
                    label: t("plans.updatedAt"),
                    value: plan.updateTime ? formatDateTime(timestampDate(plan.updateTime)) : dash,
                  },
                ]}
              />
              <Text
                fz="sm"
                style={{ whiteSpace: "pre-wrap" }}
                c={plan.description ? undefined : "dimmed"}
              >
                {plan.description || t("plans.noDescription")}
              </Text>
            </Stack>
          </Section>
        </Stack>
        <Section title={t("plans.section.versions")}>
          {versions.isPending ? (
            <Skeleton height={160} />
          ) : versions.error ? (
            <QueryError error={versions.error} onRetry={() => void versions.refetch()} />
          ) : list.length === 0 ? (
            <Text c="dimmed" fz="sm">
              {t("plans.noVersions")}
            </Text>
          ) : (
            <Stack gap="sm" data-testid="versions">
              {list.map((v, i) => (
                <VersionCard
                  key={v.id}
                  version={v}
                  previous={list[i + 1]}
                  current={v.version === plan.version}
                />
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <PlanFormModal opened={editing} onClose={() => setEditing(false)} plan={plan} />
    </Stack>
  );
}

/**
 * VersionCard is one version of the terms: when, by whom and why it was
 * written, and what it changed from the version before (the first version
 * shows all its terms).
 */
function VersionCard({
  version,
  previous,
  current,
}: {
  version: PlanVersion;
  previous: PlanVersion | undefined;
  current: boolean;
}) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const terms = version.terms;
  const changed = previous ? changedTerms(previous.terms, terms) : [];
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-version={version.version}
      aria-label={t("plans.version", { version: String(version.version) })}
      role="group"
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <Text fw={600} fz="sm">
              {t("plans.version", { version: String(version.version) })}
            </Text>
            {current && (
              <Badge size="sm" variant="light" color="teal">
                {t("plans.currentVersion")}
              </Badge>
            )}
          </Group>
          <Text fz="xs" c="dimmed">
            {t("plans.versionBy", {
              date: version.createTime ? formatDateTime(timestampDate(version.createTime)) : "—",
              who: version.createdByEmail || "—",
            })}
          </Text>
        </Group>
        <Text
          fz="sm"
          c={version.reason ? undefined : "dimmed"}
          fs={version.reason ? undefined : "italic"}
        >
          {version.reason || t("plans.noReason")}
        </Text>
        {terms && !previous && (
          <>
            <Text fz="xs" c="dimmed">
              {t("plans.firstTerms")}
            </Text>
            <Table fz="xs" verticalSpacing={2} horizontalSpacing={0} withRowBorders={false}>
              <Table.Tbody>
                {termFields.map((field) => (
                  <Table.Tr key={field}>
                    <Table.Td c="dimmed">{t(termLabels[field])}</Table.Td>
                    <Table.Td ta="right" className="tabular-nums">
                      {termText(i18n, terms, field)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {terms && previous?.terms && changed.length === 0 && (
          <Text fz="xs" c="dimmed">
            {t("plans.noChange")}
          </Text>
        )}
        {terms && previous?.terms && changed.length > 0 && (
          <Table fz="sm" verticalSpacing={4} horizontalSpacing={0} withRowBorders={false}>
            <Table.Tbody>
              {changed.map((field) => (
                <Table.Tr key={field} data-changed={field}>
                  <Table.Td c="dimmed">{t(termLabels[field])}</Table.Td>
                  <Table.Td ta="right" className="tabular-nums">
                    <Text span fz="sm" c="dimmed" td="line-through">
                      {termText(i18n, previous.terms!, field)}
                    </Text>
                    {" → "}
                    <Text
                      span
                      fz="sm"
                      fw={600}
                      px={4}
                      bg="var(--mantine-color-yellow-light)"
                      style={{ borderRadius: 4 }}
                    >
                      {termText(i18n, terms, field)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
