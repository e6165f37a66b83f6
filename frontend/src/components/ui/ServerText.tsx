import { Text, Tooltip } from "@mantine/core";
import type { MantineColor } from "@mantine/core";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * ServerText shows a text as the server wrote it — an error, a provider's
 * answer — labelled as such, because the server writes them in English
 * only: a German reader sees at once that it is quoted, not translated.
 */
export function ServerText({
  text,
  lineClamp,
  c,
  fz = "sm",
  testId,
}: {
  text: string;
  lineClamp?: number;
  c?: MantineColor;
  fz?: "xs" | "sm";
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Tooltip label={t("serverText.hint")} openDelay={500} withinPortal>
      <Text fz={fz} c={c} lineClamp={lineClamp} data-testid={testId} data-server-text="">
        <Text span fz="xs" fw={600} c="dimmed">
          {t("serverText.label")}:
        </Text>{" "}
        <span lang="en">{text}</span>
      </Text>
    </Tooltip>
  );
}
