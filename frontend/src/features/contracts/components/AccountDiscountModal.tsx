import {
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  type SelectProps,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type {
  Account,
  AccountEffect,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { DiscountKind } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { formatCivilDate } from "@/lib/format";
import { formErrors, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useDiscountPreview, useGrantDiscount, type DiscountRequest } from "../api/contracts";
import {
  discountKinds,
  kindHelpKey,
  kindInvoiceName,
  kindKey,
  parsePercent,
  percentText,
} from "../discounts";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["kind", "workspaceId", "name", "percent", "endDate", "reason"] as const;
/** The percentage is sent as basis points. */
const aliases = { basisPoints: "percent" };

/** How long the inputs rest before the server is asked for the effect. */
const previewDelay = 350;

type Kind = (typeof discountKinds)[number];

/**
 * AccountDiscountModal grants an account (an organization of the usage and
 * billing rollup), or one of its workspaces, a discount from today: its
 * kind, the name of its invoice line (the kind's unless changed), the
 * percentage, an optional last day and the reason. Before it is granted
 * the server computes what it does to the account's next invoice and MRR
 * (GrantDiscount with preview), each time the inputs rest valid; granting
 * asks the same with preview off.
 */
export function AccountDiscountModal({ account, ...dialog }: DialogProps & { account: Account }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("contracts.discount.accountTitle", {
        organization: account.organizationName || account.organizationId,
      })}
    >
      <AccountDiscountForm account={account} onDone={dialog.onClose} />
    </FormModal>
  );
}

function AccountDiscountForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t, locale } = useI18n();
  const grant = useGrantDiscount();
  const form = useForm({
    initialValues: {
      kind: String(DiscountKind.COMMERCIAL),
      workspaceId: "",
      name: kindInvoiceName[DiscountKind.COMMERCIAL],
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
  const [resting] = useDebouncedValue(request ? JSON.stringify(request) : "", previewDelay);
  const [granting, setGranting] = useState(false);
  const previewed = resting ? (JSON.parse(resting) as DiscountRequest) : null;
  // Not while granting: the grant marks the contract's queries stale, and
  // the preview is not asked again over a granted discount.
  const preview = useDiscountPreview(granting ? null : previewed);
  // The effect shown is of the inputs as they are (not of earlier ones, while
  // the server is asked anew).
  const current =
    request !== null &&
    resting === JSON.stringify(request) &&
    preview.isSuccess &&
    !preview.isPlaceholderData;

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
            data={discountKinds.map((k) => ({ value: String(k), label: t(kindKey(k)) }))}
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
              { value: "", label: t("contracts.discount.account") },
              ...account.workspaces.map((w) => ({
                value: w.workspaceId,
                label: t("contracts.discount.workspace", { name: w.name || w.workspaceId }),
              })),
            ]}
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
          computing={preview.isFetching || (request !== null && !current && !preview.error)}
          failure={
            // A verdict at a field is shown there: the preview points to it.
            request !== null && preview.error
              ? (previewErrors.message ?? t("contracts.discount.previewFix"))
              : null
          }
          currency={account.currency || "EUR"}
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

/**
 * EffectPreview is what the discount would do, as the server computed it:
 * the next invoice's gross amount and the MRR, before → after, with the
 * difference.
 */
function EffectPreview({
  ready,
  effect,
  current,
  computing,
  failure,
  currency,
}: {
  /** The inputs are valid: the server is (or was) asked. */
  ready: boolean;
  effect: AccountEffect | undefined;
  /** The effect is of the inputs as they are; otherwise it is shown faded until the new one is in. */
  current: boolean;
  computing: boolean;
  failure: string | null;
  currency: string;
}) {
  const { t, locale, formatMoney } = useI18n();
  const money = (cents: bigint) => formatMoney(cents, effect?.currency || currency);
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="discount-preview"
      data-current={current || undefined}
      aria-live="polite"
      aria-busy={computing}
    >
      <Group justify="space-between" gap="xs" mb={6}>
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
          {t("contracts.discount.preview")}
        </Text>
        {ready && computing && <Loader size={14} aria-label={t("common.loading")} />}
      </Group>
      {!ready ? (
        <Text fz="sm" c="dimmed">
          {t("contracts.discount.previewPending")}
        </Text>
      ) : failure ? (
        <Text fz="sm" c="red" role="alert">
          {t("contracts.discount.previewFailed", { message: failure })}
        </Text>
      ) : effect ? (
        <Stack gap={4} style={current ? undefined : { opacity: 0.5 }}>
          {effect.billingDate ? (
            <EffectLine
              id="next"
              label={t("contracts.discount.previewNext", {
                date: formatCivilDate(effect.billingDate, locale),
              })}
              before={effect.nextInvoiceGrossBeforeCents}
              after={effect.nextInvoiceGrossAfterCents}
              money={money}
            />
          ) : (
            <Text fz="sm" data-effect="next">
              {t("contracts.discount.previewNoInvoice")}
            </Text>
          )}
          <EffectLine
            id="mrr"
            label={t("contracts.discount.previewMrr")}
            before={effect.mrrBeforeCents}
            after={effect.mrrAfterCents}
            money={money}
          />
          <Text fz="xs" c="dimmed" mt={4}>
            {t("contracts.discount.previewHint")}
          </Text>
        </Stack>
      ) : (
        <Text fz="sm" c="dimmed">
          {t("common.loading")}
        </Text>
      )}
    </Paper>
  );
}

function EffectLine({
  id,
  label,
  before,
  after,
  money,
}: {
  id: string;
  label: string;
  before: bigint;
  after: bigint;
  money: (cents: bigint) => string;
}) {
  const difference = after - before;
  return (
    <Group justify="space-between" gap="xs" wrap="wrap" data-effect={id}>
      <Text fz="sm">{label}:</Text>
      <Text fz="sm" className="tabular-nums">
        <span data-before>{money(before)}</span> →{" "}
        <Text span fw={700} data-after>
          {money(after)}
        </Text>{" "}
        <Text
          span
          c={difference < 0n ? "teal" : difference > 0n ? "red" : "dimmed"}
          data-difference
        >
          ({difference > 0n ? "+" : ""}
          {money(difference)})
        </Text>
      </Text>
    </Group>
  );
}
