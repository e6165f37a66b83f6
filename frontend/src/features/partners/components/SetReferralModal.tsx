import { Select, Skeleton, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { Partner } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { usePartners, useSetReferral } from "../api/partners";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["partnerId", "reason"] as const;

/** What the dialog needs of the account it is opened on (a row of Usage & billing). */
export type ReferralAccount = Pick<Account, "organizationId" | "organizationName" | "referredById">;

/**
 * SetReferralModal records which partner referred an organization (one of
 * the partners, never the organization itself), or that none did, with a
 * reason. It starts from the partner the account names, when its name is
 * one partner's.
 */
export function SetReferralModal({
  account,
  ...dialog
}: DialogProps & { account: ReferralAccount }) {
  const { t } = useI18n();
  // Former partners too: the referral an account has may be to one.
  const partners = usePartners(true, dialog.opened);
  return (
    <FormModal
      {...dialog}
      title={t("partners.referral.title", {
        organization: account.organizationName || account.organizationId,
      })}
    >
      {partners.isPending ? (
        <Skeleton height={200} />
      ) : (
        <ReferralForm
          account={account}
          partners={(partners.data?.partners ?? []).filter(
            (p) => p.organizationId !== account.organizationId,
          )}
          onDone={dialog.onClose}
        />
      )}
    </FormModal>
  );
}

function ReferralForm({
  account,
  partners,
  onDone,
}: {
  account: ReferralAccount;
  partners: Partner[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const set = useSetReferral();
  const organization = account.organizationName || account.organizationId;
  const form = useForm({
    initialValues: { partnerId: account.referredById, reason: "" },
    validate: { reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  // A former partner may stay (it was chosen before), but is not offered anew.
  const choices = partners.filter((p) => p.partner || p.organizationId === form.values.partnerId);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await set.mutateAsync({
        organizationId: account.organizationId,
        partnerId: values.partnerId,
        reason: values.reason.trim(),
      });
      const partner = partners.find((p) => p.organizationId === values.partnerId);
      notifications.show({
        color: "teal",
        message: partner
          ? t("partners.referral.done", { organization, partner: partner.name })
          : t("partners.referral.cleared", { organization }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fields);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Select
          label={t("partners.referral.partner")}
          data={[
            { value: "", label: t("partners.referral.none") },
            ...choices.map((p) => ({
              value: p.organizationId,
              label: p.partner ? p.name : t("partners.referral.formerOption", { name: p.name }),
            })),
          ]}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-autofocus
          {...form.getInputProps("partnerId")}
          onChange={(value) => form.setFieldValue("partnerId", value ?? "")}
        />
        <Text fz="sm" c="dimmed">
          {t("partners.referral.hint")}
        </Text>
        <ReasonField required minRows={1} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("partners.referral.confirm"), loading: set.isPending }}
        />
      </Stack>
    </form>
  );
}
