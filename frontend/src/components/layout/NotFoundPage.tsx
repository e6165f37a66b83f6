import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useTransport } from "@connectrpc/connect-query";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { currentUserQueryOptions, hasPanelAccess } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/document-title";
import { useI18n } from "@/lib/i18n/i18n";
import { AppLayout } from "./AppLayout";

/**
 * NotFoundPage is the page of an address that names no page. A signed-in
 * member of staff keeps the navigation around it; anyone else sees it alone.
 */
export function NotFoundPage() {
  const session = useQuery(currentUserQueryOptions(useTransport()));
  const caller = session.data?.caller;
  if (session.isPending) return null;
  if (caller && hasPanelAccess(caller) && !caller.secondFactorEnrollmentRequired) {
    return (
      <AppLayout>
        <NotFoundMessage />
      </AppLayout>
    );
  }
  return <NotFoundMessage />;
}

function NotFoundMessage() {
  const { t } = useI18n();
  useDocumentTitle(t("error.pageNotFound.title"));
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
