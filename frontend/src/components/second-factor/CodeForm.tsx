import { Alert, Anchor, Button, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { FormActions } from "@/components/ui/FormActions";
import { useI18n } from "@/lib/i18n/i18n";
import { codeProblem, normalizeCode, type CodeKind } from "@/lib/second-factor";

export interface CodeFormProps {
  /**
   * Sends the code; resolves to what to tell the person when it was not
   * accepted (the field is then cleared for another try), or null.
   */
  onSubmit: (code: string, kind: CodeKind) => Promise<string | null>;
  submitLabel: string;
  submitColor?: string;
  /** Offers a recovery code instead of the app's code. */
  allowRecoveryCode?: boolean;
  /** Told when the person switches between the app's code and a recovery code. */
  onKindChange?: (kind: CodeKind) => void;
  onCancel?: () => void;
  cancelLabel?: string;
  /** "page": large, the button across the form (sign-in); "dialog": buttons at the right. */
  variant?: "page" | "dialog";
}

/**
 * CodeForm asks for a code of the second factor: the six digits of the
 * authenticator app, or (where offered) a recovery code.
 */
export function CodeForm({
  onSubmit,
  submitLabel,
  submitColor,
  allowRecoveryCode = true,
  onKindChange,
  onCancel,
  cancelLabel,
  variant = "dialog",
}: CodeFormProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<CodeKind>("app");
  const [failure, setFailure] = useState<string | null>(null);
  // Counts the codes not accepted: after each, the field is ready for the next.
  const [rejected, setRejected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (rejected > 0) input.current?.focus();
  }, [rejected]);
  const form = useForm({
    initialValues: { code: "" },
    validate: {
      code: (value) => {
        const problem = codeProblem(value, kind);
        return problem ? t(problem) : null;
      },
    },
  });

  const switchKind = () => {
    const next = kind === "app" ? "recovery" : "app";
    setKind(next);
    setFailure(null);
    form.reset();
    onKindChange?.(next);
    input.current?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const message = await onSubmit(normalizeCode(values.code, kind), kind);
    if (message !== null) {
      setFailure(message);
      form.setFieldValue("code", "");
      setRejected((n) => n + 1);
    }
  });

  const page = variant === "page";
  const size = page ? "md" : "sm";
  const field =
    kind === "app"
      ? {
          label: t("secondFactor.code"),
          inputMode: "numeric" as const,
          autoComplete: "one-time-code",
          placeholder: "123456",
          maxLength: 7,
        }
      : {
          label: t("secondFactor.recoveryCode"),
          autoComplete: "off",
          placeholder: "abcde-fghij",
          spellCheck: false,
        };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Stack gap={6}>
          <TextInput
            ref={input}
            name="one-time-code"
            size={size}
            withAsterisk={!page}
            autoFocus={page}
            data-autofocus
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            {...field}
            {...form.getInputProps("code")}
          />
          {allowRecoveryCode && (
            <Anchor component="button" type="button" fz="sm" ta="left" onClick={switchKind}>
              {kind === "app" ? t("secondFactor.useRecoveryCode") : t("secondFactor.useApp")}
            </Anchor>
          )}
        </Stack>
        {failure && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            role="alert"
            style={{ whiteSpace: "pre-line" }}
          >
            {failure}
          </Alert>
        )}
        {page ? (
          <Stack gap="sm">
            <Button type="submit" size="md" fullWidth loading={form.submitting} color={submitColor}>
              {submitLabel}
            </Button>
            {onCancel && (
              <Anchor component="button" type="button" fz="sm" onClick={onCancel}>
                {cancelLabel ?? t("common.cancel")}
              </Anchor>
            )}
          </Stack>
        ) : (
          <FormActions>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {cancelLabel ?? t("common.cancel")}
              </Button>
            )}
            <Button type="submit" loading={form.submitting} color={submitColor}>
              {submitLabel}
            </Button>
          </FormActions>
        )}
      </Stack>
    </form>
  );
}
