import { Anchor, Group, Text } from "@mantine/core";
import { IconMapPin, IconVideo } from "@tabler/icons-react";
import { Truncated } from "@/components/data-table/Truncated";
import { useI18n } from "@/lib/i18n/i18n";

/** Place is where a session is held: its online link, or its location. */
export function Place({ onlineUrl, location }: { onlineUrl: string; location: string }) {
  const { t } = useI18n();
  if (onlineUrl) {
    return (
      <Group gap={6} wrap="nowrap" miw={0}>
        <IconVideo size={14} aria-hidden style={{ flexShrink: 0 }} />
        <Anchor
          href={onlineUrl}
          target="_blank"
          rel="noopener noreferrer"
          fz="sm"
          onClick={(e) => e.stopPropagation()}
          title={onlineUrl}
          data-place="online"
        >
          {t("training.session.onlineLink")}
        </Anchor>
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <IconMapPin size={14} aria-hidden style={{ flexShrink: 0 }} />
      <Text span fz="sm" miw={0} data-place="location">
        <Truncated>{location || "—"}</Truncated>
      </Text>
    </Group>
  );
}
