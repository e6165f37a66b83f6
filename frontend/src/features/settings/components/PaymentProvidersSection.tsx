import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconKey, IconPlugConnected } from "@tabler/icons-react";
import { useId, useState } from "react";
import {
  PaymentProvider,
  type PaymentAccount,
  type TestPaymentAccountResponse,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { CopyableText } from "@/components/ui/CopyButton";
import { QueryError } from "@/components/ui/QueryError";
import { ServerText } from "@/components/ui/ServerText";
import { errorMessage } from "@/lib/api-errors";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { usePaymentAccounts, useSetPaymentAccount, useTestPaymentAccount } from "../api/settings";
import { useBillingEntityScope } from "../scope";

const providers = [
  { provider: PaymentProvider.STRIPE, name: "Stripe" },
  { provider: PaymentProvider.MOLLIE, name: "Mollie" },
] as const;

/**
 * PaymentProvidersSection: the billing entity's accounts at Stripe and
 * Mollie. The keys are never shown, not even in part beyond the server's
 * hint: they are typed anew to change them. The webhook address is what to
 * enter at the provider; a test calls the provider with the stored key.
 */
export function PaymentProvidersSection({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  const query = usePaymentAccounts();
  const accounts = query.data?.accounts ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap={4} mb="md">
        <Title order={3} id={headingId}>
          {t("settings.section.providers")}
        </Title>
        <Text fz="sm" c="dimmed">
          {t("settings.section.providersHint")}
        </Text>
      </Stack>
      {query.isPending ? (
        <Skeleton height={160} />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {providers.map(({ provider, name }) => (
            <ProviderCard
              key={provider}
              provider={provider}
              name={name}
              account={accounts.find((a) => a.provider === provider)}
              canWrite={canWrite}
            />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

function ProviderCard({
  provider,
  name,
  account,
  canWrite,
}: {
  provider: PaymentProvider;
  name: string;
  account?: PaymentAccount;
  canWrite: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const configured = account?.configured ?? false;
  const webhookUrl = account?.webhookPath ? window.location.origin + account.webhookPath : "";
  const stripe = provider === PaymentProvider.STRIPE;
  const test = useProviderTest(provider);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={4} id={headingId}>
            {name}
          </Title>
          <Group gap={6}>
            <Badge variant="light" color={configured ? "teal" : "gray"}>
              {configured
                ? t("settings.providers.configured")
                : t("settings.providers.notConfigured")}
            </Badge>
            {configured && (
              <Badge variant="light" color={account?.testMode ? "orange" : "blue"}>
                {account?.testMode
                  ? t("settings.providers.testMode")
                  : t("settings.providers.liveMode")}
              </Badge>
            )}
          </Group>
        </Group>
        {configured && (
          <Stack gap={4}>
            <Text fz="sm">
              {t("settings.providers.key")}: <Code>{account?.keyHint || "—"}</Code>
            </Text>
            {stripe && (
              <Text fz="sm">
                {t("settings.providers.webhookSecret")}:{" "}
                {account?.webhookSecretSet
                  ? t("settings.providers.secretSet")
                  : t("settings.providers.secretMissing")}
              </Text>
            )}
            {account?.updateTime && (
              <Text fz="xs" c="dimmed">
                {t("settings.providers.updated", {
                  time: formatDateTime(timestampDate(account.updateTime)),
                  who: account.updatedByEmail || "—",
                })}
              </Text>
            )}
          </Stack>
        )}
        {webhookUrl && (
          <Stack gap={2}>
            <Text fz="sm" fw={500}>
              {t("settings.providers.webhookUrl")}
            </Text>
            <Text fz="xs" c="dimmed">
              {t(
                stripe
                  ? "settings.providers.webhookHintStripe"
                  : "settings.providers.webhookHintMollie",
              )}
            </Text>
            <CopyableText value={webhookUrl} label={t("settings.providers.webhookUrl")}>
              <Text
                fz="sm"
                ff="monospace"
                style={{ wordBreak: "break-all" }}
                data-testid="webhook-url"
              >
                {webhookUrl}
              </Text>
            </CopyableText>
          </Stack>
        )}
        {canWrite &&
          (editing ? (
            <KeysForm provider={provider} name={name} onDone={() => setEditing(false)} />
          ) : (
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconKey size={16} />}
                onClick={() => setEditing(true)}
              >
                {configured ? t("settings.providers.changeKeys") : t("settings.providers.setKeys")}
              </Button>
              {configured && test.button}
            </Group>
          ))}
        {test.answer}
      </Stack>
    </Paper>
  );
}

/** KeysForm takes a provider's keys, typed anew; they are sent once and never shown again. */
function KeysForm({
  provider,
  name,
  onDone,
}: {
  provider: PaymentProvider;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const billingEntityId = useBillingEntityScope();
  const save = useSetPaymentAccount();
  const stripe = provider === PaymentProvider.STRIPE;
  const form = useForm({
    initialValues: { apiKey: "", webhookSecret: "" },
    validate: {
      apiKey: (v) => (v.trim() === "" ? t("validation.required") : null),
      webhookSecret: (v) => (stripe && v.trim() === "" ? t("validation.required") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await save.mutateAsync({
        provider,
        apiKey: values.apiKey.trim(),
        webhookSecret: stripe ? values.webhookSecret.trim() : "",
        billingEntityId,
      });
      notifications.show({
        color: "teal",
        message: t("settings.providers.saved", { provider: name }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["apiKey", "webhookSecret"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <PasswordInput
          label={t("settings.providers.apiKey")}
          description={t(
            stripe ? "settings.providers.apiKeyHintStripe" : "settings.providers.apiKeyHintMollie",
          )}
          withAsterisk
          autoComplete="off"
          data-autofocus
          {...form.getInputProps("apiKey")}
          aria-invalid={form.errors.apiKey ? true : undefined}
        />
        {stripe && (
          <PasswordInput
            label={t("settings.providers.webhookSecret")}
            description={t("settings.providers.webhookSecretHint")}
            withAsterisk
            autoComplete="off"
            {...form.getInputProps("webhookSecret")}
            aria-invalid={form.errors.webhookSecret ? true : undefined}
          />
        )}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("settings.providers.saveKeys"),
            icon: <IconKey size={16} />,
            loading: save.isPending,
          }}
        />
      </Stack>
    </form>
  );
}

/** useProviderTest is the button that calls the provider with the stored key, and its answer. */
function useProviderTest(provider: PaymentProvider) {
  const { t } = useI18n();
  const billingEntityId = useBillingEntityScope();
  const test = useTestPaymentAccount();
  const [result, setResult] = useState<TestPaymentAccountResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setResult(null);
    setFailure(null);
    try {
      setResult(await test.mutateAsync({ provider, billingEntityId }));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  const button = (
    <Button
      variant="default"
      leftSection={<IconPlugConnected size={16} />}
      loading={test.isPending}
      onClick={() => void run()}
    >
      {t("settings.providers.test")}
    </Button>
  );
  const answer = result ? (
    <Alert
      color={result.ok ? "teal" : "red"}
      variant="light"
      title={result.ok ? t("settings.providers.testOk") : t("settings.providers.testFailed")}
      data-testid="provider-test-result"
    >
      {result.message && <ServerText text={result.message} />}
    </Alert>
  ) : failure ? (
    <Alert color="red" variant="light" data-testid="provider-test-result">
      {failure}
    </Alert>
  ) : null;
  return { button, answer };
}
