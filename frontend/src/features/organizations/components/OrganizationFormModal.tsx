import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import {
  OrganizationStatus,
  type Organization,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { fieldPaths, formErrors } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { organizationStatusKey, organizationStatuses } from "@/lib/labels";
import { FormActions } from "@/components/ui/FormActions";
import { useCreateOrganization, useUpdateOrganization } from "../api/organizations";

interface Values {
  name: string;
  legalName: string;
  status: string;
  billingEmail: string;
  vatId: string;
  managed: boolean;
  billingAddress: {
    line1: string;
    line2: string;
    postalCode: string;
    city: string;
    countryCode: string;
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
    billingAddress: {
      line1: org?.billingAddress?.line1 ?? "",
      line2: org?.billingAddress?.line2 ?? "",
      postalCode: org?.billingAddress?.postalCode ?? "",
      city: org?.billingAddress?.city ?? "",
      countryCode: org?.billingAddress?.countryCode ?? "",
    },
    reason: "",
  };
}

// The update_mask path of each form field.
const maskPaths: Record<Exclude<keyof Values, "reason">, string> = {
  name: "name",
  legalName: "legal_name",
  status: "status",
  billingEmail: "billing_email",
  vatId: "vat_id",
  managed: "managed",
  billingAddress: "billing_address",
};

/** changedPaths lists the update_mask paths of the fields that differ from the organization. */
export function changedPaths(initial: Values, values: Values): string[] {
  return (Object.keys(maskPaths) as (keyof typeof maskPaths)[])
    .filter((key) => JSON.stringify(initial[key]) !== JSON.stringify(values[key]))
    .map((key) => maskPaths[key]);
}

/** OrganizationFormModal creates an organization, or edits one when given. */
export function OrganizationFormModal({
  opened,
  onClose,
  organization,
}: {
  opened: boolean;
  onClose: () => void;
  organization?: Organization;
}) {
  const { t } = useI18n();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={
        <Text fw={600} fz="lg">
          {organization ? t("orgs.editTitle", { name: organization.name }) : t("orgs.createTitle")}
        </Text>
      }
    >
      {opened && <OrganizationForm organization={organization} onDone={onClose} />}
    </Modal>
  );
}

function OrganizationForm({
  organization,
  onDone,
}: {
  organization?: Organization;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const [failure, setFailure] = useState<string | null>(null);
  const initial = valuesOf(organization);
  const editing = organization !== undefined;

  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim() === "" ? t("validation.required") : null),
      reason: (v, values) =>
        editing && values.status !== initial.status && v.trim() === ""
          ? t("validation.reasonRequired")
          : null,
    },
  });
  const statusChanged = editing && form.values.status !== initial.status;

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
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
            vatId: values.vatId.trim(),
            managed: values.managed,
            billingAddress: address,
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
          vatId: values.vatId.trim(),
          managed: values.managed,
          billingAddress: address,
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
      const result = formErrors(error, fieldPaths(values), locale);
      form.setErrors(result.fields);
      setFailure(
        result.message ?? (Object.keys(result.fields).length > 0 ? null : t("error.generic")),
      );
    }
  });

  const closed = organization?.status === OrganizationStatus.CLOSED;

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
                data={organizationStatuses.map((s) => ({
                  value: String(s),
                  label: t(organizationStatusKey(s)),
                }))}
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
          <Checkbox
            label={t("orgs.field.managed")}
            description={t("orgs.field.managedHint")}
            {...form.getInputProps("managed", { type: "checkbox" })}
          />
        </Stack>
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
            <TextInput
              label={t("orgs.field.countryCode")}
              placeholder="DE"
              title={t("orgs.field.countryCodeHint")}
              maxLength={2}
              {...form.getInputProps("billingAddress.countryCode")}
            />
          </SimpleGrid>
        </Stack>
        <Divider />
        <Textarea
          label={statusChanged ? t("common.reason") : t("common.reasonOptional")}
          description={editing ? t("orgs.statusReasonHint") : undefined}
          placeholder={t("common.reasonPlaceholder")}
          withAsterisk={statusChanged}
          autosize
          minRows={1}
          {...form.getInputProps("reason")}
        />
        {failure && (
          <Alert color="red" variant="light" role="alert" style={{ whiteSpace: "pre-line" }}>
            {failure}
          </Alert>
        )}
        <FormActions>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} disabled={closed}>
            {editing ? t("common.save") : t("common.create")}
          </Button>
        </FormActions>
      </Stack>
    </form>
  );
}
