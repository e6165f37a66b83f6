import { Button, Code, Table, Text } from "@mantine/core";
import { useState } from "react";
import { diffJson, type DiffRow } from "@/lib/json-diff";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "./JsonDiff.module.css";

function Value({ value }: { value?: string }) {
  if (value === undefined) return <Text c="dimmed">—</Text>;
  if (value === "") return <Text c="dimmed">""</Text>;
  return <Code className={classes.value}>{value}</Code>;
}

/**
 * JsonDiff shows an object's before and after side by side, changed fields
 * highlighted. fieldLabel names a field by its path ("billing_address.line1"
 * -> "Billing address › Street and number"); a field it does not name is
 * shown by its path.
 */
export function JsonDiff({
  before,
  after,
  fieldLabel,
}: {
  before: string;
  after: string;
  fieldLabel?: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const rows = diffJson(before, after);
  const changed = rows.filter((r) => r.kind !== "unchanged");
  const shown: DiffRow[] = showAll ? rows : changed;

  return (
    <div>
      {changed.length === 0 && (
        <Text c="dimmed" fz="sm" mb="xs">
          {t("audit.noChanges")}
        </Text>
      )}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table className={classes.table} verticalSpacing={6} fz="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="30%">{t("audit.field")}</Table.Th>
                <Table.Th>{t("audit.before")}</Table.Th>
                <Table.Th>{t("audit.after")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => {
                const label = fieldLabel?.(row.path);
                return (
                  <Table.Tr key={row.path} data-kind={row.kind} className={classes.row}>
                    <Table.Td
                      className={classes.path}
                      title={row.path}
                      data-raw={label === undefined || undefined}
                    >
                      {label ?? row.path}
                    </Table.Td>
                    <Table.Td className={classes.before}>
                      <Value value={row.before} />
                    </Table.Td>
                    <Table.Td className={classes.after}>
                      <Value value={row.after} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rows.length > changed.length && (
        <Button variant="subtle" size="compact-xs" mt={6} onClick={() => setShowAll((v) => !v)}>
          {t(showAll ? "audit.hideUnchanged" : "audit.showUnchanged", {
            count: rows.length - changed.length,
          })}
        </Button>
      )}
    </div>
  );
}
