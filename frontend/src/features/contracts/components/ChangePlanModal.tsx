import { Alert, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconArrowRight } from "@tabler/icons-react";
import { useState } from "react";
import type { Contract } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import type { Plan } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { EffectPreview } from "@/components/effects/EffectPreview";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { QueryError } from "@/components/ui/QueryError";
import { ReasonField } from "@/components/ui/ReasonField";
import { formatCivilDate, todayIn } from "@/lib/format";
import { formErrors, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useBillingDates,
  useContract,
  usePlans,
  useScheduleTransition,
  useTransitionPreview,
  type TransitionRequest,
} from "../api/contracts";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["planId", "startDate", "reason"] as const;

/**
 * ChangePlanModal schedules an organization's move to another plan (its
 * current version), on its next billing date or a later one it picks, with
 * a reason. Before it is scheduled the server computes what the move does
 * to the next invoice and to the MRR from its day (ScheduleTransition with
 * preview), each time the inputs rest valid. Given no `contract` (from an
 * account's row), it loads the one in force.
 */
export function ChangePlanModal({
  organizationId,
  organizationName,
  contract,
  ...dialog
}: DialogProps & { organizationId: string; organizationName: string; contract?: Contract }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("contracts.changePlanTitle", { organization: organizationName })}
    >
      {contract ? (
        <ChangePlanForm contract={contract} onDone={dialog.onClose} />
      ) : (
        <LoadedContract organizationId={organizationId} onDone={dialog.onClose} />
      )}
    </FormModal>
  );
}

/** LoadedContract loads the contract in force, then shows the form for it. */
function LoadedContract({
  organizationId,
  onDone,
}: {
  organizationId: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const query = useContract(organizationId);
  if (query.isPending) return <Skeleton height={240} />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const contract = query.data.contract;
  if (!contract) {
    return (
      <Alert color="gray" variant="light">
        {t("contracts.noContractToChange")}
      </Alert>
    );
  }
  return <ChangePlanForm contract={contract} onDone={onDone} />;
}

function ChangePlanForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const { t, locale, formatMoney } = useI18n();
  const schedule = useScheduleTransition();
  const plans = usePlans(true);
  const calendar = useBillingDates(contract.organizationId, true);
  // Any plan but the version the organization is on (a newer version of its plan is a move too).
  const choices = (plans.data?.plans ?? []).filter(
    (p) => !p.retired && p.versionId !== contract.planVersionId,
  );
  const today = todayIn(calendar.data?.timeZone ?? "");
  const dates = (calendar.data?.periods ?? []).map((p) => p.billingDate).filter((d) => d > today);
  const next = dates[0] ?? "";

  const form = useForm({
    // An empty start date is the next billing date, as the server takes it.
    initialValues: { planId: "", startDate: "", reason: "" },
    validate: {
      planId: (v) => (v === "" ? t("validation.required") : null),
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const values = form.values;
  const day = values.startDate || next;
  const chosen: Plan | undefined = choices.find((p) => p.id === values.planId);
  const currency = contract.terms?.currency || "EUR";
  const money = (cents: bigint) => formatMoney(cents, currency);

  // The request as the inputs say it, once they are valid; the preview
  // asks for it when they rested a moment, and scheduling sends it.
  const request: TransitionRequest | null =
    values.planId !== "" && values.reason.trim() !== ""
      ? {
          organizationId: contract.organizationId,
          planId: values.planId,
          startDate: values.startDate,
          reason: values.reason.trim(),
        }
      : null;
  const [scheduling, setScheduling] = useState(false);
  const { query: preview, current, computing } = useTransitionPreview(request, scheduling);
  // What the server refused in the preview shows at its field too.
  const previewErrors =
    request && preview.error
      ? formErrors(preview.error, fields, locale)
      : { fields: {} as Record<string, string>, message: null };
  const inputProps = (field: (typeof fields)[number]) => {
    const props = form.getInputProps(field);
    return { ...props, error: props.error ?? previewErrors.fields[field] };
  };

  const submit = form.onSubmit(async () => {
    if (!request) return;
    clearFailure();
    setScheduling(true);
    try {
      const response = await schedule.mutateAsync({ ...request, preview: false });
      const scheduled = response.contract;
      notifications.show({
        color: "teal",
        message: t("contracts.scheduledDone", {
          plan: scheduled?.planName ?? chosen?.name ?? "",
          date: formatCivilDate(scheduled?.startDate || day, locale),
        }),
      });
      onDone();
    } catch (error) {
      setScheduling(false);
      showFailure(error, fields);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("contracts.changePlanHint")}
        </Text>
        {plans.isSuccess && choices.length === 0 && (
          <Alert color="gray" variant="light">
            {t("contracts.noPlans")}
          </Alert>
        )}
        <SimpleGrid cols={1} spacing="md">
          <Select
            label={t("contracts.newPlan")}
            withAsterisk
            data-autofocus
            data={choices.map((p) => ({
              value: p.id,
              label: t("contracts.planOption", {
                plan: p.name,
                version: p.version,
                fee: money(p.terms?.monthlyFeeCents ?? 0n),
              }),
            }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...inputProps("planId")}
          />
          <Select
            label={t("contracts.startDate")}
            description={t("contracts.startDateHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            data={[
              {
                value: "",
                label: next
                  ? t("contracts.nextBillingDateOn", { date: formatCivilDate(next, locale) })
                  : t("contracts.nextBillingDate"),
              },
              ...dates.slice(1).map((d) => ({ value: d, label: formatCivilDate(d, locale) })),
            ]}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...inputProps("startDate")}
            value={values.startDate}
            onChange={(value) => form.setFieldValue("startDate", value ?? "")}
          />
        </SimpleGrid>
        {chosen && (
          <Paper withBorder p="sm" data-testid="fee-comparison">
            <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4} mb={4}>
              {t("contracts.compare")}
            </Text>
            <Group gap="sm" wrap="wrap">
              <Text fz="sm">
                {contract.planName}: <b>{money(contract.terms?.monthlyFeeCents ?? 0n)}</b> (
                {t("contracts.compareNow")})
              </Text>
              <IconArrowRight size={16} aria-hidden />
              <Text fz="sm">
                {chosen.name}: <b>{money(chosen.terms?.monthlyFeeCents ?? 0n)}</b>
                {day && ` (${t("contracts.compareNext", { date: formatCivilDate(day, locale) })})`}
              </Text>
              <FeeDifference
                from={contract.terms?.monthlyFeeCents ?? 0n}
                to={chosen.terms?.monthlyFeeCents ?? 0n}
                money={money}
              />
            </Group>
          </Paper>
        )}
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
          currency={currency}
          pending={t("contracts.changePlanPending")}
          mrrFrom={day || undefined}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("contracts.schedule"),
            loading: schedule.isPending,
            disabled: choices.length === 0,
          }}
        />
      </Stack>
    </form>
  );
}

/** FeeDifference is the change of the monthly fee: "+€70.00" in orange, "−€10.00" in green. */
function FeeDifference({
  from,
  to,
  money,
}: {
  from: bigint;
  to: bigint;
  money: (cents: bigint) => string;
}) {
  const diff = to - from;
  if (diff === 0n) return null;
  return (
    <Text fz="sm" fw={600} c={diff > 0n ? "orange.7" : "teal.7"}>
      {diff > 0n ? `+${money(diff)}` : `−${money(-diff)}`}
    </Text>
  );
}
