import { Group, Text } from "@mantine/core";

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={10} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="var(--mantine-primary-color-filled)" />
        <path d="M9 8h4v12h10v4H9z" fill="#fff" />
        <circle cx="23" cy="11" r="3" fill="#fff" />
      </svg>
      <Text fw={700} fz="lg" lts={-0.2}>
        Leitstand
      </Text>
    </Group>
  );
}
