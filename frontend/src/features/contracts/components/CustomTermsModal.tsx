import { Checkbox, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { Contract } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { PlanTermsSchema } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { create } from "@bufbuild/protobuf";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { useSetCustomTerms } from "../api/contracts";
import {
  capFields,
  customTermsOf,
  parseTerm,
  termFields,
  termInput,
  termKind,
  termLabels,
  termText,
  type TermField,
  type TermKind,
} from "../terms";

interface Values {
  /** Whether each term is overridden. */
  overrides: Record<TermField, boolean>;
  /** What is typed for each term; named as the API's field paths, so its errors land here. */
  customTerms: Record<TermField, string>;
  reason: string;
}

const unitOf: Record<TermKind, MessageKey | null> = {
  money: "contracts.unit.euro",
  hours: "contracts.unit.hours",
  count: null,
};

const invalidOf: Record<TermKind, MessageKey> = {
  money: "contracts.invalidMoney",
  hours: "contracts.invalidHours",
  count: "contracts.invalidNumber",
};

/** CustomTermsModal sets all of a contract's custom terms at once, with a reason. */
export function CustomTermsModal({
  contract,
  organizationName,
  ...dialog
}: DialogProps & { contract: Contract; organizationName: string }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="lg"
      title={t("contracts.editTermsTitle", { organization: organizationName })}
    >
      <CustomTermsForm contract={contract} onDone={dialog.onClose} />
    </FormModal>
  );
}

function CustomTermsForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const set = useSetCustomTerms();
  const planTerms = contract.planTerms ?? create(PlanTermsSchema);
  const inForce = contract.terms ?? planTerms;
  const custom = contract.customTerms;

  const form = useForm<Values>({
    initialValues: {
      overrides: Object.fromEntries(
        termFields.map((f) => [f, custom?.[f] !== undefined]),
      ) as Record<TermField, boolean>,
      // An overridden term starts at its custom value, the others at the plan's.
      customTerms: Object.fromEntries(
        termFields.map((f) => [f, termInput(inForce, f, locale)]),
      ) as Record<TermField, string>,
      reason: contract.customTermsReason,
    },
    validate: {
      customTerms: Object.fromEntries(
        termFields.map((f) => [
          f,
          (v: string, values: Values) =>
            values.overrides[f] && parseTerm(f, v) === null ? t(invalidOf[termKind[f]]) : null,
        ]),
      ) as Record<TermField, (v: string, values: Values) => string | null>,
      reason: (v) => (v.trim() === "" ? t("validation.reasonRequired") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const parsed: Partial<Record<TermField, bigint>> = {};
    for (const f of termFields) {
      if (values.overrides[f]) parsed[f] = parseTerm(f, values.customTerms[f]) ?? 0n;
    }
    try {
      await set.mutateAsync({
        organizationId: contract.organizationId,
        customTerms: customTermsOf(parsed),
        reason: values.reason.trim(),
      });
      notifications.show({ color: "teal", message: t("contracts.termsSaved") });
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("contracts.editTermsHint")}
        </Text>
        <Stack gap="xs">
          {termFields.map((f) => {
            const on = form.values.overrides[f];
            const unit = unitOf[termKind[f]];
            return (
              <SimpleGrid
                key={f}
                cols={{ base: 1, xs: 2 }}
                spacing="sm"
                verticalSpacing={4}
                data-term={f}
              >
                <Stack gap={2} justify="center">
                  <Checkbox
                    label={t(termLabels[f])}
                    aria-label={`${t("contracts.override")}: ${t(termLabels[f])}`}
                    {...form.getInputProps(`overrides.${f}`, { type: "checkbox" })}
                  />
                  <Text fz="xs" c="dimmed" pl={30}>
                    {t("contracts.planValue", { value: termText(i18n, planTerms, f) })}
                  </Text>
                </Stack>
                <TextInput
                  aria-label={t(termLabels[f])}
                  disabled={!on}
                  inputMode={termKind[f] === "count" ? "numeric" : "decimal"}
                  rightSection={
                    unit ? (
                      <Text fz="sm" c="dimmed">
                        {t(unit)}
                      </Text>
                    ) : undefined
                  }
                  description={capFields.includes(f) ? t("contracts.capHint") : undefined}
                  inputWrapperOrder={["label", "input", "description", "error"]}
                  {...form.getInputProps(`customTerms.${f}`)}
                />
              </SimpleGrid>
            );
          })}
        </Stack>
        <ReasonField required minRows={1} {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("contracts.saveTerms"), loading: set.isPending }}
        />
      </Stack>
    </form>
  );
}
