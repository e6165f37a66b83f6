import { notifications } from "@mantine/notifications";
import { IconPlayerPlay, IconPlayerStop, IconRefresh } from "@tabler/icons-react";
import { ContainerStatus } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import type { Container } from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import type { RowAction } from "@/components/row-actions/RowActions";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useRestartContainer, useStartContainer, useStopContainer } from "../api/containers";
import { containerStatusKey } from "@/components/ui/ContainerBadges";
import { controlUnavailable } from "../texts";

/**
 * useContainerActions returns a container's row actions: Start when it is not
 * running, Stop and Restart when it is. Each asks for an optional reason.
 * They are hidden without CONTAINERS_CONTROL, and disabled with the reason
 * when no connection can control the container. Afterwards a notification
 * names the state the provider reports.
 */
export function useContainerActions(): (container: Container) => RowAction[] {
  const { t } = useI18n();
  const canControl = usePermission(Permission.CONTAINERS_CONTROL);
  const start = useStartContainer();
  const stop = useStopContainer();
  const restart = useRestartContainer();

  const done = (name: string, verb: string) => (response: { container?: Container }) => {
    notifications.show({
      color: "teal",
      message: t("containers.action.done", {
        name,
        action: verb,
        status: response.container ? t(containerStatusKey(response.container.status)) : "—",
      }),
    });
  };

  return (c) => {
    const running = c.status === ContainerStatus.RUNNING || c.status === ContainerStatus.PAUSED;
    const unavailable = !c.controllable || !!c.goneTime;
    // A tooltip holds plain text: the server's English is marked as such.
    const why = controlUnavailable(t, c);
    const reason = why
      ? why.english
        ? `${t("serverText.label")}: ${why.text}`
        : why.text
      : c.goneTime
        ? t("containers.goneHint")
        : undefined;
    const common = {
      hidden: !canControl,
      disabled: unavailable,
      disabledReason: unavailable ? reason : undefined,
      reason: "optional" as const,
    };
    return [
      {
        ...common,
        id: "start",
        label: t("containers.action.start"),
        icon: <IconPlayerPlay size={16} />,
        hidden: !canControl || running,
        title: t("containers.action.startTitle", { name: c.name, server: c.serverName }),
        message: t("containers.action.startBody"),
        confirmLabel: t("containers.action.start"),
        run: ({ reason: why }) =>
          start
            .mutateAsync({ id: c.id, reason: why })
            .then(done(c.name, t("containers.action.started"))),
      },
      {
        ...common,
        id: "stop",
        label: t("containers.action.stop"),
        icon: <IconPlayerStop size={16} />,
        color: unavailable ? undefined : "red",
        hidden: !canControl || !running,
        danger: true,
        title: t("containers.action.stopTitle", { name: c.name, server: c.serverName }),
        message: t("containers.action.stopBody"),
        confirmLabel: t("containers.action.stop"),
        run: ({ reason: why }) =>
          stop
            .mutateAsync({ id: c.id, reason: why })
            .then(done(c.name, t("containers.action.stopped"))),
      },
      {
        ...common,
        id: "restart",
        label: t("containers.action.restart"),
        icon: <IconRefresh size={16} />,
        hidden: !canControl || !running,
        title: t("containers.action.restartTitle", { name: c.name, server: c.serverName }),
        message: t("containers.action.restartBody"),
        confirmLabel: t("containers.action.restart"),
        run: ({ reason: why }) =>
          restart
            .mutateAsync({ id: c.id, reason: why })
            .then(done(c.name, t("containers.action.restarted"))),
      },
    ];
  };
}
