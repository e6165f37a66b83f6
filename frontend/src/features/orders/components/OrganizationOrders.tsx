import { Button, Group } from "@mantine/core";
import { IconClipboardList, IconPlus } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useOrganizationOrders } from "../api/orders";
import { orderColumns } from "./columns";
import { CreateOrderModal } from "./OrderFormModal";

/**
 * OrganizationOrders is the Orders tab of an organization's page: its
 * orders, newest first, and opening one for it (not for a closed
 * organization: open says so).
 */
export function OrganizationOrders({
  organizationId,
  open,
}: {
  organizationId: string;
  open: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const canWrite = usePermission(Permission.ORDERS_WRITE);
  const [creating, setCreating] = useState(false);
  const list = useOrganizationOrders(organizationId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.orders) ?? [], [list.data]);
  const columns = useMemo(() => orderColumns(i18n, false), [i18n]);
  return (
    <>
      {canWrite && open && (
        <Group justify="flex-end" mb="md">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t("orders.new")}
          </Button>
        </Group>
      )}
      <DataTable
        label={t("orders.title")}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        {...pagingProps(list)}
        dense
        total={list.data?.pages[0]?.totalSize}
        noun={{
          one: "orders.count.one",
          other: "orders.count.other",
          showing: "orders.count.showing",
        }}
        onRowClick={(o) => void navigate({ to: "/orders/$orderId", params: { orderId: o.id } })}
        empty={
          <ListEmptyState
            icon={<IconClipboardList size={22} />}
            filtered={false}
            title={t("orders.tabEmpty")}
            onClearFilters={() => undefined}
          />
        }
      />
      <CreateOrderModal
        opened={creating}
        onClose={() => setCreating(false)}
        organizationId={organizationId}
      />
    </>
  );
}
