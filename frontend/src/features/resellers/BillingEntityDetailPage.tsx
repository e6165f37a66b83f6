import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Badge, Button, Group, Skeleton, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconBuildingBank,
  IconLock,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconUserPlus,
} from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState, type ReactNode } from "react";
import {
  BillingEntityKind,
  BillingEntityStatus,
  type BillingEntity,
  type BillingEntityStaff,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { PlatformRoleBadge } from "@/components/ui/Badges";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { EmptyState } from "@/components/ui/EmptyState";
import { AnchorLink } from "@/components/ui/links";
import { PageHeader } from "@/components/ui/PageHeader";
import { ReasonModal } from "@/components/ui/ReasonModal";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import {
  useBillingEntity,
  useManagesResellers,
  useResumeBillingEntity,
  useSuspendBillingEntity,
} from "./api/resellers";
import { AddStaffModal } from "./components/AddStaffModal";
import { BillingEntityFormModal } from "./components/BillingEntityFormModal";
import { Capabilities, EntityStatusBadge, KindBadge } from "./components/ResellerBadges";
import type { BillingEntityTab } from "./search";

const route = getRouteApi("/_app/billing-entities/$billingEntityId");

/**
 * BillingEntityDetailPage is a billing entity's page: its overview with
 * Edit, Suspend and Resume, its staff, and what its invoices are issued
 * under (the settings' sections, given by the route: features do not
 * import each other).
 */
export function BillingEntityDetailPage({
  settingsTab,
}: {
  /** The entity's invoicing details and payment accounts, editable when canWrite. */
  settingsTab?: (entity: BillingEntity, canWrite: boolean) => ReactNode;
}) {
  const { t } = useI18n();
  const { billingEntityId } = route.useParams();
  const query = useBillingEntity(billingEntityId);
  const crumbs = [{ label: t("resellers.title"), to: "/billing-entities" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={36} width={360} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("resellers.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconBuildingBank size={22} />}
        notFound={t("resellers.notFound")}
      />
    );
  }
  return (
    <EntityDetail
      entity={query.data.billingEntity!}
      staff={query.data.staff}
      settingsTab={settingsTab}
    />
  );
}

function EntityDetail({
  entity,
  staff,
  settingsTab,
}: {
  entity: BillingEntity;
  staff: BillingEntityStaff[];
  settingsTab?: (entity: BillingEntity, canWrite: boolean) => ReactNode;
}) {
  const i18n = useI18n();
  const { t, formatDateTime, formatNumber } = i18n;
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: "/billing-entities/$billingEntityId" });
  const manages = useManagesResellers();
  const canReadSettings = usePermission(Permission.SETTINGS_READ);
  const canWriteSettings = usePermission(Permission.SETTINGS_WRITE);
  const [dialog, setDialog] = useState<"edit" | "suspend" | "resume" | "staff" | null>(null);
  const suspend = useSuspendBillingEntity();
  const resume = useResumeBillingEntity();
  const crumbs = [{ label: t("resellers.title"), to: "/billing-entities" as const }];
  const reseller = entity.kind === BillingEntityKind.RESELLER;
  const suspended = entity.status === BillingEntityStatus.SUSPENDED;
  const staffColumns = useMemo(() => staffColumnsOf(i18n), [i18n]);
  const withSettings = settingsTab !== undefined && canReadSettings;

  const signups = !entity.acceptSignups
    ? t("resellers.signups.closed")
    : entity.autoApproveSignups
      ? t("resellers.signups.auto")
      : t("resellers.signups.approval");

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={entity.name}
        meta={<CopyableId id={entity.id} />}
        badge={
          <Group gap={6}>
            <KindBadge kind={entity.kind} />
            <EntityStatusBadge status={entity.status} />
          </Group>
        }
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={entity.id} />
            {manages && (
              <Button leftSection={<IconPencil size={16} />} onClick={() => setDialog("edit")}>
                {t("resellers.edit")}
              </Button>
            )}
            {manages && reseller && suspended && (
              <Button
                variant="default"
                leftSection={<IconPlayerPlay size={16} />}
                onClick={() => setDialog("resume")}
              >
                {t("resellers.resume")}
              </Button>
            )}
            {manages && reseller && !suspended && (
              <RowActions
                variant="header"
                label={entity.name}
                actions={[
                  {
                    id: "suspend",
                    label: t("resellers.suspend"),
                    icon: <IconPlayerPause size={16} />,
                    color: "red",
                    onSelect: () => setDialog("suspend"),
                  },
                ]}
              />
            )}
          </Group>
        }
      />
      {suspended && (
        <Alert color="red" variant="light" title={t("resellers.suspendedNotice")} mb="lg">
          {entity.suspendReason}
        </Alert>
      )}
      {!manages && reseller && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="lg">
          {t("resellers.readOnly")}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) =>
          value && void navigate({ search: { tab: value as BillingEntityTab }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="overview">{t("resellers.tab.overview")}</Tabs.Tab>
          <Tabs.Tab value="staff">
            {t("resellers.tab.staff")}{" "}
            <Badge size="sm" variant="light" color="gray" ml={4}>
              {formatNumber(staff.length)}
            </Badge>
          </Tabs.Tab>
          {withSettings && reseller && (
            <Tabs.Tab value="settings">{t("resellers.tab.settings")}</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Section title={t("resellers.tab.overview")}>
            <DetailList
              cols={3}
              items={[
                { label: t("resellers.field.signupHandle"), value: entity.signupHandle || "—" },
                { label: t("resellers.field.signups"), value: signups },
                {
                  label: t("resellers.field.capabilities"),
                  value: <Capabilities entity={entity} />,
                },
                {
                  label: t("resellers.col.organizations"),
                  value: formatNumber(entity.organizationCount),
                },
                {
                  label: t("resellers.col.pending"),
                  value:
                    entity.pendingSignupCount > 0 ? (
                      <AnchorLink to="/organizations/signups" fz="sm">
                        {t("resellers.pendingLink", { count: entity.pendingSignupCount })}
                      </AnchorLink>
                    ) : (
                      formatNumber(0)
                    ),
                },
                {
                  label: t("resellers.field.created"),
                  value: entity.createTime ? formatDateTime(timestampDate(entity.createTime)) : "—",
                },
              ]}
            />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="staff">
          <Section
            title={t("resellers.staff.title")}
            padding={0}
            actions={
              manages &&
              reseller && (
                <Button
                  size="xs"
                  leftSection={<IconUserPlus size={14} />}
                  onClick={() => setDialog("staff")}
                >
                  {t("resellers.staff.add")}
                </Button>
              )
            }
          >
            {!reseller && (
              <Text fz="sm" c="dimmed" px="lg" pb="sm">
                {t("resellers.staff.licenseeHint")}
              </Text>
            )}
            <DataTable
              label={t("resellers.staff.title")}
              columns={staffColumns}
              rows={staff}
              rowKey={(s) => s.userId}
              empty={<EmptyState title={t("resellers.staff.empty")} />}
            />
          </Section>
        </Tabs.Panel>
        {withSettings && reseller && (
          <Tabs.Panel value="settings">
            <Text fz="sm" c="dimmed" mb="md">
              {t("resellers.settingsHint")}
            </Text>
            {settingsTab(entity, manages && canWriteSettings)}
          </Tabs.Panel>
        )}
      </Tabs>
      <BillingEntityFormModal
        opened={dialog === "edit"}
        onClose={() => setDialog(null)}
        entity={entity}
      />
      <AddStaffModal opened={dialog === "staff"} onClose={() => setDialog(null)} entity={entity} />
      <ReasonModal
        opened={dialog === "suspend"}
        onClose={() => setDialog(null)}
        title={t("resellers.suspendTitle", { name: entity.name })}
        body={t("resellers.suspendHint")}
        confirm={t("resellers.suspendConfirm")}
        color="red"
        onConfirm={async (reason) => {
          await suspend.mutateAsync({ id: entity.id, reason });
          notifications.show({
            color: "teal",
            message: t("resellers.suspended", { name: entity.name }),
          });
        }}
      />
      <ReasonModal
        opened={dialog === "resume"}
        onClose={() => setDialog(null)}
        title={t("resellers.resumeTitle", { name: entity.name })}
        body={t("resellers.resumeHint")}
        confirm={t("resellers.resumeConfirm")}
        onConfirm={async (reason) => {
          await resume.mutateAsync({ id: entity.id, reason });
          notifications.show({
            color: "teal",
            message: t("resellers.resumed", { name: entity.name }),
          });
        }}
      />
    </>
  );
}

function staffColumnsOf({ t }: I18n): Column<BillingEntityStaff>[] {
  return [
    {
      id: "name",
      header: t("resellers.staff.col.name"),
      cell: (s) => (
        <Group gap={6}>
          <Text span fz="sm" fw={600}>
            {s.displayName || "—"}
          </Text>
          {s.disabled && (
            <Badge size="xs" color="gray" variant="light">
              {t("resellers.staff.disabled")}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      id: "email",
      header: t("resellers.staff.col.email"),
      keepOnMobile: true,
      cell: (s) => s.email,
    },
    {
      id: "role",
      header: t("resellers.staff.col.role"),
      width: 140,
      hideOnMobile: true,
      cell: (s) => <PlatformRoleBadge role={s.platformRole} />,
    },
  ];
}
