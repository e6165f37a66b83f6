import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, useLocation } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { GlobalSearch } from "./GlobalSearch";
import { Logo } from "./Logo";
import { activeNavItem, visibleNavigation } from "./nav";
import { ThemeToggle } from "./ThemeToggle";
import { UserMenu } from "./UserMenu";
import classes from "./AppLayout.module.css";

export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const caller = useCaller();
  const { t } = useI18n();
  const { pathname } = useLocation();
  const groups = visibleNavigation(caller);
  const activeItem = activeNavItem(groups, pathname);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={0}
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" className={classes.brand}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("header.openNavigation")}
            />
            <Link to="/" className={classes.logoLink}>
              <Logo />
            </Link>
          </Group>
          <GlobalSearch />
          <Group gap="xs" wrap="nowrap">
            <ThemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar className={classes.navbar} aria-label={t("nav.main")}>
        <ScrollArea type="never" px="sm" py="md">
          <Stack gap="lg">
            {groups.map((group) => (
              <div key={group.label}>
                <Text className={classes.groupLabel}>{t(group.label)}</Text>
                <Stack gap={2}>
                  {group.items.map((item) => {
                    const active = item.to === activeItem;
                    return (
                      <NavLink
                        key={item.to}
                        component={Link}
                        to={item.to}
                        label={t(item.label)}
                        leftSection={<item.icon size={18} stroke={1.7} />}
                        active={active}
                        // The item is marked by `active` alone: the router's own
                        // marking would also mark /accounts on /accounts/at-risk.
                        activeOptions={{ exact: true, includeSearch: false }}
                        aria-current={active ? "page" : undefined}
                        onClick={close}
                        className={classes.navLink}
                        variant="light"
                      />
                    );
                  })}
                </Stack>
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <div className={classes.content}>{children}</div>
      </AppShell.Main>
    </AppShell>
  );
}
