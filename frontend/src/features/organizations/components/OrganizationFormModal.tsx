import {
  Alert,
  Checkbox,
  Divider,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import {
  EInvoiceFormat,
  OrganizationStatus,
  type Organization,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { CountrySelect } from "@/components/ui/CountrySelect";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { normalizeVatId, vatIdProblem } from "@/lib/vat-id";
import { useI18n } from "@/lib/i18n/i18n";
import {
  eInvoiceFormatKey,
  eInvoiceFormats,
  enumOptions,
  organizationStatusKey,
  organizationStatuses,
} from "@/lib/labels";
import { Permission, usePermission } from "@/lib/auth";
import { useCreateOrganization, usePlanChoices, useUpdateOrganization } from "../api/organizations";

interface Values {
  name: string;
  legalName: string;
  status: string;
  billingEmail: string;
  vatId: string;
  managed: boolean;
  /** The plan of the first contract (creating only); "" for the lowest-ranked plan. */
  planId: string;
  billingAddress: {
    line1: string;
    line2: string;
    postalCode: string;
    city: string;
    countryCode: string;
  };
  /** The e-invoice settings (editing only: an organization is created with the defaults). */
  eInvoice: {
    /** The EInvoiceFormat as a string, the select's value. */
    format: string;
    buyerReference: string;
    electronicAddress: string;
    publicSector: boolean;
  };
  reason: string;
}

function valuesOf(org?: Organization): Values {
  return {
    name: org?.name ?? "",
    legalName: org?.legalName ?? "",
    status: String(org?.status ?? OrganizationStatus.ACTIVE),
    billingEmail: org?.billingEmail ?? "",
    vatId: org?.vatId ?? "",
    managed: org?.managed ?? false,
    planId: "",
    billingAddress: {
      line1: org?.billingAddress?.line1 ?? "",
      line2: org?.billingAddress?.line2 ?? "",
      postalCode: org?.billingAddress?.postalCode ?? "",
      city: org?.billingAddress?.city ?? "",
      countryCode: org?.billingAddress?.countryCode ?? "",
    },
    eInvoice: {
      // Not set is ZUGFeRD, as on the server.
      format: String(org?.eInvoice?.format || EInvoiceFormat.ZUGFERD),
      buyerReference: org?.eInvoice?.buyerReference ?? "",
      electronicAddress: org?.eInvoice?.electronicAddress ?? "",
      publicSector: org?.eInvoice?.publicSector ?? false,
    },
    reason: "",
  };
}

// The update_mask path of each form field.
const maskPaths: Record<Exclude<keyof Values, "reason" | "planId">, string> = {
  name: "name",
  legalName: "legal_name",
  status: "status",
  billingEmail: "billing_email",
  vatId: "vat_id",
  managed: "managed",
  billingAddress: "billing_address",
  eInvoice: "e_invoice",
};

// The server finds a public authority without a valid Leitweg-ID at the
// buyer reference and at the public-sector mark: both show at the
// Leitweg-ID, the field to correct.
const violationAliases = { "eInvoice.publicSector": "eInvoice.buyerReference" };

/** changedPaths lists the update_mask paths of the fields that differ from the organization. */
export function changedPaths(initial: Values, values: Values): string[] {
  return (Object.keys(maskPaths) as (keyof typeof maskPaths)[])
    .filter((key) => JSON.stringify(initial[key]) !== JSON.stringify(values[key]))
    .map((key) => maskPaths[key]);
}

/** OrganizationFormModal creates an organization, or edits one when given. */
export function OrganizationFormModal({
  organization,
  ...dialog
}: DialogProps & { organization?: Organization }) {
  const { t } = useI18n();
  return (
    <FormModal
      {...dialog}
      size="xl"
      title={
        organization ? t("orgs.editTitle", { name: organization.name }) : t("orgs.createTitle")
      }
    >
      <OrganizationForm organization={organization} onDone={dialog.onClose} />
    </FormModal>
  );
}

function OrganizationForm({
  organization,
  onDone,
}: {
  organization?: Organization;
  onDone: () => void;
}) {
  const { t, formatMoney } = useI18n();
  const navigate = useNavigate();
  const canReadPlans = usePermission(Permission.PLANS_READ);
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const initial = valuesOf(organization);
  const editing = organization !== undefined;
  const plans = usePlanChoices(!editing && canReadPlans);

  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      // Spaces, dots, dashes and lower case are fine ("de 596 352 701"):
      // the number is sent normalised. The server checks each country's
      // format and the German check digit.
      vatId: (v) => {
        if (v.trim() === "") return null;
        const problem = vatIdProblem(v);
        if (problem === "germanFormat") return t("validation.vatId.de");
        return problem ? t("validation.pattern.vatId") : null;
      },
      eInvoice: {
        // Whether it is a valid Leitweg-ID (its check digits) is the
        // server's to say; a missing one is plain here already.
        buyerReference: (v, values) =>
          values.eInvoice.publicSector && v.trim() === ""
            ? t("validation.leitwegId.required")
            : null,
      },
      reason: (v, values) =>
        editing && values.status !== initial.status && v.trim() === ""
          ? t("validation.reasonRequired")
          : null,
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const statusChanged = editing && form.values.status !== initial.status;

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const address = {
      line1: values.billingAddress.line1.trim(),
      line2: values.billingAddress.line2.trim(),
      postalCode: values.billingAddress.postalCode.trim(),
      city: values.billingAddress.city.trim(),
      countryCode: values.billingAddress.countryCode.trim().toUpperCase(),
    };
    try {
      if (organization) {
        const paths = changedPaths(initial, values);
        if (paths.length === 0) {
          onDone();
          return;
        }
        await update.mutateAsync({
          organization: {
            id: organization.id,
            name: values.name.trim(),
            legalName: values.legalName.trim(),
            status: Number(values.status) as OrganizationStatus,
            billingEmail: values.billingEmail.trim(),
            vatId: normalizeVatId(values.vatId),
            managed: values.managed,
            billingAddress: address,
            eInvoice: {
              format: Number(values.eInvoice.format) as EInvoiceFormat,
              buyerReference: values.eInvoice.buyerReference.trim(),
              electronicAddress: values.eInvoice.electronicAddress.trim(),
              publicSector: values.eInvoice.publicSector,
            },
          },
          updateMask: { paths },
          reason: values.reason.trim(),
        });
        notifications.show({ color: "teal", message: t("orgs.updated") });
        onDone();
      } else {
        const response = await create.mutateAsync({
          name: values.name.trim(),
          legalName: values.legalName.trim(),
          billingEmail: values.billingEmail.trim(),
          vatId: normalizeVatId(values.vatId),
          managed: values.managed,
          billingAddress: address,
          planId: values.planId,
          reason: values.reason.trim(),
        });
        notifications.show({
          color: "teal",
          message: t("orgs.created", { name: response.organization?.name ?? values.name }),
        });
        onDone();
        if (response.organization) {
          void navigate({
            to: "/organizations/$organizationId",
            params: { organizationId: response.organization.id },
            search: { tab: "overview" },
          });
        }
      }
    } catch (error) {
      showFailure(error, fieldPaths(values), violationAliases);
    }
  });

  const closed = organization?.status === OrganizationStatus.CLOSED;
  const publicSector = form.values.eInvoice.publicSector;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {closed && (
          <Alert color="gray" variant="light">
            {t("orgs.closedHint")}
          </Alert>
        )}
        <Stack gap="sm">
          <Text fw={600} fz="sm">
            {t("orgs.section.general")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: editing ? 3 : 2 }} spacing="md">
            <TextInput
              label={t("orgs.field.name")}
              withAsterisk
              data-autofocus
              {...form.getInputProps("name")}
            />
            <TextInput
              label={t("orgs.field.legalName")}
              placeholder={t("orgs.field.legalNamePlaceholder")}
              {...form.getInputProps("legalName")}
            />
            {editing && (
              <Select
                label={t("orgs.field.status")}
                data={enumOptions(organizationStatuses, organizationStatusKey, t)}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps("status")}
              />
            )}
          </SimpleGrid>
        </Stack>
        <Divider />
        <Stack gap="sm">
          <Text fw={600} fz="sm">
            {t("orgs.section.billing")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t("orgs.field.billingEmail")}
              type="email"
              placeholder="billing@example.com"
              {...form.getInputProps("billingEmail")}
            />
            <TextInput
              label={t("orgs.field.vatId")}
              placeholder="DE123456789"
              {...form.getInputProps("vatId")}
            />
          </SimpleGrid>
          {!editing && canReadPlans && (
            <Select
              label={t("orgs.field.plan")}
              description={t("orgs.field.planHint")}
              inputWrapperOrder={["label", "input", "description", "error"]}
              placeholder={t("orgs.field.planDefault")}
              data={(plans.data?.plans ?? [])
                .filter((p) => !p.retired)
                .map((p) => ({
                  value: p.id,
                  label: t("orgs.field.planOption", {
                    plan: p.name,
                    fee: formatMoney(p.terms?.monthlyFeeCents ?? 0n, p.terms?.currency || "EUR"),
                  }),
                }))}
              clearable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("planId")}
              value={form.values.planId || null}
              onChange={(value) => form.setFieldValue("planId", value ?? "")}
            />
          )}
          <Checkbox
            label={t("orgs.field.managed")}
            description={t("orgs.field.managedHint")}
            {...form.getInputProps("managed", { type: "checkbox" })}
          />
        </Stack>
        {editing && (
          <>
            <Divider />
            <Stack gap="sm">
              <Text fw={600} fz="sm">
                {t("orgs.section.eInvoice")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <Select
                  label={t("orgs.field.eInvoiceFormat")}
                  description={t("orgs.field.eInvoiceFormatHint")}
                  data={enumOptions(eInvoiceFormats, eInvoiceFormatKey, t)}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps("eInvoice.format")}
                />
                <TextInput
                  label={t("orgs.field.eInvoiceAddress")}
                  description={t("orgs.field.eInvoiceAddressHint")}
                  type="email"
                  placeholder={form.values.billingEmail.trim() || "e-invoice@example.com"}
                  {...form.getInputProps("eInvoice.electronicAddress")}
                />
              </SimpleGrid>
              <Switch
                label={t("orgs.field.publicSector")}
                description={t("orgs.field.publicSectorHint")}
                {...form.getInputProps("eInvoice.publicSector", { type: "checkbox" })}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  // A public authority's buyer reference is its Leitweg-ID.
                  label={publicSector ? t("orgs.field.leitwegId") : t("orgs.field.buyerReference")}
                  description={
                    publicSector
                      ? t("orgs.field.leitwegIdHint")
                      : t("orgs.field.buyerReferenceHint")
                  }
                  withAsterisk={publicSector}
                  {...form.getInputProps("eInvoice.buyerReference")}
                />
              </SimpleGrid>
            </Stack>
          </>
        )}
        <Divider />
        <Stack gap="sm">
          <Text fw={600} fz="sm">
            {t("orgs.section.address")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t("orgs.field.line1")}
              {...form.getInputProps("billingAddress.line1")}
            />
            <TextInput
              label={t("orgs.field.line2")}
              {...form.getInputProps("billingAddress.line2")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              label={t("orgs.field.postalCode")}
              {...form.getInputProps("billingAddress.postalCode")}
            />
            <TextInput
              label={t("orgs.field.city")}
              {...form.getInputProps("billingAddress.city")}
            />
            <CountrySelect
              label={t("orgs.field.countryCode")}
              placeholder={t("orgs.field.countryPlaceholder")}
              nothingFoundMessage={t("orgs.field.countryNone")}
              {...form.getInputProps("billingAddress.countryCode")}
            />
          </SimpleGrid>
        </Stack>
        <Divider />
        <ReasonField
          required={statusChanged}
          description={editing ? t("orgs.statusReasonHint") : undefined}
          minRows={1}
          {...form.getInputProps("reason")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{
            label: editing ? t("common.save") : t("common.create"),
            loading: create.isPending || update.isPending,
            disabled: closed,
          }}
        />
      </Stack>
    </form>
  );
}
