import { Button, Group } from "@mantine/core";
import { IconPlus, IconStack2 } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useOrganizationServices } from "../api/services";
import { BookServiceModal } from "./BookServiceModal";
import { serviceColumns } from "./columns";

/**
 * OrganizationServices is the Services tab of an organization's page: its
 * services, and booking one for it (not for a suspended or closed
 * organization: bookable says so).
 */
export function OrganizationServices({
  organizationId,
  bookable,
}: {
  organizationId: string;
  bookable: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const canWrite = usePermission(Permission.SERVICES_WRITE);
  const [booking, setBooking] = useState(false);
  const list = useOrganizationServices(organizationId);
  const rows = useMemo(
    () => list.data?.pages.flatMap((p) => p.serviceInstances) ?? [],
    [list.data],
  );
  const columns = useMemo(() => serviceColumns(i18n, false), [i18n]);
  return (
    <>
      {canWrite && bookable && (
        <Group justify="flex-end" mb="md">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setBooking(true)}>
            {t("services.book")}
          </Button>
        </Group>
      )}
      <DataTable
        label={t("services.title")}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        {...pagingProps(list)}
        total={list.data?.pages[0]?.totalSize}
        noun={{
          one: "services.count.one",
          other: "services.count.other",
          showing: "services.count.showing",
        }}
        onRowClick={(s) =>
          void navigate({ to: "/services/$serviceId", params: { serviceId: s.id } })
        }
        empty={
          <ListEmptyState
            icon={<IconStack2 size={22} />}
            filtered={false}
            title={t("services.tabEmpty")}
            onClearFilters={() => undefined}
          />
        }
      />
      <BookServiceModal
        opened={booking}
        onClose={() => setBooking(false)}
        organizationId={organizationId}
      />
    </>
  );
}
