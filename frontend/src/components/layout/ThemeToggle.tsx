import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { IconMoon, IconSun } from "@tabler/icons-react";
import { useI18n } from "@/lib/i18n/i18n";

export function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light", { getInitialValueInEffect: false });
  const { t } = useI18n();
  return (
    <Tooltip label={t("theme.toggle")}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={t("theme.toggle")}
        onClick={() => setColorScheme(scheme === "dark" ? "light" : "dark")}
      >
        {scheme === "dark" ? (
          <IconSun size={18} stroke={1.7} />
        ) : (
          <IconMoon size={18} stroke={1.7} />
        )}
      </ActionIcon>
    </Tooltip>
  );
}
