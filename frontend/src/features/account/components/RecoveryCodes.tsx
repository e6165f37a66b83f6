import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy, IconDownload } from "@tabler/icons-react";
import { useI18n } from "@/lib/i18n/i18n";

/** download saves the codes as a text file: a line of explanation, then one code a line. */
function download(intro: string, codes: string[]) {
  const text = `${intro}\n\n${codes.join("\n")}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "leitstand-recovery-codes.txt";
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * RecoveryCodes shows the ten recovery codes, this once, with copy and
 * download, and asks the person to say they saved them.
 */
export function RecoveryCodes({
  codes,
  email,
  onDone,
}: {
  codes: string[];
  email: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <Text fw={600}>{t("security.codes.title")}</Text>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t("security.codes.warning")}
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ul"
        aria-label={t("security.codes.listLabel")}
        data-testid="recovery-codes"
        style={{ listStyle: "none", padding: 0, margin: 0 }}
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md" style={{ display: "block", textAlign: "center" }}>
              {code}
            </Code>
          </li>
        ))}
      </SimpleGrid>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <CopyButton value={codes.join("\n")}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? t("common.copied") : t("security.codes.copy")}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => download(t("security.codes.fileIntro", { email }), codes)}
          >
            {t("security.codes.download")}
          </Button>
        </Group>
        <Button onClick={onDone}>{t("security.codes.done")}</Button>
      </Group>
    </Stack>
  );
}
