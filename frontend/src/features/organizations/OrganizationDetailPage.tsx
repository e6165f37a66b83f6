import { Button, Group, Skeleton, Tabs } from "@mantine/core";
import { IconBuildingStore, IconPencil } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { OrganizationStatus } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { OrganizationStatusBadge } from "@/components/ui/Badges";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { CopyableId } from "@/components/ui/CopyButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useOrganization } from "./api/organizations";
import { ClosedNotice } from "./components/ClosedNotice";
import { OrganizationFormModal } from "./components/OrganizationFormModal";
import { OrganizationMembers } from "./components/OrganizationMembers";
import { OrganizationOverview } from "./components/OrganizationOverview";
import { OrganizationWorkspaces } from "./components/OrganizationWorkspaces";
import type { OrganizationTab } from "./search";

const route = getRouteApi("/_app/organizations/$organizationId");

/**
 * OrganizationDetailPage is an organization's page. servicesTab, ordersTab,
 * contractTab, invoicesTab, paymentsTab and trainingTab, when the route
 * gives them, are the content of the Services, Orders, Contract, Invoices,
 * Payments and Training tabs
 * (other areas' pages, composed by the route), shown to callers who may
 * read them.
 */
export function OrganizationDetailPage({
  servicesTab,
  ordersTab,
  contractTab,
  invoicesTab,
  paymentsTab,
  trainingTab,
}: {
  servicesTab?: (organization: { id: string; bookable: boolean }) => ReactNode;
  ordersTab?: (organization: { id: string; open: boolean }) => ReactNode;
  contractTab?: (organization: { id: string; name: string }) => ReactNode;
  /** The Invoices tab, shown to callers who may read invoices. */
  invoicesTab?: (organization: { id: string }) => ReactNode;
  /** The Payments tab, shown to callers who may read payments. */
  paymentsTab?: (organization: { id: string }) => ReactNode;
  /** The Training tab (its people's licences and registrations), shown to callers who may read trainings. */
  trainingTab?: (organization: { id: string }) => ReactNode;
} = {}) {
  const { t, formatNumber } = useI18n();
  const { organizationId } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = useNavigate({ from: "/organizations/$organizationId" });
  const canWrite = usePermission(Permission.ORGANIZATIONS_WRITE);
  const canReadServices = usePermission(Permission.SERVICES_READ);
  const canReadOrders = usePermission(Permission.ORDERS_READ);
  const canReadContracts = usePermission(Permission.CONTRACTS_READ);
  const canReadInvoices = usePermission(Permission.INVOICES_READ);
  const canReadPayments = usePermission(Permission.PAYMENTS_READ);
  const canReadTraining = usePermission(Permission.TRAINING_READ);
  const [editing, setEditing] = useState(false);
  const query = useOrganization(organizationId);
  const crumbs = [{ label: t("orgs.title"), to: "/organizations" as const }];

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
        title={t("orgs.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconBuildingStore size={22} />}
        notFound={t("orgs.notFound")}
      />
    );
  }

  const org = query.data.organization!;
  const closed = org.status === OrganizationStatus.CLOSED;
  const withServices = servicesTab !== undefined && canReadServices;
  const withOrders = ordersTab !== undefined && canReadOrders;
  const withContract = contractTab !== undefined && canReadContracts;
  const withInvoices = invoicesTab !== undefined && canReadInvoices;
  const withPayments = paymentsTab !== undefined && canReadPayments;
  const withTraining = trainingTab !== undefined && canReadTraining;

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={org.name}
        meta={<CopyableId id={org.id} />}
        badge={<OrganizationStatusBadge status={org.status} />}
        description={org.legalName && org.legalName !== org.name ? org.legalName : undefined}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={org.id} />
            {canWrite && !closed && (
              <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                {t("common.edit")}
              </Button>
            )}
          </Group>
        }
      />
      {closed && <ClosedNotice organization={org} />}
      <Tabs
        value={tab}
        onChange={(value) =>
          value && void navigate({ search: { tab: value as OrganizationTab }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="overview">{t("orgs.tab.overview")}</Tabs.Tab>
          <Tabs.Tab value="workspaces">
            {t("orgs.tab.workspaces")} ({formatNumber(query.data.workspaces.length)})
          </Tabs.Tab>
          <Tabs.Tab value="members">
            {t("orgs.tab.members")} ({formatNumber(query.data.members.length)})
          </Tabs.Tab>
          {withServices && <Tabs.Tab value="services">{t("orgs.tab.services")}</Tabs.Tab>}
          {withOrders && <Tabs.Tab value="orders">{t("orgs.tab.orders")}</Tabs.Tab>}
          {withContract && <Tabs.Tab value="contract">{t("orgs.tab.contract")}</Tabs.Tab>}
          {withInvoices && <Tabs.Tab value="invoices">{t("orgs.tab.invoices")}</Tabs.Tab>}
          {withPayments && <Tabs.Tab value="payments">{t("orgs.tab.payments")}</Tabs.Tab>}
          {withTraining && <Tabs.Tab value="training">{t("orgs.tab.training")}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OrganizationOverview organization={org} />
        </Tabs.Panel>
        <Tabs.Panel value="workspaces">
          <OrganizationWorkspaces
            organization={org}
            workspaces={query.data.workspaces}
            members={query.data.members}
          />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <OrganizationMembers organization={org} members={query.data.members} />
        </Tabs.Panel>
        {withServices && (
          <Tabs.Panel value="services">
            {servicesTab({
              id: org.id,
              bookable: !closed && org.status !== OrganizationStatus.SUSPENDED,
            })}
          </Tabs.Panel>
        )}
        {withOrders && (
          <Tabs.Panel value="orders">{ordersTab({ id: org.id, open: !closed })}</Tabs.Panel>
        )}
        {withContract && (
          <Tabs.Panel value="contract">{contractTab({ id: org.id, name: org.name })}</Tabs.Panel>
        )}
        {withInvoices && <Tabs.Panel value="invoices">{invoicesTab({ id: org.id })}</Tabs.Panel>}
        {withPayments && <Tabs.Panel value="payments">{paymentsTab({ id: org.id })}</Tabs.Panel>}
        {withTraining && <Tabs.Panel value="training">{trainingTab({ id: org.id })}</Tabs.Panel>}
      </Tabs>
      <OrganizationFormModal
        opened={editing}
        onClose={() => setEditing(false)}
        organization={org}
      />
    </>
  );
}
