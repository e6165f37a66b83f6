import { AppShell, Group, Skeleton, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n";
import { Logo } from "./Logo";
import classes from "./AppLayout.module.css";

/**
 * AppShellSkeleton is the panel while the session is checked: the header and
 * the navigation in outline, and skeletons where the page will be, instead
 * of a blank window. With children, they take the page's place: what went
 * wrong when the session could not be checked, inside the panel's frame.
 */
export function AppShellSkeleton({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: true } }}
      padding={0}
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Logo />
          <Skeleton height={28} width={28} circle />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar} aria-label={t("nav.main")}>
        <Stack gap={10} px="md" py="md">
          {Array.from({ length: 7 }, (_, i) => (
            <Skeleton key={i} height={22} width={i % 3 === 0 ? "45%" : "80%"} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        {children ? (
          <div className={classes.content}>{children}</div>
        ) : (
          <div className={classes.content} aria-busy="true" data-testid="app-loading">
            <Stack gap="lg">
              <Skeleton height={28} width={260} />
              <Skeleton height={36} />
              <Skeleton height={320} />
            </Stack>
          </div>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
