import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconFileInvoice, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMemo, useState, type ReactNode } from "react";
import type { Invoice } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { FormFailure, FormFooter } from "@/components/ui/FormActions";
import { ReasonField } from "@/components/ui/ReasonField";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { parsePrice } from "@/lib/price";
import {
  useCreateManualInvoice,
  useManualInvoiceCheck,
  useOrganizationChoices,
  type ManualInvoiceDraft,
} from "../api/invoices";
import { manualUnits, today, unitName } from "../money";
import { placeErrors } from "../violations";
import { InvoiceLines } from "./InvoiceLines";

interface LineValues {
  key: string;
  description: string;
  quantity: number | string;
  unit: string;
  unitPrice: string;
}

interface Values {
  organizationId: string;
  periodStart: string;
  periodLastDay: string;
  reason: string;
  lines: LineValues[];
}

let lineKeys = 0;
const newLine = (): LineValues => ({
  key: `line-${++lineKeys}`,
  description: "",
  quantity: 1,
  unit: "C62",
  unitPrice: "",
});

/**
 * draftOf is the request of the form's values, cents as text (so that it
 * can be compared and debounced); null while it cannot be sent: no
 * organization, or a price that is not one.
 */
function draftOf(values: Values): ManualInvoiceDraft | null {
  if (!values.organizationId) return null;
  const lines: ManualInvoiceDraft["lines"] = [];
  for (const line of values.lines) {
    const cents = line.unitPrice.trim() === "" ? 0n : parsePrice(line.unitPrice);
    const quantity = typeof line.quantity === "number" ? line.quantity : Number(line.quantity);
    if (cents === null || !Number.isInteger(quantity)) return null;
    lines.push({
      description: line.description,
      quantity: String(quantity),
      unit: line.unit,
      unitPriceCents: cents.toString(),
    });
  }
  return {
    organizationId: values.organizationId,
    periodStart: values.periodStart,
    periodLastDay: values.periodLastDay,
    reason: values.reason.trim(),
    lines,
  };
}

/**
 * ManualInvoiceForm issues an invoice of lines typed in, with the server's
 * totals as one types (CreateManualInvoice with validate_only). On its page
 * (`variant="page"`) the organization is picked, starting with `organization`;
 * in a dialog (`variant="dialog"`, an account's Issue invoice…) it is the
 * given one, and a reason is required.
 */
export function ManualInvoiceForm({
  variant,
  organization,
  organizationName,
  onIssued,
  onCancel,
}: {
  variant: "page" | "dialog";
  /** The organization billed (org_…), or "" to pick one on the page. */
  organization: string;
  /** Its name, in a dialog. */
  organizationName?: string;
  onIssued: (invoice: Invoice | undefined) => void;
  onCancel: () => void;
}) {
  const { t, locale, formatMoney } = useI18n();
  const inDialog = variant === "dialog";
  const orgs = useOrganizationChoices(!inDialog);
  const create = useCreateManualInvoice();
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const day = today();
  const form = useForm<Values>({
    initialValues: {
      organizationId: organization,
      periodStart: day,
      periodLastDay: day,
      reason: "",
      lines: [newLine()],
    },
    validate: {
      organizationId: (v) => (v ? null : t("validation.required")),
      reason: (v) => (inDialog && v.trim() === "" ? t("validation.reasonRequired") : null),
      lines: {
        description: (v) => (v.trim() === "" ? t("validation.required") : null),
        unitPrice: (v) => (parsePrice(v) === null ? t("invoices.validation.price") : null),
      },
    },
  });

  // The server computes the invoice as it would issue it, ~300 ms after the last keystroke.
  const draft = useMemo(() => draftOf(form.values), [form.values]);
  const draftKey = draft ? JSON.stringify(draft) : "";
  const [debouncedKey] = useDebouncedValue(draftKey, 300);
  const check = useManualInvoiceCheck(debouncedKey);
  const stale = draftKey !== debouncedKey || check.isFetching;
  const preview = check.data?.invoice;

  const fieldPaths = useMemo(
    () =>
      new Set([
        "organizationId",
        "periodStart",
        "periodLastDay",
        "reason",
        "lines",
        ...form.values.lines.flatMap((_, i) =>
          ["description", "quantity", "unit", "unitPrice"].map((f) => `lines.${i}.${f}`),
        ),
      ]),
    [form.values.lines],
  );
  // The server's objections to what is typed, shown at a field once it was touched.
  const live = useMemo(
    () =>
      check.error && debouncedKey
        ? placeErrors(check.error, fieldPaths, locale)
        : { fields: {}, message: null },
    [check.error, debouncedKey, fieldPaths, locale],
  );
  const errorOf = (path: string) =>
    form.errors[path] ??
    ((submitted || form.isTouched(path)) && !stale ? live.fields[path] : undefined);

  const orgOptions = useMemo(() => {
    const options = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
    if (organization && !options.some((o) => o.value === organization)) {
      options.push({ value: organization, label: organizationName || organization });
    }
    return options;
  }, [orgs.data, organization, organizationName]);

  const submit = form.onSubmit(async () => {
    setSubmitted(true);
    setFailure(null);
    if (!draft) return;
    try {
      const res = await create.mutateAsync({
        organizationId: draft.organizationId,
        periodStart: draft.periodStart,
        periodLastDay: draft.periodLastDay,
        reason: draft.reason,
        lines: draft.lines.map((l) => ({
          description: l.description,
          quantity: BigInt(l.quantity),
          unit: l.unit,
          unitPriceCents: BigInt(l.unitPriceCents),
        })),
        validateOnly: false,
      });
      notifications.show({
        color: "teal",
        message: t("invoices.issued", { number: res.invoice?.number ?? "" }),
      });
      onIssued(res.invoice);
    } catch (error) {
      const placed = placeErrors(error, fieldPaths, locale);
      form.setErrors(placed.fields);
      setFailure(placed.message);
    }
  });

  const unitOptions = manualUnits.map((u) => ({
    value: u,
    label: `${unitName(u, 2, locale)} (${t(`invoices.unit.${u}`)})`,
  }));
  const moneyPlaceholder = locale === "de" ? "95,00" : "95.00";
  const lineNet = (index: number) => {
    const line = preview?.lines[index];
    return line ? formatMoney(line.netCents, preview?.currency || "EUR") : "—";
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {/* In a dialog the organization is the title's, and the dates say what they are. */}
        <Part dialog={inDialog} title={inDialog ? undefined : t("invoices.manual.customer")}>
          <SimpleGrid cols={{ base: 1, sm: inDialog ? 2 : 3 }} spacing="md">
            {!inDialog && (
              <Select
                label={t("invoices.field.organization")}
                withAsterisk
                searchable
                data={orgOptions}
                nothingFoundMessage={t("search.nothingFound")}
                {...form.getInputProps("organizationId")}
                error={errorOf("organizationId")}
              />
            )}
            <TextInput
              type="date"
              label={t("invoices.manual.periodStart")}
              {...form.getInputProps("periodStart")}
              error={errorOf("periodStart")}
            />
            <TextInput
              type="date"
              label={t("invoices.manual.periodLastDay")}
              min={form.values.periodStart || undefined}
              {...form.getInputProps("periodLastDay")}
              error={errorOf("periodLastDay")}
            />
          </SimpleGrid>
        </Part>
        <Part dialog={inDialog} title={t("invoices.section.lines")}>
          <Stack gap="sm">
            {form.values.lines.map((line, i) => (
              <Group
                key={line.key}
                align="flex-start"
                gap="sm"
                wrap="nowrap"
                role="group"
                aria-label={t("invoices.manual.line", { position: i + 1 })}
                data-line={i + 1}
              >
                <Text fz="sm" c="dimmed" w={20} ta="right" mt={i === 0 ? 32 : 8}>
                  {i + 1}
                </Text>
                <TextInput
                  label={i === 0 ? t("invoices.line.description") : undefined}
                  aria-label={t("invoices.line.description")}
                  withAsterisk={i === 0}
                  style={{ flex: 1 }}
                  maxLength={1000}
                  {...form.getInputProps(`lines.${i}.description`)}
                  error={errorOf(`lines.${i}.description`)}
                />
                <NumberInput
                  label={i === 0 ? t("invoices.line.quantity") : undefined}
                  aria-label={t("invoices.line.quantity")}
                  w={100}
                  allowDecimal={false}
                  min={-1_000_000}
                  max={1_000_000}
                  {...form.getInputProps(`lines.${i}.quantity`)}
                  error={errorOf(`lines.${i}.quantity`)}
                />
                <Select
                  label={i === 0 ? t("invoices.line.unit") : undefined}
                  aria-label={t("invoices.line.unit")}
                  w={150}
                  data={unitOptions}
                  allowDeselect={false}
                  {...form.getInputProps(`lines.${i}.unit`)}
                  error={errorOf(`lines.${i}.unit`)}
                />
                <TextInput
                  label={i === 0 ? t("invoices.manual.unitPrice") : undefined}
                  aria-label={t("invoices.manual.unitPrice")}
                  w={130}
                  inputMode="decimal"
                  placeholder={moneyPlaceholder}
                  {...form.getInputProps(`lines.${i}.unitPrice`)}
                  error={errorOf(`lines.${i}.unitPrice`)}
                />
                <Stack gap={2} w={110} mt={i === 0 ? 0 : 0}>
                  {i === 0 && (
                    <Text fz="sm" fw={500} ta="right">
                      {t("invoices.line.net")}
                    </Text>
                  )}
                  <Text
                    fz="sm"
                    ta="right"
                    lh="36px"
                    className="tabular-nums"
                    c={stale ? "dimmed" : undefined}
                    data-testid={`line-net-${i + 1}`}
                  >
                    {lineNet(i)}
                  </Text>
                </Stack>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={i === 0 ? 28 : 4}
                  aria-label={t("invoices.manual.removeLine", { position: i + 1 })}
                  disabled={form.values.lines.length === 1}
                  onClick={() => form.removeListItem("lines", i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem("lines", newLine())}
              >
                {t("invoices.manual.addLine")}
              </Button>
            </Group>
            <ReasonField
              required={inDialog}
              maxLength={1000}
              {...form.getInputProps("reason")}
              error={errorOf("reason")}
            />
          </Stack>
        </Part>
        <Part dialog={inDialog} title={t("invoices.manual.totals")}>
          {preview ? (
            <InvoiceLines invoice={preview} stale={stale} />
          ) : (
            <Text fz="sm" c="dimmed" data-testid="totals-pending">
              {draft ? t("invoices.manual.computing") : t("invoices.manual.totalsHint")}
            </Text>
          )}
          {live.message && !stale && (
            <Text fz="sm" c="red" mt="sm" style={{ whiteSpace: "pre-line" }}>
              {live.message}
            </Text>
          )}
        </Part>
        {inDialog ? (
          <FormFooter
            failure={failure}
            onCancel={onCancel}
            submit={{
              label: t("invoices.manual.issue"),
              icon: <IconFileInvoice size={16} />,
              loading: create.isPending,
            }}
          />
        ) : (
          <>
            <FormFailure failure={failure} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onCancel}>
                {t("common.cancel")}
              </Button>
              <Button
                type="submit"
                loading={create.isPending}
                leftSection={<IconFileInvoice size={16} />}
              >
                {t("invoices.manual.issue")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}

/** Part is a part of the form: a card on its page, under a heading (if any) in a dialog. */
function Part({
  dialog,
  title,
  children,
}: {
  dialog: boolean;
  title?: string;
  children: ReactNode;
}) {
  return dialog ? (
    <Stack gap="xs">
      {title && (
        <Title order={4} fz="sm">
          {title}
        </Title>
      )}
      {children}
    </Stack>
  ) : (
    <Section title={title}>{children}</Section>
  );
}
