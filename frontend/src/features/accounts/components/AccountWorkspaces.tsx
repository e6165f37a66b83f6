import { Button, Group, Table, Text } from "@mantine/core";
import { IconChartBar } from "@tabler/icons-react";
import type {
  Account,
  AccountWorkspace,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { RecordActions, type RecordAction } from "@/components/row-actions/RecordActions";
import { formatGigabytes } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { ContactLink } from "./Contacts";
import classes from "./Accounts.module.css";

/** A workspace of an account, the record of a workspace's row menu (⋮). */
export interface WorkspaceOfAccount {
  account: Account;
  workspace: AccountWorkspace;
}

/**
 * AccountWorkspaces is an opened account of the rollup: its workspaces,
 * each with its tier, users, storage, traffic and admin (and its menu of
 * `actions`, composed by the route), and the way to its twelve months.
 */
export function AccountWorkspaces({
  account,
  onHistory,
  actions = [],
}: {
  account: Account;
  onHistory: () => void;
  actions?: readonly RecordAction<WorkspaceOfAccount>[];
}) {
  const { t, locale, formatNumber } = useI18n();
  const name = account.organizationName || account.organizationId;
  const label = t("accounts.workspaces", { name });
  return (
    <div role="region" aria-label={label}>
      <Group justify="space-between" mb="xs" gap="sm">
        <Text fz="sm" fw={600}>
          {label}
        </Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconChartBar size={14} />}
          onClick={onHistory}
        >
          {t("accounts.history")}
        </Button>
      </Group>
      {account.workspaces.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t("accounts.workspaces.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing={4} horizontalSpacing="sm" fz="sm" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("accounts.ws.name")}</Table.Th>
                <Table.Th>{t("accounts.ws.tier")}</Table.Th>
                <Table.Th ta="right">{t("accounts.ws.users")}</Table.Th>
                <Table.Th ta="right">{t("accounts.ws.storage")}</Table.Th>
                <Table.Th ta="right">{t("accounts.ws.traffic")}</Table.Th>
                <Table.Th>{t("accounts.ws.admin")}</Table.Th>
                {actions.length > 0 && <Table.Th w={52} aria-label={t("common.actions")} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {account.workspaces.map((w) => (
                <Table.Tr key={w.workspaceId} data-workspace>
                  <Table.Td>{w.name || w.workspaceId}</Table.Td>
                  <Table.Td>{w.planName || "—"}</Table.Td>
                  <Table.Td ta="right" className={classes.amount}>
                    {formatNumber(w.users)}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.amount}>
                    {formatGigabytes(w.storageBytes, locale)}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.amount}>
                    {formatGigabytes(w.trafficBytes, locale)}
                  </Table.Td>
                  <Table.Td maw={260}>
                    {w.adminContact ? <ContactLink contact={w.adminContact} /> : "—"}
                  </Table.Td>
                  {actions.length > 0 && (
                    <Table.Td ta="right">
                      <RecordActions
                        record={{ account, workspace: w }}
                        label={t("accounts.ws.label", {
                          workspace: w.name || w.workspaceId,
                          organization: name,
                        })}
                        actions={actions}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}
