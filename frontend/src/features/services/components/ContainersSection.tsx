import { Badge, Button, Group, SegmentedControl, Select, Stack, Switch, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconBox, IconLink, IconLinkOff, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { ContainerStatus } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import {
  ContainerRole,
  type ServiceContainer,
  type ServiceInstance,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { RowActions } from "@/components/row-actions/RowActions";
import { ContainerHealthBadge, ContainerStatusBadge } from "@/components/ui/ContainerBadges";
import { EmptyState } from "@/components/ui/EmptyState";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { Section } from "@/components/ui/Section";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import {
  useContainerChoices,
  useLinkContainer,
  useServiceContainers,
  useUnlinkContainer,
} from "../api/services";

const roleNames = ["APPLICATION", "DATABASE"] as const;
type RoleName = (typeof roleNames)[number];

function roleName(role: ContainerRole): RoleName | "UNSPECIFIED" {
  const name = ContainerRole[role];
  return (roleNames as readonly string[]).includes(name) ? (name as RoleName) : "UNSPECIFIED";
}

/** What the link dialog is for: a new link, or the role and flag of a linked container. */
type Linking = { kind: "new" } | { kind: "edit"; link: ServiceContainer };

/**
 * ContainersSection lists the containers linked to a service with their live
 * state. Staff who may change the service link containers (found by name as
 * they type), change a link's role and primary flag, and unlink them; the
 * containers themselves are not touched. With canOpenContainers a container
 * and its server lead to their pages. The controls (Start, Stop, Restart of
 * the primary containers) stand beside the title: they act on what is listed.
 */
export function ContainersSection({
  service,
  canWrite,
  canOpenContainers,
  controls,
}: {
  service: ServiceInstance;
  canWrite: boolean;
  canOpenContainers: boolean;
  controls?: ReactNode;
}) {
  const { t } = useI18n();
  const containers = useServiceContainers(service.id);
  const unlink = useUnlinkContainer();
  const [linking, setLinking] = useState<Linking | null>(null);
  const rows = containers.data?.serviceContainers ?? [];

  const columns: Column<ServiceContainer>[] = [
    {
      id: "name",
      header: t("services.containers.col.name"),
      cell: ({ container: c }) =>
        c && canOpenContainers ? (
          <RowLink to="/containers" search={{ container: c.id }}>
            {c.name}
          </RowLink>
        ) : (
          <Text fz="sm" fw={600} truncate>
            {c?.name}
          </Text>
        ),
    },
    {
      id: "server",
      header: t("services.containers.col.server"),
      width: 150,
      hideOnMobile: true,
      cell: ({ container: c }) =>
        c && canOpenContainers ? (
          <RowLink
            to="/servers/$serverId"
            params={{ serverId: c.serverId }}
            search={{ tab: "containers" }}
            className={classes.nowrap}
          >
            {c.serverName}
          </RowLink>
        ) : (
          <Text fz="sm">{c?.serverName}</Text>
        ),
    },
    {
      id: "role",
      header: t("services.containers.col.role"),
      width: 170,
      hideOnMobile: true,
      cell: (l) => (
        <Group gap={6} wrap="nowrap">
          <Text fz="sm">{t(`services.containers.role.${roleName(l.role)}`)}</Text>
          {l.primary && (
            <Badge size="sm" variant="outline" color="blue" data-testid="primary">
              {t("services.containers.primary")}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      id: "status",
      header: t("services.containers.col.status"),
      width: 120,
      keepOnMobile: true,
      cell: ({ container: c }) =>
        c ? <ContainerStatusBadge status={c.status} gone={!!c.goneTime} /> : null,
    },
    {
      id: "health",
      header: t("services.containers.col.health"),
      width: 120,
      hideOnMobile: true,
      // A health check only runs while the container does.
      cell: ({ container: c }) =>
        c && c.status === ContainerStatus.RUNNING && !c.goneTime ? (
          <ContainerHealthBadge health={c.health} />
        ) : (
          <Text fz="sm" c="dimmed">
            —
          </Text>
        ),
    },
    actionsColumn((l) => {
      const name = l.container ? `${l.container.name} (${l.container.serverName})` : "";
      return (
        <RowActions
          label={name}
          actions={[
            {
              id: "edit",
              label: t("services.containers.edit"),
              icon: <IconPencil size={16} />,
              hidden: !canWrite,
              onSelect: () => setLinking({ kind: "edit", link: l }),
            },
            {
              id: "unlink",
              label: t("services.containers.unlink"),
              icon: <IconLinkOff size={16} />,
              color: "red",
              hidden: !canWrite,
              danger: true,
              title: t("services.containers.unlinkTitle", { name }),
              message: t("services.containers.unlinkMessage"),
              confirmLabel: t("services.containers.unlink"),
              reason: "none",
              run: () =>
                unlink.mutateAsync({
                  serviceInstanceId: service.id,
                  containerId: l.container?.id ?? "",
                }),
              successMessage: t("services.containers.unlinked", { name }),
            },
          ]}
        />
      );
    }, 52),
  ];

  return (
    <Section
      title={t("services.containers")}
      actions={
        (controls || canWrite) && (
          <Group gap="xs">
            {controls}
            {canWrite && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => setLinking({ kind: "new" })}
              >
                {t("services.containers.link")}
              </Button>
            )}
          </Group>
        )
      }
    >
      <div data-testid="service-containers">
        <DataTable
          label={t("services.containers")}
          columns={columns}
          rows={rows}
          rowKey={(l) => l.container?.id ?? ""}
          loading={containers.isPending}
          error={containers.error}
          dense
          empty={
            <EmptyState
              icon={<IconBox size={22} />}
              title={t("services.containers.empty")}
              description={t("services.containers.emptyHint")}
            />
          }
        />
      </div>
      <FormModal
        opened={linking !== null}
        onClose={() => setLinking(null)}
        title={
          linking?.kind === "edit"
            ? t("services.containers.editTitle", { name: linking.link.container?.name ?? "" })
            : t("services.containers.linkTitle", { name: service.name })
        }
      >
        {linking && (
          <LinkForm
            serviceId={service.id}
            link={linking.kind === "edit" ? linking.link : undefined}
            onDone={() => setLinking(null)}
          />
        )}
      </FormModal>
    </Section>
  );
}

/**
 * LinkForm links a container, or changes the role and primary flag of one
 * linked already (LinkServiceContainer does both). The server's refusal (a
 * container linked to another service, or gone) is shown as it says it.
 */
function LinkForm({
  serviceId,
  link,
  onDone,
}: {
  serviceId: string;
  link?: ServiceContainer;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [containerId, setContainerId] = useState<string | null>(link?.container?.id ?? null);
  const [containerLabel, setContainerLabel] = useState("");
  const [role, setRole] = useState<RoleName>(
    link && roleName(link.role) !== "UNSPECIFIED"
      ? (roleName(link.role) as RoleName)
      : "APPLICATION",
  );
  const [primary, setPrimary] = useState(link?.primary ?? true);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const choices = useContainerChoices(link ? "" : debounced);
  const save = useLinkContainer();

  // Once a container is chosen the box shows its label: that is no query.
  const options = (choices.data?.containers ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} · ${c.serverName}`,
  }));
  if (containerId && !options.some((o) => o.value === containerId)) {
    options.unshift({ value: containerId, label: containerLabel });
  }

  const submit = async () => {
    setFailure(null);
    if (!containerId) {
      setMissing(true);
      return;
    }
    try {
      await save.mutateAsync({
        serviceInstanceId: serviceId,
        containerId,
        role: ContainerRole[role],
        primary,
      });
      notifications.show({
        color: "teal",
        message: link ? t("services.containers.saved") : t("services.containers.linked"),
      });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error, locale));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        {link?.container ? (
          <Text fz="sm">
            <Text span fw={600}>
              {link.container.name}
            </Text>{" "}
            · {link.container.serverName}
          </Text>
        ) : (
          <Select
            label={t("services.containers.container")}
            placeholder={t("services.containers.searchContainer")}
            withAsterisk
            searchable
            data-autofocus
            data={options}
            searchValue={search}
            onSearchChange={setSearch}
            value={containerId}
            onChange={(value, option) => {
              setContainerId(value);
              setContainerLabel(option?.label ?? "");
              setMissing(false);
            }}
            // The server matched the names already.
            filter={({ options: all }) => all}
            nothingFoundMessage={
              choices.isFetching ? t("common.loading") : t("search.nothingFound")
            }
            error={missing ? t("validation.required") : undefined}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Stack gap={4}>
          <Text fz="sm" fw={500}>
            {t("services.containers.role")}
          </Text>
          <SegmentedControl
            aria-label={t("services.containers.role")}
            value={role}
            onChange={(value) => setRole(value as RoleName)}
            data={roleNames.map((r) => ({
              value: r,
              label: t(`services.containers.role.${r}`),
            }))}
          />
        </Stack>
        <Switch
          label={t("services.containers.primary")}
          description={t("services.containers.primaryHint")}
          checked={primary}
          onChange={(e) => setPrimary(e.currentTarget.checked)}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: link ? t("common.save") : t("services.containers.link"),
            icon: link ? undefined : <IconLink size={16} />,
            loading: save.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
