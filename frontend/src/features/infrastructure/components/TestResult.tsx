import { Alert, Group, List, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconCheck, IconMinus, IconX } from "@tabler/icons-react";
import type { TestConnectionResponse } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { ServerText } from "@/components/ui/ServerText";
import { isMessageKey, translate, useI18n } from "@/lib/i18n/i18n";

type StepState = "passed" | "failed" | "skipped";

function Step({ label, state }: { label: string; state: StepState }) {
  const { t } = useI18n();
  return (
    <List.Item
      data-testid={`step-${label}`}
      data-state={state}
      icon={
        <ThemeIcon
          size={22}
          radius="xl"
          variant={state === "skipped" ? "default" : "light"}
          color={state === "passed" ? "green" : state === "failed" ? "red" : "gray"}
        >
          {state === "passed" ? (
            <IconCheck size={14} />
          ) : state === "failed" ? (
            <IconX size={14} />
          ) : (
            <IconMinus size={14} />
          )}
        </ThemeIcon>
      }
    >
      <Group gap={6}>
        <Text fz="sm" fw={500}>
          {label}
        </Text>
        <Text fz="sm" c="dimmed">
          {t(`connections.step.${state}`)}
        </Text>
      </Group>
    </List.Item>
  );
}

/**
 * TestResult shows how a connection test went, step by step: whether the
 * endpoint answered, accepted the credentials and allows what Leitstand
 * needs. A step after a failed one was not tried. What the test found is
 * worded by its code; the provider's words are quoted as it wrote them.
 */
export function TestResult({ result }: { result: TestConnectionResponse }) {
  const { t, formatDuration } = useI18n();
  const steps: [string, boolean][] = [
    [t("connections.test.reachable"), result.reachable],
    [t("connections.test.authenticated"), result.authenticated],
    [t("connections.test.authorized"), result.authorized],
  ];
  let failed = false;
  // What the test found, by its code; the message beside it keeps the
  // provider's own words (what it sees, a warning, what failed and how to
  // fix it), quoted unless it is no more than the code's English.
  const key = `connections.healthCode.${result.code}`;
  const known = result.code !== "" && isMessageKey(key);
  const worded = known ? t(key, { ...result.params }) : "";
  const detail =
    known && result.message === translate("en", key, { ...result.params }) ? "" : result.message;
  return (
    <Stack gap="md" data-testid="test-result" data-ok={result.ok}>
      <Alert
        color={result.ok ? "green" : "red"}
        variant="light"
        title={result.ok ? t("connections.test.okTitle") : t("connections.test.failedTitle")}
        icon={result.ok ? <IconCheck size={18} /> : <IconX size={18} />}
      >
        <Stack gap={4} data-testid="test-message">
          {worded && <Text fz="sm">{worded}</Text>}
          {detail && <ServerText text={detail} />}
        </Stack>
      </Alert>
      <List spacing="xs" center>
        {steps.map(([label, ok]) => {
          const state: StepState = failed ? "skipped" : ok ? "passed" : "failed";
          if (!ok) failed = true;
          return <Step key={label} label={label} state={state} />;
        })}
      </List>
      <Group gap="xl">
        {result.providerVersion && (
          <Text fz="sm">
            <Text span c="dimmed" fz="sm">
              {t("connections.test.version")}:{" "}
            </Text>
            {result.providerVersion}
          </Text>
        )}
        <Text fz="sm" className="tabular-nums">
          <Text span c="dimmed" fz="sm">
            {t("connections.test.latency")}:{" "}
          </Text>
          {formatDuration(Number(result.latencyMs))}
        </Text>
      </Group>
    </Stack>
  );
}
