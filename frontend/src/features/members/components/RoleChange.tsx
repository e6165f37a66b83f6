import { Badge, Group, List, Stack, Text } from "@mantine/core";
import type { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { rolePermissions } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { permissionKey, platformRoleKey } from "@/lib/labels";

/**
 * RoleChange shows what a new platform role allows, as the API contract
 * declares it, and what the member gains and loses against their current
 * role. Extra permissions granted on top are kept either way.
 */
export function RoleChange({ current, next }: { current: PlatformRole; next: PlatformRole }) {
  const { t } = useI18n();
  const before = rolePermissions(current);
  const after = rolePermissions(next);
  const gained = after.filter((p) => !before.includes(p));
  const lost = before.filter((p) => !after.includes(p));
  return (
    <Stack gap={6} data-testid="role-change">
      <Text fz="sm" fw={500}>
        {t("members.role.allows", { role: t(platformRoleKey(next)) })}
      </Text>
      {after.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t("members.role.nothing")}
        </Text>
      ) : (
        <List
          size="sm"
          spacing={2}
          aria-label={t("members.role.allows", { role: t(platformRoleKey(next)) })}
        >
          {after.map((p) => (
            <List.Item key={p}>
              <Group gap={6} wrap="nowrap">
                <span>{t(permissionKey(p))}</span>
                {gained.includes(p) && (
                  <Badge size="xs" color="teal" variant="light">
                    {t("members.role.new")}
                  </Badge>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {lost.length > 0 && (
        <Text fz="sm" c="red">
          {t("members.role.loses", {
            permissions: lost.map((p) => t(permissionKey(p))).join(", "),
          })}
        </Text>
      )}
    </Stack>
  );
}
