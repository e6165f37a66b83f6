import { Avatar, Badge, Group, Skeleton, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { IconUser } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { AuditActivity } from "@/components/audit/AuditActivity";
import { AnchorLink } from "@/components/ui/links";
import { RowActions } from "@/components/row-actions/RowActions";
import { OrganizationRoleBadge, PlatformRoleBadge } from "@/components/ui/Badges";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { Truncated } from "@/components/data-table/Truncated";
import { CopyableId } from "@/components/ui/CopyButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { permissionKey } from "@/lib/labels";
import { initials } from "@/lib/text";
import { useMember } from "./api/members";
import { useMemberActions } from "./components/useMemberActions";

const route = getRouteApi("/_app/members/$memberId");

export function MemberDetailPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { memberId } = route.useParams();
  const query = useMember(memberId);
  const actionsFor = useMemberActions();
  const canReadOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const canAudit = usePermission(Permission.AUDIT_READ);
  const crumbs = [{ label: t("members.title"), to: "/members" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={220} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("members.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconUser size={22} />}
        notFound={t("members.notFound")}
      />
    );
  }

  const { member: m, organizations, grants, recentActivity } = query.data;
  if (!m) return null;
  const name = m.displayName || m.email;
  const dash = (
    <Text span c="dimmed">
      —
    </Text>
  );

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Avatar radius="xl" size={44} color="leitstand" style={{ flexShrink: 0 }}>
              {initials(name)}
            </Avatar>
            <Truncated>{name}</Truncated>
          </Group>
        }
        meta={<CopyableId id={m.id} />}
        badge={
          <Group gap={6} wrap="nowrap">
            <PlatformRoleBadge role={m.platformRole} />
            {m.disabled && (
              <Badge color="red" variant="filled">
                {t("members.disabled")}
              </Badge>
            )}
          </Group>
        }
        actions={<RowActions variant="header" label={name} actions={actionsFor(m)} />}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <Section title={t("members.section.profile")}>
            <DetailList
              items={[
                { label: t("members.email"), value: m.email },
                {
                  label: t("members.col.role"),
                  value: <PlatformRoleBadge role={m.platformRole} />,
                },
                {
                  label: t("members.col.status"),
                  value: m.disabled ? t("members.disabled") : t("members.enabled"),
                },
                {
                  label: t("members.col.lastLogin"),
                  value: m.lastLoginTime
                    ? formatDateTime(timestampDate(m.lastLoginTime))
                    : t("common.never"),
                },
                {
                  label: t("members.createdAt"),
                  value: m.createTime ? formatDate(timestampDate(m.createTime)) : dash,
                },
                {
                  label: t("common.id"),
                  value: (
                    <Text span ff="monospace" fz="xs">
                      {m.id}
                    </Text>
                  ),
                },
              ]}
            />
          </Section>
          <Section title={t("members.section.memberships")} padding={0}>
            {organizations.length === 0 ? (
              <Text c="dimmed" fz="sm" px="lg" pb="lg">
                {t("members.noMemberships")}
              </Text>
            ) : (
              <Table verticalSpacing="sm" horizontalSpacing="lg">
                <Table.Tbody>
                  {organizations.map((o) => (
                    <Table.Tr key={o.organizationId}>
                      <Table.Td>
                        {canReadOrgs ? (
                          <AnchorLink
                            to="/organizations/$organizationId"
                            params={{ organizationId: o.organizationId }}
                            search={{ tab: "overview" }}
                            fz="sm"
                            fw={600}
                          >
                            {o.organizationName}
                          </AnchorLink>
                        ) : (
                          <Text fz="sm">{o.organizationName}</Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <OrganizationRoleBadge role={o.role} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          <Section title={t("members.section.permissions")}>
            {grants.length === 0 && m.extraPermissions.length === 0 ? (
              <Text c="dimmed" fz="sm">
                {t("members.noGrants")}
              </Text>
            ) : (
              <Stack gap="sm">
                {(grants.length > 0
                  ? grants
                  : m.extraPermissions.map((permission) => ({
                      permission,
                      grantedById: "",
                      reason: "",
                      createTime: undefined,
                    }))
                ).map((g) => (
                  <Stack key={g.permission} gap={2}>
                    <Group gap="xs">
                      <Badge variant="light" color="orange">
                        {t(permissionKey(g.permission))}
                      </Badge>
                    </Group>
                    {g.createTime && (
                      <Text fz="xs" c="dimmed">
                        {t("members.grantedBy", {
                          who: g.grantedById,
                          date: formatDate(timestampDate(g.createTime)),
                        })}
                        {g.reason ? ` · ${g.reason}` : ""}
                      </Text>
                    )}
                  </Stack>
                ))}
              </Stack>
            )}
          </Section>
        </Stack>
        <Section
          title={t("members.section.activity")}
          actions={
            canAudit && (
              <AnchorLink to="/audit" search={{ actorId: m.id }} fz="sm">
                {t("audit.showEvents")}
              </AnchorLink>
            )
          }
        >
          {recentActivity.length === 0 ? (
            <Text c="dimmed" fz="sm">
              {t("members.noActivity")}
            </Text>
          ) : (
            <AuditActivity events={recentActivity} />
          )}
        </Section>
      </SimpleGrid>
    </>
  );
}
