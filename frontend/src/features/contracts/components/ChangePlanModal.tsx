import { Alert, Group, Paper, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconArrowRight } from "@tabler/icons-react";
import type { Contract } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import type { Plan } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { formatCivilDate, todayIn } from "@/lib/format";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useBillingDates, usePlans, useScheduleTransition } from "../api/contracts";

/**
 * ChangePlanModal schedules a contract's move to another plan (its current
 * version) on one of the organization's next billing dates, with a reason.
 */
export function ChangePlanModal({
  contract,
  organizationName,
  ...dialog
}: DialogProps & { contract: Contract; organizationName: string }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("contracts.changePlanTitle", { organization: organizationName })}
    >
      <ChangePlanForm contract={contract} onDone={dialog.onClose} />
    </FormModal>
  );
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

  const form = useForm({
    initialValues: { planId: "", startDate: "", reason: "" },
    validate: {
      planId: (v) => (v === "" ? t("validation.required") : null),
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  // The first billing date after today is the default, once the calendar is in.
  const startDate = form.values.startDate || dates[0] || "";
  const chosen: Plan | undefined = choices.find((p) => p.id === form.values.planId);
  const currency = contract.terms?.currency || "EUR";
  const money = (cents: bigint) => formatMoney(cents, currency);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const response = await schedule.mutateAsync({
        organizationId: contract.organizationId,
        planId: values.planId,
        startDate,
        reason: values.reason.trim(),
      });
      const next = response.contract;
      notifications.show({
        color: "teal",
        message: t("contracts.scheduledDone", {
          plan: next?.planName ?? chosen?.name ?? "",
          date: formatCivilDate(next?.startDate || startDate, locale),
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["planId", "startDate", "reason"]);
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
            {...form.getInputProps("planId")}
          />
          <Select
            label={t("contracts.startDate")}
            description={t("contracts.startDateHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            data={dates.map((d) => ({ value: d, label: formatCivilDate(d, locale) }))}
            nothingFoundMessage={t("contracts.noDates")}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("startDate")}
            value={startDate || null}
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
                {startDate &&
                  ` (${t("contracts.compareNext", { date: formatCivilDate(startDate, locale) })})`}
              </Text>
              <FeeDifference
                from={contract.terms?.monthlyFeeCents ?? 0n}
                to={chosen.terms?.monthlyFeeCents ?? 0n}
                money={money}
              />
            </Group>
          </Paper>
        )}
        <ReasonField required minRows={1} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: t("contracts.schedule"),
            loading: schedule.isPending,
            disabled: choices.length === 0 || dates.length === 0,
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
