import { Button, Group } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";

/** AddButton stands above a table, on the right, and adds a row to it (opens its form). */
export function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Group justify="flex-end">
      <Button variant="light" leftSection={<IconPlus size={16} />} onClick={onClick}>
        {label}
      </Button>
    </Group>
  );
}
