import { ActionIcon, Button, Group, Paper, Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowDown, IconArrowUp } from "@tabler/icons-react";
import { useState } from "react";
import { FormFailure } from "@/components/ui/FormActions";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useResetDashboardLayout, useUpdateDashboardLayout } from "../api/overview";
import type { PlacedWidget } from "../sections";

/**
 * CustomiseDashboard arranges the caller's dashboard: each widget their
 * permissions allow, shown or hidden (a hidden one is added back by
 * showing it), moved up and down by buttons, which the keyboard reaches as
 * any other; saved on the server, or reset to the platform's default.
 */
export function CustomiseDashboard({
  placed,
  customised,
  onDone,
}: {
  placed: PlacedWidget[];
  customised: boolean;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [widgets, setWidgets] = useState(placed);
  const [failure, setFailure] = useState<string | null>(null);
  const update = useUpdateDashboardLayout();
  const reset = useResetDashboardLayout();

  const move = (i: number, by: -1 | 1) => {
    const next = [...widgets];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setWidgets(next);
  };
  const toggle = (i: number, shown: boolean) =>
    setWidgets(widgets.map((w, j) => (j === i ? { ...w, hidden: !shown } : w)));

  const save = async () => {
    setFailure(null);
    try {
      await update.mutateAsync({
        widgets: widgets.map((w) => ({ widgetId: w.id, hidden: w.hidden })),
      });
      notifications.show({ color: "teal", message: t("overview.customise.saved") });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error, locale));
    }
  };
  const toDefault = async () => {
    setFailure(null);
    try {
      await reset.mutateAsync({});
      notifications.show({ color: "teal", message: t("overview.customise.resetDone") });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error, locale));
    }
  };

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="customise-title">
      <Stack gap="sm">
        <div>
          <Text fw={600} id="customise-title">
            {t("overview.customise.title")}
          </Text>
          <Text fz="sm" c="dimmed">
            {t("overview.customise.hint")}
          </Text>
        </div>
        <Stack gap={4} component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {widgets.map((w, i) => {
            const name = t(`overview.widget.${w.id}`);
            return (
              <Group component="li" key={w.id} justify="space-between" wrap="nowrap">
                <Switch
                  label={name}
                  checked={!w.hidden}
                  onChange={(e) => toggle(i, e.currentTarget.checked)}
                  aria-label={t("overview.customise.show", { name })}
                />
                <Group gap={0} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={i === 0}
                    aria-label={t("overview.customise.up", { name })}
                    onClick={() => move(i, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    disabled={i === widgets.length - 1}
                    aria-label={t("overview.customise.down", { name })}
                    onClick={() => move(i, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Group>
              </Group>
            );
          })}
        </Stack>
        <FormFailure failure={failure} />
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="gray"
            onClick={() => void toDefault()}
            loading={reset.isPending}
            disabled={!customised}
          >
            {t("overview.customise.reset")}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button onClick={() => void save()} loading={update.isPending}>
              {t("overview.customise.save")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
