import { Divider, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Plan, PlanTerms } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n, type Locale } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";
import { useCreatePlan, useUpdatePlan } from "../api/plans";
import { supportHours, supportMinutes, termFields, termPaths } from "../terms";

interface Values {
  name: string;
  description: string;
  rank: number | string;
  monthlyFee: string;
  includedUsers: number | string;
  includedStorageGb: number | string;
  includedSupport: number | string;
  hourlyRate: string;
  overage: string;
  maxUsers: number | string;
  maxStorageGb: number | string;
  maxTrafficGb: number | string;
  reason: string;
}

/** The terms as the API keeps them, without the currency (output only). */
type Terms = Pick<PlanTerms, (typeof termFields)[number]>;

function valuesOf(plan: Plan | undefined, locale: Locale): Values {
  const terms = plan?.terms;
  const money = (cents: bigint | undefined) =>
    cents === undefined ? "" : priceInput(cents, locale);
  return {
    name: plan?.name ?? "",
    description: plan?.description ?? "",
    rank: plan?.rank ?? "",
    monthlyFee: money(terms?.monthlyFeeCents),
    includedUsers: terms?.includedUsers ?? 0,
    includedStorageGb: terms?.includedStorageGb ?? 0,
    includedSupport: supportHours(terms?.includedSupportMinutes ?? 0),
    hourlyRate: money(terms?.hourlyRateCents),
    overage: money(terms?.storageOverageCentsPerGb),
    maxUsers: terms?.maxUsers ?? 0,
    maxStorageGb: terms?.maxStorageGb ?? 0,
    maxTrafficGb: terms?.maxTrafficGb ?? 0,
    reason: "",
  };
}

const count = (v: number | string) => (typeof v === "number" ? v : Number(v) || 0);

/** termsOf reads the form's terms in the API's units: cents and minutes. */
function termsOf(values: Values): Terms {
  return {
    monthlyFeeCents: parsePrice(values.monthlyFee) ?? 0n,
    includedUsers: count(values.includedUsers),
    includedStorageGb: count(values.includedStorageGb),
    includedSupportMinutes: supportMinutes(count(values.includedSupport)),
    hourlyRateCents: parsePrice(values.hourlyRate) ?? 0n,
    storageOverageCentsPerGb: parsePrice(values.overage) ?? 0n,
    maxUsers: count(values.maxUsers),
    maxStorageGb: count(values.maxStorageGb),
    maxTrafficGb: count(values.maxTrafficGb),
  };
}

/** changedTermPaths are the update-mask paths of the terms the form changed. */
function changedTermPaths(plan: Plan, values: Values): string[] {
  const next = termsOf(values);
  return termFields.filter((f) => plan.terms?.[f] !== next[f]).map((f) => termPaths[f]);
}

/** The request's fields (as the form's errors name them) of the form's fields. */
const aliases: Record<string, string> = {
  monthlyFeeCents: "monthlyFee",
  includedSupportMinutes: "includedSupport",
  hourlyRateCents: "hourlyRate",
  storageOverageCentsPerGb: "overage",
};

/** PlanFormModal adds a plan, or edits one when given. */
export function PlanFormModal({ plan, ...dialog }: DialogProps & { plan?: Plan }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={plan ? t("plans.editTitle", { name: plan.name }) : t("plans.createTitle")}
    >
      <PlanForm plan={plan} onDone={dialog.onClose} />
    </FormModal>
  );
}

function PlanForm({ plan, onDone }: { plan?: Plan; onDone: () => void }) {
  const { t, locale } = useI18n();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const money = (v: string) => (parsePrice(v) === null ? t("plans.validation.money") : null);
  const form = useForm<Values>({
    initialValues: valuesOf(plan, locale),
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      rank: (v) => (v === "" ? t("validation.required") : null),
      monthlyFee: money,
      hourlyRate: money,
      overage: money,
      reason: (v, values) =>
        plan && changedTermPaths(plan, values).length > 0 && v.trim() === ""
          ? t("plans.validation.reason")
          : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  // A long form scrolls in its dialog: the first field in error comes into view.
  const focusFirstError = (formElement: HTMLFormElement | null | undefined) =>
    setTimeout(() => {
      const field = formElement?.querySelector<HTMLElement>('[aria-invalid="true"]');
      field?.focus();
      field?.scrollIntoView?.({ block: "center" });
    });
  const termsChanged = plan !== undefined && changedTermPaths(plan, form.values).length > 0;

  const submit = form.onSubmit(
    async (values, event) => {
      const formElement = event?.currentTarget;
      clearFailure();
      const fields = {
        name: values.name.trim(),
        description: values.description.trim(),
        rank: count(values.rank),
      };
      const terms = termsOf(values);
      const reason = values.reason.trim();
      try {
        if (plan) {
          const paths = [
            ...(["name", "description", "rank"] as const).filter((k) => fields[k] !== plan[k]),
            ...changedTermPaths(plan, values),
          ];
          if (paths.length === 0) {
            onDone();
            return;
          }
          const res = await update.mutateAsync({
            plan: { id: plan.id, ...fields, terms },
            updateMask: { paths },
            reason,
          });
          const saved = res.plan;
          notifications.show({
            color: "teal",
            message:
              saved && saved.version > plan.version
                ? t("plans.updatedVersion", { name: saved.name, version: String(saved.version) })
                : t("plans.updated", { name: saved?.name ?? fields.name }),
          });
        } else {
          const res = await create.mutateAsync({ ...fields, terms, reason });
          notifications.show({
            color: "teal",
            message: t("plans.created", { name: res.plan?.name ?? fields.name }),
          });
        }
        onDone();
      } catch (error) {
        showFailure(error, fieldPaths(values), aliases);
        focusFirstError(formElement);
      }
    },
    (_errors, _values, event) => focusFirstError(event?.currentTarget),
  );

  const decimal = locale === "de" ? "," : ".";
  const moneyPlaceholder = locale === "de" ? "29,90" : "29.90";
  type InputWrapperOrder = ("label" | "input" | "description" | "error")[];
  const wholeNumber = { min: 0, max: 1_000_000, allowDecimal: false, allowNegative: false };
  // Hints go under the inputs, so that the inputs of a row stay in line.
  const hintBelow = {
    inputWrapperOrder: ["label", "input", "description", "error"] as InputWrapperOrder,
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("plans.field.name")}
            withAsterisk
            data-autofocus
            maxLength={100}
            {...form.getInputProps("name")}
          />
          <NumberInput
            label={t("plans.field.rank")}
            description={t("plans.field.rankHint")}
            {...hintBelow}
            withAsterisk
            {...wholeNumber}
            {...form.getInputProps("rank")}
          />
        </SimpleGrid>
        <Textarea
          label={t("plans.field.description")}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("description")}
        />
        <Divider label={t("plans.field.terms")} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("plans.field.monthlyFee")}
            withAsterisk
            inputMode="decimal"
            placeholder={moneyPlaceholder}
            {...form.getInputProps("monthlyFee")}
          />
          <TextInput
            label={t("plans.field.hourlyRate")}
            withAsterisk
            inputMode="decimal"
            placeholder={moneyPlaceholder}
            {...form.getInputProps("hourlyRate")}
          />
          <NumberInput
            label={t("plans.field.includedUsers")}
            {...wholeNumber}
            {...form.getInputProps("includedUsers")}
          />
          <NumberInput
            label={t("plans.field.maxUsers")}
            description={t("plans.field.capHint")}
            {...hintBelow}
            {...wholeNumber}
            {...form.getInputProps("maxUsers")}
          />
          <NumberInput
            label={t("plans.field.includedStorage")}
            {...wholeNumber}
            {...form.getInputProps("includedStorageGb")}
          />
          <NumberInput
            label={t("plans.field.maxStorage")}
            description={t("plans.field.capHint")}
            {...hintBelow}
            {...wholeNumber}
            {...form.getInputProps("maxStorageGb")}
          />
          <NumberInput
            label={t("plans.field.maxTraffic")}
            description={t("plans.field.trafficHint")}
            {...hintBelow}
            {...wholeNumber}
            {...form.getInputProps("maxTrafficGb")}
          />
          <NumberInput
            label={t("plans.field.includedSupport")}
            min={0}
            max={744}
            step={0.5}
            decimalScale={2}
            decimalSeparator={decimal}
            allowNegative={false}
            {...form.getInputProps("includedSupport")}
          />
          <TextInput
            label={t("plans.field.overage")}
            description={t("plans.field.overageHint")}
            {...hintBelow}
            withAsterisk
            inputMode="decimal"
            placeholder={locale === "de" ? "0,40" : "0.40"}
            {...form.getInputProps("overage")}
          />
        </SimpleGrid>
        <ReasonField
          required={termsChanged}
          description={
            termsChanged ? t("plans.termsChange", { version: String(plan.version + 1) }) : undefined
          }
          {...hintBelow}
          {...form.getInputProps("reason")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: plan ? t("common.save") : t("plans.create"),
            loading: create.isPending || update.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
