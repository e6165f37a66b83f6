import { Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileInvoice, IconPlus, IconReceipt } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { ActionButton } from "@/components/row-actions/RowActions";
import { ButtonLink } from "@/components/ui/links";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useBillOrganization, useInvoiceList } from "../api/invoices";
import { invoicesSearchDefaults } from "../search";
import { invoiceColumns } from "./columns";
import { NextInvoicePreview } from "./NextInvoicePreview";

/**
 * OrganizationInvoices is the Invoices tab of an organization's page: its
 * next invoice as it would be issued now, billing it now, and its
 * invoices, the latest first.
 */
export function OrganizationInvoices({ organizationId }: { organizationId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const canWrite = usePermission(Permission.INVOICES_WRITE);
  const list = useInvoiceList({ ...invoicesSearchDefaults, org: organizationId });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.invoices) ?? [], [list.data]);
  const columns = useMemo(() => invoiceColumns(i18n, false), [i18n]);
  const bill = useBillOrganization();

  return (
    <Stack gap="lg">
      <NextInvoicePreview organizationId={organizationId} />
      <Section
        title={t("invoices.title")}
        actions={
          canWrite && (
            <Group gap="sm">
              <ButtonLink
                to="/invoices/new"
                search={{ organization: organizationId }}
                variant="default"
                leftSection={<IconPlus size={16} />}
              >
                {t("invoices.newManual")}
              </ButtonLink>
              <ActionButton
                action={{
                  id: "bill",
                  label: t("invoices.bill.now"),
                  icon: <IconReceipt size={16} />,
                  title: t("invoices.bill.title"),
                  message: t("invoices.bill.message"),
                  confirmLabel: t("invoices.bill.now"),
                  reason: "none",
                  run: async () => {
                    const res = await bill.mutateAsync({ organizationId });
                    const count = res.invoices.length;
                    notifications.show({
                      color: count > 0 ? "teal" : "gray",
                      message:
                        count > 0
                          ? t("invoices.bill.issued", {
                              count,
                              numbers: res.invoices.map((i) => i.number).join(", "),
                            })
                          : t("invoices.bill.nothing"),
                    });
                  },
                }}
              />
            </Group>
          )
        }
        padding={0}
      >
        <DataTable
          label={t("invoices.title")}
          columns={columns}
          rows={rows}
          rowKey={(inv) => inv.id}
          {...pagingProps(list)}
          dense
          total={list.data?.pages[0]?.totalSize}
          noun={{
            one: "invoices.count.one",
            other: "invoices.count.other",
            showing: "invoices.count.showing",
          }}
          onRowClick={(inv) =>
            void navigate({ to: "/invoices/$invoiceId", params: { invoiceId: inv.id } })
          }
          empty={
            <ListEmptyState
              icon={<IconFileInvoice size={22} />}
              filtered={false}
              title={t("invoices.tabEmpty")}
              onClearFilters={() => undefined}
            />
          }
        />
      </Section>
    </Stack>
  );
}
