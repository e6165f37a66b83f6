import { Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal, type DialogProps } from "@/components/ui/FormModal";
import { ReasonField } from "@/components/ui/ReasonField";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useBookingChoices, useBookService } from "../api/services";

/**
 * BookServiceModal books a catalog item: organization, then one of its
 * workspaces, then one of the items it can book, at the price it pays (a
 * reseller's customer: its reseller's offers and own items, at the
 * reseller's prices and terms). organizationId fixes the organization (the
 * organization page's Services tab).
 */
export function BookServiceModal({
  organizationId,
  ...dialog
}: DialogProps & { organizationId?: string }) {
  const { t } = useI18n();
  return (
    <FormModal {...dialog} title={t("services.bookTitle")}>
      <BookServiceForm organizationId={organizationId} onDone={dialog.onClose} />
    </FormModal>
  );
}

function BookServiceForm({
  organizationId,
  onDone,
}: {
  organizationId?: string;
  onDone: () => void;
}) {
  const { t, formatMoney } = useI18n();
  const navigate = useNavigate();
  const book = useBookService();
  const form = useForm({
    initialValues: {
      organizationId: organizationId ?? "",
      workspaceId: "",
      catalogItemId: "",
      name: "",
      reason: "",
    },
    validate: {
      organizationId: (v) => (v === "" ? t("validation.required") : null),
      workspaceId: (v) => (v === "" ? t("validation.required") : null),
      catalogItemId: (v) => (v === "" ? t("validation.required") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const { orgs, workspaces, items } = useBookingChoices(form.values.organizationId);
  const bookable = items.data?.items ?? [];
  const chosen = bookable.find((b) => b.item?.id === form.values.catalogItemId);
  /** The terms of a booking under a reseller's offer: its minimum term and notice. */
  const bookingTerms = (b: (typeof bookable)[number]) => {
    const parts = [
      b.minimumTermMonths > 0
        ? t("services.bookMinimumTerm", { count: b.minimumTermMonths })
        : t("services.bookNoMinimumTerm"),
    ];
    if (b.noticePeriodDays > 0)
      parts.push(t("services.bookNoticePeriod", { count: b.noticePeriodDays }));
    return parts.join(" · ");
  };

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      const res = await book.mutateAsync({
        catalogItemId: values.catalogItemId,
        workspaceId: values.workspaceId,
        name: values.name.trim(),
        reason: values.reason.trim(),
      });
      const svc = res.serviceInstance!;
      notifications.show({ color: "teal", message: t("services.booked", { name: svc.name }) });
      onDone();
      void navigate({ to: "/services/$serviceId", params: { serviceId: svc.id } });
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {!organizationId && (
          <Select
            label={t("services.bookOrganization")}
            withAsterisk
            searchable
            data-autofocus
            data={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("organizationId")}
            onChange={(value) => {
              form.setFieldValue("organizationId", value ?? "");
              form.setFieldValue("workspaceId", "");
              // Another organization may book other items, at other prices.
              form.setFieldValue("catalogItemId", "");
            }}
          />
        )}
        <Select
          label={t("services.bookWorkspace")}
          withAsterisk
          disabled={form.values.organizationId === ""}
          data={(workspaces.data?.workspaces ?? []).map((w) => ({ value: w.id, label: w.name }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("workspaceId")}
          onChange={(value) => form.setFieldValue("workspaceId", value ?? "")}
        />
        <Select
          label={t("services.bookItem")}
          description={chosen ? bookingTerms(chosen) : undefined}
          withAsterisk
          searchable
          disabled={form.values.organizationId === ""}
          nothingFoundMessage={t("services.bookNothing")}
          data={bookable.map((b) => ({
            value: b.item?.id ?? "",
            label: `${b.item?.name ?? ""} · ${formatMoney(b.monthlyPriceCents, b.currency || "EUR")}`,
          }))}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("catalogItemId")}
          // Null, not "": a searchable select would keep showing the label of an earlier choice.
          value={form.values.catalogItemId || null}
          onChange={(value) => form.setFieldValue("catalogItemId", value ?? "")}
        />
        <TextInput
          label={t("services.field.name")}
          description={t("services.bookNameHint")}
          {...form.getInputProps("name")}
        />
        <ReasonField {...form.getInputProps("reason")} />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("services.book"), loading: book.isPending }}
        />
      </Stack>
    </form>
  );
}
