import {
  Alert,
  Button,
  Code,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import {
  SmtpSecurity,
  type SendTestMailResponse,
  type SmtpSettings,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { errorMessage } from "@/lib/api-errors";
import { useI18n } from "@/lib/i18n/i18n";
import { useSendTestMail } from "../api/settings";
import { fieldId } from "../mask";
import { readOnlyProps, SettingsSection, useSectionForm, type WithReason } from "./SettingsSection";

interface Values extends WithReason {
  host: string;
  port: number | string;
  security: string;
  username: string;
  /** A new password, typed; empty keeps the stored one. */
  password: string;
  fromAddress: string;
  fromName: string;
  replyTo: string;
  bccAddress: string;
}

const fields = [
  "host",
  "port",
  "security",
  "username",
  "password",
  "fromAddress",
  "fromName",
  "replyTo",
  "bccAddress",
] as const;

/** The usual port of each security, proposed when the security changes. */
const defaultPorts: Record<string, number> = {
  [String(SmtpSecurity.STARTTLS)]: 587,
  [String(SmtpSecurity.TLS)]: 465,
  [String(SmtpSecurity.NONE)]: 25,
};

/** A loose check of an e-mail address; the server checks it for real. */
const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function valuesOf(smtp?: SmtpSettings): Values {
  return {
    host: smtp?.host ?? "",
    port: smtp?.port || 587,
    security: String(smtp?.security || SmtpSecurity.STARTTLS),
    username: smtp?.username ?? "",
    password: "",
    fromAddress: smtp?.fromAddress ?? "",
    fromName: smtp?.fromName ?? "",
    replyTo: smtp?.replyTo ?? "",
    bccAddress: smtp?.bccAddress ?? "",
    reason: "",
  };
}

function messageOf(values: Values) {
  return {
    host: values.host.trim(),
    port: Number(values.port) || 0,
    security: Number(values.security) as SmtpSecurity,
    username: values.username.trim(),
    // Empty unless a new one was typed: the stored one stays.
    password: values.password,
    fromAddress: values.fromAddress.trim(),
    fromName: values.fromName.trim(),
    replyTo: values.replyTo.trim(),
    bccAddress: values.bccAddress.trim(),
  };
}

/**
 * SmtpSection: the mail server that sends the invoices by e-mail. The
 * password is never shown: the server only says whether one is stored, and
 * it is sent only when a new one is typed. A test e-mail goes through the
 * saved settings and shows what the server answered.
 */
export function SmtpSection({ smtp, canWrite }: { smtp?: SmtpSettings; canWrite: boolean }) {
  const { t } = useI18n();
  const readOnlyInput = readOnlyProps(canWrite);
  const passwordSet = smtp?.passwordSet ?? false;
  const [changingPassword, setChangingPassword] = useState(!passwordSet);
  const email = (value: string) =>
    value.trim() === "" || emailPattern.test(value.trim()) ? null : t("validation.email");
  const { form, section } = useSectionForm({
    section: "smtp",
    title: t("settings.section.smtp"),
    fields,
    initialValues: valuesOf(smtp),
    messageOf,
    validate: {
      host: (value) => (/\s|\//.test(value.trim()) ? t("settings.smtp.hostInvalid") : null),
      port: (value) => {
        const port = Number(value);
        return value === "" || !Number.isInteger(port) || port < 1 || port > 65535
          ? t("validation.range", { min: 1, max: 65535 })
          : null;
      },
      fromAddress: (value, values) =>
        value.trim() === "" && values.host.trim() !== ""
          ? t("settings.smtp.fromRequired")
          : email(value),
      replyTo: email,
      bccAddress: email,
    },
  });
  const security = form.getInputProps("security");

  return (
    <SettingsSection {...section} hint={t("settings.section.smtpHint")} canWrite={canWrite}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          id={fieldId("smtp.host")}
          label={t("settings.smtp.host")}
          placeholder="smtp.example.com"
          autoComplete="off"
          spellCheck={false}
          {...readOnlyInput}
          {...form.getInputProps("host")}
        />
        <Group grow align="flex-start" gap="md">
          <Select
            id={fieldId("smtp.security")}
            label={t("settings.smtp.security")}
            data={[
              { value: String(SmtpSecurity.STARTTLS), label: t("settings.smtp.security.starttls") },
              { value: String(SmtpSecurity.TLS), label: t("settings.smtp.security.tls") },
              { value: String(SmtpSecurity.NONE), label: t("settings.smtp.security.none") },
            ]}
            allowDeselect={false}
            {...readOnlyInput}
            {...security}
            onChange={(value) => {
              // The port follows the security while it is the usual one.
              if (value && Number(form.values.port) === defaultPorts[form.values.security]) {
                form.setFieldValue("port", defaultPorts[value] ?? form.values.port);
              }
              security.onChange(value);
            }}
          />
          <NumberInput
            id={fieldId("smtp.port")}
            label={t("settings.smtp.port")}
            min={1}
            max={65535}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            thousandSeparator={false}
            {...readOnlyInput}
            {...form.getInputProps("port")}
          />
        </Group>
        <TextInput
          id={fieldId("smtp.username")}
          label={t("settings.smtp.username")}
          description={t("settings.smtp.usernameHint")}
          autoComplete="off"
          spellCheck={false}
          {...readOnlyInput}
          {...form.getInputProps("username")}
        />
        {changingPassword || !canWrite ? (
          <PasswordInput
            id={fieldId("smtp.password")}
            label={t("settings.smtp.password")}
            description={passwordSet && canWrite ? t("settings.smtp.passwordKeepHint") : undefined}
            placeholder={passwordSet ? t("settings.smtp.passwordSet") : undefined}
            autoComplete="new-password"
            inputContainer={(children) =>
              passwordSet && canWrite ? (
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <div style={{ flex: 1 }}>{children}</div>
                  <Button
                    variant="default"
                    onClick={() => {
                      form.setFieldValue("password", "");
                      setChangingPassword(false);
                    }}
                  >
                    {t("settings.smtp.passwordKeep")}
                  </Button>
                </Group>
              ) : (
                children
              )
            }
            {...readOnlyInput}
            {...form.getInputProps("password")}
            // PasswordInput leaves marking its input invalid to the caller.
            aria-invalid={form.errors.password ? true : undefined}
          />
        ) : (
          <TextInput
            id={fieldId("smtp.password")}
            label={t("settings.smtp.password")}
            value={t("settings.smtp.passwordSet")}
            readOnly
            variant="filled"
            inputContainer={(children) => (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <div style={{ flex: 1 }}>{children}</div>
                <Button variant="default" onClick={() => setChangingPassword(true)}>
                  {t("settings.smtp.passwordChange")}
                </Button>
              </Group>
            )}
          />
        )}
        <TextInput
          id={fieldId("smtp.from_address")}
          label={t("settings.smtp.fromAddress")}
          placeholder="rechnung@example.com"
          type="email"
          {...readOnlyInput}
          {...form.getInputProps("fromAddress")}
        />
        <TextInput
          id={fieldId("smtp.from_name")}
          label={t("settings.smtp.fromName")}
          {...readOnlyInput}
          {...form.getInputProps("fromName")}
        />
        <TextInput
          id={fieldId("smtp.reply_to")}
          label={t("settings.smtp.replyTo")}
          description={t("settings.smtp.replyToHint")}
          type="email"
          {...readOnlyInput}
          {...form.getInputProps("replyTo")}
        />
        <TextInput
          id={fieldId("smtp.bcc_address")}
          label={t("settings.smtp.bccAddress")}
          description={t("settings.smtp.bccAddressHint")}
          type="email"
          {...readOnlyInput}
          {...form.getInputProps("bccAddress")}
        />
      </SimpleGrid>
      {canWrite && <TestMail saved={Boolean(smtp?.host)} unsaved={section.changed} />}
    </SettingsSection>
  );
}

/** TestMail sends a test e-mail through the saved settings and shows the server's answer. */
function TestMail({ saved, unsaved }: { saved: boolean; unsaved: boolean }) {
  const { t } = useI18n();
  const send = useSendTestMail();
  const [to, setTo] = useState("");
  const [result, setResult] = useState<SendTestMailResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const valid = emailPattern.test(to.trim());

  const onSend = async () => {
    setResult(null);
    setFailure(null);
    try {
      setResult(await send.mutateAsync({ to: to.trim() }));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  return (
    <Stack gap="xs" data-testid="smtp-test">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t("settings.smtp.testTo")}
          description={unsaved ? t("settings.smtp.testUnsaved") : t("settings.smtp.testHint")}
          placeholder="ops@example.com"
          type="email"
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter sends the test e-mail, not the section's form.
            if (event.key === "Enter") {
              event.preventDefault();
              if (valid && saved) void onSend();
            }
          }}
          style={{ flex: "1 1 280px" }}
        />
        <Button
          variant="default"
          onClick={() => void onSend()}
          loading={send.isPending}
          disabled={!valid || !saved}
        >
          {t("settings.smtp.testSend")}
        </Button>
      </Group>
      {result && (
        <Alert
          color={result.delivered ? "teal" : "red"}
          variant="light"
          title={
            result.delivered
              ? t("settings.smtp.testDelivered")
              : result.temporary
                ? t("settings.smtp.testFailedTemporary")
                : t("settings.smtp.testFailedPermanent")
          }
          data-testid="smtp-test-result"
        >
          <Text fz="sm">{t("settings.smtp.testAnswer")}</Text>
          <Code block>{result.answer}</Code>
        </Alert>
      )}
      {failure && (
        <Alert color="red" variant="light" data-testid="smtp-test-result">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}
