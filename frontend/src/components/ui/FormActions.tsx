import { Alert, Button, Group } from "@mantine/core";
import type { ReactNode } from "react";
import { useGuardedCancel } from "@/components/ui/FormModal";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "./FormActions.module.css";

/** FormActions holds a dialog form's buttons; it stays visible while a long form scrolls. */
export function FormActions({ children }: { children: ReactNode }) {
  return (
    <Group justify="flex-end" gap="sm" className={classes.actions}>
      {children}
    </Group>
  );
}

/** FormFailure says why the server refused a form, where no field could show it. */
export function FormFailure({ failure }: { failure: string | null }) {
  if (!failure) return null;
  return (
    <Alert color="red" variant="light" role="alert" style={{ whiteSpace: "pre-line" }}>
      {failure}
    </Alert>
  );
}

/** The button that sends a dialog's form. */
export interface SubmitButton {
  label: ReactNode;
  loading?: boolean;
  disabled?: boolean;
  color?: string;
  icon?: ReactNode;
  /** For a dialog without a form element: what the button does (otherwise it submits the form). */
  onClick?: () => void;
}

/**
 * FormFooter ends a dialog's form: why the server refused it, if it did,
 * then Cancel and the submit button (after any buttons given as children).
 * In a FormModal, Cancel asks before discarding what was entered.
 */
export function FormFooter({
  failure,
  onCancel,
  submit,
  children,
}: {
  failure: string | null;
  onCancel: () => void;
  submit: SubmitButton;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const cancel = useGuardedCancel(onCancel);
  return (
    <>
      <FormFailure failure={failure} />
      <FormActions>
        {children}
        <Button variant="default" onClick={cancel}>
          {t("common.cancel")}
        </Button>
        <Button
          type={submit.onClick ? "button" : "submit"}
          onClick={submit.onClick}
          loading={submit.loading}
          disabled={submit.disabled}
          color={submit.color}
          leftSection={submit.icon}
        >
          {submit.label}
        </Button>
      </FormActions>
    </>
  );
}
