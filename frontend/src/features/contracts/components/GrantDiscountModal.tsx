import { Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePercent, percentText } from "@/lib/percent";
import { DiscountKind } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { useGrantDiscount, useWorkspaces } from "../api/contracts";
import { discountKinds, kindHelpKey, kindKey } from "../discounts";

/** The form's fields, named as the request's, so that the server's verdicts land at them. */
const fields = [
  "kind",
  "name",
  "percent",
  "workspaceId",
  "startDate",
  "endDate",
  "reason",
] as const;

/**
 * GrantDiscountModal grants an organization, or one of its workspaces, a
 * percentage off its invoices from a day (today unless changed) until a
 * last day or further notice, with a reason.
 */
export function GrantDiscountModal({
  organization,
  today,
  ...dialog
}: DialogProps & { organization: { id: string; name: string }; today: string }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("contracts.discount.grantTitle", { organization: organization.name })}
    >
      <GrantDiscountForm organizationId={organization.id} today={today} onDone={dialog.onClose} />
    </FormModal>
  );
}

function GrantDiscountForm({
  organizationId,
  today,
  onDone,
}: {
  organizationId: string;
  today: string;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const grant = useGrantDiscount();
  const workspaces = useWorkspaces(organizationId, true);
  const form = useForm({
    initialValues: {
      kind: String(DiscountKind.COMMERCIAL),
      name: "",
      percent: "",
      workspaceId: "",
      startDate: today,
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
  const basisPoints = parsePercent(form.values.percent);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const response = await grant.mutateAsync({
        organizationId,
        kind: Number(values.kind) as DiscountKind,
        workspaceId: values.workspaceId,
        name: values.name.trim(),
        basisPoints: parsePercent(values.percent) ?? 0,
        startDate: values.startDate,
        endDate: values.endDate,
        reason: values.reason.trim(),
      });
      notifications.show({
        color: "teal",
        message: t("contracts.discount.granted", { name: response.discount?.name ?? values.name }),
      });
      onDone();
    } catch (error) {
      // The percentage is sent as basis points.
      showFailure(error, fields, { basisPoints: "percent" });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("contracts.discount.grantHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            label={t("contracts.discount.field.name")}
            description={t("contracts.discount.field.nameHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            withAsterisk
            maxLength={80}
            data-autofocus
            {...form.getInputProps("name")}
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
            rightSection={
              <Text fz="sm" c="dimmed">
                %
              </Text>
            }
            {...form.getInputProps("percent")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label={t("contracts.discount.field.kind")}
            description={t(kindHelpKey(Number(form.values.kind) as DiscountKind))}
            inputWrapperOrder={["label", "input", "description", "error"]}
            data={discountKinds.map((k) => ({ value: String(k), label: t(kindKey(k)) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("kind")}
            value={form.values.kind}
            onChange={(value) => value && form.setFieldValue("kind", value)}
          />
          <Select
            label={t("contracts.discount.field.scope")}
            data={[
              { value: "", label: t("contracts.discount.organization") },
              ...(workspaces.data?.workspaces ?? []).map((w) => ({
                value: w.id,
                label: t("contracts.discount.workspace", { name: w.name }),
              })),
            ]}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("workspaceId")}
            value={form.values.workspaceId}
            onChange={(value) => form.setFieldValue("workspaceId", value ?? "")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput
            type="date"
            label={t("contracts.discount.field.start")}
            description={t("contracts.discount.field.startHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            min={today || undefined}
            {...form.getInputProps("startDate")}
          />
          <TextInput
            type="date"
            label={t("contracts.discount.field.end")}
            description={t("contracts.discount.field.endHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            min={form.values.startDate || today || undefined}
            {...form.getInputProps("endDate")}
          />
        </SimpleGrid>
        <ReasonField required minRows={1} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("contracts.discount.grant"), loading: grant.isPending }}
        />
      </Stack>
    </form>
  );
}
