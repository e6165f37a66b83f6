import { Badge, Code, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Organization } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { DetailList } from "@/components/ui/DetailList";
import { OrganizationStatusBadge } from "@/components/ui/Badges";
import { Section } from "@/components/ui/Section";
import { useI18n } from "@/lib/i18n/i18n";
import { eInvoiceFormatKey } from "@/lib/labels";
import { BillingDates } from "./BillingDates";

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function OrganizationOverview({ organization: org }: { organization: Organization }) {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  const address = org.billingAddress;
  const eInvoice = org.eInvoice;
  const publicSector = eInvoice?.publicSector ?? false;
  const hasAddress =
    address &&
    [address.line1, address.line2, address.postalCode, address.city, address.countryCode].some(
      Boolean,
    );
  const dash = (
    <Text span c="dimmed">
      —
    </Text>
  );

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Section title={t("orgs.section.general")}>
        <DetailList
          items={[
            { label: t("orgs.field.name"), value: org.name },
            { label: t("orgs.field.legalName"), value: org.legalName || dash },
            {
              label: t("orgs.field.status"),
              value: <OrganizationStatusBadge status={org.status} />,
            },
            {
              label: t("orgs.field.managed"),
              value: org.managed ? (
                <Badge color="violet" variant="light">
                  {t("common.yes")}
                </Badge>
              ) : (
                t("common.no")
              ),
            },
            {
              label: t("common.created"),
              value: org.createTime ? formatDate(timestampDate(org.createTime)) : dash,
            },
            {
              label: t("common.updated"),
              value: org.updateTime ? formatDateTime(timestampDate(org.updateTime)) : dash,
            },
            { label: t("common.id"), value: <Code>{org.id}</Code> },
          ]}
        />
      </Section>
      <Section title={t("orgs.section.billing")}>
        <Stack gap="lg">
          <DetailList
            items={[
              { label: t("orgs.field.billingEmail"), value: org.billingEmail || dash },
              {
                label: t("orgs.field.vatId"),
                value: org.vatId ? <span data-testid="vat-id">{org.vatId}</span> : dash,
              },
              {
                label: t("orgs.field.billingDay"),
                value: org.billingDay
                  ? t("orgs.field.billingDayValue", { day: org.billingDay })
                  : dash,
              },
            ]}
          />
          <BillingDates organizationId={org.id} />
          <Stack gap="xs" data-testid="e-invoice">
            <Group gap="xs">
              <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
                {t("orgs.section.eInvoice")}
              </Text>
              {publicSector && (
                <Badge color="indigo" variant="light" size="sm">
                  {t("orgs.field.publicSector")}
                </Badge>
              )}
            </Group>
            <DetailList
              items={[
                {
                  label: t("orgs.field.eInvoiceFormat"),
                  value: t(eInvoiceFormatKey(eInvoice?.format ?? 0)),
                },
                {
                  // A public authority's buyer reference is its Leitweg-ID.
                  label: publicSector ? t("orgs.field.leitwegId") : t("orgs.field.buyerReference"),
                  value: eInvoice?.buyerReference ? (
                    <span data-testid="buyer-reference">{eInvoice.buyerReference}</span>
                  ) : publicSector ? (
                    dash
                  ) : (
                    <Text span c="dimmed" fz="sm">
                      {t("orgs.field.buyerReferenceDefault")}
                    </Text>
                  ),
                },
                {
                  label: t("orgs.field.eInvoiceAddress"),
                  value: eInvoice?.electronicAddress || (
                    <Text span c="dimmed" fz="sm">
                      {t("orgs.field.eInvoiceAddressDefault")}
                    </Text>
                  ),
                },
              ]}
            />
          </Stack>
          <Stack gap={2}>
            <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
              {t("orgs.section.address")}
            </Text>
            {hasAddress ? (
              <Text fz="sm" component="address" fs="normal" data-testid="billing-address">
                {org.legalName || org.name}
                <br />
                {address.line1}
                {address.line1 && <br />}
                {address.line2}
                {address.line2 && <br />}
                {[address.postalCode, address.city].filter(Boolean).join(" ")}
                <br />
                {address.countryCode ? countryName(address.countryCode, locale) : null}
              </Text>
            ) : (
              <Text fz="sm" c="dimmed">
                {t("orgs.noAddress")}
              </Text>
            )}
          </Stack>
        </Stack>
      </Section>
    </SimpleGrid>
  );
}
