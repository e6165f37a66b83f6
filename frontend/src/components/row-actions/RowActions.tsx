import {
  ActionIcon,
  Button,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  Tooltip,
  type ButtonProps,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconDots, IconDotsVertical } from "@tabler/icons-react";
import { Fragment, useState, type ReactNode } from "react";
import { FormFooter } from "@/components/ui/FormActions";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";

/** A choice the action asks for besides the reason, e.g. the new role. */
export interface RowActionField {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  initial?: string;
  /** What the chosen value means, shown under the choice (e.g. what a role allows). */
  describe?: (value: string) => ReactNode;
}

export interface RowActionValues {
  reason: string;
  fields: Record<string, string>;
}

interface RowActionBase {
  id: string;
  label: string;
  icon?: ReactNode;
  color?: string;
  /** Not shown at all (the caller lacks the permission). */
  hidden?: boolean;
  disabled?: boolean;
  /** Why the action is disabled, shown as a tooltip on it. */
  disabledReason?: string;
  dividerBefore?: boolean;
}

/** An action that opens a dialog of its own (a form, a result) instead of a confirmation. */
export interface OpenRowAction extends RowActionBase {
  onSelect: () => void;
}

/** An action confirmed in the shared dialog, which asks for a reason where needed. */
export interface ConfirmRowAction extends RowActionBase {
  onSelect?: undefined;
  /** The confirmation dialog. */
  title: string;
  message?: ReactNode;
  confirmLabel?: string;
  /** An icon on the confirming button. */
  confirmIcon?: ReactNode;
  danger?: boolean;
  /** "required" where the API requires a reason. */
  reason: "required" | "optional" | "none";
  fields?: RowActionField[];
  /** Runs the action; a rejected promise keeps the dialog open with the error. */
  run: (values: RowActionValues) => Promise<unknown>;
  /** Shown as a notification when the action succeeded. */
  successMessage?: string;
}

export type RowAction = ConfirmRowAction | OpenRowAction;

/**
 * RowActions is the one per-row action menu (⋮) of every list, and the
 * overflow menu (⋯) of detail pages' headers (`variant="header"`), where
 * destructive actions (delete, close, disable) live instead of beside Edit:
 * each action opens a confirmation dialog that asks for a reason where the
 * API requires one. Renders nothing when no action is available to the
 * caller.
 */
export function RowActions({
  actions,
  label,
  variant = "row",
}: {
  actions: RowAction[];
  label: string;
  variant?: "row" | "header";
}) {
  const { t } = useI18n();
  const [active, setActive] = useState<ConfirmRowAction | null>(null);
  const available = actions.filter((a) => !a.hidden);
  if (available.length === 0) return null;

  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={240}>
        <Menu.Target>
          {variant === "header" ? (
            <ActionIcon
              variant="default"
              size="input-sm"
              aria-label={`${t("common.actions")}: ${label}`}
              title={t("table.moreActions")}
            >
              <IconDots size={18} stroke={1.6} />
            </ActionIcon>
          ) : (
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`${t("common.actions")}: ${label}`}
              onClick={(e) => e.stopPropagation()}
            >
              <IconDotsVertical size={18} stroke={1.6} />
            </ActionIcon>
          )}
        </Menu.Target>
        <Menu.Dropdown>
          {available.map((action, index) => {
            const item = (
              <Menu.Item
                leftSection={action.icon}
                color={action.color}
                disabled={action.disabled}
                onClick={() => (action.onSelect ? action.onSelect() : setActive(action))}
                style={action.disabled ? { pointerEvents: "none" } : undefined}
              >
                {action.label}
              </Menu.Item>
            );
            return (
              <Fragment key={action.id}>
                {action.dividerBefore && index > 0 && <Menu.Divider />}
                {action.disabled && action.disabledReason ? (
                  // A disabled button gets no pointer events: the tooltip sits on a wrapper.
                  <Tooltip
                    label={action.disabledReason}
                    multiline
                    w={260}
                    position="left"
                    openDelay={0}
                  >
                    <div data-testid={`disabled-${action.id}`}>{item}</div>
                  </Tooltip>
                ) : (
                  item
                )}
              </Fragment>
            );
          })}
        </Menu.Dropdown>
      </Menu>
      <ActionModal action={active} onClose={() => setActive(null)} />
    </>
  );
}

/**
 * ActionButton is a button that runs one action through the same
 * confirmation dialog as the row menu, e.g. Delete on a detail page.
 */
export function ActionButton({
  action,
  ...buttonProps
}: { action: ConfirmRowAction } & Omit<ButtonProps, "children" | "onClick">) {
  const [opened, setOpened] = useState(false);
  if (action.hidden) return null;
  const button = (
    <Button
      leftSection={action.icon}
      color={action.color}
      disabled={action.disabled}
      onClick={() => setOpened(true)}
      {...buttonProps}
    >
      {action.label}
    </Button>
  );
  return (
    <>
      {action.disabled && action.disabledReason ? (
        <Tooltip label={action.disabledReason} multiline w={260}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <ActionModal action={opened ? action : null} onClose={() => setOpened(false)} />
    </>
  );
}

/**
 * ActionModal is the confirmation dialog of an action; null keeps it closed.
 * For an action started from elsewhere than a menu or a button, e.g. the
 * remove button of a pill.
 */
export function ActionModal({
  action,
  onClose,
}: {
  action: ConfirmRowAction | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={<Text fw={600}>{action?.title}</Text>}
      size="md"
    >
      {action && <ActionDialog action={action} onDone={onClose} />}
    </Modal>
  );
}

function ActionDialog({ action, onDone }: { action: ConfirmRowAction; onDone: () => void }) {
  const { t } = useI18n();
  const fields = action.fields ?? [];
  const form = useForm<{ reason: string; fields: Record<string, string> }>({
    initialValues: {
      reason: "",
      fields: Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ""])),
    },
    validate: {
      reason: (value) =>
        action.reason === "required" && value.trim() === "" ? t("validation.reasonRequired") : null,
      fields: (values) => {
        const missing = fields.find((f) => !values[f.name]);
        return missing ? t("validation.required") : null;
      },
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await action.run({ reason: values.reason.trim(), fields: values.fields });
      if (action.successMessage) {
        notifications.show({ color: "teal", message: action.successMessage });
      }
      onDone();
    } catch (error) {
      showFailure(
        error,
        ["reason", ...fields.map((f) => `fields.${f.name}`)],
        Object.fromEntries(fields.map((f) => [f.name, `fields.${f.name}`])),
      );
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {action.message && (
          <Text fz="sm" c="dimmed">
            {action.message}
          </Text>
        )}
        {fields.map((field) => (
          <Fragment key={field.name}>
            <Select
              label={field.label}
              data={field.options}
              allowDeselect={false}
              withAsterisk
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps(`fields.${field.name}`)}
              error={
                form.errors[`fields.${field.name}`] ?? (form.errors.fields as string | undefined)
              }
            />
            {field.describe?.(form.values.fields[field.name] ?? "")}
          </Fragment>
        ))}
        {action.reason !== "none" && (
          <ReasonField
            required={action.reason === "required"}
            minRows={3}
            maxRows={8}
            data-autofocus
            {...form.getInputProps("reason")}
          />
        )}
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: action.confirmLabel ?? t("common.confirm"),
            color: action.danger ? "red" : undefined,
            icon: action.confirmIcon,
            loading: form.submitting,
          }}
        />
      </Stack>
    </form>
  );
}
