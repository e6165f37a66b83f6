import { Alert, Anchor, List, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import { fieldId } from "../mask";

/** The label of each field an invoice may need, by its path in the settings. */
const labels: Record<string, [section: MessageKey, field: MessageKey]> = {
  "company.name": ["settings.section.company", "settings.company.name"],
  "company.legal_form": ["settings.section.company", "settings.company.legalForm"],
  "company.address": ["settings.section.company", "settings.company.address"],
  "company.address.line1": ["settings.section.company", "settings.company.line1"],
  "company.address.line2": ["settings.section.company", "settings.company.line2"],
  "company.address.postal_code": ["settings.section.company", "settings.company.postalCode"],
  "company.address.city": ["settings.section.company", "settings.company.city"],
  "company.address.country_code": ["settings.section.company", "settings.company.countryCode"],
  "company.register_court": ["settings.section.company", "settings.company.registerCourt"],
  "company.register_number": ["settings.section.company", "settings.company.registerNumber"],
  "company.managing_directors": ["settings.section.company", "settings.company.managingDirectors"],
  "company.email": ["settings.section.company", "settings.company.email"],
  "company.phone": ["settings.section.company", "settings.company.phone"],
  "company.website": ["settings.section.company", "settings.company.website"],
  "tax.vat_rate_basis_points": ["settings.section.tax", "settings.tax.vatRate"],
  // The server asks for the tax number when neither it nor the VAT ID is given.
  "tax.tax_number": ["settings.section.tax", "settings.tax.taxNumberOrVatId"],
  "tax.vat_id": ["settings.section.tax", "settings.tax.vatId"],
  "bank.account_holder": ["settings.section.bank", "settings.bank.accountHolder"],
  "bank.iban": ["settings.section.bank", "settings.bank.iban"],
  "bank.bic": ["settings.section.bank", "settings.bank.bic"],
  "bank.bank_name": ["settings.section.bank", "settings.bank.bankName"],
  "invoice.number_prefix": ["settings.section.invoice", "settings.invoice.numberPrefix"],
  "invoice.payment_terms_days": ["settings.section.invoice", "settings.invoice.paymentTerms"],
  "invoice.time_zone": ["settings.section.invoice", "settings.invoice.timeZone"],
};

/** The input a path leads to: a whole address leads to its first line. */
const inputOf: Record<string, string> = { "company.address": "company.address.line1" };

function focusField(path: string) {
  const element = document.getElementById(fieldId(inputOf[path] ?? path));
  if (!element) return;
  element.scrollIntoView({ block: "center", behavior: "smooth" });
  element.focus({ preventScroll: true });
}

/**
 * MissingForInvoices lists what an invoice still needs and is empty, each a
 * link that moves to the field. Renders nothing when nothing is missing.
 */
export function MissingForInvoices({ paths }: { paths: string[] }) {
  const { t } = useI18n();
  if (paths.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={t("settings.missing.title")}
      mb="lg"
      data-testid="missing-for-invoices"
    >
      <Text fz="sm" mb={6}>
        {t("settings.missing.body")}
      </Text>
      <List size="sm" spacing={2}>
        {paths.map((path) => {
          const label = labels[path];
          return (
            <List.Item key={path}>
              {label ? (
                <Anchor component="button" type="button" fz="sm" onClick={() => focusField(path)}>
                  {`${t(label[0])}: ${t(label[1])}`}
                </Anchor>
              ) : (
                <Text span fz="sm" ff="monospace">
                  {path}
                </Text>
              )}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
