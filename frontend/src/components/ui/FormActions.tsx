import { Group } from "@mantine/core";
import type { ReactNode } from "react";
import classes from "./FormActions.module.css";

/** FormActions holds a dialog form's buttons; it stays visible while a long form scrolls. */
export function FormActions({ children }: { children: ReactNode }) {
  return (
    <Group justify="flex-end" gap="sm" className={classes.actions}>
      {children}
    </Group>
  );
}
