import { Radio, Select, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Account } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useSetManagedBilling, useStaff } from "../api/accounts";
import { parseContact } from "../rollup";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = ["managed", "accountManagerUserId", "reason"] as const;

/**
 * ManagedBillingModal marks an account as billed offline (invoices staff
 * issue and payment links instead of card collection), looked after by an
 * account manager picked from the staff, or back to billed as usual; or
 * changes its manager. With the reason.
 */
export function ManagedBillingModal({ account, ...dialog }: DialogProps & { account: Account }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      title={t("accounts.managed.title", {
        organization: account.organizationName || account.organizationId,
      })}
    >
      <ManagedBillingForm account={account} onDone={dialog.onClose} />
    </FormModal>
  );
}

function ManagedBillingForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useI18n();
  const set = useSetManagedBilling();
  const staff = useStaff(true);
  const organization = account.organizationName || account.organizationId;
  const form = useForm({
    initialValues: {
      managed: account.managed ? "yes" : "no",
      accountManagerUserId: account.accountManagerUserId,
      reason: "",
    },
    validate: {
      accountManagerUserId: (v, values) =>
        values.managed === "yes" && v === "" ? t("accounts.managed.managerRequired") : null,
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const managed = form.values.managed === "yes";

  // The staff by name; the manager named now stays a choice, should the list not hold them.
  const options = (staff.data?.members ?? []).map((m) => ({
    value: m.id,
    label: m.displayName ? `${m.displayName} (${m.email})` : m.email,
  }));
  if (
    account.accountManagerUserId &&
    !options.some((o) => o.value === account.accountManagerUserId)
  ) {
    const { name, email } = parseContact(account.accountManager);
    options.unshift({
      value: account.accountManagerUserId,
      label: name && email ? `${name} (${email})` : name || account.accountManagerUserId,
    });
  }

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const response = await set.mutateAsync({
        organizationId: account.organizationId,
        managed: values.managed === "yes",
        accountManagerUserId: values.managed === "yes" ? values.accountManagerUserId : "",
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: response.managed
          ? t("accounts.managed.done", {
              organization,
              manager: parseContact(response.accountManager).name || response.accountManager,
            })
          : t("accounts.managed.undone", { organization }),
      });
      onDone();
    } catch (error) {
      showFailure(error, fields);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group
          label={t("accounts.managed.billing")}
          withAsterisk
          {...form.getInputProps("managed")}
        >
          <Stack gap={8} mt={6}>
            <Radio
              value="yes"
              label={t("accounts.managed.yes")}
              description={t("accounts.managed.yesHint")}
            />
            <Radio
              value="no"
              label={t("accounts.managed.no")}
              description={t("accounts.managed.noHint")}
            />
          </Stack>
        </Radio.Group>
        {managed && (
          <Select
            label={t("accounts.managed.manager")}
            description={t("accounts.managed.managerHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            placeholder={t("accounts.managed.managerPlaceholder")}
            withAsterisk
            searchable
            data={options}
            nothingFoundMessage={t("accounts.managed.noStaff")}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={
              staff.error
                ? t("accounts.managed.staffFailed")
                : form.getInputProps("accountManagerUserId").error
            }
            value={form.values.accountManagerUserId || null}
            onChange={(value) => form.setFieldValue("accountManagerUserId", value ?? "")}
          />
        )}
        {!managed && account.managed && (
          <Text fz="sm" c="dimmed">
            {t("accounts.managed.undoHint")}
          </Text>
        )}
        <ReasonField required minRows={2} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("common.save"), loading: set.isPending }}
        />
      </Stack>
    </form>
  );
}
