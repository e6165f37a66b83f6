import { Box, Paper, Skeleton, Stack, Table, Text, ThemeIcon, VisuallyHidden } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { PlatformRoleBadge } from "@/components/ui/Badges";
import { RoleService } from "@leitstand/sdk/leitstand/admin/v1/role_service_pb.js";
import { ExportButton } from "@/components/data-table/ExportButton";
import { ListFooter } from "@/components/data-table/ListFooter";
import { PageHeader } from "@/components/ui/PageHeader";
import { QueryError } from "@/components/ui/QueryError";
import { useI18n } from "@/lib/i18n/i18n";
import { permissionHelpKey, permissionKey } from "@/lib/labels";
import { useRoles } from "./api/roles";
import classes from "./RolesPage.module.css";

/** RolesPage shows which permissions each platform role holds, as the server enforces them. */
export function RolesPage() {
  const { t, formatNumber } = useI18n();
  const query = useRoles();

  const header = (
    <PageHeader
      title={t("roles.title")}
      description={t("roles.description")}
      actions={<ExportButton method={RoleService.method.listRoles} request={{}} />}
    />
  );
  if (query.isPending) {
    return (
      <>
        {header}
        <Skeleton height={420} />
      </>
    );
  }
  if (query.error) {
    return (
      <>
        {header}
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const { roles, allPermissions } = query.data;
  return (
    <>
      {header}
      <Paper withBorder className={classes.paper}>
        <Table.ScrollContainer minWidth={720} type="native">
          <Table
            aria-label={t("roles.matrix")}
            verticalSpacing="sm"
            horizontalSpacing="md"
            highlightOnHover
            className={classes.table}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("roles.col.permission")}</Table.Th>
                {roles.map((role) => (
                  <Table.Th key={role.role} scope="col" ta="center" w={140}>
                    <Stack gap={4} align="center">
                      <PlatformRoleBadge role={role.role} />
                      <Text fz="xs" c="dimmed" fw={400} className="tabular-nums">
                        {t(role.userCount === 1 ? "roles.userCount.one" : "roles.userCount.other", {
                          count: formatNumber(role.userCount),
                        })}
                      </Text>
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {allPermissions.map((permission) => (
                <Table.Tr key={permission}>
                  <Table.Th scope="row" fw={400}>
                    <Text fz="sm" fw={600}>
                      {t(permissionKey(permission))}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {t(permissionHelpKey(permission))}
                    </Text>
                  </Table.Th>
                  {roles.map((role) => {
                    const held = role.permissions.includes(permission);
                    return (
                      <Table.Td key={role.role} ta="center" data-held={held}>
                        {held ? (
                          <ThemeIcon
                            size={24}
                            radius="xl"
                            variant="light"
                            color="teal"
                            aria-hidden
                            className={classes.mark}
                          >
                            <IconCheck size={15} stroke={2.2} />
                          </ThemeIcon>
                        ) : (
                          <Text span c="dimmed" aria-hidden>
                            —
                          </Text>
                        )}
                        <VisuallyHidden>
                          {t(held ? "roles.granted" : "roles.notGranted")}
                        </VisuallyHidden>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Box px="md" py="sm" className={classes.footer}>
          <ListFooter
            noun={{
              one: "roles.count.one",
              other: "roles.count.other",
              showing: "roles.count.showing",
            }}
            shown={roles.length}
          />
        </Box>
      </Paper>
    </>
  );
}
