import { ActionIcon, CopyButton as MantineCopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * CopyButton copies a value (an id, an IP address) to the clipboard and
 * says so: its tooltip turns from "Copy" to "Copied" for a moment.
 */
export function CopyButton({ value, label }: { value: string; label?: string }) {
  const { t } = useI18n();
  return (
    <MantineCopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t("common.copied") : t("common.copy")} withArrow position="top">
          <ActionIcon
            variant="subtle"
            color={copied ? "teal" : "gray"}
            size="sm"
            aria-label={`${t("common.copy")}: ${label ?? value}`}
            onClick={(event) => {
              // Inside a clickable row, copying does not open the row.
              event.stopPropagation();
              copy();
            }}
          >
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </MantineCopyButton>
  );
}

/** CopyableText is a value shown with its copy button beside it. */
export function CopyableText({
  value,
  label,
  children,
}: {
  value: string;
  label?: string;
  children?: ReactNode;
}) {
  return (
    <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
      {children ?? <span>{value}</span>}
      <CopyButton value={value} label={label} />
    </Group>
  );
}

/** CopyableId is a record's id under its page's title, to copy into a ticket or a command. */
export function CopyableId({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <CopyableText value={id} label={t("common.id")}>
      <Text ff="monospace" fz="xs" c="dimmed" data-testid="record-id">
        {id}
      </Text>
    </CopyableText>
  );
}
