import { Code, ConnectError } from "@connectrpc/connect";
import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Paper,
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
import { Logo } from "@/components/layout/Logo";
import { ThemeToggle } from "@/components/layout/ThemeToggle";
import { errorMessage, mapViolations, violationsOf } from "@/lib/api-errors";
import { rememberSignedIn } from "@/lib/auth";
import { locales, useI18n } from "@/lib/i18n/i18n";
import { useLogin } from "./api/auth";
import classes from "./SignInPage.module.css";

const route = getRouteApi("/sign-in");

export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) =>
        v.trim() === ""
          ? t("validation.required")
          : /^\S+@\S+\.\S+$/.test(v.trim())
            ? null
            : t("validation.email"),
      password: (v) => (v === "" ? t("validation.required") : null),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await login.mutateAsync({ email: values.email.trim(), password: values.password });
      rememberSignedIn(true);
      // Start from a clean cache: the layout loads the new caller.
      queryClient.removeQueries();
      await router.navigate({ href: search.redirect ?? "/", replace: true });
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

  return (
    <Box className={classes.page}>
      <Group justify="space-between" className={classes.top}>
        <Logo />
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
      </Group>
      <Box className={classes.center}>
        <Paper withBorder shadow="sm" p={36} radius="lg" className={classes.card}>
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
        </Paper>
        <Text c="dimmed" fz="xs" ta="center" mt="lg">
          {t("app.tagline")}
        </Text>
      </Box>
    </Box>
  );
}
