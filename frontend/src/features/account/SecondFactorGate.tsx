import { Button, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLogout, IconShieldLock } from "@tabler/icons-react";
import { CenteredPage } from "@/components/layout/CenteredPage";
import { useCaller, useSignOut } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/document-title";
import { useI18n, useTexts } from "@/lib/i18n/i18n";
import { platformRoleKey } from "@/lib/labels";
import { useCallerChanged } from "./api/second-factor";
import { SecondFactorSetup } from "./components/SecondFactorSetup";

/**
 * SecondFactorGate is all a member of staff sees while the platform
 * requires a second factor of their role and they have none: its setup,
 * and signing out. Once they have saved their recovery codes, the panel
 * opens.
 */
export function SecondFactorGate() {
  // The layout shows this in place of any route (also without a navigation,
  // once the server starts to require the second factor), whose loader
  // loaded only the route's texts.
  useTexts("account");
  const { t } = useI18n();
  const caller = useCaller();
  const signOut = useSignOut();
  const callerChanged = useCallerChanged();
  useDocumentTitle(t("security.required.pageTitle"));
  return (
    <CenteredPage
      maxWidth={560}
      topRight={
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLogout size={16} />}
          onClick={() => void signOut()}
        >
          {t("header.signOut")}
        </Button>
      }
    >
      <Stack gap="lg">
        <Stack gap="xs">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconShieldLock size={26} />
          </ThemeIcon>
          <Title order={1} fz={22}>
            {t("security.required.title")}
          </Title>
          <Text fz="sm">
            {t("security.required.body", { role: t(platformRoleKey(caller.platformRole)) })}
          </Text>
          <Text fz="xs" c="dimmed">
            {t("security.required.signedInAs", { email: caller.email })}
          </Text>
        </Stack>
        <SecondFactorSetup
          email={caller.email}
          onDone={async () => {
            await callerChanged();
            notifications.show({ color: "teal", message: t("security.enabled") });
          }}
        />
      </Stack>
    </CenteredPage>
  );
}
