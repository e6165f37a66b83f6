import { Select, SimpleGrid, Stack, Text, TextInput, type SelectProps } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type {
  Account,
  AccountWorkspace,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { DiscountKind } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { EffectPreview } from "@/components/effects/EffectPreview";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { formErrors, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useDiscountPreview, useGrantDiscount, type DiscountRequest } from "../api/contracts";
import { parsePercent, percentText } from "@/lib/percent";
import { discountKinds, kindHelpKey, kindInvoiceName, kindKey, workspaceKinds } from "../discounts";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["kind", "workspaceId", "name", "percent", "endDate", "reason"] as const;
/** The percentage is sent as basis points. */
const aliases = { basisPoints: "percent" };

type Kind = (typeof discountKinds)[number];

/**
 * AccountDiscountModal grants an account (an organization of the usage and
 * billing rollup), or one of its workspaces, a discount from today: its
 * kind, the name of its invoice line (the kind's unless changed), the
 * percentage, an optional last day and the reason. Before it is granted
 * the server computes what it does to the account's next invoice and MRR
 * (GrantDiscount with preview), each time the inputs rest valid; granting
 * asks the same with preview off. Given a `workspace` (the Discount… of a
 * workspace's row), it is that workspace's, of a kind for people rather
 * than a commercial agreement (scholarship, staff, trial).
 */
export function AccountDiscountModal({
  account,
  workspace,
  ...dialog
}: DialogProps & { account: Account; workspace?: AccountWorkspace }) {
  const { t } = useI18n();
  const organization = account.organizationName || account.organizationId;
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={
        workspace
          ? t("contracts.discount.workspaceTitle", {
              workspace: workspace.name || workspace.workspaceId,
              organization,
            })
          : t("contracts.discount.accountTitle", { organization })
      }
    >
      <AccountDiscountForm account={account} workspace={workspace} onDone={dialog.onClose} />
    </FormModal>
  );
}

function AccountDiscountForm({
  account,
  workspace,
  onDone,
}: {
  account: Account;
  workspace?: AccountWorkspace;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const grant = useGrantDiscount();
  const kinds = workspace ? workspaceKinds : discountKinds;
  const initialKind = kinds[0];
  const form = useForm({
    initialValues: {
      kind: String(initialKind),
      workspaceId: workspace?.workspaceId ?? "",
      name: kindInvoiceName[initialKind],
      percent: "",
      endDate: "",
      reason: "",
    },
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      percent: (v) => (parsePercent(v) === null ? t("contracts.discount.invalidPercent") : null),
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const values = form.values;
  const kind = Number(values.kind) as Kind;
  const basisPoints = parsePercent(values.percent);

  // The request as the inputs say it, once they are valid; the preview
  // asks for it when they rested a moment, and granting sends it.
  const request: DiscountRequest | null =
    basisPoints !== null && values.name.trim() !== "" && values.reason.trim() !== ""
      ? {
          organizationId: account.organizationId,
          workspaceId: values.workspaceId,
          kind,
          name: values.name.trim(),
          basisPoints,
          endDate: values.endDate,
          reason: values.reason.trim(),
        }
      : null;
  const [granting, setGranting] = useState(false);
  // Not while granting: the grant marks the contract's queries stale, and
  // the preview is not asked again over a granted discount.
  const { query: preview, current, computing } = useDiscountPreview(request, granting);

  // What the server refused in the preview shows at its field too.
  const previewErrors =
    request && preview.error
      ? formErrors(preview.error, fields, locale, aliases)
      : { fields: {} as Record<string, string>, message: null };
  const inputProps = (field: (typeof fields)[number]) => {
    const props = form.getInputProps(field);
    return { ...props, error: props.error ?? previewErrors.fields[field] };
  };

  const changeKind = (value: string | null) => {
    if (!value) return;
    // The name follows the kind until it is given another.
    const name = values.name.trim();
    if (name === "" || name === kindInvoiceName[kind]) {
      form.setFieldValue("name", kindInvoiceName[Number(value) as Kind] ?? "");
    }
    form.setFieldValue("kind", value);
  };

  const submit = form.onSubmit(async () => {
    if (!request) return;
    clearFailure();
    setGranting(true);
    try {
      const response = await grant.mutateAsync({ ...request, preview: false });
      notifications.show({
        color: "teal",
        message: t("contracts.discount.granted", { name: response.discount?.name ?? request.name }),
      });
      onDone();
    } catch (error) {
      setGranting(false);
      showFailure(error, fields, aliases);
    }
  });

  const renderKind: SelectProps["renderOption"] = ({ option }) => (
    <div>
      <Text fz="sm">{option.label}</Text>
      <Text fz="xs" c="dimmed">
        {t(kindHelpKey(Number(option.value) as DiscountKind))}
      </Text>
    </div>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("contracts.discount.accountHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label={t("contracts.discount.field.kind")}
            data={kinds.map((k) => ({ value: String(k), label: t(kindKey(k)) }))}
            allowDeselect={false}
            withAsterisk
            comboboxProps={{ withinPortal: true }}
            renderOption={renderKind}
            {...inputProps("kind")}
            value={values.kind}
            onChange={changeKind}
          />
          <Select
            label={t("contracts.discount.field.scope")}
            data={[
              ...(workspace ? [] : [{ value: "", label: t("contracts.discount.account") }]),
              ...account.workspaces
                .filter((w) => !workspace || w.workspaceId === workspace.workspaceId)
                .map((w) => ({
                  value: w.workspaceId,
                  label: t("contracts.discount.workspace", { name: w.name || w.workspaceId }),
                })),
            ]}
            disabled={workspace !== undefined}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...inputProps("workspaceId")}
            value={values.workspaceId}
            onChange={(value) => form.setFieldValue("workspaceId", value ?? "")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            label={t("contracts.discount.field.name")}
            description={t("contracts.discount.field.nameHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            maxLength={80}
            {...inputProps("name")}
          />
          <TextInput
            label={t("contracts.discount.field.percent")}
            description={
              basisPoints !== null
                ? t("contracts.discount.field.percentIs", {
                    percent: percentText(basisPoints, locale),
                  })
                : t("contracts.discount.field.percentHint")
            }
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            inputMode="decimal"
            data-autofocus
            rightSection={
              <Text fz="sm" c="dimmed">
                %
              </Text>
            }
            {...inputProps("percent")}
          />
        </SimpleGrid>
        <TextInput
          type="date"
          label={t("contracts.discount.field.end")}
          description={t("contracts.discount.field.endHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          maw={{ xs: "calc(50% - var(--mantine-spacing-md) / 2)" }}
          {...inputProps("endDate")}
        />
        <ReasonField required minRows={1} {...inputProps("reason")} />
        <EffectPreview
          ready={request !== null}
          effect={request !== null ? preview.data?.effect : undefined}
          current={current}
          computing={computing}
          failure={
            // A verdict at a field is shown there: the preview points to it.
            request !== null && preview.error ? (previewErrors.message ?? t("effect.fix")) : null
          }
          currency={account.currency || "EUR"}
          pending={t("contracts.discount.previewPending")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("contracts.discount.confirm"), loading: grant.isPending }}
        />
      </Stack>
    </form>
  );
}
