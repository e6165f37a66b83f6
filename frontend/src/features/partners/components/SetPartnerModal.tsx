import { Skeleton, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { Partner } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePercent, percentInput, percentText } from "@/lib/percent";
import { usePartners, useSetPartner } from "../api/partners";

/** The form's fields, and the form's names of the request's fields where they differ. */
const fields = ["partner", "commission", "reason"] as const;
/** The commission is typed as a percentage and sent as basis points. */
const aliases = { commissionBasisPoints: "commission" };

/** What the dialog needs of the account it is opened on (a row of Usage & billing). */
export type PartnerAccount = Pick<Account, "organizationId" | "organizationName" | "partner">;

/**
 * SetPartnerModal makes an organization a partner at a commission rate,
 * changes its rate, or ends its partnership, with a reason. It starts from
 * the partnership as it is (its rate, also of a former partner).
 */
export function SetPartnerModal({ account, ...dialog }: DialogProps & { account: PartnerAccount }) {
  const { t } = useI18n();
  const partners = usePartners(true, dialog.opened);
  return (
    <FormModal
      {...dialog}
      title={t("partners.set.title", {
        organization: account.organizationName || account.organizationId,
      })}
    >
      {partners.isPending ? (
        <Skeleton height={220} />
      ) : (
        <PartnerForm
          account={account}
          // A list that failed to load leaves the rate empty: it is typed anew.
          current={partners.data?.partners.find((p) => p.organizationId === account.organizationId)}
          onDone={dialog.onClose}
        />
      )}
    </FormModal>
  );
}

function PartnerForm({
  account,
  current,
  onDone,
}: {
  account: PartnerAccount;
  current: Partner | undefined;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const set = useSetPartner();
  const organization = account.organizationName || account.organizationId;
  const form = useForm({
    initialValues: {
      // Opened on one that is not a partner, the dialog makes it one.
      partner: current?.partner ?? true,
      commission: current ? percentInput(current.commissionBasisPoints, locale) : "",
      reason: "",
    },
    validate: {
      commission: (v, values) =>
        values.partner && parsePercent(v, { zero: true }) === null
          ? t("partners.set.commissionInvalid")
          : null,
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const basisPoints = parsePercent(form.values.commission, { zero: true });

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const rate = values.partner ? (basisPoints ?? 0) : (current?.commissionBasisPoints ?? 0);
    try {
      await set.mutateAsync({
        organizationId: account.organizationId,
        partner: values.partner,
        commissionBasisPoints: rate,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: values.partner
          ? t("partners.set.done", { organization, percent: percentText(rate, locale) })
          : t("partners.set.ended", { organization }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fields, aliases);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Switch
          label={t("partners.set.partner")}
          description={
            form.values.partner ? t("partners.set.partnerHint") : t("partners.set.endHint")
          }
          {...form.getInputProps("partner", { type: "checkbox" })}
        />
        {form.values.partner && (
          <TextInput
            label={t("partners.set.commission")}
            description={
              basisPoints !== null
                ? t("partners.set.commissionIs", { percent: percentText(basisPoints, locale) })
                : t("partners.set.commissionHint")
            }
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            inputMode="decimal"
            data-autofocus
            maw={{ xs: 260 }}
            rightSection={
              <Text fz="sm" c="dimmed">
                %
              </Text>
            }
            {...form.getInputProps("commission")}
          />
        )}
        <ReasonField required minRows={1} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("partners.set.confirm"), loading: set.isPending }}
        />
      </Stack>
    </form>
  );
}
