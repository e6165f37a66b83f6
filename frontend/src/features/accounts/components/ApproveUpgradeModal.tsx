import { Blockquote, Checkbox, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { UpgradeRequest } from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import { EffectPreview } from "@/components/effects/EffectPreview";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { formatCivilDate, todayIn } from "@/lib/format";
import { formErrors, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useApprovalPreview,
  useApproveUpgrade,
  useBillingDates,
  type ApprovalRequest,
} from "../api/upgrades";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["startDate", "atOnce", "reason"] as const;

/** How long the inputs rest before the server is asked for the effect. */
const previewDelay = 350;

/**
 * ApproveUpgradeModal approves a pending upgrade request: the billing date
 * the organization pays the new tier from (the next one unless another is
 * chosen), whether its caps apply at once, and a note the customer reads.
 * Before it is approved the server computes what it does to the account's
 * next invoice and MRR (ApproveUpgradeRequest with preview), each time the
 * inputs rest valid; approving asks the same with preview off.
 */
export function ApproveUpgradeModal({
  request,
  ...dialog
}: DialogProps & { request: UpgradeRequest }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("accounts.upgrades.approve.title", {
        plan: request.planName || request.planId,
        organization: request.organizationName || request.organizationId,
      })}
    >
      <ApproveForm request={request} onDone={dialog.onClose} />
    </FormModal>
  );
}

function ApproveForm({ request: asked, onDone }: { request: UpgradeRequest; onDone: () => void }) {
  const { t, locale } = useI18n();
  const approve = useApproveUpgrade();
  const calendar = useBillingDates(asked.organizationId);
  const today = todayIn(calendar.data?.timeZone ?? "");
  const dates = (calendar.data?.periods ?? []).map((p) => p.billingDate).filter((d) => d > today);
  const organization = asked.organizationName || asked.organizationId;
  const plan = asked.planName || asked.planId;

  const form = useForm({
    // startDate "": the next billing date, as the server takes it.
    initialValues: { startDate: "", atOnce: false, reason: "" },
    validate: {
      reason: (v) => (v.trim() === "" ? t("accounts.upgrades.approve.noteRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const values = form.values;

  // The approval as the inputs say it, once they are valid; the preview
  // asks for it when they rested a moment, and approving sends it.
  const request: ApprovalRequest | null =
    values.reason.trim() !== ""
      ? {
          id: asked.id,
          startDate: values.startDate,
          atOnce: values.atOnce,
          reason: values.reason.trim(),
        }
      : null;
  const [resting] = useDebouncedValue(request ? JSON.stringify(request) : "", previewDelay);
  const [approving, setApproving] = useState(false);
  const previewed = resting ? (JSON.parse(resting) as ApprovalRequest) : null;
  // Not while approving: the approval marks the queue's queries stale, and
  // the preview is not asked again over an approved request.
  const preview = useApprovalPreview(approving ? null : previewed);
  const current =
    request !== null &&
    resting === JSON.stringify(request) &&
    preview.isSuccess &&
    !preview.isPlaceholderData;

  // What the server refused in the preview shows at its field too.
  const previewErrors =
    request && preview.error
      ? formErrors(preview.error, fields, locale)
      : { fields: {} as Record<string, string>, message: null };
  const errorOf = (field: (typeof fields)[number]) =>
    form.errors[field] ?? previewErrors.fields[field];

  const submit = form.onSubmit(async () => {
    if (!request) return;
    clearFailure();
    setApproving(true);
    try {
      const response = await approve.mutateAsync({ ...request, preview: false });
      const date = response.upgradeRequest?.effectiveDate || request.startDate || dates[0] || "";
      notifications.show({
        color: "teal",
        message: t("accounts.upgrades.approve.done", {
          organization,
          plan,
          date: date ? formatCivilDate(date, locale) : "—",
        }),
      });
      onDone();
    } catch (error) {
      setApproving(false);
      showFailure(error, fields);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">
          {asked.fromPlanName
            ? t("accounts.upgrades.approve.asked", {
                organization,
                from: asked.fromPlanName,
                to: plan,
              })
            : t("accounts.upgrades.approve.askedNew", { organization, to: plan })}
        </Text>
        {asked.message.trim() && (
          <Blockquote
            p="sm"
            radius="md"
            color="gray"
            cite={t("accounts.upgrades.approve.messageBy", {
              who: asked.requestedByEmail || "—",
            })}
            styles={{ root: { whiteSpace: "pre-wrap" }, cite: { marginTop: 4 } }}
            data-testid="upgrade-message"
          >
            {asked.message}
          </Blockquote>
        )}
        <Select
          label={t("accounts.upgrades.approve.startDate")}
          description={t("accounts.upgrades.approve.startDateHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          data={dates.map((d, i) => ({
            value: i === 0 ? "" : d,
            label:
              i === 0
                ? t("accounts.upgrades.approve.nextDate", { date: formatCivilDate(d, locale) })
                : formatCivilDate(d, locale),
          }))}
          nothingFoundMessage={t("accounts.upgrades.approve.noDates")}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          value={dates.length > 0 ? values.startDate : null}
          onChange={(value) => form.setFieldValue("startDate", value ?? "")}
          error={errorOf("startDate")}
        />
        <Checkbox
          label={t("accounts.upgrades.approve.atOnce")}
          description={t("accounts.upgrades.approve.atOnceHint")}
          {...form.getInputProps("atOnce", { type: "checkbox" })}
          error={errorOf("atOnce")}
        />
        <Textarea
          label={t("accounts.upgrades.approve.note")}
          description={t("accounts.upgrades.approve.noteHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          withAsterisk
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
          {...form.getInputProps("reason")}
          error={errorOf("reason")}
        />
        <EffectPreview
          title={t("accounts.upgrades.approve.preview")}
          pending={t("accounts.upgrades.approve.previewPending")}
          hint={t("accounts.upgrades.approve.previewHint")}
          testId="upgrade-preview"
          meant="up"
          ready={request !== null}
          effect={request !== null ? preview.data?.effect : undefined}
          current={current}
          computing={preview.isFetching || (request !== null && !current && !preview.error)}
          failure={
            // A verdict at a field is shown there: the preview points to it.
            request !== null && preview.error ? (previewErrors.message ?? t("effect.fix")) : null
          }
          currency={preview.data?.effect?.currency || "EUR"}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("accounts.upgrades.approve.confirm"), loading: approve.isPending }}
        />
      </Stack>
    </form>
  );
}
