import { Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { DunningHold } from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { formatCivilDate } from "@/lib/format";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useSetDunningHold } from "../api/dunning";

/** civilDay is a date's day (YYYY-MM-DD) in the browser's calendar. */
export function civilDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** addDays is the day n days after a day (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return civilDay(new Date(y!, m! - 1, d! + n));
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * HoldDunningModal pauses an organization's dunning up to and including a
 * last day, with the reason (a dispute, an agreed payment plan), or changes
 * the hold it has. The server decides which days it takes (today or later,
 * within a year, in the issuer's calendar).
 */
export function HoldDunningModal({
  organizationId,
  hold,
  ...dialog
}: DialogProps & { organizationId: string; hold?: DunningHold }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={hold ? t("payments.dunning.hold.changeTitle") : t("payments.dunning.hold.setTitle")}
    >
      <HoldForm organizationId={organizationId} hold={hold} onDone={dialog.onClose} />
    </FormModal>
  );
}

function HoldForm({
  organizationId,
  hold,
  onDone,
}: {
  organizationId: string;
  hold?: DunningHold;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const save = useSetDunningHold();
  const today = civilDay(new Date());
  const form = useForm({
    initialValues: { until: hold?.until || addDays(today, 30), reason: hold?.reason ?? "" },
    validate: {
      until: (v) => (dayPattern.test(v) ? null : t("validation.required")),
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const res = await save.mutateAsync({
        organizationId,
        until: values.until,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("payments.dunning.hold.saved", {
          date: formatCivilDate(res.hold?.until || values.until, locale),
        }),
      });
      onDone();
    } catch (error) {
      showFailure(error, ["until", "reason"]);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("payments.dunning.hold.body")}</Text>
        <TextInput
          type="date"
          label={t("payments.dunning.hold.until")}
          description={t("payments.dunning.hold.untilHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          withAsterisk
          min={today}
          max={addDays(today, 365)}
          data-autofocus
          {...form.getInputProps("until")}
        />
        <ReasonField
          required
          minRows={2}
          placeholder={t("payments.dunning.hold.reasonPlaceholder")}
          {...form.getInputProps("reason")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: hold ? t("payments.dunning.hold.change") : t("payments.dunning.hold.set"),
            loading: save.isPending,
          }}
        />
      </Stack>
    </form>
  );
}
