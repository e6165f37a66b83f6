import { Box, Group, Paper } from "@mantine/core";
import type { ReactNode } from "react";
import { Logo } from "./Logo";
import classes from "./CenteredPage.module.css";

/**
 * CenteredPage is a page outside the panel's shell: the logo at the top and
 * one card in the middle (sign-in, no access, a second factor to set up).
 */
export function CenteredPage({
  topRight,
  footer,
  maxWidth = 420,
  children,
}: {
  /** Controls at the top right, e.g. the language choice. */
  topRight?: ReactNode;
  /** Shown below the card. */
  footer?: ReactNode;
  maxWidth?: number;
  children: ReactNode;
}) {
  return (
    <Box className={classes.page}>
      <Group justify="space-between" className={classes.top}>
        <Logo />
        {topRight}
      </Group>
      <Box className={classes.center}>
        <Paper withBorder shadow="sm" p={36} radius="lg" className={classes.card} maw={maxWidth}>
          {children}
        </Paper>
        {footer}
      </Box>
    </Box>
  );
}
