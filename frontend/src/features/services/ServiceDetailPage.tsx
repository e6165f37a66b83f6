import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Button, Group, Skeleton, Stack } from "@mantine/core";
import {
  IconCalendarX,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconStack2,
  IconTrafficLights,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import {
  ServiceStatus,
  type ServiceInstance,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { ActionButton } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { AnchorLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useCancelDecommission,
  useRestartService,
  useService,
  useSetServiceStatus,
  useStartService,
  useStopService,
} from "./api/services";
import { ContainersSection } from "./components/ContainersSection";
import { DecommissionModal } from "./components/DecommissionModal";
import { EditServiceModal } from "./components/EditServiceModal";
import { CredentialsSection } from "./components/CredentialsSection";
import { Logbook } from "./components/Logbook";
import { NotesSection } from "./components/NotesSection";
import { ServiceIcon } from "./components/ServiceIcon";
import { ServiceState } from "./components/ServiceHealthDot";
import { StatusHistory } from "./components/StatusHistory";
import { UptimeSection } from "./components/UptimeSection";
import { settableStatuses, statusName, statusValue, type StatusName } from "./status";

const route = getRouteApi("/_app/services/$serviceId");

export function ServiceDetailPage({
  alertsPanel,
}: {
  /** The panel of the alerts about the service (another area's, composed by the route). */
  alertsPanel?: (service: ServiceInstance) => ReactNode;
} = {}) {
  const { t, formatMoney, formatDateTime, formatDate } = useI18n();
  const { serviceId } = route.useParams();
  const canWrite = usePermission(Permission.SERVICES_WRITE);
  const canReadOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const canReveal = usePermission(Permission.SERVICES_REVEAL_CREDENTIALS);
  const canControl = usePermission(Permission.CONTAINERS_CONTROL);
  const canReadServers = usePermission(Permission.SERVERS_READ);
  const [editing, setEditing] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const query = useService(serviceId);
  const setStatus = useSetServiceStatus();
  const cancel = useCancelDecommission();
  const start = useStartService();
  const stop = useStopService();
  const restart = useRestartService();
  const crumbs = [{ label: t("services.title"), to: "/services" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={200} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("services.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconStack2 size={22} />}
        notFound={t("services.notFound")}
      />
    );
  }

  const svc = query.data.serviceInstance!;
  const current = statusName(svc.status);
  const final = svc.status === ServiceStatus.DECOMMISSIONED;
  const writable = canWrite && !final;
  // The service actions act on the primary containers; without one the server refuses them.
  const controllable = canControl && !final;
  const noPrimary = svc.primaryContainerCount === 0;
  const control = {
    disabled: noPrimary,
    disabledReason: noPrimary ? t("services.control.noPrimary") : undefined,
    reason: "required",
  } as const;
  const orgLink = canReadOrgs ? (
    <AnchorLink to="/organizations/$organizationId" params={{ organizationId: svc.organizationId }}>
      {svc.organizationName}
    </AnchorLink>
  ) : (
    svc.organizationName
  );

  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={crumbs}
        title={
          <Group gap="sm" wrap="nowrap">
            <ServiceIcon url={svc.catalogItemIconUrl} size={32} />
            <span>{svc.name}</span>
          </Group>
        }
        meta={<CopyableId id={svc.id} />}
        badge={<ServiceState status={svc.status} health={svc.health} />}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={svc.id} />
            {writable && (
              <>
                <ActionButton
                  variant="default"
                  action={{
                    id: "status",
                    label: t("services.setStatus"),
                    icon: <IconTrafficLights size={16} />,
                    title: t("services.setStatusTitle", { name: svc.name }),
                    message: t("services.setStatusHint"),
                    confirmLabel: t("services.setStatus"),
                    reason: "required",
                    fields: [
                      {
                        name: "status",
                        label: t("services.field.status"),
                        initial: settableStatuses.find((s) => s !== current) ?? "ONLINE",
                        options: settableStatuses
                          .filter((s) => s !== current)
                          .map((s) => ({ value: s, label: t(`services.status.${s}`) })),
                      },
                    ],
                    run: ({ reason, fields }) =>
                      setStatus.mutateAsync({
                        id: svc.id,
                        status: statusValue(fields.status as StatusName),
                        reason,
                      }),
                    successMessage: t("services.statusSet", { name: svc.name }),
                  }}
                />
                <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  {t("services.edit")}
                </Button>
              </>
            )}
          </Group>
        }
      />
      {final && (
        <Alert color="gray" variant="light">
          {t("services.decommissioned")}
        </Alert>
      )}
      <Section title={t("services.overview")}>
        <DetailList
          cols={3}
          items={[
            { label: t("services.field.catalogItem"), value: svc.catalogItemName },
            { label: t("services.field.organization"), value: orgLink },
            { label: t("services.field.workspace"), value: svc.workspaceName },
            {
              label: t("services.field.price"),
              value: t("services.priceValue", {
                price: formatMoney(svc.monthlyPriceCents, svc.currency || "EUR"),
              }),
            },
            {
              label: t("services.field.statusSince"),
              value: svc.statusTime ? formatDateTime(timestampDate(svc.statusTime)) : "—",
            },
            {
              label: t("services.field.booked"),
              value: svc.createTime ? formatDate(timestampDate(svc.createTime)) : "—",
            },
            {
              label: t("services.field.decommission"),
              value: (
                <Group gap="xs" component="span">
                  <span data-testid="decommission">
                    {svc.decommissionTime
                      ? t("services.decommission.at", {
                          time: formatDateTime(timestampDate(svc.decommissionTime)),
                        })
                      : t("services.decommission.none")}
                  </span>
                  {writable && !svc.decommissionTime && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setScheduling(true)}>
                      {t("services.decommission.schedule")}
                    </Button>
                  )}
                  {writable && svc.decommissionTime && (
                    <ActionButton
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      action={{
                        id: "cancel-decommission",
                        label: t("services.decommission.cancel"),
                        icon: <IconCalendarX size={14} />,
                        title: t("services.decommission.cancelTitle", { name: svc.name }),
                        message: t("services.decommission.cancelMessage"),
                        confirmLabel: t("services.decommission.cancel"),
                        reason: "required",
                        run: ({ reason }) => cancel.mutateAsync({ id: svc.id, reason }),
                        successMessage: t("services.decommission.cancelled", { name: svc.name }),
                      }}
                    />
                  )}
                </Group>
              ),
            },
          ]}
        />
      </Section>
      <ContainersSection
        service={svc}
        canWrite={writable}
        canOpenContainers={canReadServers}
        controls={
          controllable && (
            <>
              <ActionButton
                size="xs"
                variant="default"
                action={{
                  ...control,
                  id: "start",
                  label: t("services.control.start"),
                  icon: <IconPlayerPlay size={14} />,
                  title: t("services.control.startTitle", { name: svc.name }),
                  message: t("services.control.hint"),
                  confirmLabel: t("services.control.start"),
                  run: ({ reason }) => start.mutateAsync({ id: svc.id, reason }),
                  successMessage: t("services.control.started", { name: svc.name }),
                }}
              />
              <ActionButton
                size="xs"
                variant="default"
                action={{
                  ...control,
                  id: "stop",
                  label: t("services.control.stop"),
                  icon: <IconPlayerStop size={14} />,
                  danger: true,
                  title: t("services.control.stopTitle", { name: svc.name }),
                  message: t("services.control.hint"),
                  confirmLabel: t("services.control.stop"),
                  run: ({ reason }) => stop.mutateAsync({ id: svc.id, reason }),
                  successMessage: t("services.control.stopped", { name: svc.name }),
                }}
              />
              <ActionButton
                size="xs"
                variant="default"
                action={{
                  ...control,
                  id: "restart",
                  label: t("services.control.restart"),
                  icon: <IconRefresh size={14} />,
                  title: t("services.control.restartTitle", { name: svc.name }),
                  message: t("services.control.hint"),
                  confirmLabel: t("services.control.restart"),
                  run: ({ reason }) => restart.mutateAsync({ id: svc.id, reason }),
                  successMessage: t("services.control.restarted", { name: svc.name }),
                }}
              />
            </>
          )
        }
      />
      {alertsPanel?.(svc)}
      <UptimeSection serviceId={svc.id} />
      <StatusHistory serviceId={svc.id} />
      <NotesSection service={svc} canWrite={writable} />
      <CredentialsSection service={svc} canWrite={writable} canReveal={canReveal} />
      <Logbook serviceId={svc.id} canWrite={canWrite} />
      <EditServiceModal opened={editing} onClose={() => setEditing(false)} service={svc} />
      <DecommissionModal opened={scheduling} onClose={() => setScheduling(false)} service={svc} />
    </Stack>
  );
}
