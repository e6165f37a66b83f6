import { Avatar, Group, Menu, Text, UnstyledButton, useMantineColorScheme } from "@mantine/core";
import {
  IconCheck,
  IconChevronDown,
  IconClock,
  IconKey,
  IconLanguage,
  IconLogout,
  IconMoon,
  IconShieldLock,
  IconSun,
} from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { hasPermission, useCaller, useSignOut } from "@/lib/auth";
import { locales, useI18n } from "@/lib/i18n/i18n";
import { platformRoleKey } from "@/lib/labels";
import { initials } from "@/lib/text";
import { TimeZoneDialog } from "./TimeZoneDialog";
import classes from "./UserMenu.module.css";

export function UserMenu() {
  const caller = useCaller();
  const { t, locale, setLocale, timeZone } = useI18n();
  const [zoneOpen, setZoneOpen] = useState(false);
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const signOut = useSignOut();
  const name = caller.displayName || caller.email;
  const role = t(platformRoleKey(caller.platformRole));

  return (
    <>
      <TimeZoneDialog opened={zoneOpen} onClose={() => setZoneOpen(false)} />
      <Menu position="bottom-end" width={260} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton className={classes.trigger} aria-label={t("header.userMenu")}>
            <Group gap="sm" wrap="nowrap">
              <Avatar radius="xl" size={34} color="leitstand" variant="filled">
                {initials(name)}
              </Avatar>
              <div className={classes.who}>
                <Text fz="sm" fw={600} lh={1.2} truncate data-testid="caller-name">
                  {name}
                </Text>
                <Text fz="xs" c="dimmed" lh={1.2} data-testid="caller-role">
                  {role}
                </Text>
              </div>
              <IconChevronDown size={14} stroke={1.7} className={classes.chevron} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t("header.signedInAs")}</Menu.Label>
          <div className={classes.identity}>
            <Text fz="sm" fw={600} truncate>
              {name}
            </Text>
            <Text fz="xs" c="dimmed" truncate>
              {caller.email} · {role}
            </Text>
          </div>
          <Menu.Divider />
          <Menu.Label>
            <Group gap={6}>
              <IconLanguage size={14} />
              {t("common.language")}
            </Group>
          </Menu.Label>
          {locales.map((l) => (
            <Menu.Item
              key={l}
              onClick={() => setLocale(l)}
              rightSection={l === locale ? <IconCheck size={14} /> : null}
              lang={l}
            >
              {t(`language.${l}`)}
            </Menu.Item>
          ))}
          <Menu.Item
            leftSection={<IconClock size={16} stroke={1.7} />}
            onClick={() => setZoneOpen(true)}
            rightSection={
              <Text fz="xs" c="dimmed" truncate maw={120}>
                {timeZone}
              </Text>
            }
          >
            {t("timeZone.label")}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>{t("common.theme")}</Menu.Label>
          <Menu.Item
            leftSection={<IconSun size={16} stroke={1.7} />}
            onClick={() => setColorScheme("light")}
            rightSection={colorScheme === "light" ? <IconCheck size={14} /> : null}
          >
            {t("theme.light")}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconMoon size={16} stroke={1.7} />}
            onClick={() => setColorScheme("dark")}
            rightSection={colorScheme === "dark" ? <IconCheck size={14} /> : null}
          >
            {t("theme.dark")}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            component={Link}
            to="/account/security"
            leftSection={<IconShieldLock size={16} stroke={1.7} />}
          >
            {t("nav.security")}
          </Menu.Item>
          {hasPermission(caller, Permission.API_TOKENS_MANAGE) && (
            <>
              <Menu.Item
                component={Link}
                to="/account/api-tokens"
                leftSection={<IconKey size={16} stroke={1.7} />}
              >
                {t("nav.apiTokens")}
              </Menu.Item>
            </>
          )}
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconLogout size={16} stroke={1.7} />}
            onClick={() => void signOut()}
          >
            {t("header.signOut")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
