import { Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { EffectPreview } from "@/components/effects/EffectPreview";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { ReasonModal } from "@/components/ui/ReasonModal";
import { formatCivilDate } from "@/lib/format";
import { formErrors, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import {
  useCancelReverseTrial,
  useGrantReverseTrial,
  useTrialPreview,
  type TrialRequest,
} from "../api/accounts";

const fields = ["reason"] as const;

/**
 * ReverseTrialModal gives an account the top tier for a month, from today
 * to the same day of the next month, when it falls back to its own plan by
 * itself; its contract and invoices stay on its own plan. Before it is
 * granted the server computes what it does to the next invoice and the MRR
 * (GrantReverseTrial with preview) once the reason is given.
 */
export function ReverseTrialModal({ account, ...dialog }: DialogProps & { account: Account }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("accounts.trial.title", {
        organization: account.organizationName || account.organizationId,
      })}
    >
      <ReverseTrialForm account={account} onDone={dialog.onClose} />
    </FormModal>
  );
}

function ReverseTrialForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t, locale } = useI18n();
  const grant = useGrantReverseTrial();
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const reason = form.values.reason.trim();
  const request: TrialRequest | null =
    reason !== "" ? { organizationId: account.organizationId, reason } : null;
  const [granting, setGranting] = useState(false);
  const { query: preview, current, computing } = useTrialPreview(request, granting);
  const previewErrors =
    request && preview.error
      ? formErrors(preview.error, fields, locale)
      : { fields: {} as Record<string, string>, message: null };
  const reasonProps = form.getInputProps("reason");

  const submit = form.onSubmit(async () => {
    if (!request) return;
    clearFailure();
    setGranting(true);
    try {
      const response = await grant.mutateAsync({ ...request, preview: false });
      const trial = response.trial;
      notifications.show({
        color: "teal",
        message: t("accounts.trial.granted", {
          plan: trial?.planName ?? "",
          date: trial ? formatCivilDate(trial.revertDate, locale) : "",
        }),
      });
      onDone();
    } catch (error) {
      setGranting(false);
      showFailure(error, fields);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("accounts.trial.hint", { plan: account.planName || "—" })}
        </Text>
        <ReasonField
          required
          minRows={2}
          data-autofocus
          {...reasonProps}
          error={reasonProps.error ?? previewErrors.fields.reason}
        />
        <EffectPreview
          ready={request !== null}
          effect={request !== null ? preview.data?.effect : undefined}
          current={current}
          computing={computing}
          failure={
            request !== null && preview.error ? (previewErrors.message ?? t("effect.fix")) : null
          }
          currency={account.currency || "EUR"}
          pending={t("accounts.trial.pending")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("accounts.trial.confirm"), loading: grant.isPending }}
        />
      </Stack>
    </form>
  );
}

/**
 * EndTrialModal ends an account's running reverse trial before its day,
 * with the reason: it has its own plan's caps again from today.
 */
export function EndTrialModal({ account, ...dialog }: DialogProps & { account: Account }) {
  const { t, locale } = useI18n();
  const cancel = useCancelReverseTrial();
  const organization = account.organizationName || account.organizationId;
  const trial = account.trial;
  return (
    <ReasonModal
      {...dialog}
      title={t("accounts.endTrial.title", { organization })}
      body={t("accounts.endTrial.body", {
        plan: trial?.planName || "—",
        date: trial ? formatCivilDate(trial.revertDate, locale) : "—",
        own: account.planName || "—",
      })}
      confirm={t("accounts.endTrial.confirm")}
      color="red"
      onConfirm={async (reason) => {
        await cancel.mutateAsync({ organizationId: account.organizationId, reason });
        notifications.show({
          color: "teal",
          message: t("accounts.endTrial.done", { organization }),
        });
      }}
    />
  );
}
