import { Alert, Button, Code, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconShieldCheck } from "@tabler/icons-react";
import { CopyButton } from "@/components/ui/CopyButton";
import { FormActions } from "@/components/ui/FormActions";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * SecretBox shows an endpoint's signing secret the one time the server
 * returns it, with its copy button, the warning that it is not shown
 * again, and how a receiver checks a signature with it.
 */
export function SecretBox({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t("webhooks.secret.warning")}
      </Alert>
      <div>
        <Text fz="sm" fw={500} mb={4}>
          {t("webhooks.secret.title")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code
            block
            fz="sm"
            style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }}
            data-testid="webhook-secret"
          >
            {secret}
          </Code>
          <CopyButton value={secret} label={t("webhooks.secret.title")} />
        </Group>
      </div>
      <Alert
        color="gray"
        variant="light"
        icon={<IconShieldCheck size={18} />}
        title={t("webhooks.secret.verifyTitle")}
      >
        <Text fz="sm">{t("webhooks.secret.verify")}</Text>
      </Alert>
      <FormActions>
        <Button onClick={onDone}>{t("webhooks.secret.done")}</Button>
      </FormActions>
    </Stack>
  );
}
