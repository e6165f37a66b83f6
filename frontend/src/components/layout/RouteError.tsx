import { Button, Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { Link, useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { QueryError } from "@/components/ui/QueryError";
import { useDocumentTitle } from "@/lib/document-title";
import { useI18n } from "@/lib/i18n/i18n";
import { permissionKey } from "@/lib/labels";
import { Permission, PermissionRequiredError } from "@/lib/route-guards";

/**
 * RouteError is what a page shows when it cannot be opened: the permission
 * it needs, or why it could not be loaded with a retry that loads it again.
 */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  if (error instanceof PermissionRequiredError) {
    return <NoPermission permission={error.permission} />;
  }
  return (
    <QueryError
      error={error}
      onRetry={() => {
        reset();
        void router.invalidate();
      }}
    />
  );
}

/** NoPermission tells a signed-in member of staff that a page needs a permission they lack. */
export function NoPermission({ permission }: { permission: Permission }) {
  const { t } = useI18n();
  useDocumentTitle(t("noPermission.title"));
  return (
    <Center mih="50vh">
      <Stack align="center" ta="center" gap="sm" maw={480}>
        <ThemeIcon size={56} radius="xl" variant="light" color="orange">
          <IconLock size={28} />
        </ThemeIcon>
        <Title order={1} fz={22}>
          {t("noPermission.title")}
        </Title>
        <Text c="dimmed" fz="sm">
          {t("noPermission.body", {
            permission: t(permissionKey(permission)),
            code: Permission[permission] ?? String(permission),
          })}
        </Text>
        <Button component={Link} to="/" variant="light">
          {t("error.toStart")}
        </Button>
      </Stack>
    </Center>
  );
}
