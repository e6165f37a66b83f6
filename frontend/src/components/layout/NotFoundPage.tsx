import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useI18n } from "@/lib/i18n/i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Center mih="60vh">
      <Stack align="center" gap="sm">
        <Title order={2}>404</Title>
        <Text c="dimmed">{t("error.pageNotFound")}</Text>
        <Button component={Link} to="/" variant="light">
          {t("error.toStart")}
        </Button>
      </Stack>
    </Center>
  );
}
