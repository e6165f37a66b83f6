import { IconDownload, IconPencil, IconPlugConnected, IconTrash } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import type { Connection } from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import type { RowAction } from "@/components/row-actions/RowActions";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useDeleteConnection } from "../api/connections";
import { ConnectionFormModal } from "./ConnectionFormModal";
import { ImportServersModal } from "./ImportServersModal";
import { TestConnectionModal } from "./TestConnectionModal";

/**
 * useConnectionActions returns a connection's actions — Test, Import
 * servers, Edit, Delete — and the dialogs they open. All need
 * CONNECTIONS_MANAGE; a delete the server refuses (servers still linked)
 * says why in its dialog.
 */
export function useConnectionActions(options: { onDeleted?: () => void } = {}): {
  actionsFor: (connection: Connection) => RowAction[];
  dialogs: ReactNode;
} {
  const { t } = useI18n();
  const canManage = usePermission(Permission.CONNECTIONS_MANAGE);
  const remove = useDeleteConnection();
  const [testing, setTesting] = useState<Connection | null>(null);
  const [importing, setImporting] = useState<Connection | null>(null);
  const [editing, setEditing] = useState<Connection | null>(null);

  const actionsFor = (c: Connection): RowAction[] => [
    {
      id: "test",
      label: t("connections.test"),
      icon: <IconPlugConnected size={16} />,
      hidden: !canManage,
      onSelect: () => setTesting(c),
    },
    {
      id: "import",
      label: t("connections.import"),
      icon: <IconDownload size={16} />,
      hidden: !canManage,
      onSelect: () => setImporting(c),
    },
    {
      id: "edit",
      label: t("common.edit"),
      icon: <IconPencil size={16} />,
      hidden: !canManage,
      onSelect: () => setEditing(c),
    },
    {
      id: "delete",
      label: t("connections.delete"),
      icon: <IconTrash size={16} />,
      color: "red",
      hidden: !canManage,
      dividerBefore: true,
      danger: true,
      title: t("connections.deleteTitle", { name: c.name }),
      message: t("connections.deleteBody"),
      confirmLabel: t("connections.delete"),
      reason: "none",
      successMessage: t("connections.deleted", { name: c.name }),
      run: async () => {
        await remove.mutateAsync({ id: c.id });
        options.onDeleted?.();
      },
    },
  ];

  const dialogs = (
    <>
      <TestConnectionModal connection={testing} onClose={() => setTesting(null)} />
      <ImportServersModal connection={importing} onClose={() => setImporting(null)} />
      <ConnectionFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        connection={editing ?? undefined}
      />
    </>
  );

  return { actionsFor, dialogs };
}
