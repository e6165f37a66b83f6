import { Button, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconLock, IconLogout } from "@tabler/icons-react";
import { CenteredPage } from "@/components/layout/CenteredPage";
import { useCaller, useSignOut } from "@/lib/auth";
import { useI18n, useTexts } from "@/lib/i18n/i18n";

/** NoAccessPage is what a signed-in user without any staff permission sees. */
export function NoAccessPage() {
  // The layout shows this page in place of any route, whose loader loaded
  // only the route's texts.
  useTexts("auth");
  const { t } = useI18n();
  const caller = useCaller();
  const signOut = useSignOut();
  return (
    <CenteredPage maxWidth={480}>
      <Stack align="center" ta="center" gap="md">
        <ThemeIcon size={56} radius="xl" variant="light" color="orange">
          <IconLock size={28} />
        </ThemeIcon>
        <Title order={1} fz={22}>
          {t("auth.noAccess.title")}
        </Title>
        <Text c="dimmed" fz="sm">
          {t("auth.noAccess.body", { email: caller.email })}
        </Text>
        <Button
          leftSection={<IconLogout size={16} />}
          variant="light"
          onClick={() => void signOut()}
        >
          {t("auth.noAccess.signOut")}
        </Button>
      </Stack>
    </CenteredPage>
  );
}
