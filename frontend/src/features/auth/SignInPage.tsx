import { Code, ConnectError } from "@connectrpc/connect";
import {
  Alert,
  Anchor,
  Button,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconInfoCircle } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { CenteredPage } from "@/components/layout/CenteredPage";
import { ThemeToggle } from "@/components/layout/ThemeToggle";
import { CodeForm } from "@/components/second-factor/CodeForm";
import { errorMessage, mapViolations, violationsOf } from "@/lib/api-errors";
import { rememberSignedIn } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/document-title";
import { requiredEmail } from "@/lib/forms";
import { locales, useI18n } from "@/lib/i18n/i18n";
import type { CodeKind } from "@/lib/second-factor";
import { useLogin } from "./api/auth";

const route = getRouteApi("/sign-in");

interface Credentials {
  email: string;
  password: string;
}

export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);
  // After a right password, while the code of the second factor is asked
  // for: the credentials to send again with it, kept in memory only.
  const [pending, setPending] = useState<Credentials | null>(null);
  const [codeKind, setCodeKind] = useState<CodeKind>("app");
  useDocumentTitle(t(pending ? "auth.signIn.codePageTitle" : "auth.signIn.pageTitle"));

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => requiredEmail(v, t),
      password: (v) => (v === "" ? t("validation.required") : null),
    },
  });

  const signedIn = async () => {
    rememberSignedIn(true);
    // Start from a clean cache: the layout loads the new caller.
    queryClient.removeQueries();
    await router.navigate({ href: search.redirect ?? "/", replace: true });
  };

  const startOver = () => {
    setPending(null);
    setCodeKind("app");
    setFailure(null);
  };

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const credentials = { email: values.email.trim(), password: values.password };
    try {
      const response = await login.mutateAsync(credentials);
      if (response.secondFactorRequired) {
        setPending(credentials);
        form.setFieldValue("password", "");
        return;
      }
      await signedIn();
    } catch (error) {
      const err = ConnectError.from(error);
      if (err.code === Code.Unauthenticated) {
        setFailure(t("auth.signIn.failed"));
      } else if (err.code === Code.ResourceExhausted) {
        setFailure(t("auth.signIn.throttled"));
      } else if (err.code === Code.InvalidArgument && violationsOf(err).length > 0) {
        const mapped = mapViolations(violationsOf(err), ["email", "password"], {}, locale);
        form.setErrors(mapped.fields);
        if (mapped.unmatched.length > 0) setFailure(mapped.unmatched.join("\n"));
      } else {
        setFailure(errorMessage(err, locale));
      }
    }
  });

  // The second step: the same credentials again, with the code.
  const submitCode = async (code: string): Promise<string | null> => {
    if (!pending) return null;
    try {
      const response = await login.mutateAsync({ ...pending, oneTimeCode: code });
      if (response.secondFactorRequired) return t("secondFactor.codeWrong");
      await signedIn();
      return null;
    } catch (error) {
      const err = ConnectError.from(error);
      if (err.code === Code.Unauthenticated || err.code === Code.InvalidArgument) {
        return t("secondFactor.codeWrong");
      }
      if (err.code === Code.ResourceExhausted) return t("auth.signIn.throttled");
      return errorMessage(err, locale);
    }
  };

  const languages = (
    <Group gap="xs">
      {locales.map((l) => (
        <Anchor
          key={l}
          component="button"
          type="button"
          fz="sm"
          fw={l === locale ? 700 : 400}
          c={l === locale ? undefined : "dimmed"}
          onClick={() => setLocale(l)}
          lang={l}
          aria-pressed={l === locale}
        >
          {t(`language.${l}`)}
        </Anchor>
      ))}
      <ThemeToggle />
    </Group>
  );

  return (
    <CenteredPage
      topRight={languages}
      footer={
        <Text c="dimmed" fz="xs" ta="center" mt="lg">
          {t("app.tagline")}
        </Text>
      }
    >
      {pending !== null ? (
        <>
          <Stack gap={6} mb="xl">
            <Title order={1} fz={24}>
              {t("auth.signIn.codeTitle")}
            </Title>
            <Text c="dimmed" fz="sm">
              {codeKind === "app"
                ? t("auth.signIn.codeSubtitle", { email: pending.email })
                : t("auth.signIn.recoverySubtitle")}
            </Text>
          </Stack>
          <CodeForm
            variant="page"
            submitLabel={t("auth.signIn.verify")}
            onKindChange={setCodeKind}
            onSubmit={submitCode}
            onCancel={startOver}
            cancelLabel={t("auth.signIn.startOver")}
          />
        </>
      ) : (
        <>
          <Stack gap={6} mb="xl">
            <Title order={1} fz={24}>
              {t("auth.signIn.title")}
            </Title>
            <Text c="dimmed" fz="sm">
              {t("auth.signIn.subtitle")}
            </Text>
          </Stack>
          {search.reason === "expired" && !failure && (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconInfoCircle size={18} />}
              mb="lg"
              data-testid="session-ended"
            >
              {t("auth.signIn.expired")}
            </Alert>
          )}
          {search.reason === "signed-out" && !failure && (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="lg">
              {t("auth.signIn.signedOut")}
            </Alert>
          )}
          {failure && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              mb="lg"
              role="alert"
            >
              {failure}
            </Alert>
          )}
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                label={t("auth.signIn.email")}
                type="email"
                autoComplete="username"
                placeholder="name@example.com"
                size="md"
                autoFocus
                {...form.getInputProps("email")}
              />
              <PasswordInput
                label={t("auth.signIn.password")}
                autoComplete="current-password"
                size="md"
                {...form.getInputProps("password")}
              />
              <Button type="submit" size="md" fullWidth mt="sm" loading={login.isPending}>
                {t("auth.signIn.submit")}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </CenteredPage>
  );
}
